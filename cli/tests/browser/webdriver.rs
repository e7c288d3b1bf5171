//! A small client of chromedriver, for the few W3C WebDriver commands the browser tests use,
//! driving Debian's headless Chromium. Every request has a timeout; chromedriver and the
//! browser session end when their values drop, whatever the test did.

use std::fs::{self, File};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// How long chromedriver may take to start, and any one command to answer.
const STARTUP: Duration = Duration::from_secs(20);
const COMMAND: Duration = Duration::from_secs(30);

/// The flags that let Chromium run headless as root on a machine without network: no
/// sandbox (root), no GPU, and none of the background connections a closed network refuses.
const CHROMIUM_FLAGS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// A running chromedriver, stopped on drop.
pub struct Chromedriver {
    child: Child,
    url: String,
    log: PathBuf,
    agent: ureq::Agent,
}

impl Chromedriver {
    /// Starts `$CHROMEDRIVER` (default `chromedriver`) on a free local port, logging to
    /// `log`, and waits until it answers.
    pub fn start(log: &Path) -> Chromedriver {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start `{program}` ({e}): install Debian's chromium-driver")
            });
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(COMMAND))
            .build()
            .into();
        let mut driver = Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log: log.to_owned(),
            agent,
        };
        driver.wait_until_ready();
        driver
    }

    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("chromedriver exited with {status}; {}", self.log_text());
            }
            let ready = self
                .agent
                .get(format!("{}/status", self.url))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|body| serde_json::from_str::<Value>(&body).ok())
                .is_some_and(|status| status["value"]["ready"] == true);
            if ready {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer within {STARTUP:?}; {}",
                self.log_text()
            );
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn log_text(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        format!("its log ({}):\n{text}", self.log.display())
    }

    /// A new browser session: `$CHROMIUM` (default `/usr/bin/chromium`), headless, with a
    /// fresh profile in `profile`.
    pub fn session(&self, profile: &Path) -> Session<'_> {
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|&f| f.to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": args},
            "timeouts": {"pageLoad": 20_000, "script": 10_000, "implicit": 0},
        }}});
        let value = self.request(
            "POST",
            &format!("{}/session", self.url),
            Some(&capabilities),
        );
        let id = value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {value}"));
        Session {
            driver: self,
            url: format!("{}/session/{id}", self.url),
        }
    }

    /// One WebDriver command: its `value`, or a panic with the WebDriver error.
    fn request(&self, method: &str, url: &str, body: Option<&Value>) -> Value {
        let response = match (method, body) {
            ("GET", _) => self.agent.get(url).call(),
            ("DELETE", _) => self.agent.delete(url).call(),
            (_, body) => self
                .agent
                .post(url)
                .header("content-type", "application/json")
                .send(body.unwrap_or(&json!({})).to_string()),
        };
        let mut response =
            response.unwrap_or_else(|e| panic!("{method} {url}: {e}; {}", self.log_text()));
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap_or_else(|e| panic!("{method} {url}: reading the answer: {e}"));
        let reply: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{method} {url}: not JSON ({e}): {text}"));
        assert!(
            status.is_success(),
            "{method} {url}: {status}: {}: {}",
            reply["value"]["error"],
            reply["value"]["message"]
        );
        reply["value"].clone()
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free local TCP port, for chromedriver to listen on.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    listener.local_addr().unwrap().port()
}

/// A browser session, ended on drop.
pub struct Session<'a> {
    driver: &'a Chromedriver,
    url: String,
}

impl Session<'_> {
    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.driver
            .request(method, &format!("{}{path}", self.url), body)
    }

    /// Makes the page's viewport exactly `width` × `height` CSS pixels, as a phone or a
    /// desktop window would be (a desktop window cannot be made narrower than about 500 px).
    pub fn viewport(&self, width: u32, height: u32) {
        let params =
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false});
        let command = json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": params});
        self.command("POST", "/goog/cdp/execute", Some(&command));
    }

    /// Loads `url` and waits for it.
    pub fn open(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({"url": url})));
    }

    /// The value `script` (a function body) returns.
    pub fn run(&self, script: &str) -> Value {
        let body = json!({"script": script, "args": []});
        self.command("POST", "/execute/sync", Some(&body))
    }

    /// Types `text` into the element `css` selects, key by key, as a person would.
    pub fn type_into(&self, css: &str, text: &str) {
        let found = self.command(
            "POST",
            "/element",
            Some(&json!({"using": "css selector", "value": css})),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element `{css}`: {found}"));
        self.command(
            "POST",
            &format!("/element/{id}/value"),
            Some(&json!({"text": text})),
        );
    }

    /// Saves what the viewport shows as a PNG file.
    pub fn screenshot(&self, path: &Path) {
        let encoded = self.command("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("base64 text"))
            .expect("a base64 PNG");
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        File::create(path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, &png))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // Only a best effort: chromedriver ends the browser when it stops anyway.
        let _ = self.driver.agent.delete(&self.url).call();
    }
}
