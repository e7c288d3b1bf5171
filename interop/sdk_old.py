"""The old official SDK (aliyun-python-sdk-core + aliyun-python-sdk-kms) against the demo server.

Usage: python sdk_old.py http://127.0.0.1:PORT

RPC style, signature v1 (HMAC-SHA1): Action, Version, Format, Timestamp and the signature
are query parameters of a POST. Every scenario of scenarios.py runs in two modes:
- JSON: `do_action_with_exception`, which forces Format=JSON and raises ServerException
  with the code, status, message and request id it reads from the body.
- XML: `set_accept_format('XML')` and `get_response`, which returns status, headers and
  body. The SDK parses error bodies as JSON only, so for XML it cannot name the code (its
  own exception would say SDK.UnknownServerError); these checks read the XML with the
  standard library instead and hold the SDK to what it does surface: the status.
The SDK always signs and always sets Timestamp itself, so it cannot send an unsigned
request or one without a timestamp: those scenarios are skipped. Retries: auto_retry=False,
so a 5xx is one request; one more check keeps the default policy on and records how many
attempts it makes on an injected fault.
"""

import importlib
import json
import sys
import warnings
import xml.etree.ElementTree as ElementTree

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.http.http_response import HttpResponse

from harness import DEMO, FAULT_HEADER, TIMEOUT_SECONDS, Checks, Surfaced, expect, expect_request_id
from scenarios import run_all

# `get_response` is deprecated in favour of `do_action_with_exception`, which cannot ask
# for XML; the warning is expected.
warnings.filterwarnings("ignore", category=DeprecationWarning)

# Every exchange the SDK makes: (URL, response headers, body), to check the signature
# parameters, the x-acs-request-id header and the body's RequestId, and count attempts.
EXCHANGES = []
_get_response_object = HttpResponse.get_response_object


def _recording_get_response_object(self):
    status, headers, body = _get_response_object(self)
    EXCHANGES.append((self.get_url(), headers, body))
    return status, headers, body


HttpResponse.get_response_object = _recording_get_response_object


def make_client(port, key, auto_retry=False):
    return AcsClient(
        key[0],
        key[1],
        "cn-hangzhou",
        auto_retry=auto_retry,
        port=port,
        timeout=TIMEOUT_SECONDS,
        connect_timeout=TIMEOUT_SECONDS,
    )


def request(action, fault=None, **params):
    """An SDK request for `action`, pointed at the demo server over plain HTTP."""
    module = importlib.import_module(f"aliyunsdkkms.request.v20160120.{action}Request")
    req = getattr(module, f"{action}Request")()
    req.set_endpoint("127.0.0.1")
    req.set_protocol_type("http")
    for name, value in params.items():
        getattr(req, f"set_{name}")(value)
    if fault:
        req.add_header(FAULT_HEADER, fault)
    return req


def check_signed(url):
    for part in ("SignatureMethod=HMAC-SHA1", "SignatureVersion=1.0", "Timestamp=", "Signature="):
        expect(part in url, True, f"{part} in the query")


class Api:
    """The adapter scenarios.py drives: JSON through `do_action_with_exception`."""

    # The SDK compares the server's string to sign, which SignatureDoesNotMatch's message
    # carries, with its own; when they are equal, only the secret can be wrong, and it says
    # so (aliyunsdkcore/client.py). It is equal here: the server signs what the SDK signed.
    REWRITES = {
        "SignatureDoesNotMatch": (
            "InvalidAccessKeySecret",
            "The AccessKeySecret is incorrect. Please check your AccessKeyId and AccessKeySecret.",
        )
    }

    def __init__(self, port):
        self.port = port
        self.clients = {}

    def client(self, key):
        if key not in self.clients:
            self.clients[key] = make_client(self.port, key)
        return self.clients[key]

    def kind(self, status):
        return "ServerException"

    def send(self, req, key):
        before = len(EXCHANGES)
        try:
            return self.client(key).do_action_with_exception(req)
        finally:
            expect(len(EXCHANGES) - before, 1, "requests sent (auto_retry=False)")

    def call(self, action, key=DEMO, fault=None, **params):
        body = json.loads(self.send(request(action, fault, **params), key))
        check_signed(EXCHANGES[-1][0])
        expect("Format=JSON" in EXCHANGES[-1][0], True, "Format=JSON in the query")
        expect_request_id(body.get("RequestId"))
        expect(EXCHANGES[-1][1].get("x-acs-request-id"), body["RequestId"], "x-acs-request-id header")
        return body

    def fail(self, action, key=DEMO, fault=None, **params):
        return self.fail_request(request(action, fault, **params), key)

    def fail_request(self, req, key=DEMO):
        try:
            self.send(req, key)
        except ServerException as error:
            _, headers, body = EXCHANGES[-1]
            return Surfaced(
                kind=type(error).__name__,
                code=error.get_error_code(),
                status=error.get_http_status(),
                message=error.get_error_msg(),
                request_id=error.get_request_id(),
                body_request_id=json.loads(body).get("RequestId"),
                header_request_id=headers.get("x-acs-request-id"),
            )
        raise AssertionError("expected an error, the call succeeded")

    def unusual(self, what, action):
        req = request(action)
        if what == "put":
            req.set_method("PUT")
        elif what == "many_params":
            for i in range(300):
                req.add_query_param(f"p{i}", "v")
        else:
            return None
        return self.fail_request(req)


def xml_to_dict(element):
    """An element's children as a dict (a repeated tag becomes a list), or its text."""
    children = list(element)
    if not children:
        return element.text
    result = {}
    for child in children:
        value = xml_to_dict(child)
        if child.tag in result:
            existing = result[child.tag]
            result[child.tag] = existing + [value] if isinstance(existing, list) else [existing, value]
        else:
            result[child.tag] = value
    return result


class XmlApi(Api):
    """XML through `set_accept_format('XML')` and `get_response`, read with the standard
    library: the SDK raises nothing, so the "exception type" checked is that none was."""

    NO_EXCEPTION = "none (get_response)"
    REWRITES = {}

    def kind(self, status):
        return self.NO_EXCEPTION

    def exchange(self, req, key):
        req.set_accept_format("XML")
        status, headers, body = self.client(key).get_response(req)
        expect("Format=XML" in EXCHANGES[-1][0], True, "Format=XML in the query")
        expect(headers.get("content-type"), "text/xml;charset=utf-8", "content type")
        root = ElementTree.fromstring(body)
        return status, headers, root

    def call(self, action, key=DEMO, fault=None, **params):
        status, headers, root = self.exchange(request(action, fault, **params), key)
        check_signed(EXCHANGES[-1][0])
        expect(status, 200, f"HTTP status ({root.findtext('Code')})")
        expect(root.tag, f"{action}Response", "root element")
        request_id = root.findtext("RequestId")
        expect_request_id(request_id)
        expect(headers.get("x-acs-request-id"), request_id, "x-acs-request-id header")
        return xml_to_dict(root)

    def fail_request(self, req, key=DEMO):
        status, headers, root = self.exchange(req, key)
        expect(root.tag, "KMS", "root element")
        expect(int(root.findtext("HttpStatus")), status, "HttpStatus equals the status line")
        return Surfaced(
            kind=self.NO_EXCEPTION,
            code=root.findtext("Code"),
            status=status,
            message=root.findtext("Message"),
            request_id=root.findtext("RequestId"),
            body_request_id=root.findtext("RequestId"),
            header_request_id=headers.get("x-acs-request-id"),
        )


def default_retry_check(checks, port):
    """The default retry policy on a fault that lasts: the SDK gives up with the same error."""
    client = make_client(port, DEMO, auto_retry=True)
    code = "ServiceUnavailableTemporary"

    def check():
        before = len(EXCHANGES)
        try:
            client.do_action_with_exception(request("DescribeKey", fault=code, KeyId="any-key"))
        except ServerException as error:
            expect(error.get_error_code(), code, "code")
            return f"{len(EXCHANGES) - before} attempt(s)"
        raise AssertionError("expected an error, the call succeeded")

    checks.run(f"default retry policy, fault {code}", check)


def main():
    port = int(sys.argv[1].rsplit(":", 1)[1])
    json_run = Checks("old-sdk RPC-HMAC-SHA1 JSON")
    run_all(json_run, Api(port))
    default_retry_check(json_run, port)
    xml_run = Checks("old-sdk RPC-HMAC-SHA1 XML")
    run_all(xml_run, XmlApi(port))
    sys.exit(1 if json_run.failed or xml_run.failed else 0)


if __name__ == "__main__":
    main()
