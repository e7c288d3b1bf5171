//! Properties of the reader: no input makes it panic, and any text a correct writer escapes
//! (serde_json for JSON, hand escaping with entities and character references for XML)
//! decodes back to exactly itself.

use errcat::{DecodeError, DecodeErrorKind, Decoder, ErrorCode, ServiceError};
use proptest::prelude::*;

/// Bytes that often form JSON or XML, so that random bodies get past the first character.
fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    let tokens = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "\\",
        "\\u00e9",
        "\\ud83d",
        "Code",
        "code",
        "Message",
        "HttpStatus",
        "400",
        "-1e999",
        "null",
        "true",
        "<",
        ">",
        "</",
        "/>",
        "&",
        "&amp;",
        "&#13;",
        "&#x1F600;",
        "&lol;",
        ";",
        "<!DOCTYPE",
        "<!ENTITY",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?xml",
        "?>",
        "=",
        "'",
        " ",
        "\n",
        "\r",
        "\t",
        "\0",
        "é",
        "\u{1F600}",
        "\u{feff}",
        "KMS",
    ]);
    prop::collection::vec(tokens, 0..64).prop_map(|tokens| tokens.concat().into_bytes())
}

/// Text with the characters escaping gets wrong: quotes, backslashes, markup, `]]>`,
/// control characters, CR LF, non-ASCII and astral-plane characters, mixed with anything.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "\"",
            "'",
            "\\",
            "<",
            ">",
            "&",
            "]]>",
            "&amp;",
            "&lt;",
            "\r",
            "\r\n",
            "\n",
            "\t",
            "\u{1}",
            "\u{1b}",
            "\u{7f}",
            "\u{85}",
            "\u{2028}",
            "é",
            "日本",
            "\u{1F600}",
            "\u{10FFFF}",
            "\u{FFFD}",
            " ",
            "{",
            "}",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
        "[a-zA-Z0-9 .-]{0,12}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// A field name that is none of the known ones, in any case.
fn is_known_name(name: &str) -> bool {
    [
        "httpstatus",
        "code",
        "message",
        "requestid",
        "hostid",
        "recommend",
    ]
    .iter()
    .any(|known| known.eq_ignore_ascii_case(name))
}

/// Escapes `text` for XML element content: the three markup characters as entities, CR and
/// the other control characters as decimal character references (so they survive
/// end-of-line normalization), and with `hex` every other non-ASCII character as a
/// hexadecimal character reference too.
fn xml_escape(text: &str, hex: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\r' => escaped.push_str("&#13;"),
            c if c.is_ascii_control() && c != '\n' && c != '\t' => {
                escaped.push_str(&format!("&#{};", u32::from(c)));
            }
            c if hex && !c.is_ascii() => escaped.push_str(&format!("&#x{:X};", u32::from(c))),
            c => escaped.push(c),
        }
    }
    escaped
}

/// XML 1.0 cannot carry NUL even as a reference; errcat's writer sends U+FFFD instead.
fn xml_carriable(text: &str) -> String {
    text.replace('\0', "\u{FFFD}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = ServiceError::<ErrorCode>::from_json(400, &body);
        let _ = ServiceError::<ErrorCode>::from_xml(400, &body);
        let _ = ServiceError::<ErrorCode>::decode(400, None, &body);
    }

    #[test]
    fn token_soup_never_panics(body in token_soup(), depth in 0usize..6) {
        let decoder = Decoder::new().max_depth(depth);
        for content_type in [None, Some("application/json"), Some("text/xml")] {
            let _ = ServiceError::<ErrorCode>::decode(400, content_type, &body);
            let _ = decoder.decode::<ErrorCode>(400, content_type, &body);
        }
        let _ = ServiceError::<ErrorCode>::from_xml(400, &body);
    }

    #[test]
    fn json_text_decodes_to_exactly_itself(
        code in tricky_text(),
        message in tricky_text(),
        request_id in tricky_text(),
        host_id in tricky_text(),
        extra_name in tricky_text(),
        extra_value in tricky_text(),
    ) {
        prop_assume!(!code.is_empty() && !is_known_name(&extra_name));
        let body = serde_json::json!({
            "Code": code,
            "Message": message,
            "RequestId": request_id,
            "HostId": host_id,
            extra_name.clone(): extra_value,
        })
        .to_string();
        let error: ServiceError = ServiceError::from_json(500, body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert_eq!(error.code_str(), code.as_str());
        prop_assert_eq!(error.code().known(), ErrorCode::from_code(&code));
        prop_assert_eq!(error.message(), Some(message.as_str()));
        prop_assert_eq!(error.request_id(), Some(request_id.as_str()));
        prop_assert_eq!(error.host_id(), Some(host_id.as_str()));
        prop_assert_eq!(error.extra().len(), 1);
        prop_assert_eq!(&*error.extra()[0].0, extra_name.as_str());
        prop_assert_eq!(&*error.extra()[0].1, extra_value.as_str());
        // Sniffing finds the same.
        let sniffed: ServiceError = ServiceError::decode(500, None, body.as_bytes()).unwrap();
        prop_assert_eq!(sniffed, error);
    }

    #[test]
    fn xml_text_decodes_to_exactly_itself(
        code in tricky_text(),
        message in tricky_text(),
        request_id in tricky_text(),
        host_id in tricky_text(),
        extra in tricky_text(),
        hex in any::<bool>(),
        root in prop::sample::select(vec!["KMS", "Error", "Response"]),
    ) {
        let [code, message, request_id, host_id, extra] =
            [code, message, request_id, host_id, extra].map(|text| xml_carriable(&text));
        prop_assume!(!code.is_empty());
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root}><Code>{}</Code><Message>{}</Message>\
             <RequestId>{}</RequestId><HostId>{}</HostId><Extra>{}</Extra></{root}>",
            xml_escape(&code, hex),
            xml_escape(&message, hex),
            xml_escape(&request_id, hex),
            xml_escape(&host_id, hex),
            xml_escape(&extra, hex),
        );
        let error: ServiceError = ServiceError::from_xml(500, body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert_eq!(error.code_str(), code.as_str());
        prop_assert_eq!(error.code().known(), ErrorCode::from_code(&code));
        prop_assert_eq!(error.message(), Some(message.as_str()));
        prop_assert_eq!(error.request_id(), Some(request_id.as_str()));
        prop_assert_eq!(error.host_id(), Some(host_id.as_str()));
        prop_assert_eq!(error.extra().len(), 1);
        prop_assert_eq!(&*error.extra()[0].1, extra.as_str());
    }

    #[test]
    fn cdata_sections_decode_to_exactly_their_text(message in tricky_text()) {
        // Raw control characters are not XML (and a raw CR reads as a line feed).
        let message: String = message
            .chars()
            .filter(|&c| !c.is_ascii_control() || c == '\n' || c == '\t')
            .collect();
        // `]]>` cannot sit inside one CDATA section: split it across two, as writers do.
        let cdata = format!("<![CDATA[{}]]>", message.replace("]]>", "]]]]><![CDATA[>"));
        let body = format!("<Error><Code>X</Code><Message>{cdata}</Message></Error>");
        let error: ServiceError = ServiceError::from_xml(400, body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert_eq!(error.message(), Some(message.as_str()));
    }

    #[test]
    fn depth_is_refused_exactly_above_the_limit(nesting in 0usize..40, limit in 1usize..40) {
        let decoder = Decoder::new().max_depth(limit);
        // JSON: the top-level object is level 1, so `nesting` arrays reach 1 + nesting.
        let (json_depth, xml_depth) = (1 + nesting, 2 + nesting);
        let value = if nesting == 0 {
            "0".to_owned()
        } else {
            "[".repeat(nesting) + &"]".repeat(nesting)
        };
        let json = format!(r#"{{"Code":"X","Data":{value}}}"#);
        let decoded = decoder.from_json::<ErrorCode>(400, json.as_bytes());
        prop_assert_eq!(depth_outcome(decoded), json_depth <= limit);
        // XML: the root is level 1 and its fields level 2.
        let inner = "<a>".repeat(nesting) + &"</a>".repeat(nesting);
        let xml = format!("<E><Code>X</Code><Data>{inner}</Data></E>");
        let decoded = decoder.from_xml::<ErrorCode>(400, xml.as_bytes());
        prop_assert_eq!(depth_outcome(decoded), xml_depth <= limit);
    }
}

/// Whether a body was accepted; a refusal must be for its depth.
fn depth_outcome(decoded: Result<ServiceError<'_>, DecodeError>) -> bool {
    match decoded {
        Ok(_) => true,
        Err(e) => {
            assert_eq!(e.kind(), DecodeErrorKind::TooDeep, "{e}");
            false
        }
    }
}
