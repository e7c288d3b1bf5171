//! The client-side reader: `ServiceError::decode` and friends on well-formed envelopes, the
//! seed's samples, every catalog code in both formats, retry, Display, format selection.

use std::borrow::Cow;

use errcat::kms::{ErrorCode, ServiceError};
use errcat::{Code, DecodeErrorKind, Decoder, Retry};

const REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";
const HOST_ID: &str = "kms.cn-hangzhou.aliyuncs.com";
const ILLEGAL_TIMESTAMP: &str = "The input parameter \"Timestamp\" that is required for processing this request is not supplied.";

/// DESIGN.md's JSON sample, byte for byte.
const JSON_SAMPLE: &str = r#"{"HttpStatus":400,"Code":"IllegalTimestamp","Message":"The input parameter \"Timestamp\" that is required for processing this request is not supplied.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68","HostId":"kms.cn-hangzhou.aliyuncs.com"}"#;
const JSON_SAMPLE_NO_HOST: &str = r#"{"HttpStatus":400,"Code":"IllegalTimestamp","Message":"The input parameter \"Timestamp\" that is required for processing this request is not supplied.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68"}"#;

/// DESIGN.md's XML sample, byte for byte.
const XML_SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>400</HttpStatus><Code>IllegalTimestamp</Code><Message>The input parameter "Timestamp" that is required for processing this request is not supplied.</Message><RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId><HostId>kms.cn-hangzhou.aliyuncs.com</HostId></KMS>"#;
const XML_SAMPLE_NO_HOST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>400</HttpStatus><Code>IllegalTimestamp</Code><Message>The input parameter "Timestamp" that is required for processing this request is not supplied.</Message><RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId></KMS>"#;

fn json(status: u16, body: &str) -> ServiceError<'_> {
    ServiceError::from_json(status, body.as_bytes()).unwrap_or_else(|e| panic!("{e}\nbody: {body}"))
}

fn xml(status: u16, body: &str) -> ServiceError<'_> {
    ServiceError::from_xml(status, body.as_bytes()).unwrap_or_else(|e| panic!("{e}\nbody: {body}"))
}

fn assert_illegal_timestamp(error: &ServiceError<'_>, host_id: Option<&str>) {
    assert_eq!(error.status(), 400);
    assert_eq!(
        error.body_status(),
        None,
        "the body agrees with the status line"
    );
    assert_eq!(error.code(), &Code::Known(ErrorCode::IllegalTimestamp));
    assert_eq!(error.code_str(), "IllegalTimestamp");
    assert_eq!(error.message(), Some(ILLEGAL_TIMESTAMP));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.host_id(), host_id);
    assert_eq!(error.recommend(), None);
    assert!(error.extra().is_empty(), "{:?}", error.extra());
    assert_eq!(error.retry(), Some(Retry::Never));
    assert!(!error.is_retryable());
}

/// Whether `text` is a slice of `body` (borrowed, not copied).
fn borrows(body: &str, text: &str) -> bool {
    let range = body.as_bytes().as_ptr_range();
    range.contains(&text.as_ptr())
}

#[test]
fn design_json_sample_with_and_without_host_id() {
    assert_illegal_timestamp(&json(400, JSON_SAMPLE), Some(HOST_ID));
    assert_illegal_timestamp(&json(400, JSON_SAMPLE_NO_HOST), None);
}

#[test]
fn design_xml_sample_with_and_without_host_id() {
    assert_illegal_timestamp(&xml(400, XML_SAMPLE), Some(HOST_ID));
    assert_illegal_timestamp(&xml(400, XML_SAMPLE_NO_HOST), None);
}

#[test]
fn seed_page_xml_sample_verbatim() {
    // As the seed page prints it: no declaration, one field per line, the message's
    // trailing space (which, as all whitespace around a field's value, is no part of it)
    // and the older "mandatory" wording.
    let body = "<KMS>\n<HttpStatus>400</HttpStatus>\n<Code>IllegalTimestamp</Code>\n<Message>The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied. </Message>\n<RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId>\n</KMS>\n";
    let error = xml(400, body);
    assert_eq!(error.code().known(), Some(ErrorCode::IllegalTimestamp));
    assert_eq!(
        error.message(),
        Some(
            "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied."
        )
    );
    assert_eq!(error.request_id(), Some(REQUEST_ID));
}

#[test]
fn unescaped_text_is_borrowed_from_the_body() {
    let error = json(400, JSON_SAMPLE);
    // The message has escaped quotes: it had to be copied. The ids have none.
    assert!(!borrows(JSON_SAMPLE, error.message().unwrap()));
    assert!(borrows(JSON_SAMPLE, error.request_id().unwrap()));
    assert!(borrows(JSON_SAMPLE, error.host_id().unwrap()));

    let error = xml(400, XML_SAMPLE);
    assert!(borrows(XML_SAMPLE, error.message().unwrap()));
    assert!(borrows(XML_SAMPLE, error.request_id().unwrap()));

    let body = r#"{"Code":"X","Data":{"a":1},"Tag":"t"}"#;
    let error = json(400, body);
    for (name, value) in error.extra() {
        assert!(matches!(name, Cow::Borrowed(_)), "{name}");
        assert!(matches!(value, Cow::Borrowed(_)), "{value}");
    }
}

#[test]
fn lower_and_mixed_case_field_names() {
    let body = r#"{"httpStatus":404,"code":"Forbidden.KeyNotFound","message":"m","requestId":"r","hostId":"h","recommend":"https://r"}"#;
    let error = json(404, body);
    assert_eq!(error.code().known(), Some(ErrorCode::ForbiddenKeyNotFound));
    assert_eq!(error.message(), Some("m"));
    assert_eq!(error.request_id(), Some("r"));
    assert_eq!(error.host_id(), Some("h"));
    assert_eq!(error.recommend(), Some("https://r"));
    assert!(error.extra().is_empty());

    let body = "<Error><code>Forbidden.KeyNotFound</code><MESSAGE>m</MESSAGE><RequestID>r</RequestID><hostid>h</hostid><Recommend>https://r</Recommend></Error>";
    let error = xml(404, body);
    assert_eq!(error.code().known(), Some(ErrorCode::ForbiddenKeyNotFound));
    assert_eq!(error.message(), Some("m"));
    assert_eq!(error.request_id(), Some("r"));
    assert_eq!(error.host_id(), Some("h"));
    assert_eq!(error.recommend(), Some("https://r"));
}

#[test]
fn any_xml_root_element() {
    for root in ["KMS", "Error", "Response", "ErrorResponse", "Fault"] {
        let body = format!("<{root}><Code>InternalFailure</Code></{root}>");
        let error = xml(500, &body);
        assert_eq!(
            error.code().known(),
            Some(ErrorCode::InternalFailure),
            "{root}"
        );
    }
    let body = r#"<Error xmlns="urn:x" lang="en"><Code>InternalFailure</Code></Error>"#;
    assert_eq!(xml(500, body).code_str(), "InternalFailure");
}

#[test]
fn unknown_code_is_kept_whole() {
    let error = json(403, r#"{"Code":"Forbidden.SomethingNew","Message":"new"}"#);
    assert_eq!(
        error.code(),
        &Code::Unknown("Forbidden.SomethingNew".into())
    );
    assert_eq!(error.code_str(), "Forbidden.SomethingNew");
    assert_eq!(error.code().known(), None);

    let error = xml(403, "<KMS><Code>Forbidden.SomethingNew</Code></KMS>");
    assert_eq!(
        error.code(),
        &Code::Unknown("Forbidden.SomethingNew".into())
    );
}

#[test]
fn near_miss_codes_stay_unknown() {
    for near in [
        "forbidden.keynotfound",
        "FORBIDDEN.KEYNOTFOUND",
        "Forbidden. KeyNotFound",
        "Forbidden.KeyNotFound\u{a0}",
        "Forbidden.KeyNotFoun",
        "ForbiddenKeyNotFound",
    ] {
        let body = serde_json::json!({ "Code": near }).to_string();
        let error = json(404, &body);
        assert_eq!(error.code(), &Code::Unknown(near.into()), "{near:?}");
        let body = format!("<KMS><Code>{near}</Code></KMS>");
        assert_eq!(
            xml(404, &body).code(),
            &Code::Unknown(near.into()),
            "{near:?}"
        );
    }
}

#[test]
fn http_status_mismatch_is_noted_not_used() {
    let error = json(502, r#"{"HttpStatus":404,"Code":"Forbidden.KeyNotFound"}"#);
    assert_eq!(error.status(), 502);
    assert_eq!(error.body_status(), Some(404));

    let error = xml(
        502,
        "<KMS><HttpStatus> 404 </HttpStatus><Code>X</Code></KMS>",
    );
    assert_eq!(error.status(), 502);
    assert_eq!(error.body_status(), Some(404));
    assert_eq!(
        error.retry(),
        Some(Retry::Transient),
        "the status line decides"
    );

    assert_eq!(
        json(404, r#"{"HttpStatus":404,"Code":"X"}"#).body_status(),
        None
    );
    assert_eq!(
        json(404, r#"{"HttpStatus":null,"Code":"X"}"#).body_status(),
        None
    );
}

#[test]
fn unknown_json_fields_are_kept_in_order_with_their_text() {
    let body = r#"{"Code":"X","Count":12.50,"Huge":1e999999,"Flag":true,"Nothing":null,"Data":{"a":[1,{"b":"]"}]},"List":[],"Quoted":"a\"b\u00e9","Tag":"x","Tag":"y"}"#;
    let error = json(400, body);
    let extra: Vec<(&str, &str)> = error.extra().iter().map(|(k, v)| (&**k, &**v)).collect();
    assert_eq!(
        extra,
        [
            ("Count", "12.50"),
            ("Huge", "1e999999"),
            ("Flag", "true"),
            ("Nothing", "null"),
            ("Data", r#"{"a":[1,{"b":"]"}]}"#),
            ("List", "[]"),
            ("Quoted", "a\"bé"),
            ("Tag", "x"),
            ("Tag", "y"),
        ]
    );
}

#[test]
fn unknown_xml_fields_are_kept_with_their_text_or_inner_xml() {
    let body = "<Error><Code>X</Code><Data><KeyId>k&amp;1</KeyId><Ids><Id>1</Id></Ids></Data><Empty/><Tag>a &lt; b</Tag></Error>";
    let error = xml(400, body);
    let extra: Vec<(&str, &str)> = error.extra().iter().map(|(k, v)| (&**k, &**v)).collect();
    assert_eq!(
        extra,
        [
            ("Data", "<KeyId>k&amp;1</KeyId><Ids><Id>1</Id></Ids>"),
            ("Empty", ""),
            ("Tag", "a < b"),
        ]
    );
}

#[test]
fn json_null_known_fields_count_as_absent() {
    let error = json(
        400,
        r#"{"Code":"X","Message":null,"RequestId":null,"HostId":null}"#,
    );
    assert_eq!(error.message(), None);
    assert_eq!(error.request_id(), None);
    assert_eq!(error.host_id(), None);
}

#[test]
fn escapes_are_decoded() {
    let error = json(
        400,
        r#"{"Code":"X","Message":"line\nbreak \"q\" \\ \u00e9 \ud83d\ude00 \/"}"#,
    );
    assert_eq!(error.message(), Some("line\nbreak \"q\" \\ é 😀 /"));

    let body = "<E><Code>X</Code><Message>&lt;a&gt; &amp; &apos;&quot; &#233; &#x1F600; &#13;<![CDATA[<raw> & ]]>!</Message></E>";
    assert_eq!(xml(400, body).message(), Some("<a> & '\" é 😀 \r<raw> & !"));

    // XML end-of-line normalization: a literal CR LF is a line feed.
    let body = "<E><Code>X</Code><Message>a\r\nb</Message></E>";
    assert_eq!(xml(400, body).message(), Some("a\nb"));
}

#[test]
fn comments_and_processing_instructions_are_skipped() {
    let body = "<?xml version=\"1.0\"?>\n<!-- c --><?pi x?>\n<KMS><!-- c --><Code>X<!-- c -->Y</Code></KMS>\n<!-- after -->\n";
    assert_eq!(xml(400, body).code_str(), "XY");
}

/// The JSON envelope errcat's writer sends for `code`, built independently with serde_json.
fn json_body(code: ErrorCode) -> String {
    serde_json::json!({
        "HttpStatus": code.http_status(),
        "Code": code.code(),
        "Message": code.message(),
        "RequestId": REQUEST_ID,
        "HostId": HOST_ID,
    })
    .to_string()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XML envelope errcat's writer sends for `code`, built independently with `format!`.
fn xml_body(code: ErrorCode) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>{}</HttpStatus><Code>{}</Code><Message>{}</Message><RequestId>{REQUEST_ID}</RequestId><HostId>{HOST_ID}</HostId></KMS>"#,
        code.http_status(),
        code.code(),
        xml_escape(code.message()),
    )
}

fn assert_decodes_as(error: &ServiceError<'_>, code: ErrorCode) {
    assert_eq!(error.code(), &Code::Known(code));
    assert_eq!(error.code_str(), code.code());
    assert_eq!(error.status(), code.http_status());
    assert_eq!(error.body_status(), None);
    assert_eq!(error.message(), Some(code.message()));
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.host_id(), Some(HOST_ID));
    assert_eq!(error.retry(), Some(code.retry()));
    assert_eq!(error.is_retryable(), code.is_retryable());
}

#[test]
fn every_code_decodes_from_json() {
    assert_eq!(ErrorCode::ALL.len(), 32);
    for &code in ErrorCode::ALL {
        let body = json_body(code);
        assert_decodes_as(&json(code.http_status(), &body), code);
        let sniffed = ServiceError::decode(code.http_status(), None, body.as_bytes()).unwrap();
        assert_decodes_as(&sniffed, code);
    }
}

#[test]
fn every_code_decodes_from_xml() {
    for &code in ErrorCode::ALL {
        let body = xml_body(code);
        assert_decodes_as(&xml(code.http_status(), &body), code);
        let typed = ServiceError::decode(
            code.http_status(),
            Some("text/xml;charset=utf-8"),
            body.as_bytes(),
        );
        assert_decodes_as(&typed.unwrap(), code);
    }
}

#[test]
fn retry_of_known_codes_comes_from_the_catalog() {
    let error = json(500, r#"{"Code":"InternalFailure"}"#);
    assert_eq!(error.retry(), Some(Retry::Transient));
    assert!(error.is_retryable());
    let error = json(503, r#"{"Code":"ServiceUnavailableTemporary"}"#);
    assert_eq!(error.retry(), Some(Retry::Transient));
    // A known, final code stays final even under a 503 status line.
    let error = json(503, r#"{"Code":"Forbidden.KeyNotFound"}"#);
    assert_eq!(error.retry(), Some(Retry::Never));
    assert!(!error.is_retryable());
}

#[test]
fn retry_of_unknown_codes_comes_from_the_status_line() {
    for status in [500, 502, 503, 504] {
        let error = json(status, r#"{"Code":"Something.New"}"#);
        assert_eq!(error.retry(), Some(Retry::Transient), "{status}");
        assert!(error.is_retryable());
    }
    for status in [400, 403, 404, 429, 501, 505, 599] {
        let error = xml(status, "<E><Code>Something.New</Code></E>");
        assert_eq!(error.retry(), Some(Retry::Never), "{status}");
        assert!(!error.is_retryable());
    }
}

#[test]
fn x_acs_retry_after_means_throttling() {
    let body = br#"{"Code":"Forbidden.KeyNotFound"}"#;
    let error: ServiceError = ServiceError::from_json(404, body).unwrap();
    let unchanged = error.clone().with_retry_after(false);
    assert_eq!(unchanged.retry(), Some(Retry::Never));
    let throttled = error.with_retry_after(true);
    assert_eq!(throttled.retry(), Some(Retry::Throttling));
    assert!(throttled.is_retryable());

    let error: ServiceError = ServiceError::from_json(503, br#"{"Code":"New"}"#).unwrap();
    assert_eq!(
        error.with_retry_after(true).retry(),
        Some(Retry::Throttling)
    );
}

#[test]
fn display_shows_status_code_message_and_request_id() {
    let body = r#"{"Code":"Forbidden.KeyNotFound","Message":"The specified Key is not found.","RequestId":"3b23"}"#;
    assert_eq!(
        json(404, body).to_string(),
        "404 Forbidden.KeyNotFound: The specified Key is not found. (RequestId: 3b23)"
    );
    assert_eq!(
        json(400, JSON_SAMPLE).to_string(),
        format!("400 IllegalTimestamp: {ILLEGAL_TIMESTAMP} (RequestId: {REQUEST_ID})")
    );
    assert_eq!(json(503, r#"{"Code":"New"}"#).to_string(), "503 New");
    assert_eq!(
        json(503, r#"{"Code":"New","RequestId":"r"}"#).to_string(),
        "503 New (RequestId: r)"
    );
    // A hostile server cannot forge log lines: control characters are escaped.
    let body = r#"{"Code":"A\nB","Message":"m\r\nINFO forged","RequestId":"r\u001b[31m"}"#;
    assert_eq!(
        json(400, body).to_string(),
        r"400 A\nB: m\r\nINFO forged (RequestId: r\u{1b}[31m)"
    );
    // And it is an error type.
    let error: Box<dyn std::error::Error> = Box::new(json(400, JSON_SAMPLE));
    assert!(error.to_string().starts_with("400 IllegalTimestamp"));
}

/// Every character `errcat_wire::show` hides (controls, separators, bidi, invisible format
/// characters), in each field a server controls and in a refusal that quotes the body:
/// neither `ServiceError`'s nor `DecodeError`'s `Display` prints one raw.
#[test]
fn display_escapes_every_hidden_character_from_the_body() {
    let hidden: String = (0..=0x10_ffff)
        .filter_map(char::from_u32)
        .filter(|&c| errcat_wire::show::is_hidden(c))
        .collect();
    assert!(hidden.chars().count() > 230, "{}", hidden.chars().count());
    let raw = |shown: &str| {
        shown
            .chars()
            .filter(|&c| errcat_wire::show::is_hidden(c))
            .count()
    };
    let body = serde_json::json!({
        "Code": format!("X{hidden}Y"),
        "Message": hidden,
        "RequestId": hidden,
    })
    .to_string();
    let shown = json(400, &body).to_string();
    assert_eq!(raw(&shown), 0, "{shown:?}");
    assert!(
        shown.contains(r"\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}"),
        "{shown}"
    );
    // A refusal quoting a hostile entity name and a hostile field name.
    for body in [
        "<KMS><Code>&x\u{202e}\u{200b};</Code></KMS>".to_owned(),
        r#"{"Code":"A","HttpStatus":"4\u2066\u202800"}"#.to_owned(),
    ] {
        let refused = ServiceError::decode(400, None, body.as_bytes()).unwrap_err();
        let shown = refused.to_string();
        assert_eq!(raw(&shown), 0, "{shown:?}");
        assert!(shown.contains(r"\u{"), "{shown}");
    }
}

#[test]
fn content_type_selects_the_format() {
    let json_types = [
        "application/json",
        "application/json;charset=utf-8",
        "Application/JSON; charset=UTF-8",
        "text/json",
        "application/problem+json",
    ];
    for content_type in json_types {
        let error: ServiceError =
            ServiceError::decode(400, Some(content_type), JSON_SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            error.code().known(),
            Some(ErrorCode::IllegalTimestamp),
            "{content_type}"
        );
        // The content type is believed: an XML body under a JSON type is malformed JSON.
        let refused =
            ServiceError::decode(400, Some(content_type), XML_SAMPLE.as_bytes()).unwrap_err();
        assert_eq!(refused.kind(), DecodeErrorKind::Syntax, "{content_type}");
        assert!(refused.to_string().contains("JSON"), "{refused}");
    }
    for content_type in [
        "text/xml;charset=utf-8",
        "application/xml",
        "TEXT/XML",
        "application/soap+xml",
    ] {
        let error: ServiceError =
            ServiceError::decode(400, Some(content_type), XML_SAMPLE.as_bytes()).unwrap();
        assert_eq!(
            error.code().known(),
            Some(ErrorCode::IllegalTimestamp),
            "{content_type}"
        );
        let refused =
            ServiceError::decode(400, Some(content_type), JSON_SAMPLE.as_bytes()).unwrap_err();
        assert_eq!(refused.kind(), DecodeErrorKind::Syntax, "{content_type}");
    }
}

#[test]
fn without_a_useful_content_type_the_body_is_sniffed() {
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/octet-stream"),
        Some(""),
        Some("json"),
    ] {
        let error: ServiceError =
            ServiceError::decode(400, content_type, JSON_SAMPLE.as_bytes()).unwrap();
        assert_eq!(error.host_id(), Some(HOST_ID));
        let error: ServiceError =
            ServiceError::decode(400, content_type, XML_SAMPLE.as_bytes()).unwrap();
        assert_eq!(error.host_id(), Some(HOST_ID));
    }
    let padded = format!(" \r\n\t{JSON_SAMPLE}\n");
    assert!(ServiceError::decode(400, None, padded.as_bytes()).is_ok());
    // Whitespace may come before the root, but not before a declaration, which is first or
    // nowhere.
    let (declaration, root) = XML_SAMPLE.split_at(XML_SAMPLE.find("?>").unwrap() + 2);
    let padded = format!("\n  {root}\n");
    assert!(ServiceError::decode(400, None, padded.as_bytes()).is_ok());
    let padded = format!("\n  {declaration}{root}\n");
    let error = ServiceError::decode(400, None, padded.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), DecodeErrorKind::Syntax);
    let with_bom = format!("\u{feff}{JSON_SAMPLE}");
    assert!(ServiceError::decode(400, None, with_bom.as_bytes()).is_ok());

    let refused = ServiceError::decode(502, Some("text/html"), b"  Bad Gateway").unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::UnknownFormat);
    assert_eq!(refused.offset(), Some(2));
    assert_eq!(
        refused.to_string(),
        "cannot decode error envelope at byte 2: neither JSON nor XML: the content type names \
         neither JSON nor XML, and the body starts with 'B', not `{` or `<`"
    );
}

#[test]
fn into_owned_outlives_the_body() {
    let body = String::from(
        r#"{"Code":"Forbidden.KeyNotFound","Message":"m","RequestId":"r","HostId":"h","Recommend":"c","Data":[1]}"#,
    );
    let borrowed: ServiceError<'_> = ServiceError::from_json(404, body.as_bytes()).unwrap();
    let expected = borrowed.clone().into_owned();
    let owned: ServiceError<'static> = borrowed.into_owned();
    drop(body);
    assert_eq!(owned, expected);
    assert_eq!(owned.message(), Some("m"));
    assert_eq!(owned.request_id(), Some("r"));
    assert_eq!(owned.host_id(), Some("h"));
    assert_eq!(owned.recommend(), Some("c"));
    assert_eq!(owned.extra()[0].1, "[1]");
    assert_eq!(owned.code().known(), Some(ErrorCode::ForbiddenKeyNotFound));
}

#[test]
fn decoder_limits_are_exact() {
    let body = JSON_SAMPLE.as_bytes();
    let fits = Decoder::new().max_body_size(body.len());
    assert!(fits.from_json::<ErrorCode>(400, body).is_ok());
    let refused = Decoder::new()
        .max_body_size(body.len() - 1)
        .from_json::<ErrorCode>(400, body)
        .unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::TooLarge);
    assert_eq!(
        refused.to_string(),
        format!(
            "cannot decode JSON error envelope: body too large: the body is {} bytes, over the limit of {} bytes",
            body.len(),
            body.len() - 1
        )
    );

    // Flat envelopes: depth 1 in JSON, 2 in XML (the root and its fields).
    assert!(
        Decoder::new()
            .max_depth(1)
            .from_json::<ErrorCode>(400, body)
            .is_ok()
    );
    assert!(
        Decoder::new()
            .max_depth(2)
            .from_xml::<ErrorCode>(400, XML_SAMPLE.as_bytes())
            .is_ok()
    );
    let refused = Decoder::new()
        .max_depth(1)
        .from_xml::<ErrorCode>(400, XML_SAMPLE.as_bytes())
        .unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::TooDeep);
    assert_eq!(
        refused.offset(),
        Some(XML_SAMPLE.find("<HttpStatus>").unwrap())
    );
    let refused = Decoder::new()
        .max_depth(0)
        .from_json::<ErrorCode>(400, body)
        .unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::TooDeep);

    let nested = r#"{"Code":"X","A":[[["x"]]]}"#;
    assert!(
        Decoder::new()
            .max_depth(4)
            .from_json::<ErrorCode>(400, nested.as_bytes())
            .is_ok()
    );
    let refused = Decoder::new()
        .max_depth(3)
        .from_json::<ErrorCode>(400, nested.as_bytes())
        .unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::TooDeep);
    assert_eq!(refused.offset(), Some(nested.find("[[\"").unwrap() + 1));

    let defaults = Decoder::default();
    assert_eq!(
        defaults,
        Decoder::new().max_body_size(1 << 20).max_depth(32)
    );
}

#[test]
fn duplicate_known_fields_are_refused_in_any_casing() {
    let refused = ServiceError::from_json(400, br#"{"Code":"A","code":"B"}"#).unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::DuplicateField);
    assert!(
        refused
            .to_string()
            .contains("`code` repeats the Code field"),
        "{refused}"
    );
    let refused =
        ServiceError::from_xml(400, b"<E><Code>A</Code><Message/><message>x</message></E>")
            .unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::DuplicateField);
    assert_eq!(refused.offset(), Some(27));
}

/// Reading `body` as XML with the fast path first (then quick-xml for anything it declines)
/// gives exactly what quick-xml alone gives, under the default limits and under depth limits
/// around the levels of a flat envelope; returns whether the fast path read `body`.
fn assert_paths_agree(text: &str) -> bool {
    let body = text.as_bytes();
    for decoder in [
        Decoder::new(),
        Decoder::new().max_depth(2),
        Decoder::new().max_depth(1),
        Decoder::new().max_depth(0),
    ] {
        for status in [400, 503] {
            let both = decoder.from_xml::<ErrorCode>(status, body);
            let slow = decoder.from_xml_slow_path::<ErrorCode>(status, body);
            assert_eq!(both, slow, "{decoder:?}, status {status}, body: {text:?}");
        }
    }
    Decoder::new().xml_fast_path_accepts(body)
}

/// The shapes a server sends for `code`: with and without HostId, lower-case names, other
/// roots, no declaration, unknown fields, references, whitespace and line breaks between
/// elements.
fn xml_variants(code: ErrorCode) -> Vec<String> {
    let (status, message) = (code.http_status(), xml_escape(code.message()));
    let code = code.code();
    let fields = |host: &str| {
        format!(
            "<HttpStatus>{status}</HttpStatus><Code>{code}</Code><Message>{message}</Message>\
             <RequestId>{REQUEST_ID}</RequestId>{host}"
        )
    };
    let with_host = fields(&format!("<HostId>{HOST_ID}</HostId>"));
    let without_host = fields("");
    let decl = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
    let mut variants = Vec::new();
    for inner in [&with_host, &without_host] {
        variants.push(format!("{decl}<KMS>{inner}</KMS>"));
        variants.push(format!("<KMS>{inner}</KMS>"));
        variants.push(format!("{decl}<Error>{inner}</Error>"));
        variants.push(format!(
            "{decl}\n<KMS>{}</KMS>\n",
            inner.replace("><", ">\n<")
        ));
        variants.push(format!(
            "{decl}<Error>{}</Error>",
            inner
                .replace("<Code>", "<code>")
                .replace("</Code>", "</code>")
                .replace("RequestId>", "requestId>")
        ));
        variants.push(format!(
            "{decl}<KMS><Recommend>https://next.api.aliyun.com/troubleshoot</Recommend>{inner}\
             <Data>d &amp; e</Data><Empty/><Tag>t</Tag><Tag></Tag></KMS>"
        ));
        // Pretty-printed, LF and CR LF, with indentation.
        let pretty = inner.replace("><", ">\n  <");
        variants.push(format!("{decl}\n<KMS>\n  {pretty}\n</KMS>\n"));
        variants.push(format!(
            "{decl}\r\n<KMS>\r\n\t{}\r\n</KMS>\r\n",
            pretty.replace('\n', "\r\n")
        ));
        // Quotes and apostrophes as entities or character references, as some writers send.
        variants.push(format!(
            "<KMS>{}</KMS>",
            inner.replace('"', "&quot;").replace('\'', "&apos;")
        ));
        variants.push(format!(
            "<KMS>{}</KMS>",
            inner.replace('"', "&#34;").replace('.', "&#x2E;")
        ));
    }
    variants
}

#[test]
fn fast_path_agrees_with_quick_xml_on_every_code_and_shape() {
    for &code in ErrorCode::ALL {
        for body in xml_variants(code) {
            assert!(assert_paths_agree(&body), "the fast path declined {body:?}");
            let error = xml(code.http_status(), &body);
            assert_eq!(error.code(), &Code::Known(code), "{body}");
            assert_eq!(error.message(), Some(code.message()), "{body}");
            assert_eq!(error.request_id(), Some(REQUEST_ID), "{body}");
        }
    }
}

#[test]
fn fast_path_agrees_with_quick_xml_on_the_samples() {
    let simple = [
        XML_SAMPLE,
        XML_SAMPLE_NO_HOST,
        "<KMS>\n<HttpStatus>400</HttpStatus>\n<Code>IllegalTimestamp</Code>\n<Message>The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied. </Message>\n<RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId>\n</KMS>\n",
        "<Error><code>Forbidden.KeyNotFound</code><MESSAGE>m</MESSAGE><RequestID>r</RequestID><hostid>h</hostid><Recommend>https://r</Recommend></Error>",
        "<Fault><Code>InternalFailure</Code></Fault>",
        "<KMS><Code>Forbidden.SomethingNew</Code></KMS>",
        "<KMS><HttpStatus> 404 </HttpStatus><Code>X</Code></KMS>",
        "<E><Code>X</Code><Message>&lt;a&gt; &amp; &apos;&quot; &#233; &#x1F600; &#13; &#9;!</Message></E>",
        "<E><Code>X</Code><Message>a\r\nb\rc&#13;\r&#10;\r\n</Message></E>",
        "<E><Code> X </Code><Message>></Message><Tag>a]]b</Tag><_x.y-z>1</_x.y-z></E>",
        "<?xml version='1.0'?>  <E>\t<Code>X</Code>\t</E>  ",
        "<?xml\tversion=\"1.0\" encoding='utf-8' standalone='no'  ?><E><Code>X</Code></E>",
    ];
    for body in simple {
        assert!(assert_paths_agree(body), "the fast path declined {body:?}");
        assert!(ServiceError::from_xml(400, body.as_bytes()).is_ok());
    }
    // Simple in shape but refused: the fast path declines (or leaves the missing code to
    // the rule both paths share), and the error is quick-xml's.
    let refused = [
        "<E><Code>A</Code><Message/><message>x</message></E>",
        "<E><Code></Code></E>",
        "<E><Message>m</Message></E>",
        "<E><HttpStatus>four</HttpStatus><Code>X</Code></E>",
        "<E><Code>&lol;</Code></E>",
        "<E><Code>&#0;</Code></E>",
        "<E><Code>&#xD800;</Code></E>",
        "<E><Code>&amp</Code></E>",
        "<E><Code>a & b</Code></E>",
        "<E><Code>a\u{1b}b</Code></E>",
    ];
    for body in refused {
        assert_paths_agree(body);
        assert!(ServiceError::from_xml(400, body.as_bytes()).is_err());
    }
    for &code in ErrorCode::ALL {
        assert!(assert_paths_agree(&xml_body(code)));
    }
    // Outside the simple shape: quick-xml reads them, as before.
    let not_simple = [
        r#"<Error xmlns="urn:x" lang="en"><Code>InternalFailure</Code></Error>"#,
        "<Error><Code>X</Code><Data><KeyId>k&amp;1</KeyId><Ids><Id>1</Id></Ids></Data><Empty/><Tag>a &lt; b</Tag></Error>",
        "<E><Code>X</Code><Message>&lt;a&gt;<![CDATA[<raw> & ]]>!</Message></E>",
        "<?xml version=\"1.0\"?>\n<!-- c --><?pi x?>\n<KMS><!-- c --><Code>X<!-- c -->Y</Code></KMS>\n<!-- after -->\n",
        "<KMS><Code>X</Code ></KMS>",
        "<KMS ><Code>X</Code></KMS>",
        "<KMS><Code>X</Code></KMS><!-- after -->",
        "<?xml-stylesheet href=\"s\"?><KMS><Code>X</Code></KMS>",
        "<Error/>",
        "<KMS><Code>X</Code>",
        "<KMS><Code>X</Code></KMS><KMS/>",
        "<KMS>text<Code>X</Code></KMS>",
        "<KMS><Code>X</code></KMS>",
        "<KMS><Code>X</Code></KMS >",
        "<KMS><Code>X</Code></KMSX>",
        "<1><Code>X</Code></1>",
        "<Ré><Code>X</Code></Ré>",
        "\u{feff}\u{feff}<KMS><Code>X</Code></KMS>",
    ];
    for body in not_simple {
        assert!(!assert_paths_agree(body), "the fast path read {body:?}");
    }
}

/// The shapes a server sends for `code`: errcat's writer's output with and without HostId,
/// then that with lower-case names, another field order, unknown fields, escapes written
/// differently, `null`s, whitespace and line breaks between tokens.
fn json_variants(code: ErrorCode) -> Vec<String> {
    let error = errcat::Error::new(code);
    let mut variants = Vec::new();
    for host_id in [Some(HOST_ID), None] {
        let mut out = Vec::new();
        error.write_json(REQUEST_ID, host_id, &mut out);
        let written = String::from_utf8(out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&written).unwrap();
        variants.extend([
            written.clone(),
            // Pretty-printed (and, through `Value`, in another field order).
            serde_json::to_string_pretty(&value).unwrap(),
            format!("\r\n{}\r\n", serde_json::to_string_pretty(&value).unwrap().replace('\n', "\r\n\t")),
            written.replace(',', " , ").replace(':', " : ").replace('{', "{ ").replace('}', " }"),
            written
                .replace("\"Code\"", "\"code\"")
                .replace("\"Message\"", "\"message\"")
                .replace("\"RequestId\"", "\"requestId\"")
                .replace("\"HttpStatus\"", "\"httpStatus\""),
            written.replacen(
                '{',
                r#"{"Recommend":"https:\/\/next.api.aliyun.com\/troubleshoot?q=Forbidden.KeyNotFound","#,
                1,
            ),
            format!(
                "{}{}",
                written.strip_suffix('}').unwrap(),
                r#","Data":"d","Flag":true,"Other":false,"Nothing":null,"Count":-1.5e3,"Zero":0}"#,
            ),
            written.replace("\"HttpStatus\":", "\"HttpStatus\":null,\"X\":").replace("\"HostId\"", "\"Extra\""),
            // Escapes other writers use: `\/`, `\u` for non-ASCII or for anything.
            written.replace('.', r"\u002E").replace('-', r"\u002d"),
            written.replace("\\\"", r"\u0022"),
        ]);
    }
    variants
}

#[test]
fn every_code_decodes_from_every_json_shape() {
    for &code in ErrorCode::ALL {
        for body in json_variants(code) {
            let error = json(code.http_status(), &body);
            assert_eq!(error.code(), &Code::Known(code), "{body}");
            assert_eq!(error.request_id(), Some(REQUEST_ID), "{body}");
        }
    }
}

#[test]
fn json_samples_decode_or_are_refused() {
    let read = [
        JSON_SAMPLE,
        JSON_SAMPLE_NO_HOST,
        r#"{"Code":"X"}"#,
        r#"{"code":"Forbidden.SomethingNew","message":null,"requestid":"r","HOSTID":"h"}"#,
        r#"{"Code":"X","Message":"\"\\\/\b\f\n\r\t \u00e9\u00E9 \ud83d\ude00 \uDBFF\uDFFF \u0000 \uffff"}"#,
        r#"{"Code":"X","Message":"é日本😀\u007f","A":"\u00e9","A":"dup","B":1,"B":2}"#,
        r#"{"HttpStatus":100,"Code":"X"}"#,
        r#"{"HttpStatus":999,"Code":"X"}"#,
        r#"{"HttpStatus":null,"Code":"X"}"#,
        r#"{"Code":"X","N":-0,"M":0.5,"E":1E+2,"F":-1.25e-7,"G":12345678901234567890123}"#,
        r#"{"C\u006fde":"X","\u0041":"\\"}"#,
        " \t\n\r{ \t\n\r\"Code\" \t\n\r: \t\n\r\"X\" \t\n\r} \t\n\r",
        r#"{"Code":"a\\\\"}"#,
        r#"{"Code":"X","Data":{"KeyId":"k","Ids":[1,2,{"a":null}]}}"#,
        r#"{"Code":"X","Data":[]}"#,
        r#"{"Code":"X","Data":{}}"#,
    ];
    for body in read {
        let read = ServiceError::from_json(400, body.as_bytes());
        assert!(read.is_ok(), "{body}: {read:?}");
    }
    for body in [
        "{}",
        r#"{"Code":""}"#,
        r#"{"Code":null}"#,
        r#"{"Message":"m"}"#,
    ] {
        let refused = ServiceError::from_json(400, body.as_bytes()).unwrap_err();
        assert_eq!(refused.kind(), DecodeErrorKind::MissingCode, "{body}");
    }
    let deep = r#"{"Code":"X","Data":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#;
    let refused = ServiceError::from_json(400, deep.as_bytes()).unwrap_err();
    assert_eq!(refused.kind(), DecodeErrorKind::TooDeep);
    let refused = [
        r#"{"Code":"A","code":"B"}"#,
        r#"{"HttpStatus":400,"HttpStatus":400,"Code":"A"}"#,
        r#"{"Code":5}"#,
        r#"{"Code":true}"#,
        r#"{"HttpStatus":"400","Code":"X"}"#,
        r#"{"HttpStatus":99,"Code":"X"}"#,
        r#"{"HttpStatus":1000,"Code":"X"}"#,
        r#"{"HttpStatus":0400,"Code":"X"}"#,
        r#"{"HttpStatus":400.0,"Code":"X"}"#,
        r#"{"HttpStatus":4e2,"Code":"X"}"#,
        r#"{"HttpStatus":-400,"Code":"X"}"#,
        r#"{"HttpStatus":-0,"Code":"X"}"#,
        r#"{"HttpStatus":true,"Code":"X"}"#,
        r#"{"Code":"\ud800"}"#,
        r#"{"Code":"\udc00"}"#,
        r#"{"Code":"\ud800\u0041"}"#,
        r#"{"Code":"X","A":"\ud800"}"#,
        r#"{"Code":"\x"}"#,
        r#"{"Code":"\u12"}"#,
        "{\"Code\":\"a\nb\"}",
        "{\"Code\":\"a\tb\"}",
        "{\"Code\":\"a\u{1}b\"}",
        r#"{"Code":"X",}"#,
        r#"{"Code":"X"} x"#,
        r#"{"Code":"X"}{}"#,
        r#"{"Code":"X""#,
        r#"{"Code":"X","A":01}"#,
        r#"{"Code":"X","A":1.}"#,
        r#"{"Code":"X","A":nul}"#,
        r#"{"Code":"X","A":nullx}"#,
        r#"{"Code":"X","A":+1}"#,
        r#"{'Code':'X'}"#,
        "[]",
        "\"Code\"",
    ];
    for body in refused {
        assert!(
            ServiceError::from_json(400, body.as_bytes()).is_err(),
            "{body}"
        );
    }
}

mod other_catalog {
    use errcat::{Code, ErrorCatalog, Retry, ServiceError};

    #[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
    #[catalog(service = "Storage")]
    pub enum StorageError {
        #[errcat(
            code = "Bucket.NotFound",
            status = 404,
            message = "No bucket {bucket}."
        )]
        BucketNotFound,
        #[errcat(
            code = "SlowDown",
            status = 503,
            message = "Slow down.",
            retry = "throttling"
        )]
        SlowDown,
    }

    #[test]
    fn decodes_into_any_catalog() {
        let error: ServiceError<'_, StorageError> = errcat::Decoder::new()
            .from_xml(503, b"<Storage><Code>SlowDown</Code></Storage>")
            .unwrap();
        assert_eq!(error.code(), &Code::Known(StorageError::SlowDown));
        assert_eq!(error.retry(), Some(Retry::Throttling));
        // A KMS code means nothing to this catalog.
        let error: ServiceError<'_, StorageError> = errcat::Decoder::new()
            .from_json(404, br#"{"Code":"Forbidden.KeyNotFound"}"#)
            .unwrap();
        assert_eq!(error.code(), &Code::Unknown("Forbidden.KeyNotFound".into()));
    }
}

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

/// Decoding allocates only for text it cannot borrow: escaped strings, an unknown code,
/// unknown fields. Counted per thread, so other tests running alongside do not interfere.
mod allocations {
    use errcat::kms::ServiceError;

    use super::counting_alloc::allocations;

    fn decode(body: &[u8]) -> usize {
        allocations(|| ServiceError::decode(400, None, body).unwrap())
    }

    #[test]
    fn json_without_escapes_allocates_nothing() {
        let body = br#"{"HttpStatus":404,"Code":"Forbidden.KeyNotFound","Message":"The specified Key is not found.","RequestId":"3b237773-bc2c-4bea-95fc-319a1a5baa68","HostId":"kms.cn-hangzhou.aliyuncs.com"}"#;
        assert_eq!(decode(body), 0);
        // Lower-case keys and nulls are free too.
        assert_eq!(decode(br#"{"code":"InternalFailure","message":null}"#), 0);
    }

    /// An escaped string is decoded by serde_json into its scratch buffer (allocated at the
    /// first escape, grown when a string outgrows it), then copied out: one allocation each.
    #[test]
    fn json_allocates_for_escaped_strings_and_for_unknown_codes_and_fields() {
        assert_eq!(
            decode(br#"{"Code":"InternalFailure","Message":"a \"quoted\" word"}"#),
            3,
            "the scratch buffer, grown once, and the message"
        );
        let body =
            br#"{"Code":"InternalFailure","Message":"\u00e9\ud83d\ude00\n","RequestId":"r\/1"}"#;
        assert_eq!(
            decode(body),
            3,
            "the scratch buffer, the message and the request id"
        );
        assert_eq!(
            decode(br#"{"Code":"Not.In.The.Catalog"}"#),
            1,
            "the kept code"
        );
        assert_eq!(
            decode(br#"{"Code":"InternalFailure","A":1,"B":"b"}"#),
            1,
            "the list"
        );
    }

    #[test]
    fn xml_without_escapes_allocates_nothing() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?><KMS><HttpStatus>404</HttpStatus><Code>Forbidden.KeyNotFound</Code><Message>The specified Key is "not" found.</Message><RequestId>3b237773-bc2c-4bea-95fc-319a1a5baa68</RequestId><HostId>kms.cn-hangzhou.aliyuncs.com</HostId></KMS>"#;
        assert_eq!(decode(body), 0);
        // Lower-case names, no declaration, line breaks and empty fields are free too.
        let body = b"<Error>\r\n  <code>InternalFailure</code>\r\n  <message/>\n  <requestId></requestId>\n</Error>\n";
        assert_eq!(decode(body), 0);
    }

    #[test]
    fn xml_allocates_once_per_escaped_field_and_for_unknown_codes_and_fields() {
        let body = b"<KMS><Code>InternalFailure</Code><Message>a &amp; b</Message><RequestId>r</RequestId></KMS>";
        assert_eq!(decode(body), 1, "the message");
        let body = b"<KMS><Code>InternalFailure</Code><Message>&lt;a&gt; &#233;&#x1F600; &quot;b&quot;</Message><RequestId>r&#45;1</RequestId></KMS>";
        assert_eq!(decode(body), 2, "the message and the request id");
        let body = b"<KMS><Code>InternalFailure</Code><Message>line\r\nbreak</Message></KMS>";
        assert_eq!(decode(body), 1, "the message, its CR LF read as LF");
        assert_eq!(
            decode(b"<KMS><Code>Not.In.The.Catalog</Code></KMS>"),
            1,
            "the kept code"
        );
        assert_eq!(
            decode(b"<KMS><Code>InternalFailure</Code><A>1</A><B/></KMS>"),
            1,
            "the list"
        );
    }
}

/// A lone surrogate escape is refused the same way in a known field and in an unknown one
/// (whose string serde_json first skips without decoding): same kind, at the same place in
/// the string.
#[test]
fn a_lone_surrogate_is_refused_alike_in_known_and_unknown_fields() {
    let known = r#"{"Code":"\ud800"}"#;
    let unknown = r#"{"Code":"X","A":"\ud800"}"#;
    let known_error = ServiceError::from_json(400, known.as_bytes()).unwrap_err();
    let unknown_error = ServiceError::from_json(400, unknown.as_bytes()).unwrap_err();
    assert_eq!(known_error.kind(), DecodeErrorKind::Syntax, "{known_error}");
    assert_eq!(unknown_error.kind(), known_error.kind(), "{unknown_error}");
    let in_string = |body: &str, error: &errcat::DecodeError| {
        error.offset().unwrap() - body.rfind(r#""\u"#).unwrap()
    };
    assert_eq!(
        in_string(unknown, &unknown_error),
        in_string(known, &known_error),
        "{known_error} / {unknown_error}"
    );
}
