//! Sizes, timeouts, the connection cap and fault injection: what a client sends in excess
//! is refused with a catalog envelope where the application can see it, and idle sockets
//! cannot keep a normal request from being answered.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use errcat::Format;

use super::app::errors::{Code, invalid, kms};
use super::app::fault::{FAULT_HEADER, Fault};
use super::app::limits::{MAX_BODY, MAX_HEADER_BYTES, MAX_HEADERS, MAX_QUERY, MAX_VALUE};
use super::app::serve::ConnectionLimits;
use super::app::{self, Config};
use super::{Client, DEMO, FORMATS, Reply, config, demo, encode, rpc_params, send, server, start};

fn gateway(reply: &Reply, format: Format, code: &str, status: u16, message: &str) {
    reply.expect_code(format, code, status, message);
}

#[test]
fn a_long_query_is_refused_in_the_format_it_asks_for() {
    let padding = "p".repeat(MAX_QUERY);
    for format in FORMATS {
        let query = format!("Format={}&Pad={padding}", format.as_str());
        let message = format!("The request URI is longer than the limit of {MAX_QUERY} bytes.");
        gateway(
            &send(server(), "GET", &query, None, &[]),
            format,
            "RequestURITooLong",
            414,
            &message,
        );
    }
}

#[test]
fn too_many_or_too_large_headers_are_refused_with_an_envelope() {
    let names: Vec<String> = (0..MAX_HEADERS).map(|i| format!("x-pad-{i}")).collect();
    let many: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "v")).collect();
    let message =
        format!("The request header fields are larger than the limit of {MAX_HEADERS} fields.");
    let reply = send(server(), "GET", "Format=XML", None, &many);
    gateway(
        &reply,
        Format::Xml,
        "RequestHeaderFieldsTooLarge",
        431,
        &message,
    );
    let big = "v".repeat(MAX_HEADER_BYTES);
    let message =
        format!("The request header fields are larger than the limit of {MAX_HEADER_BYTES} bytes.");
    let reply = send(server(), "GET", "", None, &[("x-big", &big)]);
    gateway(
        &reply,
        Format::Json,
        "RequestHeaderFieldsTooLarge",
        431,
        &message,
    );
}

#[test]
fn an_oversized_body_is_refused_naming_the_limit() {
    let big = format!("Plaintext={}", "a".repeat(MAX_BODY));
    let message = format!("The request body is larger than the limit of {MAX_BODY} bytes.");
    for format in FORMATS {
        let query = format!("Format={}", format.as_str());
        let reply = send(server(), "POST", &query, Some(&big), &[]);
        gateway(&reply, format, "RequestBodyTooLarge", 413, &message);
    }
}

#[test]
fn parameters_are_capped_in_number_name_and_value() {
    let parse_error = kms(Code::ParseRequestParameterException);
    let many: String = (0..300).map(|i| format!("p{i}=v&")).collect();
    send(server(), "GET", &many, None, &[]).expect_error(Format::Json, &parse_error);
    let long_name = format!("{}=v&Format=XML", "n".repeat(129));
    send(server(), "GET", &long_name, None, &[]).expect_error(Format::Xml, &parse_error);
    // A value over the cap, in a body under the body's limit.
    let form = format!("Description={}", "d".repeat(MAX_VALUE + 1));
    send(server(), "POST", "Format=XML", Some(&form), &[])
        .expect_error(Format::Xml, &invalid("Description"));
    // Bytes that are not UTF-8 once percent-decoded would not be what the client signed.
    send(server(), "GET", "KeyId=%ff%fe", None, &[]).expect_error(Format::Json, &parse_error);
}

#[test]
fn values_that_look_like_markup_stay_values() {
    let markup = "<KMS><Code>InternalFailure</Code></KMS>\"}";
    super::rpc("DescribeKey", Format::Xml, &[("KeyId", markup)])
        .expect_error(Format::Xml, &kms(Code::ForbiddenKeyNotFound));
    super::rpc(markup, Format::Json, &[]).expect_error(Format::Json, &invalid("Action"));
    super::rpc(
        "ListKeys",
        Format::Json,
        &[("PageNumber", "18446744073709551615")],
    )
    .expect_error(Format::Json, &invalid("PageNumber"));
}

/// Sends `request` on a fresh connection; the status and the body after the head.
fn raw(url: &str, request: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(url.trim_start_matches("http://")).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // hyper may close before reading all of an oversized head: a failed write is fine.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .as_bytes()
        .to_vec();
    (status, body)
}

/// Beyond the application's limits, only hyper can answer: these are the empty-bodied
/// refusals the README lists.
#[test]
fn what_only_hyper_refuses() {
    let long_uri = format!(
        "GET /?{} HTTP/1.1\r\nHost: x\r\n\r\n",
        "q".repeat(u16::MAX as usize)
    );
    let (status, body) = raw(server(), long_uri.as_bytes());
    assert_eq!(
        (status, body.len()),
        (414, 0),
        "a URI over hyper's 65,534 bytes"
    );
    let big: String = (0..10)
        .map(|i| format!("x-big-{i}: {}\r\n", "v".repeat(14 * 1024)))
        .collect();
    let (status, body) = raw(
        server(),
        format!("GET / HTTP/1.1\r\nHost: x\r\n{big}\r\n").as_bytes(),
    );
    assert_eq!(
        (status, body.len()),
        (431, 0),
        "a head over hyper's 64 KiB buffer"
    );
    let headers: String = (0..130).map(|i| format!("x-h{i}: v\r\n")).collect();
    let (status, body) = raw(
        server(),
        format!("GET / HTTP/1.1\r\nHost: x\r\n{headers}\r\n").as_bytes(),
    );
    assert_eq!(
        (status, body.len()),
        (431, 0),
        "more than 128 header fields"
    );
    let (status, body) = raw(server(), b"GARBAGE\r\n\r\n");
    assert_eq!((status, body.len()), (400, 0), "a malformed request line");
}

/// A server with short timeouts and a small cap.
fn hardened(limits: ConnectionLimits) -> String {
    start(Config {
        connection_limits: limits,
        ..config()
    })
}

/// How long until the server closes `stream`, reading (and discarding) what it sends.
fn time_to_close(mut stream: TcpStream, started: Instant) -> Duration {
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buffer = [0; 1024];
    while matches!(stream.read(&mut buffer), Ok(n) if n > 0) {}
    started.elapsed()
}

#[test]
fn silent_and_dripping_connections_are_cut_off() {
    let url = hardened(ConnectionLimits {
        header_timeout: Duration::from_millis(2500),
        idle_timeout: Duration::from_millis(1000),
        max_connections: 64,
    });
    let address = url.trim_start_matches("http://");
    let started = Instant::now();
    let silent = time_to_close(TcpStream::connect(address).unwrap(), started);
    assert!(
        silent >= Duration::from_millis(1000) && silent < Duration::from_secs(10),
        "{silent:?}"
    );

    // One header byte every 100 ms (a tenth of the idle timeout, a margin for a loaded
    // machine) keeps the connection from being idle, not from the header-read timeout.
    let mut dripping = TcpStream::connect(address).unwrap();
    let started = Instant::now();
    let request = b"GET /?Action=ListKeys HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    for byte in request.iter().chain(std::iter::repeat(&b'a')) {
        if dripping.write_all(&[*byte]).is_err() || started.elapsed() > Duration::from_secs(10) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let cut = started.elapsed();
    assert!(
        cut >= Duration::from_millis(2500) && cut < Duration::from_secs(10),
        "{cut:?}"
    );
    eprintln!("silent socket closed after {silent:?}, dripping one after {cut:?}");
}

/// The figures the README gives: 200 idle sockets held against a cap of 16, with timeouts
/// of a minute, so that only the cap's eviction can make room.
#[test]
fn idle_sockets_cannot_keep_a_normal_request_from_being_answered() {
    let url = hardened(ConnectionLimits {
        header_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        max_connections: 16,
    });
    let address = url.trim_start_matches("http://");
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(address).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let reply = Client::new(&url, DEMO).rpc("ListKeys", Format::Json, &[]);
    let answered = started.elapsed();
    reply.json();
    let closed = idle
        .iter()
        .filter(|s| {
            s.set_nonblocking(true).unwrap();
            matches!((&**s).read(&mut [0; 1]), Ok(0))
        })
        .count();
    eprintln!(
        "200 idle sockets, cap 16: a normal request answered in {answered:?}; {closed} idle sockets closed by the server"
    );
    assert!(closed >= 200 - 16, "{closed} closed");
}

#[test]
fn the_fault_header_injects_any_catalog_code() {
    let now = app::clock::now();
    for code in [
        Code::InternalFailure,
        Code::ServiceUnavailableTemporary,
        Code::ForbiddenNoPermission,
        Code::ForbiddenKeyNotFound,
    ] {
        for format in FORMATS {
            let params = rpc_params("ListKeys", format, &now, &[]);
            let reply = demo().signed("GET", &params, &[(FAULT_HEADER, code.code())]);
            reply.expect_error(format, &kms(code));
        }
    }
    let params = rpc_params("ListKeys", Format::Json, &now, &[]);
    let reply = demo().signed("GET", &params, &[(FAULT_HEADER, "SignatureDoesNotMatch")]);
    let message = "Specified signature does not match our calculation. server string to sign is:<string_to_sign>";
    reply.expect_code(Format::Json, "SignatureDoesNotMatch", 400, message);
    for header in ["NoSuchCode", ""] {
        let query = encode(&params);
        send(server(), "GET", &query, None, &[(FAULT_HEADER, header)])
            .expect_error(Format::Json, &invalid(FAULT_HEADER));
    }
}

#[test]
fn the_fault_flag_fails_the_first_requests() {
    assert!(Fault::parse("NoSuchCode").is_err());
    assert!(Fault::parse("InternalFailure:x").is_err());
    let url = start(Config {
        fault: Some(Fault::parse("Forbidden.InDebt:2").unwrap()),
        ..config()
    });
    let client = Client::new(&url, DEMO);
    for _ in 0..2 {
        client
            .rpc("ListKeys", Format::Xml, &[])
            .expect_error(Format::Xml, &kms(Code::ForbiddenInDebt));
    }
    client.rpc("ListKeys", Format::Xml, &[]).xml("ListKeys");
}
