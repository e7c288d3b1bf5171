//! Every one of the 32 KMS codes, reached through the request that provokes it: the
//! README's table of codes is this file. Only `InternalFailure` and
//! `ServiceUnavailableTemporary` rely on fault injection.

use std::time::Duration;

use base64::Engine as _;
use errcat::Format;

use super::app::errors::{Code, KmsError, invalid, kms, missing};
use super::app::fault::FAULT_HEADER;
use super::app::{self, Config};
use super::{Client, DEMO, FORMATS, Reply, config, encode, rpc_params, send, start};

/// The servers the scenarios need: one with the example accounts and no HSM in its region,
/// one whose import tokens expire at once.
struct Servers {
    main: String,
    expiring: String,
}

fn state(code: Code) -> &'static str {
    match code {
        Code::ForbiddenKmsServiceNotEnabled => "LTAIerrcatKmsNotEnabled",
        Code::ForbiddenInDebt => "LTAIerrcatInDebt",
        Code::ForbiddenInDebtOverdue => "LTAIerrcatInDebtOverdue",
        Code::ForbiddenProhibitedByRiskControl => "LTAIerrcatRiskControl",
        Code::ForbiddenUbsmsInvalidUserid => "LTAIerrcatUbsmsUserId",
        _ => "LTAIerrcatUbsmsPartnerId",
    }
}

/// A new key of `client`'s account, made with `params`, then put through `actions`.
fn key(
    client: &Client<'_>,
    params: &[(&str, &str)],
    actions: &[(&str, &[(&str, &str)])],
) -> String {
    let key = client.create_key(Format::Json, params);
    for (action, extra) in actions {
        let mut all = vec![("KeyId", key.as_str())];
        all.extend_from_slice(extra);
        client.rpc(action, Format::Json, &all).json();
    }
    key
}

/// An import token for `key`.
fn token(client: &Client<'_>, key: &str) -> String {
    let params = [
        ("KeyId", key),
        ("WrappingAlgorithm", "RSAES_OAEP_SHA_256"),
        ("WrappingKeySpec", "RSA_2048"),
    ];
    client
        .rpc("GetParametersForImport", Format::Json, &params)
        .json()["ImportToken"]
        .as_str()
        .expect("ImportToken")
        .to_owned()
}

/// The request that reaches `code`, in `format`, and the error it must get.
fn reach(code: Code, format: Format, servers: &Servers) -> (Reply, KmsError) {
    let demo = Client::new(&servers.main, DEMO);
    let now = app::clock::now();
    let error = kms(code);
    let material = base64::engine::general_purpose::STANDARD.encode([0u8; 32]);
    let reply = match code {
        Code::InternalFailure | Code::ServiceUnavailableTemporary => demo.signed(
            "GET",
            &rpc_params("ListKeys", format, &now, &[]),
            &[(FAULT_HEADER, code.code())],
        ),
        Code::InvalidAccessKeyIdNotFound => {
            Client::new(&servers.main, ("LTAIerrcatNobody", "x")).rpc("ListKeys", format, &[])
        }
        Code::ForbiddenKeyNotFound => demo.rpc("DescribeKey", format, &[("KeyId", "no-such-key")]),
        Code::ForbiddenKeyVersionNotFound => {
            let key = key(&demo, &[], &[]);
            demo.rpc(
                "DescribeKeyVersion",
                format,
                &[("KeyId", &key), ("KeyVersionId", "no-such-version")],
            )
        }
        Code::ForbiddenAliasNotFound => {
            demo.rpc("DescribeKey", format, &[("KeyId", "alias/no-such-alias")])
        }
        Code::ForbiddenNoPermission => Client::new(
            &servers.main,
            ("LTAIerrcatReadOnly", "errcat-read-only-secret"),
        )
        .rpc("CreateKey", format, &[]),
        Code::ForbiddenAccessKey => Client::new(
            &servers.main,
            ("LTAIerrcatDisabled", "errcat-disabled-secret"),
        )
        .rpc("ListKeys", format, &[]),
        Code::UnsupportedHTTPMethod => {
            demo.signed("PUT", &rpc_params("ListKeys", format, &now, &[]), &[])
        }
        Code::ForbiddenUbsmsInvalidUserid
        | Code::ForbiddenUbsmsInvalidBid
        | Code::ForbiddenKmsServiceNotEnabled
        | Code::ForbiddenProhibitedByRiskControl
        | Code::ForbiddenInDebtOverdue
        | Code::ForbiddenInDebt => Client::new(&servers.main, (state(code), "errcat-state-secret"))
            .rpc("ListKeys", format, &[]),
        Code::ParseRequestParameterException => {
            let many: String = (0..300).map(|i| format!("p{i}=v&")).collect();
            send(
                &servers.main,
                "GET",
                &format!("{many}Format={}", format.as_str()),
                None,
                &[],
            )
        }
        Code::MissingParameter => return (demo.rpc("DescribeKey", format, &[]), missing("KeyId")),
        Code::InvalidParameter => {
            return (
                demo.rpc("ListKeys", format, &[("PageSize", "0")]),
                invalid("PageSize"),
            );
        }
        Code::IncompleteSignature => send(
            &servers.main,
            "GET",
            &encode(&rpc_params("ListKeys", format, &now, &[])),
            None,
            &[],
        ),
        Code::IllegalTimestamp => {
            let params = [
                ("Action", "ListKeys"),
                ("Version", app::VERSION),
                ("Format", format.as_str()),
            ];
            demo.signed("GET", &params, &[])
        }
        Code::RejectedLimitExceeded => {
            let quota = Client::new(&servers.main, ("LTAIerrcatKeyQuota", "errcat-quota-secret"));
            // Two keys fit the account's quota; whichever call finds it full answers.
            (0..3)
                .map(|_| quota.rpc("CreateKey", format, &[]))
                .find(|r| r.status != 200)
                .expect("a refusal")
        }
        Code::AliasAlreadyExists => {
            let key = key(&demo, &[], &[]);
            let alias = format!("alias/every-{}", &key[..8]);
            demo.rpc(
                "CreateAlias",
                Format::Json,
                &[("AliasName", &alias), ("KeyId", &key)],
            )
            .json();
            demo.rpc(
                "CreateAlias",
                format,
                &[("AliasName", &alias), ("KeyId", &key)],
            )
        }
        Code::InvalidKeyMaterial | Code::InvalidImportToken | Code::ExpiredImportToken => {
            let url = if code == Code::ExpiredImportToken {
                &servers.expiring
            } else {
                &servers.main
            };
            let client = Client::new(url, DEMO);
            let key = key(&client, &[("Origin", "EXTERNAL")], &[]);
            let token = token(&client, &key);
            let (material, token) = match code {
                Code::InvalidKeyMaterial => ("AAAA", token.as_str()),
                Code::InvalidImportToken => (material.as_str(), "forged"),
                _ => (material.as_str(), token.as_str()),
            };
            let params = [
                ("KeyId", key.as_str()),
                ("EncryptedKeyMaterial", material),
                ("ImportToken", token),
            ];
            client.rpc("ImportKeyMaterial", format, &params)
        }
        Code::UnsupportedOrigin => {
            let key = key(&demo, &[], &[]);
            let params = [
                ("KeyId", key.as_str()),
                ("WrappingAlgorithm", "RSAES_OAEP_SHA_256"),
                ("WrappingKeySpec", "RSA_2048"),
            ];
            demo.rpc("GetParametersForImport", format, &params)
        }
        Code::UnsupportedAlias => demo.rpc(
            "CreateAlias",
            format,
            &[("AliasName", "alias/b"), ("KeyId", "alias/a")],
        ),
        Code::UnsupportedProtectionLevel => {
            demo.rpc("CreateKey", format, &[("ProtectionLevel", "HSM")])
        }
        Code::RejectedStateModifiedFailed => {
            let key = key(&demo, &[], &[]);
            demo.rpc("CancelKeyDeletion", format, &[("KeyId", &key)])
        }
        Code::RejectedDisabled | Code::RejectedPendingDeletion | Code::RejectedPendingImport => {
            let key = match code {
                Code::RejectedDisabled => key(&demo, &[], &[("DisableKey", &[])]),
                Code::RejectedPendingDeletion => key(
                    &demo,
                    &[],
                    &[("ScheduleKeyDeletion", &[("PendingWindowInDays", "7")])],
                ),
                _ => key(&demo, &[("Origin", "EXTERNAL")], &[]),
            };
            demo.rpc("Encrypt", format, &[("KeyId", &key), ("Plaintext", "cA==")])
        }
        other => panic!("no request reaches {other}: add one here and to the README's table"),
    };
    (reply, error)
}

#[test]
fn every_kms_code_is_reached_by_a_request() {
    let servers = Servers {
        main: start(Config {
            hsm: false,
            ..config()
        }),
        expiring: start(Config {
            import_token_ttl: Duration::ZERO,
            ..config()
        }),
    };
    assert_eq!(Code::ALL.len(), 32);
    for &code in Code::ALL {
        for format in FORMATS {
            let (reply, expected) = reach(code, format, &servers);
            reply.expect_error(format, &expected);
        }
    }
}
