//! `ErrcatLayer`'s request ids over real HTTP: a fresh UUID per request by default, the
//! incoming one when the application asks to honour it (and it is usable), and the same id in
//! the header and the body, on errors and successes alike.

use std::time::Duration;

use axum::Router;
use axum::routing;
use errcat::integrations::layer::{ErrcatLayer, Negotiated};
use errcat_example_ecs::errors::{EcsCode, Error, ServiceError};

async fn fail(_: Negotiated) -> Result<String, Error> {
    Err(EcsCode::missing_parameter("InstanceId"))
}

async fn echo(ctx: Negotiated) -> String {
    ctx.request_id
}

/// A server with `layer` on 127.0.0.1, on a thread of its own; its URL.
fn start(layer: ErrcatLayer<EcsCode>) -> String {
    let app = Router::new()
        .route("/fail", routing::get(fail))
        .route("/echo", routing::get(echo))
        .layer(layer);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender
                .send(format!("http://{}", listener.local_addr().unwrap()))
                .unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    receiver.recv_timeout(Duration::from_secs(30)).unwrap()
}

/// `GET url` with an optional incoming request id: the header's request id and the body.
fn get(url: &str, incoming: Option<&str>) -> (Option<String>, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(id) = incoming {
        request = request.header("x-acs-request-id", id);
    }
    let response = request.call().unwrap();
    let header = response
        .headers()
        .get("x-acs-request-id")
        .map(|v| v.to_str().unwrap().to_owned());
    (header, response.into_body().read_to_string().unwrap())
}

#[test]
fn fresh_ids_by_default_the_same_in_header_and_body() {
    let url = start(ErrcatLayer::new(|_| EcsCode::invalid_parameter("Format")));
    let (header, body) = get(&format!("{url}/fail"), Some("client-chosen"));
    let error = ServiceError::decode(400, None, body.as_bytes()).unwrap();
    assert_eq!(error.request_id(), header.as_deref());
    assert_ne!(
        header.as_deref(),
        Some("client-chosen"),
        "not honoured unless asked"
    );
    assert_eq!(header.as_deref().map(str::len), Some(36), "a UUID");
    let (header, body) = get(&format!("{url}/echo"), None);
    assert_eq!(header, Some(body), "successes carry the id the handler saw");
}

#[test]
fn an_incoming_id_is_honoured_when_asked_and_usable() {
    let layer =
        ErrcatLayer::new(|_| EcsCode::invalid_parameter("Format")).honour_incoming_request_id(true);
    let url = start(layer);
    let (header, body) = get(&format!("{url}/fail?Format=xml"), Some("gw-123"));
    assert_eq!(header.as_deref(), Some("gw-123"));
    assert!(body.contains("<RequestId>gw-123</RequestId>"), "{body}");
    let long = "x".repeat(200);
    let (header, _) = get(&format!("{url}/echo"), Some(&long));
    assert_ne!(header.as_deref(), Some(long.as_str()), "too long: replaced");
}
