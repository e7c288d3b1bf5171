//! Property tests of envelope escaping: whatever the request id, host id and placeholder
//! arguments hold, serde_json reads back exactly that, and quick-xml exactly that with the
//! characters XML 1.0 cannot carry turned into U+FFFD, in every dialect: for every catalog
//! in the repository and for a derived one whose messages hold every character that needs
//! escaping.

#[macro_use]
#[path = "support/every_catalog.rs"]
mod every_catalog;
#[path = "support/xml.rs"]
mod xml;

use errcat::{Error, ErrorCatalog, Field, Format};
use every_catalog::{Catalog, shown_template};
use proptest::prelude::*;
use xml::parse_xml;

/// A catalog whose messages need every kind of escaping, compiled by the same codegen.
#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Hostile")]
enum Hostile {
    #[errcat(
        code = "Markup",
        status = 400,
        message = "say \"hi\" \\ 'there' / <b> & ]]> é 😀 \u{10ffff}"
    )]
    Markup,
    #[errcat(
        code = "Controls.Too",
        status = 503,
        message = "tab\tnew\nline\r\ncrlf \u{fffe}\u{ffff}\u{fffd}\u{2028}"
    )]
    ControlsToo,
    #[errcat(
        code = "Templated",
        status = 404,
        message = "<{first}> & \"{second}\" {{literal}}\r\n{first}"
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

/// The fields of `error`'s envelope in its catalog's dialect, in order, with the text a
/// reader gets back (`visible` applied to what came from outside).
fn expected<C: ErrorCatalog>(
    error: &Error<C>,
    request_id: &str,
    host_id: Option<&str>,
    visible: fn(&str) -> String,
) -> Vec<(&'static str, String)> {
    let code = error.code();
    let value = |field| {
        Some(match field {
            Field::Status => code.http_status().to_string(),
            Field::Code => code.code().to_owned(),
            Field::Message => visible(&error.message()),
            Field::RequestId => visible(request_id),
            Field::HostId => visible(host_id?),
            Field::Recommend => code.docs()?.to_owned(),
            Field::Type => code.docs().unwrap_or("about:blank").to_owned(),
            Field::Title => visible(&shown_template(code.message())),
        })
    };
    let fields = C::DIALECT.error_fields().iter();
    fields
        .filter_map(|&(name, field)| Some((name, value(field)?)))
        .collect()
}

fn check_json<C: ErrorCatalog>(error: &Error<C>, request_id: &str, host_id: Option<&str>) {
    let mut out = Vec::new();
    error.write_envelope(Format::Json, request_id, host_id, &mut out);
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let object = value.as_object().expect("an object");
    let read: Vec<(&str, String)> = C::DIALECT
        .error_fields()
        .iter()
        .filter_map(|(name, _)| {
            let value = object.get(*name)?;
            Some((
                *name,
                value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned),
            ))
        })
        .collect();
    assert_eq!(read.len(), object.len(), "{value}");
    assert_eq!(read, expected(error, request_id, host_id, str::to_owned));
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
    assert_eq!(root, C::DIALECT.xml_root(C::SERVICE));
    let fields: Vec<(&str, String)> = fields
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    assert_eq!(
        fields,
        expected(error, request_id, host_id, xml_visible),
        "{body:?}"
    );
}

/// `check_json` on `error_of::<C>(index, args)`, as `for_every_catalog!` calls it (the
/// catalog first).
fn json_of<C: ErrorCatalog>(_: &Catalog, of: (usize, &[String]), id: &str, host: Option<&str>) {
    check_json(&error_of::<C>(of.0, of.1), id, host);
}

/// `check_xml` on `error_of::<C>(index, args)`, as `for_every_catalog!` calls it.
fn xml_of<C: ErrorCatalog>(_: &Catalog, of: (usize, &[String]), id: &str, host: Option<&str>) {
    check_xml(&error_of::<C>(of.0, of.1), id, host);
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
        for_every_catalog!(json_of, (index, &args), &request_id, host_id.as_deref());
        check_json(&error_of::<Hostile>(index, &args), &request_id, host_id.as_deref());
    }

    #[test]
    fn xml_envelopes_read_back_exactly_but_for_what_xml_cannot_carry(
        index in any::<usize>(),
        args in prop::collection::vec(hostile_string(), 1..3),
        request_id in hostile_string(),
        host_id in proptest::option::of(hostile_string()),
    ) {
        for_every_catalog!(xml_of, (index, &args), &request_id, host_id.as_deref());
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
        "<<first>> & \"<second>\" {literal}\r\n<first>"
    );
    check_json(&error, "r", None);
    check_xml(&error, "r", None);
}
