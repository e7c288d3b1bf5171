"""The new official SDK (alibabacloud-kms20160120, Tea/darabonba) against the demo server.

Usage: python sdk_new.py http://127.0.0.1:PORT

Runs the same checks in each of the SDK's three request styles:
- ACS3-HMAC-SHA256 (the default, signature v3): Action, Version and the date only in
  x-acs-* headers, the API's parameters in the query.
- RPC with HMAC-SHA1 (Config.signature_algorithm = "v2", signature v1): Action, Version,
  Format=json, Timestamp and the signature as query parameters.
- ACS4-HMAC-SHA256 (Config.signature_version = "v4"): through the POP gateway plugin, which
  takes the request id of errors from the x-acs-request-id header.
The SDK only reads JSON (its models' body type), so every check here is JSON. Retries are
off (the SDK's default: no RetryOptions), so each call is one request; the fault checks
assert that.
"""

import re
import sys

from alibabacloud_kms20160120 import models
from alibabacloud_kms20160120.client import Client
from alibabacloud_tea_openapi import models as openapi_models
from darabonba.core import DaraCore
from darabonba.runtime import ExtendsParameters, RuntimeOptions

from harness import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    FAULT_HEADER,
    TIMEOUT_SECONDS,
    Checks,
    expect,
    expect_error,
    expect_request_id,
    plaintext,
)

# Every request the SDK sends, recorded to check the signature style and count attempts.
SENT = []
_do_action = DaraCore.do_action


def _recording_do_action(request, runtime_option=None):
    SENT.append(request)
    return _do_action(request, runtime_option)


DaraCore.do_action = staticmethod(_recording_do_action)


def check_acs3(request):
    expect(request.headers.get("Authorization", "").split(" ")[0], "ACS3-HMAC-SHA256", "Authorization scheme")
    expect("Action" in request.query, False, "Action in the query")
    expect(request.headers.get("x-acs-action"), "CreateKey", "x-acs-action header")


def check_rpc_v1(request):
    expect(request.query.get("SignatureMethod"), "HMAC-SHA1", "SignatureMethod")
    expect(request.query.get("SignatureVersion"), "1.0", "SignatureVersion")
    expect(request.query.get("Action"), "CreateKey", "Action parameter")
    expect(request.query.get("Format"), "json", "Format parameter")
    expect("Authorization" in request.headers, False, "Authorization header")


def check_acs4(request):
    expect(request.headers.get("Authorization", "").split(" ")[0], "ACS4-HMAC-SHA256", "Authorization scheme")


# (name, Config attributes, what the first request must look like)
MODES = [
    ("ACS3-HMAC-SHA256", {}, check_acs3),
    ("RPC-HMAC-SHA1", {"signature_algorithm": "v2"}, check_rpc_v1),
    ("ACS4-HMAC-SHA256", {"signature_version": "v4"}, check_acs4),
]


def make_client(endpoint, options):
    config = openapi_models.Config(
        access_key_id=ACCESS_KEY_ID,
        access_key_secret=ACCESS_KEY_SECRET,
        endpoint=endpoint,
        protocol="http",
        region_id="cn-hangzhou",
        connect_timeout=TIMEOUT_SECONDS * 1000,
        read_timeout=TIMEOUT_SECONDS * 1000,
    )
    for name, value in options.items():
        setattr(config, name, value)
    return Client(config)


SDK_MESSAGE = re.compile(r"code: (\d+), (.*) request id: (\S+)", re.S)


def surfaced(error):
    """(code, status, message, request id) as the SDK reports them, cross-checked with the
    parsed body the exception carries. The SDK's message reads
    `code: 404, <Message> request id: <RequestId>`."""
    data = getattr(error, "data", None) or {}
    match = SDK_MESSAGE.fullmatch(str(getattr(error, "message", "")))
    if match is None:
        raise AssertionError(f"unexpected SDK message {getattr(error, 'message', None)!r}")
    status = getattr(error, "status_code", None) or data.get("statusCode")
    expect(int(match.group(1)), status, "status in the SDK message")
    request_id = getattr(error, "request_id", None) or match.group(3)
    expect(match.group(3), request_id, "request id in the SDK message")
    expect(data.get("RequestId"), request_id, "RequestId in the body")
    expect(data.get("Message"), match.group(2), "Message in the body")
    return (error.code, status, match.group(2), request_id)


def expect_sdk_error(call, code):
    try:
        call()
    except Exception as error:  # each SDK style raises its own exception class
        if getattr(error, "code", None) is None:
            raise
        expect_error(surfaced(error), code)
        return type(error).__name__
    raise AssertionError(f"expected {code}, the call succeeded")


def expect_success(response):
    expect(response.status_code, 200, "HTTP status")
    expect_request_id(response.body.request_id)
    expect(response.headers.get("x-acs-request-id"), response.body.request_id, "x-acs-request-id header")
    return response.body


def with_fault(code):
    return RuntimeOptions(extends_parameters=ExtendsParameters(headers={FAULT_HEADER: code}))


def run_mode(checks, client, check_signature, mode):
    state = {}

    def create_key():
        before = len(SENT)
        body = expect_success(client.create_key(models.CreateKeyRequest(description=f"interop {mode}")))
        check_signature(SENT[before])
        expect(body.key_metadata.key_state, "Enabled", "KeyState")
        expect(body.key_metadata.description, f"interop {mode}", "Description")
        state["key"] = body.key_metadata.key_id

    def describe_key():
        body = expect_success(client.describe_key(models.DescribeKeyRequest(key_id=state["key"])))
        expect(body.key_metadata.key_id, state["key"], "KeyId")
        expect(body.key_metadata.key_usage, "ENCRYPT/DECRYPT", "KeyUsage")

    def list_keys():
        body = expect_success(client.list_keys(models.ListKeysRequest(page_size=100)))
        ids = [key.key_id for key in body.keys.key]
        expect(state["key"] in ids, True, "the new key listed")

    def encrypt_decrypt():
        text = plaintext()
        encrypted = expect_success(client.encrypt(models.EncryptRequest(key_id=state["key"], plaintext=text)))
        expect(encrypted.key_id, state["key"], "Encrypt KeyId")
        blob = encrypted.ciphertext_blob
        decrypted = expect_success(client.decrypt(models.DecryptRequest(ciphertext_blob=blob)))
        expect(decrypted.plaintext, text, "Plaintext")
        expect(decrypted.key_id, state["key"], "Decrypt KeyId")

    def aliases():
        alias = f"alias/interop-{mode.lower()}"
        expect_success(client.create_alias(models.CreateAliasRequest(alias_name=alias, key_id=state["key"])))
        body = expect_success(client.describe_key(models.DescribeKeyRequest(key_id=alias)))
        expect(body.key_metadata.key_id, state["key"], "KeyId by alias")
        again = models.CreateAliasRequest(alias_name=alias, key_id=state["key"])
        expect_sdk_error(lambda: client.create_alias(again), "AliasAlreadyExists")
        expect_success(client.delete_alias(models.DeleteAliasRequest(alias_name=alias)))

    def key_not_found():
        return expect_sdk_error(
            lambda: client.describe_key(models.DescribeKeyRequest(key_id="no-such-key")),
            "Forbidden.KeyNotFound",
        )

    def missing_parameter():
        return expect_sdk_error(lambda: client.describe_key(models.DescribeKeyRequest()), "MissingParameter")

    def disabled():
        expect_success(client.disable_key(models.DisableKeyRequest(key_id=state["key"])))
        encrypt = models.EncryptRequest(key_id=state["key"], plaintext=plaintext())
        expect_sdk_error(lambda: client.encrypt(encrypt), "Rejected.Disabled")
        expect_success(client.enable_key(models.EnableKeyRequest(key_id=state["key"])))

    def pending_deletion():
        key = state["key"]
        schedule = models.ScheduleKeyDeletionRequest(key_id=key, pending_window_in_days=7)
        expect_success(client.schedule_key_deletion(schedule))
        encrypt = models.EncryptRequest(key_id=key, plaintext=plaintext())
        expect_sdk_error(lambda: client.encrypt(encrypt), "Rejected.PendingDeletion")
        enable = models.EnableKeyRequest(key_id=key)
        expect_sdk_error(lambda: client.enable_key(enable), "Rejected.StateModifiedFailed")
        expect_success(client.cancel_key_deletion(models.CancelKeyDeletionRequest(key_id=key)))
        body = expect_success(client.describe_key(models.DescribeKeyRequest(key_id=key)))
        expect(body.key_metadata.key_state, "Enabled", "KeyState after CancelKeyDeletion")

    def fault(code):
        def check():
            before = len(SENT)
            request = models.DescribeKeyRequest(key_id=state["key"])
            kind = expect_sdk_error(lambda: client.describe_key_with_options(request, with_fault(code)), code)
            expect(len(SENT) - before, 1, "requests sent (retries are off)")
            return kind

        return check

    checks.run("CreateKey", create_key)
    checks.run("DescribeKey", describe_key)
    checks.run("ListKeys", list_keys)
    checks.run("Encrypt+Decrypt", encrypt_decrypt)
    checks.run("CreateAlias+AliasAlreadyExists+DeleteAlias", aliases)
    checks.run("Forbidden.KeyNotFound", key_not_found)
    checks.run("MissingParameter", missing_parameter)
    checks.run("Rejected.Disabled", disabled)
    checks.run("Rejected.PendingDeletion+StateModifiedFailed", pending_deletion)
    checks.run("fault InternalFailure", fault("InternalFailure"))
    checks.run("fault ServiceUnavailableTemporary", fault("ServiceUnavailableTemporary"))


def main():
    endpoint = sys.argv[1].removeprefix("http://")
    failed = 0
    for mode, options, check_signature in MODES:
        checks = Checks(f"new-sdk {mode} JSON")
        run_mode(checks, make_client(endpoint, options), check_signature, mode)
        failed += checks.failed
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
