//! The ECS service over real HTTP on 127.0.0.1: every error is an envelope of its own
//! catalog, in the `pop` dialect and the format the request asked for, with the request's
//! id in the body and the header; a client decodes it in one line.

use std::sync::OnceLock;
use std::time::Duration;

use errcat::Format;
use errcat_example_ecs::ecs_code;
use errcat_example_ecs::errors::{EcsCode, ServiceError};
use errcat_example_ecs::server::{HOST_ID, router};

/// The server the tests share, started on a thread of its own; its URL.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                let address = listener.local_addr().expect("address");
                sender
                    .send(format!("http://{address}"))
                    .expect("send the URL");
                axum::serve(listener, router()).await.expect("serve");
            });
        });
        receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the server starts")
    })
}

/// A response, read whole: status, content type, request id header, body.
struct Reply {
    status: u16,
    content_type: String,
    request_id: Option<String>,
    body: Vec<u8>,
}

fn get(query: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let response = agent
        .get(format!("{}/?{query}", server()))
        .call()
        .expect("a response");
    let header = |name: &str| {
        let value = response.headers().get(name)?;
        Some(value.to_str().expect("an ASCII header").to_owned())
    };
    let (content_type, request_id) = (
        header("content-type").unwrap_or_default(),
        header("x-acs-request-id"),
    );
    let status = response.status().as_u16();
    let body = response.into_body().read_to_vec().expect("a body");
    Reply {
        status,
        content_type,
        request_id,
        body,
    }
}

/// The error in a reply, decoded as ECS's, checked to agree with the status line and headers.
fn error(reply: &Reply) -> ServiceError<'_> {
    let error = ServiceError::decode(reply.status, Some(&reply.content_type), &reply.body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&reply.body)));
    assert_eq!(
        error.request_id(),
        reply.request_id.as_deref(),
        "header = body"
    );
    assert_eq!(error.host_id(), Some(HOST_ID));
    assert_eq!(
        error.status(),
        error.code().known().expect("a catalog code").http_status()
    );
    error
}

#[test]
fn a_missing_instance_is_its_catalogs_code_in_json_by_default() {
    let reply = get("Action=DescribeInstance&InstanceId=i-nope");
    assert_eq!(
        (reply.status, reply.content_type.as_str()),
        (404, "application/json;charset=utf-8")
    );
    let error = error(&reply);
    assert_eq!(
        error.code().known(),
        Some(ecs_code!("InvalidInstanceId.NotFound"))
    );
    assert_eq!(error.message(), Some("The instance i-nope does not exist."));
    assert_eq!(error.recommend(), EcsCode::InvalidInstanceIdNotFound.docs());
    // The pop dialect: request id first, no HttpStatus member.
    let body = String::from_utf8(reply.body.clone()).unwrap();
    assert!(body.starts_with(r#"{"RequestId":""#), "{body}");
    assert!(!body.contains("HttpStatus"), "{body}");
}

#[test]
fn errors_come_in_xml_when_asked_under_the_error_root() {
    let reply = get("Action=StartInstance&InstanceId=i-running&Format=xml");
    assert_eq!(
        (reply.status, reply.content_type.as_str()),
        (403, "text/xml;charset=utf-8")
    );
    assert!(
        reply
            .body
            .starts_with(br#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>"#)
    );
    let error = error(&reply);
    assert_eq!(error.code().known(), Some(EcsCode::IncorrectInstanceStatus));
    assert_eq!(
        error.message(),
        Some("The instance i-running is Running; stop it first.")
    );
}

#[test]
fn missing_parameters_and_unknown_actions_name_the_parameter() {
    let reply = get("InstanceId=i-running");
    let error = error(&reply);
    assert_eq!(error.code().known(), Some(EcsCode::MissingParameter));
    assert_eq!(
        error.message(),
        Some("The parameter Action is needed but not provided.")
    );
    let reply = get("Action=Reboot&InstanceId=i-running");
    assert_eq!(error_code(&reply), Some(EcsCode::InvalidParameter));
}

fn error_code(reply: &Reply) -> Option<EcsCode> {
    error(reply).code().known()
}

/// The layer answers a bad `Format` itself, in the catalog the application chose, in JSON.
#[test]
fn a_bad_format_is_invalid_parameter_in_json_with_the_request_id() {
    let reply = get("Action=DescribeInstance&InstanceId=i-running&Format=yaml");
    assert_eq!(
        (reply.status, reply.content_type.as_str()),
        (400, "application/json;charset=utf-8")
    );
    let error = error(&reply);
    assert_eq!(error.code().known(), Some(EcsCode::InvalidParameter));
    assert_eq!(error.message(), Some("The parameter Format is not valid."));
}

#[test]
fn successes_carry_the_request_id_in_either_format() {
    for (format, start) in [
        (Format::Json, &b"{\"RequestId\":\""[..]),
        (Format::Xml, &b"<?xml"[..]),
    ] {
        let reply = get(&format!(
            "Action=DescribeInstance&InstanceId=i-stopped&Format={format}"
        ));
        assert_eq!(reply.status, 200);
        assert!(
            reply.body.starts_with(start),
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let id = reply.request_id.expect("a request id header");
        assert!(String::from_utf8(reply.body).unwrap().contains(&id));
    }
}
