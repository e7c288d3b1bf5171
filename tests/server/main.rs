//! The KMS demo server (`examples/kms_server`) over real HTTP on 127.0.0.1: every action
//! and every error it returns, in JSON and in XML, checking the status line, the headers and
//! the body as errcat's client side decodes it. Requests are signed as the older official
//! SDK signs them (`examples/kms_server/signer.rs`), with the AccessKeys of
//! `examples/kms_server/accounts.toml`.
//!
//! The server runs in this process, on its own thread and runtime, from the same module the
//! example's `main` uses.
//!
//! - `protocol`: actions, parameters, formats, methods, request ids.
//! - `auth`: signatures, AccessKeys, permissions, account states.
//! - `lifecycle`: key versions, imported key material, protection levels, quotas.
//! - `limits`: sizes, timeouts, the connection cap, fault injection.
//! - `every_code`: one request for each of the 32 KMS codes.

#[path = "../../examples/kms_server/app/mod.rs"]
#[allow(dead_code, reason = "each test binary uses part of the app")]
mod app;
#[path = "../../examples/kms_server/signer.rs"]
mod signer;

mod auth;
mod every_code;
mod lifecycle;
mod limits;
mod protocol;

use std::sync::OnceLock;
use std::thread;
use std::time::Duration;

use errcat::Format;
use errcat::kms::ServiceError;
use serde_json::Value;

use app::accounts::Accounts;
use app::errors::KmsError;
use app::{Config, VERSION};

const HOST_ID: &str = "kms.test.local";
/// The accounts every test server has.
const ACCOUNTS: &str = include_str!("../../examples/kms_server/accounts.toml");
/// The demo AccessKey of `ACCOUNTS` (and of the built-in accounts).
const DEMO: AccessKey = ("LTAIerrcatDemoKeyId", "errcat-demo-secret");
const FORMATS: [Format; 2] = [Format::Json, Format::Xml];

/// An AccessKey id and secret.
type AccessKey = (&'static str, &'static str);

/// The configuration of test servers: the example accounts, the test host id.
fn config() -> Config {
    Config {
        host_id: HOST_ID.to_owned(),
        accounts: Accounts::parse(ACCOUNTS, "accounts.toml").expect("the example accounts"),
        ..Config::default()
    }
}

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

/// The server most tests share, with `config()`.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| start(config()))
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
        let body = response
            .into_body()
            .with_config()
            .limit(1 << 20)
            .read_to_vec()
            .expect("body");
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
    fn expect_error(&self, format: Format, expected: &KmsError) {
        let message = expected.message();
        self.expect_code(
            format,
            expected.code().code(),
            expected.http_status(),
            &message,
        );
        let error = self.error(format);
        assert_eq!(error.code().known(), Some(expected.code()));
        assert_eq!(error.retry(), Some(expected.code().retry()));
    }

    /// Checks the envelope's code, status and message, for a code of either catalog.
    fn expect_code(&self, format: Format, code: &str, status: u16, message: &str) {
        let error = self.error(format);
        assert_eq!(error.code_str(), code, "{}", self.text());
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(error.message(), Some(message), "{}", self.text());
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

    /// A success in `format`; the value of field `name` (first found, JSON or XML).
    fn field(&self, format: Format, action: &str, name: &str) -> String {
        match format {
            Format::Json => {
                find_json(&self.json(), name).unwrap_or_else(|| panic!("{name}: {}", self.text()))
            }
            Format::Xml => xml_field(self.xml(action), name).expect(name).to_owned(),
        }
    }
}

/// The first value named `name`, depth first, through objects and arrays.
fn find_json(value: &Value, name: &str) -> Option<String> {
    match value {
        Value::Object(object) => match object.get(name) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(other) => Some(other.to_string()),
            None => object.values().find_map(|v| find_json(v, name)),
        },
        Value::Array(items) => items.iter().find_map(|v| find_json(v, name)),
        _ => None,
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

fn encode<N: AsRef<str>, V: AsRef<str>>(pairs: &[(N, V)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(n, v)| (n.as_ref(), v.as_ref())))
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

/// A client of one server with one AccessKey: signs every request it sends.
struct Client<'u> {
    url: &'u str,
    key: AccessKey,
}

impl<'u> Client<'u> {
    fn new(url: &'u str, key: AccessKey) -> Client<'u> {
        Client { url, key }
    }

    /// `action` by GET with every parameter in the query, signed, as older SDKs send it.
    fn rpc(&self, action: &str, format: Format, params: &[(&str, &str)]) -> Reply {
        let now = app::clock::now();
        self.signed("GET", &rpc_params(action, format, &now, params), &[])
    }

    /// `params` signed and sent in the query of a `method` request, with `headers`.
    fn signed(&self, method: &str, params: &[(&str, &str)], headers: &[(&str, &str)]) -> Reply {
        let signed = signer::sign_rpc(method, params, self.key.0, self.key.1);
        send(self.url, method, &encode(&signed), None, headers)
    }

    /// A new key in `format`; its id.
    fn create_key(&self, format: Format, params: &[(&str, &str)]) -> String {
        self.rpc("CreateKey", format, params)
            .field(format, "CreateKey", "KeyId")
    }
}

/// `action` from the demo AccessKey to the shared server.
fn rpc(action: &str, format: Format, params: &[(&str, &str)]) -> Reply {
    Client::new(server(), DEMO).rpc(action, format, params)
}

/// The demo AccessKey's client of the shared server.
fn demo() -> Client<'static> {
    Client::new(server(), DEMO)
}

/// A new key on the shared server, from the demo AccessKey.
fn create_key(format: Format) -> String {
    Client::new(server(), DEMO).create_key(format, &[("Description", "test key")])
}
