"""What every SDK script shares: a check runner, the catalog entries the checks expect, the
AccessKeys of the server's accounts file, and what an SDK surfaced for an error.

Each check prints one line, `PASS <sdk> <mode> <format> <name>`, `FAIL ...: why` or `SKIP
...: why` (a request the SDK mode cannot make); interop/run.sh counts them per mode. A script exits 1 when any of its checks failed.
"""

import base64
import pathlib
import re
import sys
import tomllib
import traceback
from dataclasses import dataclass

# Every code the checks provoke: code -> (HTTP status, message template), as errors.toml (and,
# for SignatureDoesNotMatch, the server's gateway catalog) has them. The server renders them
# with errcat; the SDKs must surface them unchanged.
CATALOG = {
    "InternalFailure": (500, "Internal Failure."),
    "ServiceUnavailableTemporary": (503, "Service Unavailable Temporary."),
    "InvalidAccessKeyId.NotFound": (404, "The AccessKey ID provided does not exist in our records."),
    "Forbidden.KeyNotFound": (404, "The specified Key is not found."),
    "Forbidden.KeyVersionNotFound": (404, "The specified Key version is not found."),
    "Forbidden.AliasNotFound": (404, "The specified Alias is not found."),
    "Forbidden.NoPermission": (403, "This operation is forbidden by permission system."),
    "Forbidden.AccessKey": (403, "This AccessKey is not enabled."),
    "UnsupportedHTTPMethod": (403, "This http method is not supported."),
    "Forbidden.UbsmsInvalidUserid": (403, "Userid Invalid For Ubsms."),
    "Forbidden.UbsmsInvalidBid": (403, "Your account partner does not have KMS Service."),
    "Forbidden.KmsServiceNotEnabled": (
        403,
        "Kms service is not Enabled for current user. Please get access permission first.",
    ),
    "Forbidden.ProhibitedByRiskControl": (403, "Current user is Prohibited By Risk Control."),
    "Forbidden.InDebtOverdue": (403, "Current user is indebted Overdue."),
    "Forbidden.InDebt": (403, "Current user is indebted."),
    "ParseRequestParameterException": (
        400,
        "Server parse parameters exception. Please check your input params.",
    ),
    "MissingParameter": (400, 'The parameter "{parameter}" is needed but not provided.'),
    "InvalidParameter": (400, 'The specified parameter "{parameter}" is not valid.'),
    "IncompleteSignature": (400, "The request signature does not conform to Alibaba Cloud standards."),
    "IllegalTimestamp": (
        400,
        'The input parameter "Timestamp" that is required for processing this request is not supplied.',
    ),
    "Rejected.LimitExceeded": (400, "The request was rejected because user create resource limit was exceeded."),
    "AliasAlreadyExists": (400, "AliasName Already Exists."),
    "InvalidKeyMaterial": (400, "key material is invalid."),
    "InvalidImportToken": (400, "import token is invalid."),
    "ExpiredImportToken": (400, "import token is expired."),
    "Unsupported.Origin": (400, "This key origin is not valid for this api."),
    "Unsupported.Alias": (400, "Alias is not valid for this api."),
    "Unsupported.ProtectionLevel": (400, "This protection level is not valid for this region"),
    "Rejected.StateModifiedFailed": (409, "Keystate modified failed."),
    "Rejected.Disabled": (409, "The request was rejected because the key state is Disabled."),
    "Rejected.PendingDeletion": (409, "The request was rejected because the key state is PendingDeletion."),
    "Rejected.PendingImport": (409, "The request was rejected because the key state is PendingImport."),
    # The gateway's: the message ends with the server's string to sign, which differs per
    # request; the checks compare the part before it.
    "SignatureDoesNotMatch": (
        400,
        "Specified signature does not match our calculation. server string to sign is:",
    ),
}

FAULT_HEADER = "x-errcat-fault"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# Every request's connect and read timeout, in seconds.
TIMEOUT_SECONDS = 10
# The accounts file run.sh starts the server with, and how long its import tokens last.
ACCOUNTS_FILE = pathlib.Path(__file__).resolve().parent.parent / "examples/kms_server/accounts.toml"
IMPORT_TOKEN_TTL_SECONDS = 3


def _access_keys():
    """The AccessKeys of the accounts file, by the role the checks give them."""
    accounts = tomllib.loads(ACCOUNTS_FILE.read_text())["account"]
    keys = {}
    for account in accounts:
        for key in account.get("access_key", []):
            pair = (key["id"], key["secret"])
            state = account.get("state", "normal")
            if state != "normal":
                keys[state] = pair
            elif not key.get("enabled", True):
                keys["disabled"] = pair
            elif "actions" in key:
                keys["read_only"] = pair
            elif "key_quota" in account:
                keys["key_quota"] = pair
            elif "byte_quota" in account:
                keys["byte_quota"] = pair
            else:
                keys.setdefault("demo", pair)
    return keys


KEYS = _access_keys()
DEMO = KEYS["demo"]


@dataclass
class Surfaced:
    """An error as an SDK reported it, with the request ids to cross-check: the one the SDK
    reports, the body's, and the x-acs-request-id header's."""

    kind: str
    code: str
    status: int
    message: str
    request_id: str
    body_request_id: str
    header_request_id: str


class Skip(Exception):
    """Raised by a check whose request the SDK mode cannot make: not a pass, not a failure."""


class Checks:
    """Runs named checks, printing one PASS, FAIL or SKIP line for each."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.failed = 0

    def run(self, name, check):
        try:
            note = check()
        except Skip as reason:
            print(f"SKIP {self.prefix} {name}: {reason}")
            sys.stdout.flush()
            return
        except Exception as error:  # a check fails on any exception, not only assertions
            self.failed += 1
            print(f"FAIL {self.prefix} {name}: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stderr)
        else:
            suffix = f" ({note})" if note else ""
            print(f"PASS {self.prefix} {name}{suffix}")
        sys.stdout.flush()


def expect(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")


def expect_request_id(request_id, what="request id"):
    if not isinstance(request_id, str) or not UUID.match(request_id):
        raise AssertionError(f"{what}: expected a UUID v4, got {request_id!r}")


def expect_error(surfaced, code, kind, rewritten=None, **args):
    """`surfaced` is exactly `code`'s error (its message's placeholders filled from `args`),
    raised as `kind`, with one request id everywhere. `rewritten` is the (code, message) an
    SDK deliberately shows instead."""
    status, template = CATALOG[code]
    message = template.format(**args)
    if rewritten is not None:
        code, message = rewritten
    expect(surfaced.kind, kind, "exception type")
    expect(surfaced.code, code, "code")
    expect(surfaced.status, status, "HTTP status")
    if code == "SignatureDoesNotMatch":
        expect(surfaced.message[: len(message)], message, "message")
    else:
        expect(surfaced.message, message, "message")
    expect_request_id(surfaced.request_id)
    expect(surfaced.body_request_id, surfaced.request_id, "the body's RequestId")
    expect(surfaced.header_request_id, surfaced.request_id, "the x-acs-request-id header")


def find(value, name):
    """The first value named `name` in a parsed body, depth first."""
    if isinstance(value, dict):
        if name in value:
            return value[name]
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found = find(item, name)
            if found is not None:
                return found
    return None


def plaintext():
    """What Encrypt is given: base64 text, as KMS clients send."""
    return base64.b64encode("errcat interop: ünïcödé & <xml>".encode()).decode()
