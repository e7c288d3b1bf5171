//! The KMS demo server (`examples/kms_server`) over real HTTP on 127.0.0.1: every action
//! and every error it returns, in JSON and in XML, checking the status line, the headers and
//! the body as errcat's client side decodes it.
//!
//! The server runs in this process, on its own thread and runtime, from the same module the
//! example's `main` uses.

#[path = "../examples/kms_server/app/mod.rs"]
mod app;

use std::sync::OnceLock;
use std::thread;
use std::time::Duration;

use errcat::kms::{Error, ErrorCode, ServiceError};
use errcat::{Code, Format, Retry};
use serde_json::Value;

use app::{Config, FAULT_HEADER, Fault, VERSION};

const HOST_ID: &str = "kms.test.local";

/// Starts a server on 127.0.0.1:0 on a thread of its own and returns its URL.
fn start(config: Config) -> String {
    let (sender, receiver) = std::sync::mpsc::channel();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let address = listener.local_addr().expect("address");
            sender.send(format!("http://{address}")).expect("send url");
            app::serve(listener, config).await.expect("serve");
        });
    });
    receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("server started")
}

/// The server the tests share, without injected faults.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        start(Config {
            host_id: HOST_ID.to_owned(),
            fault: None,
        })
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// A response, read whole.
struct Reply {
    status: u16,
    content_type: Option<String>,
    request_id_header: Option<String>,
    retry_after: bool,
    body: Vec<u8>,
}

impl Reply {
    fn from(response: ureq::http::Response<ureq::Body>) -> Reply {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().expect("ASCII header").to_owned())
        };
        let (content_type, request_id_header) =
            (header("content-type"), header("x-acs-request-id"));
        let retry_after = response.headers().contains_key("x-acs-retry-after");
        let status = response.status().as_u16();
        let body = response.into_body().read_to_vec().expect("body");
        Reply {
            status,
            content_type,
            request_id_header,
            retry_after,
            body,
        }
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("UTF-8 body")
    }

    /// The error envelope, after every check an error response must pass in `format`.
    fn error(&self, format: Format) -> ServiceError<'_> {
        assert!(
            (400..=599).contains(&self.status),
            "not an error: {} {}",
            self.status,
            self.text()
        );
        assert_eq!(
            self.content_type.as_deref(),
            Some(format.content_type()),
            "{}",
            self.text()
        );
        let error: ServiceError<'_> =
            ServiceError::decode(self.status, self.content_type.as_deref(), &self.body)
                .unwrap_or_else(|e| panic!("undecodable envelope: {e}: {}", self.text()));
        assert_eq!(
            error.body_status(),
            None,
            "HttpStatus differs from the status line"
        );
        assert_eq!(
            error.request_id(),
            self.request_id_header.as_deref(),
            "x-acs-request-id header"
        );
        assert_uuid(error.request_id().expect("RequestId"));
        assert_eq!(error.host_id(), Some(HOST_ID));
        assert!(
            !self.retry_after,
            "x-acs-retry-after sent for a code that is not throttling"
        );
        let prefix = match format {
            Format::Json => "{\"HttpStatus\":",
            Format::Xml => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><KMS><HttpStatus>",
        };
        assert!(self.text().starts_with(prefix), "{}", self.text());
        error
    }

    /// Checks that this is exactly `expected`'s envelope in `format`.
    fn expect_error(&self, format: Format, expected: &Error) {
        let error = self.error(format);
        assert_eq!(
            error.code(),
            &Code::Known(expected.code()),
            "{}",
            self.text()
        );
        assert_eq!(self.status, expected.http_status());
        assert_eq!(error.message(), Some(&*expected.message()));
        assert_eq!(error.retry(), Some(expected.code().retry()));
    }

    /// The JSON success body, after the checks every success must pass.
    fn json(&self) -> Value {
        assert_eq!(self.status, 200, "{}", self.text());
        assert_eq!(
            self.content_type.as_deref(),
            Some(Format::Json.content_type())
        );
        let body: Value = serde_json::from_slice(&self.body).expect("JSON body");
        assert_eq!(
            body["RequestId"].as_str(),
            self.request_id_header.as_deref()
        );
        assert_uuid(body["RequestId"].as_str().expect("RequestId"));
        body
    }

    /// The XML success body of `action`, after the checks every success must pass.
    fn xml(&self, action: &str) -> &str {
        assert_eq!(self.status, 200, "{}", self.text());
        assert_eq!(
            self.content_type.as_deref(),
            Some(Format::Xml.content_type())
        );
        let text = self.text();
        let head =
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><{action}Response><RequestId>");
        assert!(text.starts_with(&head), "{text}");
        assert!(text.ends_with(&format!("</{action}Response>")), "{text}");
        let request_id = xml_field(text, "RequestId").expect("RequestId");
        assert_eq!(Some(request_id), self.request_id_header.as_deref());
        text
    }
}

fn assert_uuid(text: &str) {
    let parsed = uuid::Uuid::parse_str(text).unwrap_or_else(|_| panic!("not a UUID: {text:?}"));
    assert_eq!(parsed.get_version_num(), 4, "{text}");
}

/// The text of the first `<name>` element (values here never need unescaping).
fn xml_field<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    Some(&xml[start..end])
}

/// Sends a request: `query` and `form` already encoded, `form` as the body of a POST or PUT.
fn send(
    url: &str,
    method: &str,
    query: &str,
    form: Option<&str>,
    headers: &[(&str, &str)],
) -> Reply {
    let agent = agent();
    let url = format!("{url}/?{query}");
    let form_type = "application/x-www-form-urlencoded";
    let body = form.unwrap_or_default();
    let response = match method {
        "GET" => with_headers(agent.get(&url), headers).call(),
        "DELETE" => with_headers(agent.delete(&url), headers).call(),
        "POST" => with_headers(agent.post(&url), headers)
            .header("content-type", form_type)
            .send(body),
        "PUT" => with_headers(agent.put(&url), headers)
            .header("content-type", form_type)
            .send(body),
        other => panic!("no such method in these tests: {other}"),
    };
    Reply::from(response.expect("HTTP exchange"))
}

fn with_headers<B>(
    mut builder: ureq::RequestBuilder<B>,
    headers: &[(&str, &str)],
) -> ureq::RequestBuilder<B> {
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
}

fn encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The common parameters of an RPC call, then `params`.
fn rpc_params<'a>(
    action: &'a str,
    format: Format,
    timestamp: &'a str,
    params: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("Action", action),
        ("Version", VERSION),
        ("Timestamp", timestamp),
        ("Format", format.as_str()),
    ];
    all.extend_from_slice(params);
    all
}

/// `action` by GET with every parameter in the query, as older SDKs send it.
fn rpc(action: &str, format: Format, params: &[(&str, &str)]) -> Reply {
    let now = app::clock::now();
    send(
        server(),
        "GET",
        &encode(&rpc_params(action, format, &now, params)),
        None,
        &[],
    )
}

fn create_key(format: Format) -> String {
    let reply = rpc("CreateKey", format, &[("Description", "test key")]);
    match format {
        Format::Json => reply.json()["KeyMetadata"]["KeyId"]
            .as_str()
            .expect("KeyId")
            .to_owned(),
        Format::Xml => xml_field(reply.xml("CreateKey"), "KeyId")
            .expect("KeyId")
            .to_owned(),
    }
}

const FORMATS: [Format; 2] = [Format::Json, Format::Xml];

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
fn create_key_options_outside_the_demo_are_catalog_errors() {
    let cases = [
        (
            "Origin",
            "EXTERNAL",
            Error::new(ErrorCode::UnsupportedOrigin),
        ),
        (
            "Origin",
            "Elsewhere",
            ErrorCode::invalid_parameter("Origin"),
        ),
        (
            "ProtectionLevel",
            "HSM",
            Error::new(ErrorCode::UnsupportedProtectionLevel),
        ),
        (
            "ProtectionLevel",
            "PAPER",
            ErrorCode::invalid_parameter("ProtectionLevel"),
        ),
        (
            "KeyUsage",
            "SHRED",
            ErrorCode::invalid_parameter("KeyUsage"),
        ),
        ("KeySpec", "ROT13", ErrorCode::invalid_parameter("KeySpec")),
    ];
    for (name, value, expected) in cases {
        for format in FORMATS {
            rpc("CreateKey", format, &[(name, value)]).expect_error(format, &expected);
        }
    }
    let long = "d".repeat(8193);
    rpc("CreateKey", Format::Json, &[("Description", &long)])
        .expect_error(Format::Json, &ErrorCode::invalid_parameter("Description"));
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
            rpc("ListKeys", format, &[(name, value)])
                .expect_error(format, &ErrorCode::invalid_parameter(name));
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
                .expect_error(format, &Error::new(ErrorCode::RejectedStateModifiedFailed));
        };
        let state =
            || rpc("DescribeKey", Format::Json, &[("KeyId", key)]).json()["KeyMetadata"].clone();

        ok("DisableKey", &[("KeyId", key)]);
        assert_eq!(state()["KeyState"], "Disabled");
        ok("EnableKey", &[("KeyId", key)]);
        assert_eq!(state()["KeyState"], "Enabled");
        refused("CancelKeyDeletion", &[("KeyId", key)]);

        rpc("ScheduleKeyDeletion", format, &[("KeyId", key)])
            .expect_error(format, &ErrorCode::missing_parameter("PendingWindowInDays"));
        for days in ["6", "367", "seven"] {
            let params = [("KeyId", key), ("PendingWindowInDays", days)];
            rpc("ScheduleKeyDeletion", format, &params)
                .expect_error(format, &ErrorCode::invalid_parameter("PendingWindowInDays"));
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
            ErrorCode::RejectedDisabled,
        ),
        (
            "ScheduleKeyDeletion",
            vec![("KeyId", key.as_str()), ("PendingWindowInDays", "7")],
            ErrorCode::RejectedPendingDeletion,
        ),
    ];
    for (action, params, code) in cases {
        rpc("EnableKey", Format::Json, &[("KeyId", &key)]);
        rpc(action, Format::Json, &params).json();
        for format in FORMATS {
            rpc("Encrypt", format, &[("KeyId", &key), ("Plaintext", "p")])
                .expect_error(format, &Error::new(code));
            rpc("Decrypt", format, &[("CiphertextBlob", &blob)])
                .expect_error(format, &Error::new(code));
        }
        rpc("CancelKeyDeletion", Format::Json, &[("KeyId", &key)]);
    }
}

#[test]
fn encrypt_and_decrypt_check_their_parameters() {
    let key = create_key(Format::Json);
    let too_long = "p".repeat(6 * 1024 + 1);
    let forged = "ZXJyY2F0LWRlbW8AYWxpYXMvYQBw"; // "errcat-demo\0alias/a\0p"
    for format in FORMATS {
        rpc("Encrypt", format, &[("KeyId", &key)])
            .expect_error(format, &ErrorCode::missing_parameter("Plaintext"));
        rpc("Encrypt", format, &[("Plaintext", "p")])
            .expect_error(format, &ErrorCode::missing_parameter("KeyId"));
        rpc(
            "Encrypt",
            format,
            &[("KeyId", &key), ("Plaintext", &too_long)],
        )
        .expect_error(format, &ErrorCode::invalid_parameter("Plaintext"));
        rpc("Decrypt", format, &[])
            .expect_error(format, &ErrorCode::missing_parameter("CiphertextBlob"));
        for blob in ["not base64!", "aGVsbG8=", forged] {
            rpc("Decrypt", format, &[("CiphertextBlob", blob)])
                .expect_error(format, &ErrorCode::invalid_parameter("CiphertextBlob"));
        }
    }
    let unknown_key = "ZXJyY2F0LWRlbW8Abm8tc3VjaC1rZXkAcA=="; // "errcat-demo\0no-such-key\0p"
    rpc("Decrypt", Format::Json, &[("CiphertextBlob", unknown_key)])
        .expect_error(Format::Json, &Error::new(ErrorCode::ForbiddenKeyNotFound));
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
            reply.expect_error(format, &Error::new(ErrorCode::AliasAlreadyExists));
        }
        rpc(
            "CreateAlias",
            format,
            &[("AliasName", &alias), ("KeyId", &key)],
        )
        .expect_error(format, &Error::new(ErrorCode::AliasAlreadyExists));
        for bad in ["test", "alias/", "alias/a b", "ALIAS/x"] {
            rpc(
                "CreateAlias",
                format,
                &[("AliasName", bad), ("KeyId", &key)],
            )
            .expect_error(format, &ErrorCode::invalid_parameter("AliasName"));
        }
        rpc(
            "CreateAlias",
            format,
            &[("AliasName", "alias/other"), ("KeyId", &alias)],
        )
        .expect_error(format, &Error::new(ErrorCode::UnsupportedAlias));
        rpc(
            "CreateAlias",
            format,
            &[("AliasName", "alias/nokey"), ("KeyId", "no-such-key")],
        )
        .expect_error(format, &Error::new(ErrorCode::ForbiddenKeyNotFound));
        rpc("CreateAlias", format, &[("KeyId", &key)])
            .expect_error(format, &ErrorCode::missing_parameter("AliasName"));
    }
    assert_eq!(
        rpc("DescribeKey", Format::Json, &[("KeyId", &alias)]).json()["KeyMetadata"]["KeyId"],
        key.as_str()
    );
    let reply = rpc("DeleteAlias", Format::Xml, &[("AliasName", &alias)]);
    reply.xml("DeleteAlias");
    for format in FORMATS {
        rpc("DeleteAlias", format, &[("AliasName", &alias)])
            .expect_error(format, &Error::new(ErrorCode::ForbiddenAliasNotFound));
        rpc("DescribeKey", format, &[("KeyId", &alias)])
            .expect_error(format, &Error::new(ErrorCode::ForbiddenAliasNotFound));
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
            rpc(action, format, &params)
                .expect_error(format, &Error::new(ErrorCode::ForbiddenKeyNotFound));
            let mut params = vec![];
            params.extend_from_slice(extra);
            rpc(action, format, &params)
                .expect_error(format, &ErrorCode::missing_parameter("KeyId"));
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
        send(server(), "GET", &encode(&params), None, &[])
    };
    for format in FORMATS {
        without("Action", format).expect_error(format, &ErrorCode::missing_parameter("Action"));
        without("Version", format).expect_error(format, &ErrorCode::missing_parameter("Version"));
        without("Timestamp", format).expect_error(format, &Error::new(ErrorCode::IllegalTimestamp));
        rpc("Nonsense", format, &[]).expect_error(format, &ErrorCode::invalid_parameter("Action"));
        let query = encode(&[
            ("Action", "ListKeys"),
            ("Version", "2014-01-01"),
            ("Timestamp", &now),
            ("Format", format.as_str()),
        ]);
        send(server(), "GET", &query, None, &[])
            .expect_error(format, &ErrorCode::invalid_parameter("Version"));
        let query = encode(&[
            ("Action", "ListKeys"),
            ("Version", VERSION),
            ("Timestamp", "yesterday"),
            ("Format", format.as_str()),
        ]);
        send(server(), "GET", &query, None, &[])
            .expect_error(format, &ErrorCode::invalid_parameter("Timestamp"));
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
        let query = encode(&[
            ("Action", "DescribeKey"),
            ("Version", VERSION),
            ("Timestamp", &now),
            ("Format", value),
            ("KeyId", "nope"),
        ]);
        send(server(), "GET", &query, None, &[])
            .expect_error(format, &Error::new(ErrorCode::ForbiddenKeyNotFound));
    }
    let query = encode(&[
        ("Action", "DescribeKey"),
        ("Version", VERSION),
        ("Timestamp", &now),
        ("KeyId", "nope"),
    ]);
    send(server(), "GET", &query, None, &[])
        .expect_error(Format::Json, &Error::new(ErrorCode::ForbiddenKeyNotFound));
    // An unknown format is answered in JSON, the format every client can read.
    let query = encode(&[("Action", "DescribeKey"), ("Format", "yaml")]);
    send(server(), "GET", &query, None, &[])
        .expect_error(Format::Json, &ErrorCode::invalid_parameter("Format"));
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
    let query = encode(&[("KeyId", &key)]);
    let reply = send(server(), "POST", &query, None, &headers);
    assert_eq!(reply.json()["KeyMetadata"]["KeyId"], key.as_str());
    // Parameters win over headers.
    let query = encode(&[("KeyId", &key), ("Action", "ListKeys")]);
    assert!(send(server(), "POST", &query, None, &headers).json()["Keys"].is_object());
    send(
        server(),
        "POST",
        &encode(&[("KeyId", &key)]),
        None,
        &headers[..2],
    )
    .expect_error(Format::Json, &Error::new(ErrorCode::IllegalTimestamp));
    send(
        server(),
        "POST",
        &encode(&[("KeyId", &key)]),
        None,
        &headers[1..],
    )
    .expect_error(Format::Json, &ErrorCode::missing_parameter("Action"));
}

#[test]
fn query_and_form_body_parameters_merge() {
    let key = create_key(Format::Json);
    let now = app::clock::now();
    let query = encode(&[("Action", "DescribeKey"), ("Format", "XML")]);
    let form = encode(&[("Version", VERSION), ("Timestamp", &now), ("KeyId", &key)]);
    let reply = send(server(), "POST", &query, Some(&form), &[]);
    assert_eq!(
        xml_field(reply.xml("DescribeKey"), "KeyId"),
        Some(key.as_str())
    );
    // The body comes after the query, so its value wins.
    let form = encode(&[
        ("Version", VERSION),
        ("Timestamp", &now),
        ("KeyId", &key),
        ("Format", "JSON"),
    ]);
    let reply = send(server(), "POST", &query, Some(&form), &[]);
    assert_eq!(reply.json()["KeyMetadata"]["KeyId"], key.as_str());
}

#[test]
fn methods_other_than_get_and_post_are_unsupported() {
    let now = app::clock::now();
    for format in FORMATS {
        let query = encode(&rpc_params("ListKeys", format, &now, &[]));
        for method in ["PUT", "DELETE"] {
            send(server(), method, &query, None, &[])
                .expect_error(format, &Error::new(ErrorCode::UnsupportedHTTPMethod));
        }
    }
}

#[test]
fn the_fault_header_injects_5xx_codes_and_nothing_else() {
    let five_hundreds: Vec<ErrorCode> = ErrorCode::ALL
        .iter()
        .copied()
        .filter(|c| c.http_status() >= 500)
        .collect();
    assert_eq!(
        five_hundreds,
        [
            ErrorCode::InternalFailure,
            ErrorCode::ServiceUnavailableTemporary
        ]
    );
    let now = app::clock::now();
    for code in five_hundreds {
        for format in FORMATS {
            let query = encode(&rpc_params("ListKeys", format, &now, &[]));
            let reply = send(
                server(),
                "GET",
                &query,
                None,
                &[(FAULT_HEADER, code.code())],
            );
            reply.expect_error(format, &Error::new(code));
            assert_eq!(reply.error(format).retry(), Some(Retry::Transient));
        }
    }
    for header in ["Forbidden.KeyNotFound", "NoSuchCode", ""] {
        let query = encode(&rpc_params("ListKeys", Format::Json, &now, &[]));
        send(server(), "GET", &query, None, &[(FAULT_HEADER, header)])
            .expect_error(Format::Json, &ErrorCode::invalid_parameter(FAULT_HEADER));
    }
}

#[test]
fn the_fault_flag_fails_the_first_requests() {
    assert!(Fault::parse("Forbidden.KeyNotFound").is_err());
    assert!(Fault::parse("InternalFailure:x").is_err());
    let fault = Fault::parse("ServiceUnavailableTemporary:2").unwrap();
    let url = start(Config {
        host_id: HOST_ID.to_owned(),
        fault: Some(fault),
    });
    let query = encode(&rpc_params(
        "ListKeys",
        Format::Xml,
        &app::clock::now(),
        &[],
    ));
    for _ in 0..2 {
        send(&url, "GET", &query, None, &[]).expect_error(
            Format::Xml,
            &Error::new(ErrorCode::ServiceUnavailableTemporary),
        );
    }
    send(&url, "GET", &query, None, &[]).xml("ListKeys");
}

#[test]
fn every_response_has_a_fresh_request_id() {
    let now = app::clock::now();
    let query = encode(&rpc_params("ListKeys", Format::Json, &now, &[]));
    let ids: Vec<String> = (0..3)
        .map(|_| {
            send(server(), "GET", &query, None, &[]).json()["RequestId"]
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
fn hostile_requests_get_catalog_errors() {
    let now = app::clock::now();
    let parse_error = Error::new(ErrorCode::ParseRequestParameterException);
    // A body over the limit, and too many parameters.
    let big = format!("Plaintext={}", "a".repeat(70 * 1024));
    send(server(), "POST", "Format=XML", Some(&big), &[]).expect_error(Format::Xml, &parse_error);
    let many: String = (0..300).map(|i| format!("p{i}=v&")).collect();
    send(server(), "GET", &many, None, &[]).expect_error(Format::Json, &parse_error);
    // Bad percent-encoding and bytes that are not UTF-8 are read leniently, never a crash.
    let query = format!(
        "{}&KeyId=%ff%fe%zz%",
        encode(&rpc_params("DescribeKey", Format::Json, &now, &[]))
    );
    send(server(), "GET", &query, None, &[])
        .expect_error(Format::Json, &Error::new(ErrorCode::ForbiddenKeyNotFound));
    let long_id = "k".repeat(4000);
    rpc("DescribeKey", Format::Xml, &[("KeyId", &long_id)])
        .expect_error(Format::Xml, &Error::new(ErrorCode::ForbiddenKeyNotFound));
    let markup = "<KMS><Code>InternalFailure</Code></KMS>\"}";
    rpc("DescribeKey", Format::Xml, &[("KeyId", markup)])
        .expect_error(Format::Xml, &Error::new(ErrorCode::ForbiddenKeyNotFound));
    rpc(markup, Format::Json, &[])
        .expect_error(Format::Json, &ErrorCode::invalid_parameter("Action"));
    rpc(
        "ListKeys",
        Format::Json,
        &[("PageNumber", "18446744073709551615")],
    )
    .expect_error(Format::Json, &ErrorCode::invalid_parameter("PageNumber"));
}

#[test]
fn the_store_refuses_keys_past_its_limit() {
    use app::store::{MAX_KEYS, NewKey, Store};
    let mut store = Store::default();
    let new = || NewKey {
        description: String::new(),
        usage: "ENCRYPT/DECRYPT",
        spec: "Aliyun_AES_256",
    };
    for _ in 0..MAX_KEYS {
        store.create_key(new()).unwrap();
    }
    assert_eq!(
        store.create_key(new()).unwrap_err().code(),
        ErrorCode::RejectedLimitExceeded
    );
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
                matches!(error.code().known(), Some(ErrorCode::MissingParameter)),
                "{action}: {}",
                reply.text()
            );
        }
    }
}
