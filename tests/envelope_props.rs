//! Property tests of envelope escaping: whatever the request id, host id and placeholder
//! arguments hold, serde_json reads back exactly that, and quick-xml exactly that with the
//! characters XML 1.0 cannot carry turned into U+FFFD, for the shipped catalog and for a
//! derived one whose messages hold every character that needs escaping.

#[path = "support/xml.rs"]
mod xml;

use errcat::kms::ErrorCode;
use errcat::{Error, ErrorCatalog, Format};
use proptest::prelude::*;
use xml::parse_xml;

/// A catalog whose messages need every kind of escaping, compiled by the same codegen.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Hostile")]
enum Hostile {
    #[error(
        code = "Markup",
        status = 400,
        message = "say \"hi\" \\ 'there' / <b> & ]]> é 😀 \u{10ffff}"
    )]
    Markup,
    #[error(
        code = "Controls.Too",
        status = 503,
        message = "tab\tnew\nline\rcr \u{fffe}\u{ffff}\u{fffd}\u{2028}"
    )]
    ControlsToo,
    #[error(
        code = "Templated",
        status = 404,
        message = "<{first}> & \"{second}\" {{literal}}\r{first}"
    )]
    Templated,
}

/// Text built from pieces that stress escaping, and arbitrary characters (astral included).
fn hostile_string() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "\"",
        "\\",
        "'",
        "/",
        "<",
        ">",
        "&",
        "]]>",
        "\r",
        "\r\n",
        "\n",
        "\t",
        "\u{0}",
        "\u{8}",
        "\u{c}",
        "\u{1f}",
        "\u{7f}",
        "\u{85}",
        "\u{2028}",
        "\u{fffe}",
        "\u{ffff}",
        "\u{fffd}",
        "é",
        "😀",
        "\u{10ffff}",
        "&amp;",
        "&#13;",
        "\\u0000",
        "<![CDATA[",
        "<?xml",
        "{x}",
    ]);
    let piece = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        3 => special.prop_map(String::from),
        1 => "[a-zA-Z0-9 .-]{1,8}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// An error of catalog `C` (picked by `index`) with `args` for its placeholders, cycled.
fn error_of<C: ErrorCatalog>(index: usize, args: &[String]) -> Error<C> {
    let code = C::ALL[index % C::ALL.len()];
    let named = code
        .placeholders()
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, args[i % args.len()].clone()));
    Error::try_with_args(code, named).unwrap()
}

/// Whether XML 1.0 can carry `c` at all (the `Char` production; no surrogates in a `str`).
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// What an XML reader gets back for `text`.
fn xml_visible(text: &str) -> String {
    text.chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{fffd}' })
        .collect()
}

fn check_json<C: ErrorCatalog>(error: &Error<C>, request_id: &str, host_id: Option<&str>) {
    let mut out = Vec::new();
    error.write_envelope(Format::Json, request_id, host_id, &mut out);
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["HttpStatus"], u64::from(error.http_status()));
    assert_eq!(value["Code"], error.code().code());
    assert_eq!(value["Message"], *error.message());
    assert_eq!(value["RequestId"], request_id);
    assert_eq!(value.get("HostId").and_then(|h| h.as_str()), host_id);
}

fn check_xml<C: ErrorCatalog>(error: &Error<C>, request_id: &str, host_id: Option<&str>) {
    let mut out = Vec::new();
    error.write_envelope(Format::Xml, request_id, host_id, &mut out);
    let body = String::from_utf8(out).unwrap();
    // quick-xml does not check characters; XML 1.0 does. A raw `\r` would read back as `\n`.
    assert!(
        body.chars().all(|c| is_xml_char(c) && c != '\r'),
        "{body:?}"
    );
    let (root, fields) = parse_xml(&body);
    assert_eq!(root, C::SERVICE);
    let mut expected = vec![
        ("HttpStatus", error.http_status().to_string()),
        ("Code", error.code().code().to_owned()),
        ("Message", xml_visible(&error.message())),
        ("RequestId", xml_visible(request_id)),
    ];
    if let Some(host_id) = host_id {
        expected.push(("HostId", xml_visible(host_id)));
    }
    let fields: Vec<(&str, String)> = fields
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    assert_eq!(fields, expected, "{body:?}");
}

proptest! {
    #[test]
    fn json_escaping_is_serde_jsons(text in hostile_string()) {
        let mut out = b"\"".to_vec();
        Format::Json.write_escaped(&text, &mut out);
        out.push(b'"');
        prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
    }

    #[test]
    fn json_envelopes_read_back_exactly(
        index in any::<usize>(),
        args in prop::collection::vec(hostile_string(), 1..3),
        request_id in hostile_string(),
        host_id in proptest::option::of(hostile_string()),
    ) {
        check_json(&error_of::<ErrorCode>(index, &args), &request_id, host_id.as_deref());
        check_json(&error_of::<Hostile>(index, &args), &request_id, host_id.as_deref());
    }

    #[test]
    fn xml_envelopes_read_back_exactly_but_for_what_xml_cannot_carry(
        index in any::<usize>(),
        args in prop::collection::vec(hostile_string(), 1..3),
        request_id in hostile_string(),
        host_id in proptest::option::of(hostile_string()),
    ) {
        check_xml(&error_of::<ErrorCode>(index, &args), &request_id, host_id.as_deref());
        check_xml(&error_of::<Hostile>(index, &args), &request_id, host_id.as_deref());
    }
}

#[test]
fn the_hostile_catalog_reads_back_too() {
    for index in 0..Hostile::ALL.len() {
        let error = error_of::<Hostile>(index, &["]]>\u{0}\"x\"".to_owned()]);
        check_json(&error, "r\r\n1", Some("h&<>"));
        check_xml(&error, "r\r\n1", Some("h&<>"));
    }
    let error = Error::new(Hostile::Templated);
    assert_eq!(
        error.message(),
        "<<first>> & \"<second>\" {literal}\r<first>"
    );
    check_json(&error, "r", None);
    check_xml(&error, "r", None);
}
