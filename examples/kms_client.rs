//! A client of the KMS demo server: calls it over HTTP, decodes every error response with
//! errcat, prints it, and retries the retryable ones with capped exponential backoff.
//!
//! ```text
//! cargo run --features axum --example kms_server -- --fault InternalFailure:2   # prints its URL
//! cargo run --example kms_client -- --url http://127.0.0.1:PORT [--format json|xml]
//! ```
//!
//! It creates a key, encrypts and decrypts, then provokes errors on purpose (an unknown
//! key, a disabled key, a missing parameter, an injected 5xx) and prints each one as
//! errcat's `Display` writes it. It exits 1 if any step did not turn out as expected.

// The server's clock module: only `now` is used here.
#[path = "kms_server/app/clock.rs"]
#[allow(dead_code, reason = "shared with the server, which uses the rest")]
mod clock;
// How a client signs a request: the server verifies every signature.
#[path = "kms_server/signer.rs"]
mod signer;

use std::fmt;
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use errcat::kms::{ErrorCode, ServiceError};
use errcat::{DecodeError, Format};

const USAGE: &str = "usage: kms_client --url http://127.0.0.1:PORT [--format json|xml]
                  [--access-key-id ID --access-key-secret SECRET]";

/// The demo server's built-in AccessKey (public on purpose; see its `app/accounts.rs`).
const DEMO_ACCESS_KEY: (&str, &str) = ("LTAIerrcatDemoKeyId", "errcat-demo-secret");

/// Capped exponential backoff: `base`, `2 * base`, ... never more than `cap`.
struct Backoff {
    attempts: u32,
    base: Duration,
    cap: Duration,
}

impl Backoff {
    /// The wait before attempt `attempt + 1`; a server's `x-acs-retry-after` wins, capped.
    fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exponential = self
            .base
            .saturating_mul(1 << attempt.saturating_sub(1).min(16));
        retry_after.unwrap_or(exponential).min(self.cap)
    }
}

/// Why a call failed.
enum CallError {
    /// The service answered with an error envelope.
    Service {
        // Boxed: a `ServiceError` is large, and this is the error side of every call.
        error: Box<ServiceError<'static>>,
        retry_after: Option<Duration>,
    },
    /// An error status whose body is not an envelope errcat can read.
    Undecodable { status: u16, error: DecodeError },
    /// No HTTP exchange: connection refused, timeout, ...
    Transport(ureq::Error),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Service { error, .. } => write!(f, "{error}"),
            CallError::Undecodable { status, error } => {
                write!(f, "{status} with an unreadable body: {error}")
            }
            CallError::Transport(error) => write!(f, "transport: {error}"),
        }
    }
}

struct Client {
    agent: ureq::Agent,
    url: String,
    format: Format,
    backoff: Backoff,
    /// AccessKey id and secret.
    access_key: (String, String),
}

impl Client {
    fn new(url: String, format: Format, access_key: (String, String)) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        let backoff = Backoff {
            attempts: 4,
            base: Duration::from_millis(100),
            cap: Duration::from_millis(800),
        };
        Client {
            agent,
            url,
            format,
            backoff,
            access_key,
        }
    }

    /// Calls `action`, retrying retryable errors; the success body on success.
    fn call(
        &self,
        action: &str,
        params: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Result<String, CallError> {
        let mut attempt = 1;
        loop {
            match self.once(action, params, headers) {
                Err(CallError::Service { error, retry_after })
                    if error.is_retryable() && attempt < self.backoff.attempts =>
                {
                    let wait = self.backoff.delay(attempt, retry_after);
                    println!(
                        "    attempt {attempt}: {error} [{}]; retrying in {wait:?}",
                        error.retry().map_or("?", |r| r.as_str())
                    );
                    thread::sleep(wait);
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// One POST with every parameter in a form body, signed as the older SDK signs.
    fn once(
        &self,
        action: &str,
        params: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Result<String, CallError> {
        let timestamp = clock::now();
        let common = [
            ("Action", action),
            ("Version", "2016-01-20"),
            ("Timestamp", &timestamp),
            ("Format", self.format.as_str()),
        ];
        let all: Vec<(&str, &str)> = common.into_iter().chain(params.iter().copied()).collect();
        let (id, secret) = &self.access_key;
        let signed = signer::sign_rpc("POST", &all, id, secret);
        let mut request = self.agent.post(&self.url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request
            .send_form(signed.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .map_err(CallError::Transport)?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (content_type, retry_after) = (header("content-type"), header("x-acs-retry-after"));
        let body = response
            .into_body()
            .read_to_vec()
            .map_err(CallError::Transport)?;
        if status < 400 {
            return Ok(String::from_utf8_lossy(&body).into_owned());
        }
        match ServiceError::decode(status, content_type.as_deref(), &body) {
            Ok(error) => Err(CallError::Service {
                error: Box::new(error.with_retry_after(retry_after.is_some()).into_owned()),
                retry_after: retry_after
                    .and_then(|ms| ms.parse().ok())
                    .map(Duration::from_millis),
            }),
            Err(error) => Err(CallError::Undecodable { status, error }),
        }
    }
}

/// The text of field `name` in a success body: JSON (anywhere in the object) or XML.
fn field(body: &str, name: &str) -> Option<String> {
    if body.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        find_json(&value, name)
    } else {
        let start = body.find(&format!("<{name}>"))? + name.len() + 2;
        let end = start + body[start..].find(&format!("</{name}>"))?;
        Some(body[start..end].to_owned())
    }
}

fn find_json(value: &serde_json::Value, name: &str) -> Option<String> {
    let object = value.as_object()?;
    match object.get(name) {
        Some(serde_json::Value::String(text)) => Some(text.clone()),
        Some(other) => Some(other.to_string()),
        None => object.values().find_map(|v| find_json(v, name)),
    }
}

/// Runs the demo session; false if a step did not turn out as expected.
fn session(client: &Client) -> bool {
    let mut ok = true;
    let mut step = |title: &str,
                    result: Result<String, CallError>,
                    expected: Option<ErrorCode>|
     -> Option<String> {
        let (line, as_expected, body) = match (&result, expected) {
            (Ok(body), None) => ("ok".to_owned(), true, Some(body.clone())),
            (Ok(_), Some(code)) => (format!("succeeded, expected {code}"), false, None),
            (Err(error), expected) => {
                let code = match error {
                    CallError::Service { error, .. } => error.code().known(),
                    _ => None,
                };
                (
                    error.to_string(),
                    expected.is_some() && code == expected,
                    None,
                )
            }
        };
        println!("{} {title}: {line}", if as_expected { "✓" } else { "✗" });
        ok &= as_expected;
        body
    };

    let Some(created) = step(
        "CreateKey",
        client.call("CreateKey", &[("Description", "kms_client demo")], &[]),
        None,
    ) else {
        return false;
    };
    let key = field(&created, "KeyId").unwrap_or_default();
    println!("    key {key}");
    let encrypted = step(
        "Encrypt",
        client.call(
            "Encrypt",
            &[("KeyId", &key), ("Plaintext", "aGVsbG8=")],
            &[],
        ),
        None,
    );
    let blob = encrypted
        .and_then(|body| field(&body, "CiphertextBlob"))
        .unwrap_or_default();
    if let Some(body) = step(
        "Decrypt",
        client.call("Decrypt", &[("CiphertextBlob", &blob)], &[]),
        None,
    ) {
        println!(
            "    plaintext {}",
            field(&body, "Plaintext").unwrap_or_default()
        );
    }
    step(
        "DescribeKey of an unknown key",
        client.call("DescribeKey", &[("KeyId", "no-such-key")], &[]),
        Some(ErrorCode::ForbiddenKeyNotFound),
    );
    step(
        "DisableKey",
        client.call("DisableKey", &[("KeyId", &key)], &[]),
        None,
    );
    step(
        "Encrypt with a disabled key",
        client.call(
            "Encrypt",
            &[("KeyId", &key), ("Plaintext", "aGVsbG8=")],
            &[],
        ),
        Some(ErrorCode::RejectedDisabled),
    );
    step(
        "ScheduleKeyDeletion without a window",
        client.call("ScheduleKeyDeletion", &[("KeyId", &key)], &[]),
        Some(ErrorCode::MissingParameter),
    );
    let fault = [("x-errcat-fault", "ServiceUnavailableTemporary")];
    step(
        "ListKeys under an injected 503",
        client.call("ListKeys", &[], &fault),
        Some(ErrorCode::ServiceUnavailableTemporary),
    );
    ok
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Client, String> {
    let (mut url, mut format) = (None, Format::Json);
    let (mut id, mut secret) = (DEMO_ACCESS_KEY.0.to_owned(), DEMO_ACCESS_KEY.1.to_owned());
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => url = Some(value()?),
            "--format" => format = value()?.parse().map_err(|e| format!("{e}"))?,
            "--access-key-id" => id = value()?,
            "--access-key-secret" => secret = value()?,
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    let url = url.ok_or("--url is required")?;
    Ok(Client::new(url, format, (id, secret)))
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(client) => {
            if session(&client) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("kms_client: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
