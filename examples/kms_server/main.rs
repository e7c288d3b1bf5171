//! A KMS-style demo server: every error it returns comes from errcat's catalog.
//!
//! ```text
//! cargo run --features axum --example kms_server -- [--port N] [--host-id HOST] [--fault CODE[:N]]
//! ```
//!
//! It binds 127.0.0.1 (port 0, the default, picks a free one) and prints its URL, such as
//! `http://127.0.0.1:41234`, as the first line on stdout. It keeps keys in memory and
//! serves `CreateKey`, `DescribeKey`, `ListKeys`, `EnableKey`, `DisableKey`,
//! `ScheduleKeyDeletion`, `CancelKeyDeletion`, `CreateAlias`, `DeleteAlias`, `Encrypt` and
//! `Decrypt` in the RPC style of Alibaba Cloud, in JSON or XML (`Format`).
//!
//! Signatures are not verified: any AccessKey works, and the ciphertext is a reversible
//! encoding. This is a demo of errors, not of cryptography or authentication.
//!
//! Fault injection, for exercising clients' retries (5xx codes only):
//! - `--fault CODE[:N]`: the first `N` requests (all, without `:N`) fail with `CODE`, such
//!   as `--fault InternalFailure:2`.
//! - a request header `x-errcat-fault: CODE` fails that request with `CODE`.

mod app;

use std::io::Write as _;
use std::process::ExitCode;

use app::{Config, Fault};

const USAGE: &str = "usage: kms_server [--port N] [--host-id HOST] [--fault CODE[:N]]";

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
    let mut config = Config {
        host_id: "kms.127.0.0.1".to_owned(),
        fault: None,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                let text = value()?;
                port = text
                    .parse()
                    .map_err(|_| format!("`{text}` is not a port"))?;
            }
            "--host-id" => config.host_id = value()?,
            "--fault" => config.fault = Some(Fault::parse(&value()?)?),
            "-h" | "--help" => {
                println!("{USAGE}\nactions: {}", app::actions::ACTIONS.join(", "));
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    Ok((port, config))
}
