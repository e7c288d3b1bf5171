//! The ECS service on http://127.0.0.1:8080: `curl -i 'http://127.0.0.1:8080/?Format=xml'`.

use axum::Router;
use axum::routing::get;
use errcat::integrations::layer::ErrcatLayer;
use errcat_example_ecs::errors::{EcsCode, Error};

/// No instance is known here: the layer writes the error in the format the request asked
/// for, with the request's id.
async fn describe() -> Result<String, Error> {
    Err(EcsCode::invalid_instance_id_not_found("i-1"))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let errcat = ErrcatLayer::new(|_bad_format| EcsCode::invalid_parameter("Format"));
    let app = Router::new()
        .route("/", get(describe))
        .layer(errcat.host_id("ecs.127.0.0.1"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    axum::serve(listener, app).await
}
