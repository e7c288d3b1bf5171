"""The old official SDK (aliyun-python-sdk-core + aliyun-python-sdk-kms) against the demo server.

Usage: python sdk_old.py http://127.0.0.1:PORT

RPC style, signature v1 (HMAC-SHA1): Action, Version, Format, Timestamp and the signature
are query parameters of a POST.
- JSON: `do_action_with_exception`, which forces Format=JSON and raises ServerException
  with the code, status, message and request id it reads from the body.
- XML: `set_accept_format('XML')` and `get_response`, which returns status, headers and
  body. The SDK parses error bodies as JSON only, so for XML it cannot name the code (its
  own exception would say SDK.UnknownServerError); these checks read the XML with the
  standard library instead and hold the SDK to what it does surface: the status.
Retries: the client is built with auto_retry=False, so a 5xx is one request. One more check
keeps the default policy on and records how many attempts it makes on an injected fault
(the fault header applies to every attempt, so the outcome is deterministic).
"""

import json
import sys
import warnings
import xml.etree.ElementTree as ElementTree

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.http.http_response import HttpResponse
from aliyunsdkkms.request.v20160120 import (
    CancelKeyDeletionRequest,
    CreateAliasRequest,
    CreateKeyRequest,
    DecryptRequest,
    DeleteAliasRequest,
    DescribeKeyRequest,
    DisableKeyRequest,
    EnableKeyRequest,
    EncryptRequest,
    ListKeysRequest,
    ScheduleKeyDeletionRequest,
)

from harness import (
    ACCESS_KEY_ID,
    ACCESS_KEY_SECRET,
    CATALOG,
    FAULT_HEADER,
    TIMEOUT_SECONDS,
    Checks,
    expect,
    expect_error,
    expect_request_id,
    plaintext,
)

# `get_response` is deprecated in favour of `do_action_with_exception`, which cannot ask
# for XML; the warning is expected.
warnings.filterwarnings("ignore", category=DeprecationWarning)

# Every exchange the SDK makes: (URL, response headers), to check the signature
# parameters, the x-acs-request-id header, and count attempts.
EXCHANGES = []
_get_response_object = HttpResponse.get_response_object


def _recording_get_response_object(self):
    status, headers, body = _get_response_object(self)
    EXCHANGES.append((self.get_url(), headers))
    return status, headers, body


HttpResponse.get_response_object = _recording_get_response_object


def make_client(port, auto_retry=False):
    return AcsClient(
        ACCESS_KEY_ID,
        ACCESS_KEY_SECRET,
        "cn-hangzhou",
        auto_retry=auto_retry,
        port=port,
        timeout=TIMEOUT_SECONDS,
        connect_timeout=TIMEOUT_SECONDS,
    )


def request(module, **params):
    """An SDK request pointed at the demo server over plain HTTP."""
    req = getattr(module, module.__name__.rsplit(".", 1)[1])()
    req.set_endpoint("127.0.0.1")
    req.set_protocol_type("http")
    for name, value in params.items():
        getattr(req, f"set_{name}")(value)
    return req


def last_header_request_id():
    return EXCHANGES[-1][1].get("x-acs-request-id")


class Json:
    """The JSON path: `do_action_with_exception`."""

    def __init__(self, client):
        self.client = client

    def call(self, module, **params):
        body = json.loads(self.client.do_action_with_exception(request(module, **params)))
        expect_request_id(body.get("RequestId"))
        expect(last_header_request_id(), body["RequestId"], "x-acs-request-id header")
        return body

    def error(self, module, code, headers=None, **params):
        req = request(module, **params)
        for name, value in (headers or {}).items():
            req.add_header(name, value)
        try:
            self.client.do_action_with_exception(req)
        except ServerException as error:
            surfaced = (error.get_error_code(), error.get_http_status(), error.get_error_msg(), error.get_request_id())
            expect_error(surfaced, code)
            expect(last_header_request_id(), error.get_request_id(), "x-acs-request-id header")
            return
        raise AssertionError(f"expected {code}, the call succeeded")


class Xml:
    """The XML path: `set_accept_format('XML')` and `get_response`."""

    def __init__(self, client):
        self.client = client

    def exchange(self, module, **params):
        req = request(module, **params)
        req.set_accept_format("XML")
        status, headers, body = self.client.get_response(req)
        expect("Format=XML" in EXCHANGES[-1][0], True, "Format=XML in the query")
        expect(headers.get("content-type"), "text/xml;charset=utf-8", "content type")
        root = ElementTree.fromstring(body)
        request_id = root.findtext("RequestId")
        expect_request_id(request_id)
        expect(headers.get("x-acs-request-id"), request_id, "x-acs-request-id header")
        return status, root

    def call(self, module, action, **params):
        status, root = self.exchange(module, **params)
        expect(status, 200, "HTTP status")
        expect(root.tag, f"{action}Response", "root element")
        return root

    def error(self, module, code, **params):
        status, root = self.exchange(module, **params)
        expect(root.tag, "KMS", "root element")
        expect(int(root.findtext("HttpStatus")), status, "HttpStatus equals the status line")
        expect_error((root.findtext("Code"), status, root.findtext("Message"), root.findtext("RequestId")), code)


def json_checks(checks, client):
    api = Json(client)
    state = {}

    def create_key():
        body = api.call(CreateKeyRequest, Description="interop old sdk")
        url = EXCHANGES[-1][0]
        for part in ("SignatureMethod=HMAC-SHA1", "SignatureVersion=1.0", "Action=CreateKey", "Format=JSON", "Timestamp="):
            expect(part in url, True, f"{part} in the query")
        expect(body["KeyMetadata"]["KeyState"], "Enabled", "KeyState")
        state["key"] = body["KeyMetadata"]["KeyId"]

    def describe_list():
        body = api.call(DescribeKeyRequest, KeyId=state["key"])
        expect(body["KeyMetadata"]["KeyId"], state["key"], "KeyId")
        body = api.call(ListKeysRequest, PageSize=100)
        expect(state["key"] in [k["KeyId"] for k in body["Keys"]["Key"]], True, "the new key listed")

    def encrypt_decrypt():
        text = plaintext()
        blob = api.call(EncryptRequest, KeyId=state["key"], Plaintext=text)["CiphertextBlob"]
        expect(api.call(DecryptRequest, CiphertextBlob=blob)["Plaintext"], text, "Plaintext")

    def aliases():
        api.call(CreateAliasRequest, AliasName="alias/interop-old", KeyId=state["key"])
        api.error(CreateAliasRequest, "AliasAlreadyExists", AliasName="alias/interop-old", KeyId=state["key"])
        api.call(DeleteAliasRequest, AliasName="alias/interop-old")

    def disabled_and_pending():
        key = state["key"]
        blob = api.call(EncryptRequest, KeyId=key, Plaintext=plaintext())["CiphertextBlob"]
        api.call(DisableKeyRequest, KeyId=key)
        api.error(EncryptRequest, "Rejected.Disabled", KeyId=key, Plaintext=plaintext())
        api.call(EnableKeyRequest, KeyId=key)
        api.call(ScheduleKeyDeletionRequest, KeyId=key, PendingWindowInDays="7")
        api.error(DecryptRequest, "Rejected.PendingDeletion", CiphertextBlob=blob)
        api.error(EnableKeyRequest, "Rejected.StateModifiedFailed", KeyId=key)
        api.call(CancelKeyDeletionRequest, KeyId=key)

    checks.run("CreateKey", create_key)
    checks.run("DescribeKey+ListKeys", describe_list)
    checks.run("Encrypt+Decrypt", encrypt_decrypt)
    checks.run("CreateAlias+AliasAlreadyExists+DeleteAlias", aliases)
    checks.run("Forbidden.KeyNotFound", lambda: api.error(DescribeKeyRequest, "Forbidden.KeyNotFound", KeyId="no-such-key"))
    checks.run("MissingParameter", lambda: api.error(DescribeKeyRequest, "MissingParameter"))
    checks.run("Rejected.Disabled+PendingDeletion+StateModifiedFailed", disabled_and_pending)
    for code in ("InternalFailure", "ServiceUnavailableTemporary"):
        checks.run(f"fault {code}", lambda code=code: one_attempt(api, code, state))


def one_attempt(api, code, state):
    before = len(EXCHANGES)
    api.error(DescribeKeyRequest, code, headers={FAULT_HEADER: code}, KeyId=state["key"])
    expect(len(EXCHANGES) - before, 1, "requests sent (auto_retry=False)")


def xml_checks(checks, client):
    api = Xml(client)
    state = {}

    def create_describe():
        root = api.call(CreateKeyRequest, "CreateKey", Description="interop old sdk xml")
        state["key"] = root.findtext("KeyMetadata/KeyId")
        expect(root.findtext("KeyMetadata/KeyState"), "Enabled", "KeyState")
        root = api.call(DescribeKeyRequest, "DescribeKey", KeyId=state["key"])
        expect(root.findtext("KeyMetadata/KeyId"), state["key"], "KeyId")
        root = api.call(ListKeysRequest, "ListKeys", PageSize=100)
        expect(state["key"] in [k.findtext("KeyId") for k in root.findall("Keys/Key")], True, "the new key listed")

    def encrypt_decrypt():
        text = plaintext()
        blob = api.call(EncryptRequest, "Encrypt", KeyId=state["key"], Plaintext=text).findtext("CiphertextBlob")
        expect(api.call(DecryptRequest, "Decrypt", CiphertextBlob=blob).findtext("Plaintext"), text, "Plaintext")

    def disabled():
        api.call(DisableKeyRequest, "DisableKey", KeyId=state["key"])
        api.error(EncryptRequest, "Rejected.Disabled", KeyId=state["key"], Plaintext=plaintext())
        api.call(EnableKeyRequest, "EnableKey", KeyId=state["key"])

    checks.run("CreateKey+DescribeKey+ListKeys", create_describe)
    checks.run("Encrypt+Decrypt", encrypt_decrypt)
    checks.run("Forbidden.KeyNotFound", lambda: api.error(DescribeKeyRequest, "Forbidden.KeyNotFound", KeyId="no-such-key"))
    checks.run("MissingParameter", lambda: api.error(DescribeKeyRequest, "MissingParameter"))
    checks.run("Rejected.Disabled", disabled)


def default_retry_check(checks, port):
    """The default retry policy on a fault that lasts: the SDK gives up with the same error."""
    api = Json(make_client(port, auto_retry=True))
    code = "ServiceUnavailableTemporary"

    def check():
        before = len(EXCHANGES)
        api.error(DescribeKeyRequest, code, headers={FAULT_HEADER: code}, KeyId="any-key")
        return f"{len(EXCHANGES) - before} attempt(s)"

    checks.run(f"default retry policy, fault {code}", check)


def main():
    port = int(sys.argv[1].rsplit(":", 1)[1])
    client = make_client(port)
    json_run = Checks("old-sdk RPC-HMAC-SHA1 JSON")
    json_checks(json_run, client)
    xml_run = Checks("old-sdk RPC-HMAC-SHA1 XML")
    xml_checks(xml_run, client)
    default_retry_check(json_run, port)
    sys.exit(1 if json_run.failed or xml_run.failed else 0)


if __name__ == "__main__":
    main()
