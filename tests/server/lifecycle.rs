//! Key versions, imported key material, protection levels and quotas.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use errcat::Format;

use super::app::errors::{Code, invalid, kms, missing};
use super::app::store::quota::{KEY_BYTES, StoreLimits, VERSION_BYTES};
use super::{Client, DEMO, FORMATS, config, create_key, demo, rpc, start};

#[test]
fn create_key_options_are_checked() {
    let cases = [
        ("Origin", "Elsewhere", invalid("Origin")),
        ("ProtectionLevel", "PAPER", invalid("ProtectionLevel")),
        ("KeyUsage", "SHRED", invalid("KeyUsage")),
        ("KeySpec", "ROT13", invalid("KeySpec")),
    ];
    for (name, value, expected) in cases {
        for format in FORMATS {
            rpc("CreateKey", format, &[(name, value)]).expect_error(format, &expected);
        }
    }
    let long = "d".repeat(8193);
    rpc("CreateKey", Format::Json, &[("Description", &long)])
        .expect_error(Format::Json, &invalid("Description"));
}

#[test]
fn hsm_keys_need_a_region_with_hsms() {
    let body = rpc("CreateKey", Format::Json, &[("ProtectionLevel", "HSM")]).json();
    assert_eq!(body["KeyMetadata"]["ProtectionLevel"], "HSM");
    let url = start(super::app::Config {
        hsm: false,
        ..config()
    });
    for format in FORMATS {
        Client::new(&url, DEMO)
            .rpc("CreateKey", format, &[("ProtectionLevel", "HSM")])
            .expect_error(format, &kms(Code::UnsupportedProtectionLevel));
    }
    Client::new(&url, DEMO).create_key(Format::Json, &[("ProtectionLevel", "SOFTWARE")]);
}

#[test]
fn key_versions_are_created_described_and_listed() {
    for format in FORMATS {
        let key = create_key(format);
        let first = rpc("DescribeKey", format, &[("KeyId", &key)]).field(
            format,
            "DescribeKey",
            "PrimaryKeyVersion",
        );
        let blob = rpc("Encrypt", format, &[("KeyId", &key), ("Plaintext", "p")]).field(
            format,
            "Encrypt",
            "CiphertextBlob",
        );
        let second = rpc("CreateKeyVersion", format, &[("KeyId", &key)]).field(
            format,
            "CreateKeyVersion",
            "KeyVersionId",
        );
        assert_ne!(first, second);
        let primary = rpc("DescribeKey", format, &[("KeyId", &key)]).field(
            format,
            "DescribeKey",
            "PrimaryKeyVersion",
        );
        assert_eq!(primary, second);
        let described = rpc(
            "DescribeKeyVersion",
            format,
            &[("KeyId", &key), ("KeyVersionId", &first)],
        );
        assert_eq!(
            described.field(format, "DescribeKeyVersion", "KeyVersionId"),
            first
        );
        let listed = rpc(
            "ListKeyVersions",
            format,
            &[("KeyId", &key), ("PageSize", "1"), ("PageNumber", "2")],
        );
        assert_eq!(listed.field(format, "ListKeyVersions", "TotalCount"), "2");
        assert_eq!(
            listed.field(format, "ListKeyVersions", "KeyVersionId"),
            second
        );
        // A ciphertext of the first version still decrypts, and says which version.
        let decrypted = rpc("Decrypt", format, &[("CiphertextBlob", &blob)]);
        assert_eq!(decrypted.field(format, "Decrypt", "KeyVersionId"), first);

        rpc(
            "DescribeKeyVersion",
            format,
            &[("KeyId", &key), ("KeyVersionId", "no-such-version")],
        )
        .expect_error(format, &kms(Code::ForbiddenKeyVersionNotFound));
        rpc("DescribeKeyVersion", format, &[("KeyId", &key)])
            .expect_error(format, &missing("KeyVersionId"));
        rpc("ListKeyVersions", format, &[("KeyId", "no-such-key")])
            .expect_error(format, &kms(Code::ForbiddenKeyNotFound));
    }
}

#[test]
fn a_ciphertext_naming_a_version_the_key_lacks_is_key_version_not_found() {
    let key = create_key(Format::Json);
    let forged = BASE64.encode(format!("errcat-demo\0{key}\0no-such-version\0p"));
    rpc("Decrypt", Format::Xml, &[("CiphertextBlob", &forged)])
        .expect_error(Format::Xml, &kms(Code::ForbiddenKeyVersionNotFound));
}

/// `GetParametersForImport` for `key`: the import token.
fn import_token(client: &Client<'_>, format: Format, key: &str) -> String {
    let params = [
        ("KeyId", key),
        ("WrappingAlgorithm", "RSAES_OAEP_SHA_256"),
        ("WrappingKeySpec", "RSA_2048"),
    ];
    let reply = client.rpc("GetParametersForImport", format, &params);
    assert!(
        !reply
            .field(format, "GetParametersForImport", "PublicKey")
            .is_empty()
    );
    reply.field(format, "GetParametersForImport", "ImportToken")
}

fn import(
    client: &Client<'_>,
    format: Format,
    key: &str,
    material: &[u8],
    token: &str,
) -> super::Reply {
    let material = BASE64.encode(material);
    let params = [
        ("KeyId", key),
        ("EncryptedKeyMaterial", material.as_str()),
        ("ImportToken", token),
    ];
    client.rpc("ImportKeyMaterial", format, &params)
}

#[test]
fn external_keys_wait_for_their_material() {
    let client = demo();
    for format in FORMATS {
        let key = client.create_key(format, &[("Origin", "EXTERNAL")]);
        let state = || {
            rpc("DescribeKey", Format::Json, &[("KeyId", &key)]).json()["KeyMetadata"]["KeyState"]
                .clone()
        };
        assert_eq!(state(), "PendingImport");
        for params in [
            vec![("KeyId", key.as_str()), ("Plaintext", "p")],
            vec![("KeyId", key.as_str())],
        ] {
            let action = if params.len() == 2 {
                "Encrypt"
            } else {
                "EnableKey"
            };
            client
                .rpc(action, format, &params)
                .expect_error(format, &kms(Code::RejectedPendingImport));
        }
        client
            .rpc("CreateKeyVersion", format, &[("KeyId", &key)])
            .expect_error(format, &kms(Code::UnsupportedOrigin));

        let token = import_token(&client, format, &key);
        import(&client, format, &key, &[7; 32], "not-the-token")
            .expect_error(format, &kms(Code::InvalidImportToken));
        import(&client, format, &key, &[7; 31], &token)
            .expect_error(format, &kms(Code::InvalidKeyMaterial));
        let not_base64 = [
            ("KeyId", key.as_str()),
            ("EncryptedKeyMaterial", "%%%"),
            ("ImportToken", token.as_str()),
        ];
        client
            .rpc("ImportKeyMaterial", format, &not_base64)
            .expect_error(format, &kms(Code::InvalidKeyMaterial));
        import(&client, format, &key, &[7; 32], &token).field(
            format,
            "ImportKeyMaterial",
            "RequestId",
        );
        assert_eq!(state(), "Enabled");
        client
            .rpc("Encrypt", format, &[("KeyId", &key), ("Plaintext", "p")])
            .field(format, "Encrypt", "CiphertextBlob");
        // The material is in: the token is spent and the key takes no more.
        import(&client, format, &key, &[7; 32], &token)
            .expect_error(format, &kms(Code::RejectedStateModifiedFailed));
    }
}

#[test]
fn import_parameters_need_an_external_key_named_by_id() {
    let key = create_key(Format::Json);
    let params = |key| {
        [
            ("KeyId", key),
            ("WrappingAlgorithm", "RSAES_OAEP_SHA_256"),
            ("WrappingKeySpec", "RSA_2048"),
        ]
    };
    for format in FORMATS {
        rpc("GetParametersForImport", format, &params(&key))
            .expect_error(format, &kms(Code::UnsupportedOrigin));
        rpc("GetParametersForImport", format, &params("alias/anything"))
            .expect_error(format, &kms(Code::UnsupportedAlias));
        let wrong = [
            ("KeyId", key.as_str()),
            ("WrappingAlgorithm", "ROT13"),
            ("WrappingKeySpec", "RSA_2048"),
        ];
        rpc("GetParametersForImport", format, &wrong)
            .expect_error(format, &invalid("WrappingAlgorithm"));
        rpc("GetParametersForImport", format, &[("KeyId", &key)])
            .expect_error(format, &missing("WrappingAlgorithm"));
    }
}

#[test]
fn import_tokens_expire() {
    let url = start(super::app::Config {
        import_token_ttl: Duration::ZERO,
        ..config()
    });
    let client = Client::new(&url, DEMO);
    for format in FORMATS {
        let key = client.create_key(
            format,
            &[("Origin", "EXTERNAL"), ("KeySpec", "Aliyun_AES_128")],
        );
        let token = import_token(&client, format, &key);
        import(&client, format, &key, &[1; 16], &token)
            .expect_error(format, &kms(Code::ExpiredImportToken));
    }
}

#[test]
fn accounts_have_key_and_byte_quotas() {
    // Each test server starts empty, so the counts are exact.
    let url = start(config());
    let by_count = Client::new(&url, ("LTAIerrcatKeyQuota", "errcat-quota-secret"));
    by_count.create_key(Format::Json, &[]);
    by_count.create_key(Format::Xml, &[]);
    for format in FORMATS {
        by_count
            .rpc("CreateKey", format, &[])
            .expect_error(format, &kms(Code::RejectedLimitExceeded));
    }
    let by_bytes = Client::new(&url, ("LTAIerrcatByteQuota", "errcat-quota-secret"));
    let description = "b".repeat(2500);
    by_bytes.create_key(Format::Json, &[("Description", &description)]);
    const {
        assert!(
            2 * (KEY_BYTES + 2500 + VERSION_BYTES) > 4096,
            "the second key must not fit"
        )
    };
    by_bytes
        .rpc("CreateKey", Format::Json, &[("Description", &description)])
        .expect_error(Format::Json, &kms(Code::RejectedLimitExceeded));
    // A small key still fits: the quota counts bytes, not keys.
    by_bytes.create_key(Format::Json, &[("Description", "small")]);
}

#[test]
fn the_server_limits_keys_bytes_and_versions_whatever_the_quotas() {
    let limits = StoreLimits {
        max_keys: 3,
        max_bytes: 3 * 1024,
        max_versions: 2,
    };
    let url = start(super::app::Config {
        store_limits: limits,
        ..config()
    });
    let client = Client::new(&url, DEMO);
    let key = client.create_key(Format::Json, &[]);
    client
        .rpc("CreateKeyVersion", Format::Json, &[("KeyId", &key)])
        .json();
    client
        .rpc("CreateKeyVersion", Format::Json, &[("KeyId", &key)])
        .expect_error(Format::Json, &kms(Code::RejectedLimitExceeded));
    // 768 bytes so far; a key with a 2,000-byte description (2,640 bytes) passes 3,072.
    let big = "x".repeat(2000);
    client
        .rpc("CreateKey", Format::Json, &[("Description", &big)])
        .expect_error(Format::Json, &kms(Code::RejectedLimitExceeded));
    client.create_key(Format::Json, &[]);
    client.create_key(Format::Json, &[]);
    client
        .rpc("CreateKey", Format::Xml, &[])
        .expect_error(Format::Xml, &kms(Code::RejectedLimitExceeded));
    // Aliases count too.
    let alias = format!("alias/{}", "a".repeat(250));
    client
        .rpc(
            "CreateAlias",
            Format::Json,
            &[("AliasName", &alias), ("KeyId", &key)],
        )
        .json();
    client
        .rpc("DeleteAlias", Format::Json, &[("AliasName", &alias)])
        .json();
}
