//! The KMS demo service: request checks in the order a KMS front end makes them, then the
//! action. Shared by `main.rs` and `tests/server/`.
//!
//! errcat's [`ErrcatLayer`] gives each request a fresh UUID v4 request id and its format (the
//! query's `Format`, any case, JSON by default; an unknown one is `InvalidParameter`, in
//! JSON), and writes every error the handler returns, of either catalog (`errors`), in that
//! format with that id and the server's host id. Then, for each request: the head within
//! the application's limits (`limits`); the parameters (query and form body, merged); an
//! injected fault, if any (`fault`); the method (`GET` or `POST`, else
//! `UnsupportedHTTPMethod`); the signature and its AccessKey (`auth`); the account's state
//! (`accounts`); `Action`, `Version` and the timestamp (parameters, or the `x-acs-action`,
//! `x-acs-version`, `x-acs-date` headers); the AccessKey's permission for the action; then
//! the action, on the account's keys (`store`).

pub mod accounts;
pub mod actions;
pub mod auth;
pub mod clock;
pub mod errors;
pub mod fault;
pub mod limits;
pub mod params;
pub mod serve;
pub mod store;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use errcat::integrations::layer::{ErrcatLayer, Negotiated};

use self::accounts::Accounts;
use self::actions::Call;
use self::auth::{Scope, Signed};
use self::errors::{Code, Failure, KmsError, invalid, kms, missing};
use self::fault::{Fault, Faults};
use self::params::Params;
use self::serve::ConnectionLimits;
use self::store::quota::{Quota, StoreLimits};
use self::store::{Owner, Store};

/// The only API version the demo speaks.
pub const VERSION: &str = "2016-01-20";

/// How the server is set up; `Config::default()` is what `kms_server` runs with no flags.
#[derive(Clone, Debug)]
pub struct Config {
    /// The `HostId` of error envelopes.
    pub host_id: String,
    /// Fail requests with this fault before anything else is checked.
    pub fault: Option<Fault>,
    /// Who may call, and how.
    pub accounts: Accounts,
    /// The region in ARNs and ACS4 credentials.
    pub region: String,
    /// Whether the region has HSMs (`ProtectionLevel=HSM`).
    pub hsm: bool,
    /// How long an import token lasts (default 24 h, as in KMS).
    pub import_token_ttl: Duration,
    pub store_limits: StoreLimits,
    pub connection_limits: ConnectionLimits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host_id: "kms.127.0.0.1".to_owned(),
            fault: None,
            accounts: Accounts::builtin(),
            region: "cn-hangzhou".to_owned(),
            hsm: true,
            import_token_ttl: Duration::from_secs(24 * 3600),
            store_limits: StoreLimits::default(),
            connection_limits: ConnectionLimits::default(),
        }
    }
}

/// The state every request shares.
struct App {
    accounts: Accounts,
    region: String,
    hsm: bool,
    /// A body must arrive within this after its head.
    body_timeout: Duration,
    store: Mutex<Store>,
    faults: Faults,
}

/// The service: every path and method goes to one handler, as in an RPC-style API.
pub fn router(config: Config) -> Router {
    let quotas = config.accounts.accounts.iter().map(|a| Quota {
        keys: a.key_quota,
        bytes: a.byte_quota,
    });
    let store = Store::new(
        config.store_limits,
        quotas,
        &config.region,
        config.import_token_ttl,
    );
    let errcat = ErrcatLayer::new(|_| invalid("Format")).host_id(config.host_id);
    let app = App {
        store: Mutex::new(store),
        faults: Faults::new(config.fault),
        body_timeout: config.connection_limits.header_timeout,
        accounts: config.accounts,
        region: config.region,
        hsm: config.hsm,
    };
    Router::new()
        .fallback(handle)
        .with_state(Arc::new(app))
        .layer(errcat)
}

/// Serves `router(config)` on `listener` until the process ends, within the config's
/// connection limits.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let limits = config.connection_limits;
    serve::serve(listener, router(config), limits).await
}

/// One request, in the format and under the id `ErrcatLayer` gave it.
async fn handle(
    State(app): State<Arc<App>>,
    ctx: Negotiated,
    request: Request,
) -> Result<Response, Failure> {
    let (parts, body) = request.into_parts();
    let params = app.read(&parts, body).await?;
    app.call(&parts, &params, &ctx)
}

impl App {
    /// The head within limits, then the parameters.
    async fn read(&self, parts: &Parts, body: axum::body::Body) -> Result<Params, Failure> {
        limits::check_head(parts)?;
        Params::read(parts, body, self.body_timeout).await
    }

    /// Everything after the format is known: fault, method, signature, account, common
    /// parameters, permission, action.
    fn call(
        &self,
        parts: &Parts,
        params: &Params,
        reply: &Negotiated,
    ) -> Result<Response, Failure> {
        self.faults.check(&parts.headers)?;
        if parts.method != Method::GET && parts.method != Method::POST {
            return Err(kms(Code::UnsupportedHTTPMethod).into());
        }
        let signed = Signed {
            method: &parts.method,
            uri: &parts.uri,
            headers: &parts.headers,
            params,
        };
        let access_key = auth::authenticate(
            &self.accounts,
            &signed,
            &Scope {
                region: &self.region,
            },
        )?;
        let account = &self.accounts.accounts[access_key.account];
        account.state.check()?;
        let action = common_parameters(params, &parts.headers)?;
        access_key.check_action(action)?;
        let owner = Owner {
            index: access_key.account,
            id: &account.id,
        };
        Ok(self.run(owner, params, action, reply)?)
    }

    fn run(
        &self,
        owner: Owner<'_>,
        params: &Params,
        action: &'static str,
        reply: &Negotiated,
    ) -> Result<Response, KmsError> {
        let mut store = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        let call = Call {
            store: &mut store,
            owner,
            params,
            hsm: self.hsm,
        };
        actions::dispatch(call, action, reply)
    }
}

/// `Action` (one the demo implements), `Version` (the demo's) and the timestamp (present,
/// well formed), from parameters or `x-acs-*` headers.
fn common_parameters(params: &Params, headers: &HeaderMap) -> Result<&'static str, KmsError> {
    let action = params
        .or_header("Action", headers, "x-acs-action")
        .ok_or_else(|| missing("Action"))?;
    let version = params
        .or_header("Version", headers, "x-acs-version")
        .ok_or_else(|| missing("Version"))?;
    if version != VERSION {
        return Err(invalid("Version"));
    }
    let timestamp = params
        .or_header("Timestamp", headers, "x-acs-date")
        .ok_or_else(|| kms(Code::IllegalTimestamp))?;
    if !clock::is_timestamp(timestamp) {
        return Err(invalid("Timestamp"));
    }
    actions::check_action(action)
}
