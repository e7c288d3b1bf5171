"""The new official SDK (alibabacloud-kms20160120, Tea/darabonba) against the demo server.

Usage: python sdk_new.py http://127.0.0.1:PORT

Runs every scenario of scenarios.py in each of the SDK's three signing modes:
- ACS3-HMAC-SHA256 (the default): Action, Version and the date only in x-acs-* headers,
  the API's parameters in the query, the Authorization header signed.
- RPC with HMAC-SHA1 (Config.signature_algorithm = "v2"): Action, Version, Format=json,
  Timestamp and the signature as query parameters.
- ACS4-HMAC-SHA256 (Config.signature_version = "v4"): through the POP gateway plugin, a
  signing key scoped to date, region and product.
The SDK only reads JSON (its models' body type), so every check here is JSON. Retries are
off (the SDK's default: no RetryOptions), so each call is one request. Requests the SDK
makes only when asked in unusual ways (another method, no signature) go through its public
`call_api` with the Params its KMS client uses, changed in that one respect.
"""

import re
import sys

from alibabacloud_kms20160120 import models
from alibabacloud_kms20160120.client import Client
from alibabacloud_tea_openapi import models as openapi_models
from alibabacloud_tea_openapi import utils_models
from darabonba.core import DaraCore
from darabonba.runtime import ExtendsParameters, RuntimeOptions

from harness import DEMO, FAULT_HEADER, TIMEOUT_SECONDS, Checks, Surfaced, expect, expect_request_id
from scenarios import run_all

# Every exchange the SDK makes: (request, response), to check the signature style and read
# the x-acs-request-id header of errors.
EXCHANGES = []
_do_action = DaraCore.do_action


def _recording_do_action(request, runtime_option=None):
    response = _do_action(request, runtime_option)
    EXCHANGES.append((request, response))
    return response


DaraCore.do_action = staticmethod(_recording_do_action)


def check_acs3(request):
    expect(request.headers.get("Authorization", "").split(" ")[0], "ACS3-HMAC-SHA256", "Authorization scheme")
    expect("Action" in request.query, False, "Action in the query")


def check_rpc_v1(request):
    expect(request.query.get("SignatureMethod"), "HMAC-SHA1", "SignatureMethod")
    expect(request.query.get("SignatureVersion"), "1.0", "SignatureVersion")
    expect("Authorization" in request.headers, False, "Authorization header")


def check_acs4(request):
    expect(request.headers.get("Authorization", "").split(" ")[0], "ACS4-HMAC-SHA256", "Authorization scheme")


# (name, Config attributes, what every signed request must look like, exception types by
# status class: the Tea client raises ClientException / ServerException, the POP gateway
# path UnretryableException)
MODES = [
    ("ACS3-HMAC-SHA256", {}, check_acs3, ("ClientException", "ServerException")),
    ("RPC-HMAC-SHA1", {"signature_algorithm": "v2"}, check_rpc_v1, ("ClientException", "ServerException")),
    ("ACS4-HMAC-SHA256", {"signature_version": "v4"}, check_acs4, ("UnretryableException", "UnretryableException")),
]

SDK_MESSAGE = re.compile(r"code: (\d+), (.*) request id: (\S+)", re.S)


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class Api:
    """The adapter scenarios.py drives, for one signing mode."""

    def __init__(self, endpoint, options, check_signature, kinds):
        self.endpoint = endpoint
        self.options = options
        self.check_signature = check_signature
        self.kinds = kinds
        self.clients = {}

    def client(self, key):
        if key not in self.clients:
            config = openapi_models.Config(
                access_key_id=key[0],
                access_key_secret=key[1],
                endpoint=self.endpoint,
                protocol="http",
                region_id="cn-hangzhou",
                connect_timeout=TIMEOUT_SECONDS * 1000,
                read_timeout=TIMEOUT_SECONDS * 1000,
            )
            for name, value in self.options.items():
                setattr(config, name, value)
            self.clients[key] = Client(config)
        return self.clients[key]

    def kind(self, status):
        return self.kinds[0] if status < 500 else self.kinds[1]

    def invoke(self, action, key, fault, params, queries=None):
        request = getattr(models, f"{action}Request")().from_map(params)
        headers = {FAULT_HEADER: fault} if fault else None
        runtime = RuntimeOptions(extends_parameters=ExtendsParameters(headers=headers, queries=queries))
        before = len(EXCHANGES)
        try:
            return getattr(self.client(key), f"{snake(action)}_with_options")(request, runtime)
        finally:
            expect(len(EXCHANGES) - before, 1, "requests sent (retries are off)")
            self.check_signature(EXCHANGES[-1][0])

    def call(self, action, key=DEMO, fault=None, **params):
        response = self.invoke(action, key, fault, params)
        expect(response.status_code, 200, "HTTP status")
        body = response.body.to_map()
        expect_request_id(body.get("RequestId"))
        expect(response.headers.get("x-acs-request-id"), body["RequestId"], "x-acs-request-id header")
        return body

    def fail(self, action, key=DEMO, fault=None, queries=None, **params):
        try:
            self.invoke(action, key, fault, params, queries)
        except Exception as error:  # each mode raises its own exception class
            return surfaced(error)
        raise AssertionError(f"{action}: expected an error, the call succeeded")

    def unusual(self, what, action):
        if what == "many_params":
            return self.fail(action, queries={f"p{i}": "v" for i in range(300)})
        if what == "no_timestamp":
            return self.no_timestamp(action)
        params = utils_models.Params(
            action=action,
            version="2016-01-20",
            protocol="HTTPS",
            pathname="/",
            method="PUT" if what == "put" else "POST",
            auth_type="Anonymous" if what == "unsigned" else "AK",
            style="RPC",
            req_body_type="formData",
            body_type="json",
        )
        try:
            self.client(DEMO).call_api(params, utils_models.OpenApiRequest(query={}), RuntimeOptions())
        except Exception as error:
            return surfaced(error)
        raise AssertionError(f"{what}: expected an error, the call succeeded")

    def no_timestamp(self, action):
        """An empty timestamp, signed: the RPC mode's `Timestamp` query parameter, the ACS
        modes' `x-acs-date` header, each set to "" through the SDK's extends parameters."""
        if "signature_algorithm" in self.options:
            extends = ExtendsParameters(queries={"Timestamp": ""})
        else:
            extends = ExtendsParameters(headers={"x-acs-date": ""})
        request = getattr(models, f"{action}Request")()
        try:
            getattr(self.client(DEMO), f"{snake(action)}_with_options")(request, RuntimeOptions(extends_parameters=extends))
        except Exception as error:
            return surfaced(error)
        raise AssertionError("expected an error, the call succeeded")


def surfaced(error):
    """The SDK's view of an error: its message reads `code: 404, <Message> request id: <id>`;
    the parsed body is the exception's `data`; the header is the last response's."""
    if getattr(error, "code", None) is None:
        raise error
    data = getattr(error, "data", None) or {}
    match = SDK_MESSAGE.fullmatch(str(getattr(error, "message", "")))
    if match is None:
        raise AssertionError(f"unexpected SDK message {getattr(error, 'message', None)!r}")
    status = getattr(error, "status_code", None) or data.get("statusCode")
    expect(int(match.group(1)), status, "status in the SDK message")
    request_id = getattr(error, "request_id", None) or match.group(3)
    expect(match.group(3), request_id, "request id in the SDK message")
    return Surfaced(
        kind=type(error).__name__,
        code=error.code,
        status=status,
        message=match.group(2),
        request_id=request_id,
        body_request_id=data.get("RequestId"),
        header_request_id=EXCHANGES[-1][1].headers.get("x-acs-request-id"),
    )


def main():
    endpoint = sys.argv[1].removeprefix("http://")
    failed = 0
    for mode, options, check_signature, kinds in MODES:
        checks = Checks(f"new-sdk {mode} JSON")
        run_all(checks, Api(endpoint, options, check_signature, kinds))
        failed += checks.failed
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
