//! Properties of the reader: no input makes it panic, and any text a correct writer escapes
//! (serde_json for JSON, hand escaping with entities and character references for XML)
//! decodes back to exactly itself.

use errcat::kms::{ErrorCode, ServiceError};
use errcat::{DecodeError, DecodeErrorKind, Decoder};
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

/// XML 1.0 cannot carry a C0 control character other than tab, line feed and carriage
/// return, nor U+FFFE or U+FFFF, even as a reference; errcat's writer sends U+FFFD instead.
fn xml_carriable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\0'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// A known field's value as read: without surrounding whitespace, in either format.
fn trimmed(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n', '\r'])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = ServiceError::from_json(400, &body);
        let _ = ServiceError::from_xml(400, &body);
        let _ = ServiceError::decode(400, None, &body);
    }

    #[test]
    fn token_soup_never_panics(body in token_soup(), depth in 0usize..6) {
        let decoder = Decoder::new().max_depth(depth);
        for content_type in [None, Some("application/json"), Some("text/xml")] {
            let _ = ServiceError::decode(400, content_type, &body);
            let _ = decoder.decode::<ErrorCode>(400, content_type, &body);
        }
        // The XML fast path and quick-xml alone agree.
        let both = decoder.from_xml::<ErrorCode>(400, &body);
        prop_assert_eq!(both, decoder.from_xml_slow_path::<ErrorCode>(400, &body));
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
        prop_assume!(!trimmed(&code).is_empty() && !is_known_name(&extra_name));
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
        prop_assert_eq!(error.code_str(), trimmed(&code));
        prop_assert_eq!(error.code().known(), ErrorCode::from_code(trimmed(&code)));
        prop_assert_eq!(error.message(), Some(trimmed(&message)));
        prop_assert_eq!(error.request_id(), Some(trimmed(&request_id)));
        prop_assert_eq!(error.host_id(), Some(trimmed(&host_id)));
        prop_assert_eq!(error.extra().len(), 1);
        prop_assert_eq!(&*error.extra()[0].0, extra_name.as_str());
        prop_assert_eq!(&*error.extra()[0].1, extra_value.as_str());
        // Sniffing finds the same.
        let sniffed: ServiceError = ServiceError::decode(500, None, body.as_bytes()).unwrap();
        prop_assert_eq!(&sniffed, &error);
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
        prop_assume!(!trimmed(&code).is_empty());
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
        prop_assert_eq!(error.code_str(), trimmed(&code));
        prop_assert_eq!(error.code().known(), ErrorCode::from_code(trimmed(&code)));
        prop_assert_eq!(error.message(), Some(trimmed(&message)));
        prop_assert_eq!(error.request_id(), Some(trimmed(&request_id)));
        prop_assert_eq!(error.host_id(), Some(trimmed(&host_id)));
        prop_assert_eq!(error.extra().len(), 1);
        prop_assert_eq!(&*error.extra()[0].1, extra.as_str());
        // Read by the fast path, and exactly as quick-xml alone reads it.
        prop_assert!(Decoder::new().xml_fast_path_accepts(body.as_bytes()));
        let slow = Decoder::new().from_xml_slow_path::<ErrorCode>(500, body.as_bytes());
        prop_assert_eq!(Ok(error), slow);
    }

    #[test]
    fn cdata_sections_decode_to_exactly_their_text(message in tricky_text()) {
        // Raw control characters are not XML (and a raw CR reads as a line feed).
        let message: String = xml_carriable(&message).chars().filter(|&c| c != '\r').collect();
        // `]]>` cannot sit inside one CDATA section: split it across two, as writers do.
        let cdata = format!("<![CDATA[{}]]>", message.replace("]]>", "]]]]><![CDATA[>"));
        let body = format!("<Error><Code>X</Code><Message>{cdata}</Message></Error>");
        let error: ServiceError = ServiceError::from_xml(400, body.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{body}")))?;
        prop_assert_eq!(error.message(), Some(trimmed(&message)));
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

/// Whitespace as servers put it between elements, often none.
fn xml_space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "\n", "\r\n", "\t", "\n  ", "\r\n\t"])
}

/// An element name: a known field in some casing, an unknown one, or not a simple name.
fn element_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "Code", "code", "CODE", "HttpStatus", "httpStatus", "Message", "message", "RequestId",
            "RequestID", "HostId", "hostid", "Recommend", "KMS", "Error",
        ])
        .prop_map(str::to_owned),
        6 => other_name(),
        1 => weird_name(),
    ]
}

/// The name of a field other than the code and the status (which are made apart, so that
/// most envelopes have one of each): a known text field, an unknown one, or not a simple
/// name.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "Message", "message", "RequestId", "RequestID", "HostId", "hostid", "Recommend",
            "KMS", "Error",
        ])
        .prop_map(str::to_owned),
        6 => other_name(),
        1 => weird_name(),
    ]
}

fn other_name() -> impl Strategy<Value = String> {
    "[A-Za-z_][A-Za-z0-9_.-]{0,6}"
}

/// Not a name, or one errcat refuses (a namespace prefix).
fn weird_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "1a", "é", "a b", "", "-x", "a\"b", "a>b", "k:Code", "s:Fault", ":a",
    ])
    .prop_map(str::to_owned)
}

/// A field's text: words, statuses, every kind of reference (valid, invalid, undefined,
/// unclosed), markup characters allowed in text, line ends, control and non-ASCII
/// characters.
fn element_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => "[a-zA-Z0-9 .-]{0,8}",
        12 => prop::sample::select(vec![
            "400", " 404 ", "&lt;", "&gt;", "&amp;", "&apos;", "&quot;", "&#65;", "&#x41;",
            "&#x1F600;", "&#0065;", "&#13;", "&#10;", "&#9;", ">", "\"", "'", "]]", "\r\n",
            "\r", "\n", "\t", "\u{7f}", "é", "日本", "\u{1F600}", " ",
        ])
        .prop_map(str::to_owned),
        1 => prop::sample::select(vec![
            "4000", "099", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#;", "&#x;",
            "&#+5;", "&#X41;", "&lol;", "&amp", "&", " & ", "\u{1}", "&#27;", "&#xFFFE;", "]]>",
            "\u{ffff}",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat())
}

/// A field element, usually `<Name>text</Name>`, sometimes `<Name/>`.
fn element() -> impl Strategy<Value = String> {
    (field_name(), element_text(), 0..8u8).prop_map(|(name, text, empty)| {
        if empty == 0 {
            format!("<{name}/>")
        } else {
            format!("<{name}>{text}</{name}>")
        }
    })
}

/// One change that usually takes a body out of the simple shape: markup the fast path
/// declines inserted anywhere, a character deleted, or the body cut short.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index),
    Truncate(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop::sample::select(vec![
        "<!-- c -->",
        "<!--",
        "-->",
        "<![CDATA[x]]>",
        "<![CDATA[",
        "<?pi x?>",
        "<?xml version=\"1.0\"?>",
        " a=\"1\"",
        " a='1'",
        " ",
        "<a>b</a>",
        "<a/>",
        "<a>",
        "</a>",
        "</",
        "/>",
        "<",
        ">",
        "&",
        "&e;",
        "<!DOCTYPE x>",
        "<!DOCTYPE x [<!ENTITY e \"y\">]>",
        "\0",
        "\u{feff}",
        "\r",
        "x",
        "<Code>Y</Code>",
        "<code/>",
    ]);
    prop_oneof![
        3 => (any::<prop::sample::Index>(), snippet).prop_map(|(at, s)| Mutation::Insert(at, s)),
        1 => any::<prop::sample::Index>().prop_map(Mutation::Delete),
        1 => any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

impl Mutation {
    fn apply(&self, body: &mut String) {
        // A character boundary, `body.len()` included.
        let boundary = |at: &prop::sample::Index, body: &str| {
            let boundaries: Vec<usize> = body
                .char_indices()
                .map(|(i, _)| i)
                .chain([body.len()])
                .collect();
            boundaries[at.index(boundaries.len())]
        };
        match self {
            Mutation::Insert(at, snippet) => body.insert_str(boundary(at, body), snippet),
            Mutation::Delete(at) => {
                let at = boundary(at, body);
                if at < body.len() {
                    body.remove(at);
                }
            }
            Mutation::Truncate(at) => body.truncate(boundary(at, body)),
        }
    }
}

/// XML envelopes near the simple shape: an optional declaration (or something like one),
/// any root, usually a status and a code, other fields with any text, in any order, with
/// whitespace between them, then sometimes a few mutations.
fn near_valid_xml() -> impl Strategy<Value = String> {
    let declaration = prop_oneof![
        6 => prop::sample::select(vec![
            "",
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<?xml version='1.0'?>",
        ]),
        1 => prop::sample::select(vec![
            "<?xml?>",
            "<?xml-stylesheet href='s'?>",
            "<?xml version=\"1.0\"",
            "\u{feff}",
        ]),
    ];
    let root = prop_oneof![
        6 => prop::sample::select(vec!["KMS", "Error", "Fault"]).prop_map(str::to_owned),
        1 => element_name(),
    ];
    let status = prop_oneof![
        6 => prop::sample::select(vec![
            "",
            "<HttpStatus>400</HttpStatus>",
            "<httpStatus> 503 </httpStatus>",
        ]),
        1 => prop::sample::select(vec!["<HttpStatus>4000</HttpStatus>", "<HttpStatus/>"]),
    ];
    let code = (
        prop::sample::select(vec!["Code", "code", "CODE"]),
        "[A-Za-z.]{1,12}",
        element_text(),
    )
        .prop_map(|(name, code, text)| format!("<{name}>{code}{text}</{name}>"));
    let others = prop::collection::vec(element(), 0..5);
    let fields = (status, code, others)
        .prop_map(|(status, code, mut fields)| {
            fields.extend([status.to_owned(), code]);
            fields
        })
        .prop_shuffle();
    let spaces = prop::collection::vec(xml_space(), 8);
    let mutations = prop_oneof![Just(Vec::new()), prop::collection::vec(mutation(), 1..4),];
    (declaration, root, fields, spaces, mutations).prop_map(
        |(declaration, root, fields, spaces, mutations)| {
            let mut body = format!("{declaration}{}<{root}>", spaces[0]);
            for (field, space) in fields.iter().zip(spaces.iter().cycle().skip(1)) {
                body.push_str(space);
                body.push_str(field);
            }
            body.push_str(&format!("{}</{root}>{}", spaces[6], spaces[7]));
            for mutation in &mutations {
                mutation.apply(&mut body);
            }
            body
        },
    )
}

/// `from_xml` (the fast path, then quick-xml for whatever it declines) gives exactly what
/// quick-xml alone gives, on near-valid envelopes under several depth limits; and the test
/// is not vacuous: many bodies are read by the fast path, many are declined.
#[test]
fn fast_path_agrees_with_quick_xml_on_near_valid_envelopes() {
    fast_path_agrees_with_slow_path(
        near_valid_xml(),
        vec![32, 32, 32, 2, 3, 1, 0],
        Paths {
            both: Decoder::from_xml::<ErrorCode>,
            slow: Decoder::from_xml_slow_path::<ErrorCode>,
            fast_accepts: Decoder::xml_fast_path_accepts,
        },
    );
}

/// A format's two ways of reading a body: fast path then slow path, and slow path alone.
struct Paths {
    both: for<'a> fn(&Decoder, u16, &'a [u8]) -> Result<ServiceError<'a>, DecodeError>,
    slow: for<'a> fn(&Decoder, u16, &'a [u8]) -> Result<ServiceError<'a>, DecodeError>,
    fast_accepts: fn(&Decoder, &[u8]) -> bool,
}

/// 4,096 generated `bodies`, each under a depth limit drawn from `depths` and two status
/// lines: reading with the fast path first gives exactly what the slow path alone gives
/// (the same fields, or the same error kind, offset and message). And the test is not
/// vacuous: many bodies are read by the fast path, many declined, many decoded.
fn fast_path_agrees_with_slow_path(
    bodies: impl Strategy<Value = String>,
    depths: Vec<usize>,
    paths: Paths,
) {
    use std::cell::Cell;

    use proptest::test_runner::{Config, TestRunner};

    let (fast, declined, decoded) = (Cell::new(0), Cell::new(0), Cell::new(0));
    let config = Config {
        cases: 4096,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    runner
        .run(&(bodies, prop::sample::select(depths)), |(body, depth)| {
            let decoder = Decoder::new().max_depth(depth);
            for status in [400, 503] {
                let both = (paths.both)(&decoder, status, body.as_bytes());
                let slow = (paths.slow)(&decoder, status, body.as_bytes());
                prop_assert_eq!(&both, &slow, "depth {}, body {:?}", depth, body);
                decoded.set(decoded.get() + usize::from(both.is_ok()));
            }
            let taken = (paths.fast_accepts)(&decoder, body.as_bytes());
            let counter = if taken { &fast } else { &declined };
            counter.set(counter.get() + 1);
            Ok(())
        })
        .unwrap();
    let (fast, declined, decoded) = (fast.get(), declined.get(), decoded.get());
    println!("fast {fast}, declined {declined}, decoded {decoded}");
    assert!(
        fast > 600 && declined > 1000,
        "fast {fast}, declined {declined}"
    );
    assert!(decoded > 500, "decoded {decoded}");
}
