//! Actions, parameters, formats, methods and request ids, from the demo AccessKey.

use errcat::Format;

use super::app::errors::{Code, invalid, kms, missing};
use super::app::{self, VERSION};
use super::{
    DEMO, FORMATS, create_key, demo, encode, rpc, rpc_params, send, server, signer, xml_field,
};

#[test]
fn create_and_describe_a_key_in_both_formats() {
    let reply = rpc(
        "CreateKey",
        Format::Json,
        &[("Description", "a <b> & \"c\"")],
    );
    let body = reply.json();
    let metadata = &body["KeyMetadata"];
    let key = metadata["KeyId"].as_str().unwrap();
    assert_eq!(metadata["KeyState"], "Enabled");
    assert_eq!(metadata["KeyUsage"], "ENCRYPT/DECRYPT");
    assert_eq!(metadata["Description"], "a <b> & \"c\"");
    assert!(metadata.get("DeleteDate").is_none());
    let arn = metadata["Arn"].as_str().unwrap();

    for key_id in [key, arn] {
        let body = rpc("DescribeKey", Format::Json, &[("KeyId", key_id)]).json();
        assert_eq!(body["KeyMetadata"]["KeyId"], key);
    }
    let reply = rpc("DescribeKey", Format::Xml, &[("KeyId", key)]);
    let xml = reply.xml("DescribeKey");
    assert_eq!(xml_field(xml, "KeyId"), Some(key));
    assert_eq!(xml_field(xml, "KeyState"), Some("Enabled"));
    assert_eq!(
        xml_field(xml, "Description"),
        Some("a &lt;b&gt; &amp; \"c\"")
    );
}

#[test]
fn list_keys_pages_in_both_formats() {
    let keys = [create_key(Format::Json), create_key(Format::Json)];
    let body = rpc("ListKeys", Format::Json, &[("PageSize", "100")]).json();
    let total = body["TotalCount"].as_u64().unwrap();
    assert!(total >= 2);
    let listed: Vec<&str> = body["Keys"]["Key"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["KeyId"].as_str().unwrap())
        .collect();
    assert!(keys.iter().all(|k| listed.contains(&k.as_str())) || total > 100);

    let body = rpc(
        "ListKeys",
        Format::Json,
        &[("PageSize", "1"), ("PageNumber", "2")],
    )
    .json();
    assert_eq!(
        (body["PageNumber"].as_u64(), body["PageSize"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(body["Keys"]["Key"].as_array().unwrap().len(), 1);

    let reply = rpc("ListKeys", Format::Xml, &[("PageSize", "2")]);
    let xml = reply.xml("ListKeys");
    assert_eq!(xml.matches("<Key><KeyId>").count(), 2, "{xml}");
    assert_eq!(xml_field(xml, "PageSize"), Some("2"));

    for (name, value) in [
        ("PageSize", "0"),
        ("PageSize", "101"),
        ("PageNumber", "0"),
        ("PageNumber", "x"),
    ] {
        for format in FORMATS {
            rpc("ListKeys", format, &[(name, value)]).expect_error(format, &invalid(name));
        }
    }
}

#[test]
fn key_states_change_and_illegal_changes_are_rejected() {
    for format in FORMATS {
        let key = create_key(format);
        let key = key.as_str();
        let ok = |action: &str, params: &[(&str, &str)]| {
            let reply = rpc(action, format, params);
            match format {
                Format::Json => drop(reply.json()),
                Format::Xml => drop(reply.xml(action)),
            }
        };
        let refused = |action: &str, params: &[(&str, &str)]| {
            rpc(action, format, params)
                .expect_error(format, &kms(Code::RejectedStateModifiedFailed));
        };
        let state =
            || rpc("DescribeKey", Format::Json, &[("KeyId", key)]).json()["KeyMetadata"].clone();

        ok("DisableKey", &[("KeyId", key)]);
        assert_eq!(state()["KeyState"], "Disabled");
        ok("EnableKey", &[("KeyId", key)]);
        assert_eq!(state()["KeyState"], "Enabled");
        refused("CancelKeyDeletion", &[("KeyId", key)]);

        rpc("ScheduleKeyDeletion", format, &[("KeyId", key)])
            .expect_error(format, &missing("PendingWindowInDays"));
        for days in ["6", "367", "seven"] {
            let params = [("KeyId", key), ("PendingWindowInDays", days)];
            rpc("ScheduleKeyDeletion", format, &params)
                .expect_error(format, &invalid("PendingWindowInDays"));
        }
        ok(
            "ScheduleKeyDeletion",
            &[("KeyId", key), ("PendingWindowInDays", "7")],
        );
        let metadata = state();
        assert_eq!(metadata["KeyState"], "PendingDeletion");
        assert!(metadata["DeleteDate"].is_string());
        refused("EnableKey", &[("KeyId", key)]);
        refused("DisableKey", &[("KeyId", key)]);
        refused(
            "ScheduleKeyDeletion",
            &[("KeyId", key), ("PendingWindowInDays", "30")],
        );
        ok("CancelKeyDeletion", &[("KeyId", key)]);
        let metadata = state();
        assert_eq!(metadata["KeyState"], "Enabled");
        assert!(metadata.get("DeleteDate").is_none());
    }
}

#[test]
fn encrypt_and_decrypt_round_trip_in_both_formats() {
    let key = create_key(Format::Json);
    let plaintext = "aGVsbG8gd29ybGQ= & <ünïcödé>";
    let body = rpc(
        "Encrypt",
        Format::Json,
        &[("KeyId", &key), ("Plaintext", plaintext)],
    )
    .json();
    assert_eq!(body["KeyId"], key.as_str());
    assert!(body["KeyVersionId"].is_string());
    let blob = body["CiphertextBlob"].as_str().unwrap();
    let body = rpc("Decrypt", Format::Json, &[("CiphertextBlob", blob)]).json();
    assert_eq!(body["Plaintext"], plaintext);
    assert_eq!(body["KeyId"], key.as_str());

    let reply = rpc(
        "Encrypt",
        Format::Xml,
        &[("KeyId", &key), ("Plaintext", "plain")],
    );
    let blob = xml_field(reply.xml("Encrypt"), "CiphertextBlob")
        .unwrap()
        .to_owned();
    let reply = rpc("Decrypt", Format::Xml, &[("CiphertextBlob", &blob)]);
    assert_eq!(xml_field(reply.xml("Decrypt"), "Plaintext"), Some("plain"));
}

#[test]
fn encrypt_and_decrypt_refuse_disabled_and_pending_deletion_keys() {
    let key = create_key(Format::Json);
    let blob = rpc(
        "Encrypt",
        Format::Json,
        &[("KeyId", &key), ("Plaintext", "p")],
    )
    .json()["CiphertextBlob"]
        .as_str()
        .unwrap()
        .to_owned();
    let cases = [
        (
            "DisableKey",
            vec![("KeyId", key.as_str())],
            Code::RejectedDisabled,
        ),
        (
            "ScheduleKeyDeletion",
            vec![("KeyId", key.as_str()), ("PendingWindowInDays", "7")],
            Code::RejectedPendingDeletion,
        ),
    ];
    for (action, params, code) in cases {
        rpc("EnableKey", Format::Json, &[("KeyId", &key)]);
        rpc(action, Format::Json, &params).json();
        for format in FORMATS {
            rpc("Encrypt", format, &[("KeyId", &key), ("Plaintext", "p")])
                .expect_error(format, &kms(code));
            rpc("Decrypt", format, &[("CiphertextBlob", &blob)]).expect_error(format, &kms(code));
        }
        rpc("CancelKeyDeletion", Format::Json, &[("KeyId", &key)]);
    }
}

#[test]
fn encrypt_and_decrypt_check_their_parameters() {
    let key = create_key(Format::Json);
    let too_long = "p".repeat(6 * 1024 + 1);
    let forged = "ZXJyY2F0LWRlbW8AYWxpYXMvYQB2AHA="; // "errcat-demo\0alias/a\0v\0p"
    for format in FORMATS {
        rpc("Encrypt", format, &[("KeyId", &key)]).expect_error(format, &missing("Plaintext"));
        rpc("Encrypt", format, &[("Plaintext", "p")]).expect_error(format, &missing("KeyId"));
        rpc(
            "Encrypt",
            format,
            &[("KeyId", &key), ("Plaintext", &too_long)],
        )
        .expect_error(format, &invalid("Plaintext"));
        rpc("Decrypt", format, &[]).expect_error(format, &missing("CiphertextBlob"));
        for blob in ["not base64!", "aGVsbG8=", forged] {
            rpc("Decrypt", format, &[("CiphertextBlob", blob)])
                .expect_error(format, &invalid("CiphertextBlob"));
        }
    }
    let unknown_key = "ZXJyY2F0LWRlbW8Abm8tc3VjaC1rZXkAdgBw"; // "errcat-demo\0no-such-key\0v\0p"
    rpc("Decrypt", Format::Json, &[("CiphertextBlob", unknown_key)])
        .expect_error(Format::Json, &kms(Code::ForbiddenKeyNotFound));
}

#[test]
fn aliases_name_keys_once() {
    let key = create_key(Format::Json);
    let alias = format!("alias/test-{}", &key[..8]);
    for format in FORMATS {
        let reply = rpc(
            "CreateAlias",
            format,
            &[("AliasName", &alias), ("KeyId", &key)],
        );
        if format == Format::Json {
            reply.json();
        } else {
            reply.expect_error(format, &kms(Code::AliasAlreadyExists));
        }
        rpc(
            "CreateAlias",
            format,
            &[("AliasName", &alias), ("KeyId", &key)],
        )
        .expect_error(format, &kms(Code::AliasAlreadyExists));
        for bad in ["test", "alias/", "alias/a b", "ALIAS/x"] {
            rpc(
                "CreateAlias",
                format,
                &[("AliasName", bad), ("KeyId", &key)],
            )
            .expect_error(format, &invalid("AliasName"));
        }
        rpc(
            "CreateAlias",
            format,
            &[("AliasName", "alias/other"), ("KeyId", &alias)],
        )
        .expect_error(format, &kms(Code::UnsupportedAlias));
        rpc(
            "CreateAlias",
            format,
            &[("AliasName", "alias/nokey"), ("KeyId", "no-such-key")],
        )
        .expect_error(format, &kms(Code::ForbiddenKeyNotFound));
        rpc("CreateAlias", format, &[("KeyId", &key)]).expect_error(format, &missing("AliasName"));
    }
    assert_eq!(
        rpc("DescribeKey", Format::Json, &[("KeyId", &alias)]).json()["KeyMetadata"]["KeyId"],
        key.as_str()
    );
    let reply = rpc("DeleteAlias", Format::Xml, &[("AliasName", &alias)]);
    reply.xml("DeleteAlias");
    for format in FORMATS {
        rpc("DeleteAlias", format, &[("AliasName", &alias)])
            .expect_error(format, &kms(Code::ForbiddenAliasNotFound));
        rpc("DescribeKey", format, &[("KeyId", &alias)])
            .expect_error(format, &kms(Code::ForbiddenAliasNotFound));
    }
}

#[test]
fn unknown_keys_are_forbidden_key_not_found_for_every_action_that_takes_one() {
    let actions: &[(&str, &[(&str, &str)])] = &[
        ("DescribeKey", &[]),
        ("EnableKey", &[]),
        ("DisableKey", &[]),
        ("ScheduleKeyDeletion", &[("PendingWindowInDays", "7")]),
        ("CancelKeyDeletion", &[]),
        ("Encrypt", &[("Plaintext", "p")]),
    ];
    for (action, extra) in actions {
        for format in FORMATS {
            let mut params = vec![("KeyId", "no-such-key")];
            params.extend_from_slice(extra);
            rpc(action, format, &params).expect_error(format, &kms(Code::ForbiddenKeyNotFound));
            let mut params = vec![];
            params.extend_from_slice(extra);
            rpc(action, format, &params).expect_error(format, &missing("KeyId"));
        }
    }
}

#[test]
fn common_parameters_are_checked() {
    let now = app::clock::now();
    let without = |skip: &str, format: Format| {
        let params: Vec<_> = rpc_params("ListKeys", format, &now, &[])
            .into_iter()
            .filter(|(name, _)| *name != skip)
            .collect();
        demo().signed("GET", &params, &[])
    };
    for format in FORMATS {
        without("Action", format).expect_error(format, &missing("Action"));
        without("Version", format).expect_error(format, &missing("Version"));
        without("Timestamp", format).expect_error(format, &kms(Code::IllegalTimestamp));
        rpc("Nonsense", format, &[]).expect_error(format, &invalid("Action"));
        let params = [
            ("Action", "ListKeys"),
            ("Version", "2014-01-01"),
            ("Timestamp", &now),
            ("Format", format.as_str()),
        ];
        demo()
            .signed("GET", &params, &[])
            .expect_error(format, &invalid("Version"));
        let params = [
            ("Action", "ListKeys"),
            ("Version", VERSION),
            ("Timestamp", "yesterday"),
            ("Format", format.as_str()),
        ];
        demo()
            .signed("GET", &params, &[])
            .expect_error(format, &invalid("Timestamp"));
    }
}

#[test]
fn format_is_case_insensitive_and_json_by_default() {
    let now = app::clock::now();
    for (value, format) in [
        ("JSON", Format::Json),
        ("json", Format::Json),
        ("Xml", Format::Xml),
        ("xml", Format::Xml),
        ("", Format::Json),
    ] {
        let params = [
            ("Action", "DescribeKey"),
            ("Version", VERSION),
            ("Timestamp", &now),
            ("Format", value),
            ("KeyId", "nope"),
        ];
        demo()
            .signed("GET", &params, &[])
            .expect_error(format, &kms(Code::ForbiddenKeyNotFound));
    }
    let params = [
        ("Action", "DescribeKey"),
        ("Version", VERSION),
        ("Timestamp", &now),
        ("KeyId", "nope"),
    ];
    demo()
        .signed("GET", &params, &[])
        .expect_error(Format::Json, &kms(Code::ForbiddenKeyNotFound));
    // An unknown format is answered in JSON, the format every client can read.
    let params = [("Action", "DescribeKey"), ("Format", "yaml")];
    demo()
        .signed("GET", &params, &[])
        .expect_error(Format::Json, &invalid("Format"));
}

#[test]
fn acs_headers_stand_in_for_action_version_and_timestamp() {
    let key = create_key(Format::Json);
    let now = app::clock::now();
    let headers = [
        ("x-acs-action", "DescribeKey"),
        ("x-acs-version", VERSION),
        ("x-acs-date", now.as_str()),
    ];
    let reply = demo().signed("POST", &[("KeyId", &key)], &headers);
    assert_eq!(reply.json()["KeyMetadata"]["KeyId"], key.as_str());
    // Parameters win over headers.
    let params = [("KeyId", key.as_str()), ("Action", "ListKeys")];
    assert!(demo().signed("POST", &params, &headers).json()["Keys"].is_object());
    demo()
        .signed("POST", &[("KeyId", &key)], &headers[..2])
        .expect_error(Format::Json, &kms(Code::IllegalTimestamp));
    demo()
        .signed("POST", &[("KeyId", &key)], &headers[1..])
        .expect_error(Format::Json, &missing("Action"));
}

#[test]
fn query_and_form_body_parameters_merge() {
    let key = create_key(Format::Json);
    let now = app::clock::now();
    let in_query = [
        "Action",
        "Format",
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
    ];
    // Signed over query and body together, as the SDKs sign; sent split between them.
    let post = |params: &[(&str, &str)]| {
        let signed = signer::sign_rpc("POST", params, DEMO.0, DEMO.1);
        let (query, form): (Vec<_>, Vec<_>) = signed
            .iter()
            .partition(|(name, _)| in_query.contains(&name.as_str()));
        let pairs = |list: Vec<&(String, String)>| list.into_iter().cloned().collect::<Vec<_>>();
        send(
            server(),
            "POST",
            &encode(&pairs(query)),
            Some(&encode(&pairs(form))),
            &[],
        )
    };
    let common = [
        ("Action", "DescribeKey"),
        ("Format", "XML"),
        ("Version", VERSION),
        ("Timestamp", &now),
    ];
    let mut params = common.to_vec();
    params.push(("KeyId", &key));
    let reply = post(&params);
    assert_eq!(
        xml_field(reply.xml("DescribeKey"), "KeyId"),
        Some(key.as_str())
    );
    // A form body that cannot be read as UTF-8 is refused before it is signed or used.
    let query = encode(&[("Action", "DescribeKey"), ("Format", "XML")]);
    send(server(), "POST", &query, Some("KeyId=%FF"), &[])
        .expect_error(Format::Xml, &kms(Code::ParseRequestParameterException));
}

#[test]
fn methods_other_than_get_and_post_are_unsupported() {
    let now = app::clock::now();
    for format in FORMATS {
        let query = encode(&rpc_params("ListKeys", format, &now, &[]));
        for method in ["PUT", "DELETE"] {
            send(server(), method, &query, None, &[])
                .expect_error(format, &kms(Code::UnsupportedHTTPMethod));
        }
    }
}

#[test]
fn every_response_has_a_fresh_request_id() {
    let ids: Vec<String> = (0..3)
        .map(|_| {
            rpc("ListKeys", Format::Json, &[]).json()["RequestId"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let errors: Vec<String> = (0..3)
        .map(|_| {
            rpc("DescribeKey", Format::Json, &[("KeyId", "x")])
                .request_id_header
                .unwrap()
        })
        .collect();
    let mut all: Vec<&String> = ids.iter().chain(&errors).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 6);
}

#[test]
fn every_action_answers_without_parameters() {
    for action in app::actions::ACTIONS {
        for format in FORMATS {
            let reply = rpc(action, format, &[]);
            if reply.status == 200 {
                continue;
            }
            let error = reply.error(format);
            assert!(
                matches!(error.code().known(), Some(Code::MissingParameter)),
                "{action}: {}",
                reply.text()
            );
        }
    }
}
