//! An ECS-style service on axum, answering every error in its own catalog: two instances in
//! memory, `DescribeInstance`, `StartInstance` and `StopInstance`, in the RPC style
//! (`?Action=...&InstanceId=...&Format=xml`). [`ErrcatLayer`] gives each request its id and
//! format, answers a bad `Format` with `InvalidParameter`, and writes the envelope of every
//! `Error` a handler returns.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use errcat::integrations::http::SuccessResponse;
use errcat::integrations::layer::{ErrcatLayer, Negotiated};
use serde::Serialize;

use crate::errors::{EcsCode, Error};

/// The host id of every error envelope.
pub const HOST_ID: &str = "ecs.127.0.0.1";

/// Instance ids and whether each is running.
type Instances = Arc<Mutex<BTreeMap<String, bool>>>;

/// The service: `i-running` runs, `i-stopped` does not.
pub fn router() -> Router {
    let instances: Instances = Arc::new(Mutex::new(BTreeMap::from([
        ("i-running".to_owned(), true),
        ("i-stopped".to_owned(), false),
    ])));
    let errcat = ErrcatLayer::new(|_| EcsCode::invalid_parameter("Format")).host_id(HOST_ID);
    Router::new()
        .route("/", get(handle).post(handle))
        .with_state(instances)
        .layer(errcat)
}

/// An instance as `DescribeInstance` answers it.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Instance {
    instance_id: String,
    status: &'static str,
}

/// One request: the action it names, with its parameters.
async fn handle(
    State(instances): State<Instances>,
    ctx: Negotiated,
    RawQuery(query): RawQuery,
) -> Result<SuccessResponse<Instance>, Error> {
    let params = Params::parse(query.as_deref().unwrap_or_default());
    let action = params.required("Action")?;
    let id = params.required("InstanceId")?;
    let mut instances = instances.lock().unwrap_or_else(PoisonError::into_inner);
    let running = instances
        .get_mut(id)
        .ok_or_else(|| EcsCode::invalid_instance_id_not_found(id.to_owned()))?;
    let (action, wanted) = match action {
        "DescribeInstance" => ("DescribeInstance", *running),
        "StartInstance" => ("StartInstance", true),
        "StopInstance" => ("StopInstance", false),
        _ => return Err(EcsCode::invalid_parameter("Action")),
    };
    if action != "DescribeInstance" && *running == wanted {
        let status = if *running { "Running" } else { "Stopped" };
        return Err(EcsCode::incorrect_instance_status(id.to_owned(), status));
    }
    *running = wanted;
    let status = if wanted { "Running" } else { "Stopped" };
    let instance = Instance {
        instance_id: id.to_owned(),
        status,
    };
    Ok(ctx.success(action, instance))
}

/// A request's query parameters.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(query: &str) -> Params {
        let pairs = form_urlencoded::parse(query.as_bytes());
        Params(
            pairs
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The parameter `name`, or `MissingParameter` naming it.
    fn required(&self, name: &'static str) -> Result<&str, Error> {
        self.0
            .iter()
            .rev()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
            .ok_or_else(|| EcsCode::missing_parameter(name))
    }
}
