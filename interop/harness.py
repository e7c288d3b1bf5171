"""What both SDK scripts share: a check runner, the catalog entries they expect, helpers.

Each check prints one line, `PASS <sdk> <mode> <name>` or `FAIL <sdk> <mode> <name>: why`;
interop/run.sh counts them. A script exits 1 when any of its checks failed.
"""

import base64
import re
import sys
import traceback

# The catalog entries the checks provoke: code -> (HTTP status, message), as errors.toml has
# them. The server renders them with errcat; the SDKs must surface them unchanged.
CATALOG = {
    "Forbidden.KeyNotFound": (404, "The specified Key is not found."),
    "MissingParameter": (400, 'The parameter "KeyId" is needed but not provided.'),
    "AliasAlreadyExists": (400, "AliasName Already Exists."),
    "Rejected.Disabled": (409, "The request was rejected because the key state is Disabled."),
    "Rejected.PendingDeletion": (
        409,
        "The request was rejected because the key state is PendingDeletion.",
    ),
    "Rejected.StateModifiedFailed": (409, "Keystate modified failed."),
    "InternalFailure": (500, "Internal Failure."),
    "ServiceUnavailableTemporary": (503, "Service Unavailable Temporary."),
}

FAULT_HEADER = "x-errcat-fault"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# Dummy credentials: the demo server does not verify signatures.
ACCESS_KEY_ID = "LTAIerrcatDemoKeyId"
ACCESS_KEY_SECRET = "errcat-demo-secret"
# Every request's connect and read timeout, in seconds.
TIMEOUT_SECONDS = 10


class Checks:
    """Runs named checks, printing one PASS or FAIL line for each."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.failed = 0

    def run(self, name, check):
        try:
            note = check()
        except Exception as error:  # a check fails on any exception, not only assertions
            self.failed += 1
            print(f"FAIL {self.prefix} {name}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
        else:
            suffix = f" ({note})" if note else ""
            print(f"PASS {self.prefix} {name}{suffix}")
        sys.stdout.flush()

    def exit(self):
        sys.exit(1 if self.failed else 0)


def expect(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")


def expect_request_id(request_id, what="request id"):
    if not isinstance(request_id, str) or not UUID.match(request_id):
        raise AssertionError(f"{what}: expected a UUID v4, got {request_id!r}")


def expect_error(surfaced, code):
    """`surfaced` is (code, status, message, request id) as an SDK reported them."""
    status, message = CATALOG[code]
    expect(surfaced[0], code, "code")
    expect(surfaced[1], status, "HTTP status")
    expect(surfaced[2], message, "message")
    expect_request_id(surfaced[3])


def plaintext():
    """What Encrypt is given: base64 text, as KMS clients send."""
    return base64.b64encode("errcat interop: ünïcödé & <xml>".encode()).decode()
