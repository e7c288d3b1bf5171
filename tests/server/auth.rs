//! Signatures, AccessKeys, permissions and account states: every way a request is refused
//! before it reaches a key.

use errcat::Format;

use super::app::accounts::Accounts;
use super::app::errors::{Code, KmsError, kms};
use super::app::{self, VERSION};
use super::{Client, DEMO, FORMATS, Reply, encode, rpc_params, send, server, signer};

/// `SignatureDoesNotMatch` (gateway catalog): status 400, the server's string to sign.
fn expect_mismatch(reply: &Reply, format: Format) -> String {
    let error = reply.error(format);
    assert_eq!(
        error.code_str(),
        "SignatureDoesNotMatch",
        "{}",
        reply.text()
    );
    assert_eq!(reply.status, 400);
    let message = error.message().expect("message").to_owned();
    let prefix = "Specified signature does not match our calculation. server string to sign is:";
    message
        .strip_prefix(prefix)
        .expect("the string to sign")
        .to_owned()
}

#[test]
fn an_unsigned_request_is_an_incomplete_signature() {
    let now = app::clock::now();
    for format in FORMATS {
        let query = encode(&rpc_params("ListKeys", format, &now, &[]));
        send(server(), "GET", &query, None, &[])
            .expect_error(format, &kms(Code::IncompleteSignature));
    }
}

#[test]
fn each_missing_or_unknown_rpc_signature_part_is_an_incomplete_signature() {
    let now = app::clock::now();
    let params = rpc_params("ListKeys", Format::Json, &now, &[]);
    let signed = signer::sign_rpc("GET", &params, DEMO.0, DEMO.1);
    for part in [
        "AccessKeyId",
        "Signature",
        "SignatureMethod",
        "SignatureVersion",
    ] {
        let without: Vec<_> = signed.iter().filter(|(name, _)| name != part).collect();
        let pairs: Vec<_> = without.into_iter().cloned().collect();
        send(server(), "GET", &encode(&pairs), None, &[])
            .expect_error(Format::Json, &kms(Code::IncompleteSignature));
    }
    for (part, value) in [
        ("SignatureMethod", "HMAC-SHA256"),
        ("SignatureVersion", "2.0"),
    ] {
        let changed: Vec<(String, String)> = signed
            .iter()
            .map(|(n, v)| {
                (
                    n.clone(),
                    if n == part {
                        value.to_owned()
                    } else {
                        v.clone()
                    },
                )
            })
            .collect();
        send(server(), "GET", &encode(&changed), None, &[])
            .expect_error(Format::Json, &kms(Code::IncompleteSignature));
    }
}

#[test]
fn an_unknown_access_key_is_not_found() {
    for format in FORMATS {
        Client::new(server(), ("LTAIerrcatNobody", "whatever"))
            .rpc("ListKeys", format, &[])
            .expect_error(format, &kms(Code::InvalidAccessKeyIdNotFound));
    }
}

#[test]
fn a_wrong_secret_or_a_changed_parameter_does_not_match() {
    for format in FORMATS {
        let reply = Client::new(server(), (DEMO.0, "not-the-secret")).rpc("ListKeys", format, &[]);
        let string_to_sign = expect_mismatch(&reply, format);
        assert!(
            string_to_sign
                .starts_with("GET&%2F&AccessKeyId%3DLTAIerrcatDemoKeyId%26Action%3DListKeys"),
            "{string_to_sign}"
        );
    }
    // Signed for one key id, sent with another: the signature no longer covers the request.
    let now = app::clock::now();
    let params = rpc_params("DescribeKey", Format::Json, &now, &[("KeyId", "a")]);
    let tampered: Vec<(String, String)> = signer::sign_rpc("GET", &params, DEMO.0, DEMO.1)
        .into_iter()
        .map(|(n, v)| {
            if n == "KeyId" {
                (n, "b".to_owned())
            } else {
                (n, v)
            }
        })
        .collect();
    expect_mismatch(
        &send(server(), "GET", &encode(&tampered), None, &[]),
        Format::Json,
    );
    // Signed as a GET, sent as a POST: the method is part of the string to sign.
    let signed = signer::sign_rpc("GET", &params, DEMO.0, DEMO.1);
    let reply = send(server(), "POST", &encode(&signed), None, &[]);
    assert!(expect_mismatch(&reply, Format::Json).starts_with("POST&"));
}

#[test]
fn a_disabled_access_key_is_refused_once_its_signature_is_proven() {
    let disabled = ("LTAIerrcatDisabled", "errcat-disabled-secret");
    for format in FORMATS {
        Client::new(server(), disabled)
            .rpc("ListKeys", format, &[])
            .expect_error(format, &kms(Code::ForbiddenAccessKey));
    }
    // Without the secret, nobody learns that the key exists but is disabled.
    let reply = Client::new(server(), (disabled.0, "guess")).rpc("ListKeys", Format::Json, &[]);
    expect_mismatch(&reply, Format::Json);
}

#[test]
fn an_access_key_calls_only_its_actions() {
    let read_only = Client::new(server(), ("LTAIerrcatReadOnly", "errcat-read-only-secret"));
    for format in FORMATS {
        read_only
            .rpc("ListKeys", format, &[])
            .field(format, "ListKeys", "TotalCount");
        for action in ["CreateKey", "Encrypt", "DisableKey"] {
            read_only
                .rpc(action, format, &[("KeyId", "k")])
                .expect_error(format, &kms(Code::ForbiddenNoPermission));
        }
    }
}

#[test]
fn each_account_state_has_its_forbidden_code() {
    let cases = [
        (
            "LTAIerrcatKmsNotEnabled",
            Code::ForbiddenKmsServiceNotEnabled,
        ),
        ("LTAIerrcatInDebt", Code::ForbiddenInDebt),
        ("LTAIerrcatInDebtOverdue", Code::ForbiddenInDebtOverdue),
        (
            "LTAIerrcatRiskControl",
            Code::ForbiddenProhibitedByRiskControl,
        ),
        ("LTAIerrcatUbsmsUserId", Code::ForbiddenUbsmsInvalidUserid),
        ("LTAIerrcatUbsmsPartnerId", Code::ForbiddenUbsmsInvalidBid),
    ];
    for (id, code) in cases {
        for format in FORMATS {
            Client::new(server(), (id, "errcat-state-secret"))
                .rpc("ListKeys", format, &[])
                .expect_error(format, &kms(code));
        }
    }
}

#[test]
fn accounts_see_only_their_own_keys() {
    let key = super::create_key(Format::Json);
    let other = Client::new(server(), ("LTAIerrcatKeyQuota", "errcat-quota-secret"));
    other
        .rpc("DescribeKey", Format::Json, &[("KeyId", &key)])
        .expect_error(Format::Json, &kms(Code::ForbiddenKeyNotFound));
    let listed = other
        .rpc("ListKeys", Format::Json, &[("PageSize", "100")])
        .text()
        .to_owned();
    assert!(!listed.contains(&key), "{listed}");
}

/// A request with `authorization` as its `Authorization` header, ACS3-style: action and
/// date in `x-acs-*` headers.
fn acs(authorization: &str) -> Reply {
    let now = app::clock::now();
    let headers = [
        ("authorization", authorization),
        ("x-acs-action", "ListKeys"),
        ("x-acs-version", VERSION),
        ("x-acs-date", now.as_str()),
    ];
    send(server(), "POST", "", None, &headers)
}

#[test]
fn malformed_authorization_headers_are_incomplete_signatures() {
    for header in [
        "ACS3-HMAC-SHA256",
        "ACS3-HMAC-SHA256 Credential=LTAIerrcatDemoKeyId",
        "ACS3-HMAC-SHA256 Credential=LTAIerrcatDemoKeyId,SignedHeaders=host,Signature=",
        "ACS5-HMAC-SHA256 Credential=LTAIerrcatDemoKeyId,SignedHeaders=host,Signature=00",
        "ACS4-HMAC-SHA256 Credential=LTAIerrcatDemoKeyId/2024/cn-hangzhou/Kms/aliyun_v4_request,SignedHeaders=host,Signature=00",
        "Basic dXNlcjpwYXNz",
    ] {
        acs(header).expect_error(Format::Json, &kms(Code::IncompleteSignature));
    }
}

#[test]
fn acs_signatures_are_checked_against_the_secret_and_the_scope() {
    let signed = "SignedHeaders=host;x-acs-action;x-acs-date;x-acs-version,Signature=00ff";
    let acs3 = acs(&format!(
        "ACS3-HMAC-SHA256 Credential=LTAIerrcatDemoKeyId,{signed}"
    ));
    let string_to_sign = expect_mismatch(&acs3, Format::Json);
    assert!(
        string_to_sign.starts_with("ACS3-HMAC-SHA256\n"),
        "{string_to_sign}"
    );
    let today = app::clock::now().replace('-', "");
    let scope = |region: &str| {
        format!(
            "ACS4-HMAC-SHA256 Credential=LTAIerrcatDemoKeyId/{}/{region}/Kms/aliyun_v4_request,{signed}",
            &today[..8]
        )
    };
    expect_mismatch(&acs(&scope("cn-hangzhou")), Format::Json);
    // Scoped to another region than the server's: refused whatever the signature.
    expect_mismatch(&acs(&scope("eu-central-1")), Format::Json);
    acs(&format!(
        "ACS3-HMAC-SHA256 Credential=LTAIerrcatNobody,{signed}"
    ))
    .expect_error(Format::Json, &kms(Code::InvalidAccessKeyIdNotFound));
}

#[test]
fn accounts_files_are_checked() {
    let twice = "[[account]]\nid = \"1\"\n[[account.access_key]]\nid = \"a\"\nsecret = \"s\"\n[[account.access_key]]\nid = \"a\"\nsecret = \"t\"\n";
    assert!(
        Accounts::parse(twice, "f")
            .unwrap_err()
            .contains("`a` is listed twice")
    );
    let unknown_state = "[[account]]\nid = \"1\"\nstate = \"asleep\"\n";
    assert!(
        Accounts::parse(unknown_state, "f")
            .unwrap_err()
            .starts_with("f: ")
    );
    let typo = "[[account]]\nid = \"1\"\nkey_qouta = 2\n";
    assert!(
        Accounts::parse(typo, "f")
            .unwrap_err()
            .contains("key_qouta")
    );
    assert!(
        Accounts::parse("", "f")
            .unwrap_err()
            .contains("no AccessKey")
    );
    let empty_secret =
        "[[account]]\nid = \"1\"\n[[account.access_key]]\nid = \"a\"\nsecret = \"\"\n";
    assert!(
        Accounts::parse(empty_secret, "f")
            .unwrap_err()
            .contains("empty secret")
    );
    let builtin = Accounts::builtin();
    let key = builtin.access_key(DEMO.0).expect("the demo AccessKey");
    assert_eq!((key.secret.as_str(), key.enabled), (DEMO.1, true));
}

/// The checks of `authenticate` come before those of the account and the action.
#[test]
fn authentication_comes_before_everything_but_the_method() {
    let nobody = Client::new(server(), ("LTAIerrcatNobody", "x"));
    let expected: KmsError = kms(Code::InvalidAccessKeyIdNotFound);
    nobody
        .rpc("Nonsense", Format::Json, &[])
        .expect_error(Format::Json, &expected);
    nobody
        .signed("GET", &[("Action", "ListKeys")], &[])
        .expect_error(Format::Json, &expected);
}
