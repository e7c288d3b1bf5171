//! Reading XML output back with quick-xml, for the envelope tests: a real parser, strict
//! about what an envelope may hold. Each test binary uses part of it.
#![allow(dead_code)]

use std::borrow::Cow;

use quick_xml::events::Event;

/// The root's name and its children's names and texts, in order, read by quick-xml; panics
/// on anything an envelope does not hold (a declaration other than first, nesting deeper
/// than two, CDATA, unknown entities).
pub fn parse_xml(body: &str) -> (String, Vec<(String, String)>) {
    let mut reader = quick_xml::Reader::from_str(body);
    let mut root = None;
    let mut fields = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut seen_declaration = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Decl(_) => {
                assert!(!seen_declaration && root.is_none(), "declaration not first");
                seen_declaration = true;
            }
            Event::Start(start) => {
                let name = start.name().as_ref().to_owned();
                match (&root, &current) {
                    (None, _) => root = Some(name),
                    (Some(_), None) => current = Some((name, String::new())),
                    (Some(_), Some(_)) => panic!("unexpected nesting in {body}"),
                }
            }
            Event::Text(text) => match &mut current {
                Some((_, value)) => value.push_str(&text.xml10_content()),
                None => panic!("text outside a field in {body}"),
            },
            Event::GeneralRef(reference) => {
                let (_, value) = current.as_mut().expect("a reference outside a field");
                value.push_str(&resolve(&reference));
            }
            Event::End(_) => {
                if let Some(field) = current.take() {
                    fields.push(field);
                }
            }
            Event::Eof => break,
            other => panic!("unexpected {other:?} in {body}"),
        }
    }
    assert!(seen_declaration, "no XML declaration in {body}");
    (root.expect("a root element"), fields)
}

pub fn resolve(reference: &quick_xml::events::BytesRef<'_>) -> Cow<'static, str> {
    if let Some(c) = reference.resolve_char_ref().unwrap() {
        return Cow::Owned(c.to_string());
    }
    let entity = quick_xml::escape::resolve_predefined_entity(reference)
        .unwrap_or_else(|| panic!("unknown entity {reference:?}"));
    Cow::Borrowed(entity)
}
