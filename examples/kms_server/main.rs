//! A KMS-style demo server: every error it returns comes from a catalog, the KMS one
//! (`errors.toml`) or the API gateway's (`app/errors.rs`).
//!
//! ```text
//! cargo run --features axum --example kms_server -- [FLAGS]
//! ```
//!
//! It binds 127.0.0.1 (port 0, the default, picks a free one) and prints its URL, such as
//! `http://127.0.0.1:41234`, as the first line on stdout. Requests must be signed as the
//! official SDKs sign them, with an AccessKey of `--accounts FILE` (TOML, see
//! `app/accounts.rs` and `accounts.toml` beside this file) or, without it, the built-in
//! demo pair `LTAIerrcatDemoKeyId` / `errcat-demo-secret`.

#[allow(
    dead_code,
    reason = "tests/server uses parts of the app that main does not"
)]
mod app;

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use app::Config;
use app::accounts::Accounts;
use app::fault::Fault;

const USAGE: &str =
    "usage: kms_server [--port N] [--host-id HOST] [--accounts FILE] [--region ID] [--no-hsm]
                  [--import-token-ttl SECS] [--fault CODE[:N]]
                  [--header-timeout SECS] [--idle-timeout SECS] [--max-connections N]
                  [--max-keys N] [--max-store-bytes N]";

fn main() -> ExitCode {
    let (port, config) = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("kms_server: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(port, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kms_server: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(port: u16, config: Config) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        // The first line is the URL: tests and the interop driver read it.
        let mut stdout = std::io::stdout();
        writeln!(stdout, "http://{}", listener.local_addr()?)?;
        stdout.flush()?;
        app::serve(listener, config).await
    })
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(u16, Config), String> {
    let mut port = 0;
    let mut config = Config::default();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => port = number(&value()?)?,
            "--host-id" => config.host_id = value()?,
            "--accounts" => config.accounts = read_accounts(&value()?)?,
            "--region" => config.region = value()?,
            "--no-hsm" => config.hsm = false,
            "--import-token-ttl" => config.import_token_ttl = seconds(&value()?)?,
            "--fault" => config.fault = Some(Fault::parse(&value()?)?),
            "--header-timeout" => config.connection_limits.header_timeout = seconds(&value()?)?,
            "--idle-timeout" => config.connection_limits.idle_timeout = seconds(&value()?)?,
            "--max-connections" => config.connection_limits.max_connections = number(&value()?)?,
            "--max-keys" => config.store_limits.max_keys = number(&value()?)?,
            "--max-store-bytes" => config.store_limits.max_bytes = number(&value()?)?,
            "-h" | "--help" => {
                println!("{USAGE}\nactions: {}", app::actions::ACTIONS.join(", "));
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    Ok((port, config))
}

fn read_accounts(path: &str) -> Result<Accounts, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Accounts::parse(&text, path)
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

/// Whole or fractional seconds, such as `10` or `0.5`.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("`{text}` is not a number of seconds"))
}
