//! `ErrcatLayer`'s request ids over real HTTP: a fresh UUID per request by default, the
//! incoming one when the application asks to honour it (and it is usable), and the same id in
//! the header and the body, on errors and successes alike; errors of another catalog written
//! the same way; and what a handler gets without the layer.

use std::time::Duration;

use axum::Router;
use axum::routing;
use errcat::integrations::layer::{ErrcatLayer, MISSING_LAYER, Negotiated};
use errcat::{ErrorCatalog, Format};
use errcat_example_ecs::errors::{EcsCode, Error, ServiceError};

/// A catalog of another service, in another dialect, that a handler may also answer with.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Billing", dialect = "problem")]
enum BillingCode {
    #[errcat(code = "Payment.Required", status = 402, message = "Pay first.")]
    PaymentRequired,
}

async fn fail(_: Negotiated) -> Result<String, Error> {
    Err(EcsCode::missing_parameter("InstanceId"))
}

async fn bill(_: Negotiated) -> Result<String, errcat::Error<BillingCode>> {
    Err(errcat::Error::new(BillingCode::PaymentRequired))
}

async fn echo(ctx: Negotiated) -> String {
    ctx.request_id
}

/// The routes under `layer`, and `/late`, added after it (so outside it).
fn app(layer: ErrcatLayer<EcsCode>) -> Router {
    Router::new()
        .route("/fail", routing::get(fail))
        .route("/bill", routing::get(bill))
        .route("/echo", routing::get(echo))
        .layer(layer)
        .route("/late", routing::get(echo))
}

/// `app` on 127.0.0.1, on a thread of its own; its URL.
fn start(app: Router) -> String {
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

/// A response, read whole.
struct Reply {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        let value = self.headers.get(name)?;
        Some(value.to_str().unwrap())
    }
}

/// `GET url` with an optional incoming request id.
fn call(url: &str, incoming: Option<&str>) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.get(url);
    if let Some(id) = incoming {
        request = request.header("x-acs-request-id", id);
    }
    let response = request.call().unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.into_body().read_to_string().unwrap(),
    }
}

/// `GET url` with an optional incoming request id: the header's request id and the body.
fn get(url: &str, incoming: Option<&str>) -> (Option<String>, String) {
    let reply = call(url, incoming);
    (
        reply.header("x-acs-request-id").map(str::to_owned),
        reply.body,
    )
}

#[test]
fn fresh_ids_by_default_the_same_in_header_and_body() {
    let url = start(app(ErrcatLayer::new(|_| {
        EcsCode::invalid_parameter("Format")
    })));
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
    let url = start(app(layer));
    let (header, body) = get(&format!("{url}/fail?Format=xml"), Some("gw-123"));
    assert_eq!(header.as_deref(), Some("gw-123"));
    assert!(body.contains("<RequestId>gw-123</RequestId>"), "{body}");
    let long = "x".repeat(200);
    let (header, _) = get(&format!("{url}/echo"), Some(&long));
    assert_ne!(header.as_deref(), Some(long.as_str()), "too long: replaced");
}

/// An error of another catalog is the layer's to write too: in its own dialect (problem
/// details, with their request id header), with the request's id and format and the layer's
/// host id.
#[test]
fn errors_of_another_catalog_get_the_requests_id_and_format() {
    let layer = ErrcatLayer::new(|_| EcsCode::invalid_parameter("Format"))
        .host_id("ecs.test")
        .honour_incoming_request_id(true);
    let url = start(app(layer));
    let reply = call(&format!("{url}/bill?Format=xml"), Some("gw-9"));
    assert_eq!(reply.status, 402);
    assert_eq!(
        reply.header("content-type"),
        Some(BillingCode::DIALECT.content_type(Format::Xml))
    );
    assert_eq!(reply.header("x-request-id"), Some("gw-9"));
    let error =
        errcat::ServiceError::<BillingCode>::decode(402, None, reply.body.as_bytes()).unwrap();
    assert_eq!(error.code().known(), Some(BillingCode::PaymentRequired));
    assert_eq!(error.request_id(), Some("gw-9"));
    assert_eq!(error.host_id(), Some("ecs.test"));
}

/// `Negotiated` without the layer (no layer at all, or a route added after it): a plain-text
/// 500 saying to add it.
#[test]
fn negotiated_without_the_layer_says_to_add_it() {
    let layered = start(app(ErrcatLayer::new(|_| {
        EcsCode::invalid_parameter("Format")
    })));
    let bare = start(Router::new().route("/echo", routing::get(echo)));
    for url in [format!("{layered}/late"), format!("{bare}/echo")] {
        let reply = call(&url, None);
        assert_eq!(reply.status, 500, "{url}");
        assert_eq!(reply.body, MISSING_LAYER);
        assert!(reply.body.contains("add ErrcatLayer to the router"));
        assert_eq!(
            reply.header("content-type"),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(reply.header("x-acs-request-id"), None);
    }
    // The layer's own routes are fine.
    assert_eq!(call(&format!("{layered}/echo"), None).status, 200);
}
