"""The scenarios every SDK mode is put through, written once against a small adapter that
each SDK script provides for each of its modes:

- `api.call(action, key=DEMO, fault=None, **params)`: the success body, as a dict (or the
  XML read into one); fails the check if the call fails.
- `api.fail(action, key=DEMO, fault=None, **params)`: the `Surfaced` error; fails the check
  if the call succeeds.
- `api.kind(status)`: the exception type the SDK raises for an error of that status.
- `api.unusual(what, action)`: a request the SDK makes only when asked in an unusual way
  (`"put"`: another HTTP method; `"unsigned"`: no signature; `"no_timestamp"`: an empty
  timestamp; `"many_params"`: 300 extra parameters), as a `Surfaced`; `None` when the SDK
  cannot make it, and the scenario is left out of that mode's count.

Parameters are named as the KMS API names them (`KeyId`, `PendingWindowInDays`).
"""

import base64
import time

from harness import (
    CATALOG,
    DEMO,
    IMPORT_TOKEN_TTL_SECONDS,
    KEYS,
    Skip,
    expect,
    expect_error,
    find,
    plaintext,
)

WRAPPING = {"WrappingAlgorithm": "RSAES_OAEP_SHA_256", "WrappingKeySpec": "RSA_2048"}
MATERIAL = base64.b64encode(bytes(range(32))).decode()
STATES = {
    "kms_not_enabled": "Forbidden.KmsServiceNotEnabled",
    "in_debt": "Forbidden.InDebt",
    "in_debt_overdue": "Forbidden.InDebtOverdue",
    "prohibited_by_risk_control": "Forbidden.ProhibitedByRiskControl",
    "invalid_ubsms_user_id": "Forbidden.UbsmsInvalidUserid",
    "invalid_ubsms_partner_id": "Forbidden.UbsmsInvalidBid",
}


UNUSUAL = {
    "put": "with another HTTP method",
    "unsigned": "without a signature",
    "no_timestamp": "without a timestamp",
    "many_params": "with 300 extra parameters",
}


def refused(api, code, surfaced, **args):
    """Checks `surfaced` against `code` (or what the SDK turns it into, from the adapter's
    `REWRITES`); the exception type, as the check's note."""
    rewritten = getattr(api, "REWRITES", {}).get(code)
    expect_error(surfaced, code, api.kind(CATALOG[code][0]), rewritten=rewritten, **args)
    return surfaced.kind if rewritten is None else f"{surfaced.kind}, surfaced as {rewritten[0]}"


def new_key(api, **params):
    body = api.call("CreateKey", Description="interop", **params)
    return find(body, "KeyId")


def scenarios(api):
    """(name, check) pairs; a check returns a note or None, and raises on failure."""

    def fails(action, code, key=DEMO, fault=None, args=None, **params):
        return lambda: refused(api, code, api.fail(action, key=key, fault=fault, **params), **(args or {}))

    def unusual(what, action, code, **args):
        def check():
            surfaced = api.unusual(what, action)
            if surfaced is None:
                raise Skip(f"this SDK mode cannot send a request {UNUSUAL[what]}")
            return refused(api, code, surfaced, **args)

        return check

    def lifecycle():
        key = new_key(api)
        body = api.call("DescribeKey", KeyId=key)
        expect(find(body, "KeyState"), "Enabled", "KeyState")
        listed = api.call("ListKeys", PageSize=100)
        expect(key in str(listed), True, "the new key listed")
        text = plaintext()
        blob = find(api.call("Encrypt", KeyId=key, Plaintext=text), "CiphertextBlob")
        expect(find(api.call("Decrypt", CiphertextBlob=blob), "Plaintext"), text, "Plaintext")
        alias = f"alias/interop-{key[:8]}"
        api.call("CreateAlias", AliasName=alias, KeyId=key)
        expect(find(api.call("DescribeKey", KeyId=alias), "KeyId"), key, "KeyId by alias")
        api.call("DeleteAlias", AliasName=alias)

    def versions():
        key = new_key(api)
        first = find(api.call("DescribeKey", KeyId=key), "PrimaryKeyVersion")
        second = find(api.call("CreateKeyVersion", KeyId=key), "KeyVersionId")
        described = api.call("DescribeKeyVersion", KeyId=key, KeyVersionId=first)
        expect(find(described, "KeyVersionId"), first, "KeyVersionId")
        listed = api.call("ListKeyVersions", KeyId=key)
        expect(str(find(listed, "TotalCount")), "2", "TotalCount")
        expect(second in str(listed) and first in str(listed), True, "both versions listed")

    def imported():
        key = new_key(api, Origin="EXTERNAL")
        expect(find(api.call("DescribeKey", KeyId=key), "KeyState"), "PendingImport", "KeyState")
        token = find(api.call("GetParametersForImport", KeyId=key, **WRAPPING), "ImportToken")
        api.call("ImportKeyMaterial", KeyId=key, EncryptedKeyMaterial=MATERIAL, ImportToken=token)
        expect(find(api.call("DescribeKey", KeyId=key), "KeyState"), "Enabled", "KeyState after import")

    def with_key(action, code, setup=(), create=None, **params):
        def check():
            key = new_key(api, **(create or {}))
            for step, extra in setup:
                api.call(step, KeyId=key, **extra)
            return refused(api, code, api.fail(action, KeyId=key, **params))

        return check

    def import_error(code):
        def check():
            key = new_key(api, Origin="EXTERNAL")
            token = find(api.call("GetParametersForImport", KeyId=key, **WRAPPING), "ImportToken")
            material, given = MATERIAL, token
            if code == "InvalidKeyMaterial":
                material = base64.b64encode(b"short").decode()
            elif code == "InvalidImportToken":
                given = "forged-token"
            else:
                time.sleep(IMPORT_TOKEN_TTL_SECONDS + 0.5)
            surfaced = api.fail("ImportKeyMaterial", KeyId=key, EncryptedKeyMaterial=material, ImportToken=given)
            return refused(api, code, surfaced)

        return check

    def alias_twice():
        key = new_key(api)
        alias = f"alias/twice-{key[:8]}"
        api.call("CreateAlias", AliasName=alias, KeyId=key)
        return refused(api, "AliasAlreadyExists", api.fail("CreateAlias", AliasName=alias, KeyId=key))

    def quota(role, **params):
        def check():
            # Whatever earlier modes left, the account fills up within its quota + 1 calls.
            for attempt in range(1, 4):
                try:
                    api.call("CreateKey", key=KEYS[role], **params)
                except Exception:  # the quota is reached: `fail` below checks the error
                    break
            surfaced = api.fail("CreateKey", key=KEYS[role], **params)
            return f"{refused(api, 'Rejected.LimitExceeded', surfaced)}, {attempt} call(s) before"

        return check

    def unknown_version():
        key = new_key(api)
        return refused(
            api, "Forbidden.KeyVersionNotFound", api.fail("DescribeKeyVersion", KeyId=key, KeyVersionId="no-such")
        )

    schedule = ("ScheduleKeyDeletion", {"PendingWindowInDays": 7})
    checks = [
        ("CreateKey+DescribeKey+ListKeys+Encrypt+Decrypt+aliases", lifecycle),
        ("CreateKeyVersion+DescribeKeyVersion+ListKeyVersions", versions),
        ("Origin=EXTERNAL+GetParametersForImport+ImportKeyMaterial", imported),
        ("fault InternalFailure", fails("DescribeKey", "InternalFailure", fault="InternalFailure", KeyId="k")),
        (
            "fault ServiceUnavailableTemporary",
            fails("DescribeKey", "ServiceUnavailableTemporary", fault="ServiceUnavailableTemporary", KeyId="k"),
        ),
        ("InvalidAccessKeyId.NotFound", fails("ListKeys", "InvalidAccessKeyId.NotFound", key=("LTAInobody", "x"))),
        ("SignatureDoesNotMatch (wrong secret)", fails("ListKeys", "SignatureDoesNotMatch", key=(DEMO[0], "wrong"))),
        ("Forbidden.AccessKey (disabled)", fails("ListKeys", "Forbidden.AccessKey", key=KEYS["disabled"])),
        ("Forbidden.NoPermission", fails("CreateKey", "Forbidden.NoPermission", key=KEYS["read_only"])),
        ("Forbidden.KeyNotFound", fails("DescribeKey", "Forbidden.KeyNotFound", KeyId="no-such-key")),
        ("Forbidden.KeyVersionNotFound", unknown_version),
        ("Forbidden.AliasNotFound", fails("DescribeKey", "Forbidden.AliasNotFound", KeyId="alias/no-such")),
        ("MissingParameter", fails("DescribeKey", "MissingParameter", args={"parameter": "KeyId"})),
        ("InvalidParameter", fails("CreateKey", "InvalidParameter", args={"parameter": "Origin"}, Origin="Mars")),
        ("UnsupportedHTTPMethod", unusual("put", "ListKeys", "UnsupportedHTTPMethod")),
        ("IncompleteSignature", unusual("unsigned", "ListKeys", "IncompleteSignature")),
        ("IllegalTimestamp", unusual("no_timestamp", "ListKeys", "IllegalTimestamp")),
        ("ParseRequestParameterException", unusual("many_params", "ListKeys", "ParseRequestParameterException")),
        ("Rejected.LimitExceeded (keys)", quota("key_quota")),
        ("Rejected.LimitExceeded (bytes)", quota("byte_quota", Description="b" * 2500)),
        ("AliasAlreadyExists", alias_twice),
        ("Unsupported.Alias", fails("CreateAlias", "Unsupported.Alias", AliasName="alias/b", KeyId="alias/a")),
        ("Unsupported.ProtectionLevel", fails("CreateKey", "Unsupported.ProtectionLevel", ProtectionLevel="HSM")),
        ("Unsupported.Origin", with_key("GetParametersForImport", "Unsupported.Origin", **WRAPPING)),
        ("InvalidKeyMaterial", import_error("InvalidKeyMaterial")),
        ("InvalidImportToken", import_error("InvalidImportToken")),
        ("ExpiredImportToken", import_error("ExpiredImportToken")),
        ("Rejected.PendingImport", with_key("Encrypt", "Rejected.PendingImport", create={"Origin": "EXTERNAL"}, Plaintext="cA==")),
        ("Rejected.Disabled", with_key("Encrypt", "Rejected.Disabled", setup=[("DisableKey", {})], Plaintext="cA==")),
        ("Rejected.PendingDeletion", with_key("Encrypt", "Rejected.PendingDeletion", setup=[schedule], Plaintext="cA==")),
        ("Rejected.StateModifiedFailed", with_key("CancelKeyDeletion", "Rejected.StateModifiedFailed")),
    ]
    for state, code in STATES.items():
        checks.append((code, fails("ListKeys", code, key=KEYS[state])))
    return checks


def run_all(checks, api):
    """Runs every scenario; one whose request the SDK cannot make is reported as skipped."""
    for name, check in scenarios(api):
        checks.run(name, check)
