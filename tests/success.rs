//! Success envelopes: a DescribeKey-like result written in JSON and XML, read back with
//! serde_json and quick-xml, and the results `write_success` refuses.

use std::collections::BTreeMap;

#[path = "support/xml.rs"]
mod xml;

use errcat::{Format, SuccessError, to_success, write_success};
use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};
use xml::resolve;

const REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";
/// Needs escaping in both formats, and holds what XML 1.0 cannot carry.
const HOSTILE: &str = "Key for \"prod\" <db> & 'backups' ]]> \\ \r\n\t\u{1}\u{ffff} é 😀";

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct DescribeKeyResponse {
    key_metadata: KeyMetadata,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct KeyMetadata {
    key_id: String,
    description: String,
    key_state: KeyState,
    automatic_rotation: bool,
    rotation_interval: Option<u64>,
    deletion_date: Option<String>,
    version_count: u32,
    balance: i64,
    score: f64,
    aliases: Vec<String>,
    tags: Vec<Tag>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum KeyState {
    Enabled,
    PendingDeletion,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    tag_key: String,
    tag_value: String,
}

fn describe_key() -> DescribeKeyResponse {
    DescribeKeyResponse {
        key_metadata: KeyMetadata {
            key_id: "1234abcd-12ab-34cd-56ef-12345678****".to_owned(),
            description: HOSTILE.to_owned(),
            key_state: KeyState::Enabled,
            automatic_rotation: true,
            rotation_interval: Some(31_536_000),
            deletion_date: None,
            version_count: 3,
            balance: -42,
            score: 0.1,
            aliases: vec!["alias/prod".to_owned(), "alias/<db>".to_owned()],
            tags: vec![
                Tag {
                    tag_key: "env".to_owned(),
                    tag_value: "prod & test".to_owned(),
                },
                Tag {
                    tag_key: "owner".to_owned(),
                    tag_value: "\"ops\"".to_owned(),
                },
            ],
        },
    }
}

#[test]
fn json_reads_back_as_the_request_id_and_the_result() {
    let result = describe_key();
    let body = to_success(Format::Json, "DescribeKey", REQUEST_ID, &result).unwrap();
    assert!(body.starts_with(&format!(r#"{{"RequestId":"{REQUEST_ID}","KeyMetadata":{{"#)));
    let mut value: serde_json::Value = serde_json::from_str(&body).unwrap();
    let object = value.as_object_mut().unwrap();
    assert_eq!(object.remove("RequestId").unwrap(), REQUEST_ID);
    let read: DescribeKeyResponse = serde_json::from_value(value).unwrap();
    assert_eq!(read, result);
    assert!(
        body.contains(r#""DeletionDate":null"#),
        "serde_json's own choice"
    );
}

#[test]
fn json_is_serde_jsons_object_with_the_request_id_first() {
    let result = describe_key();
    let body = to_success(Format::Json, "DescribeKey", REQUEST_ID, &result).unwrap();
    let plain = serde_json::to_string(&result).unwrap();
    assert_eq!(
        body,
        format!(r#"{{"RequestId":"{REQUEST_ID}",{}"#, &plain[1..])
    );
}

#[test]
fn xml_reads_back_as_nested_elements() {
    let body = to_success(Format::Xml, "DescribeKey", REQUEST_ID, &describe_key()).unwrap();
    assert!(body.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><DescribeKeyResponse>"#));
    let expected = node(
        "DescribeKeyResponse",
        vec![
            leaf("RequestId", REQUEST_ID),
            node(
                "KeyMetadata",
                vec![
                    leaf("KeyId", "1234abcd-12ab-34cd-56ef-12345678****"),
                    // XML 1.0 cannot carry U+0001 or U+FFFF: they come back as U+FFFD.
                    leaf(
                        "Description",
                        "Key for \"prod\" <db> & 'backups' ]]> \\ \r\n\t\u{fffd}\u{fffd} é 😀",
                    ),
                    leaf("KeyState", "Enabled"),
                    leaf("AutomaticRotation", "true"),
                    leaf("RotationInterval", "31536000"),
                    // DeletionDate: None, left out.
                    leaf("VersionCount", "3"),
                    leaf("Balance", "-42"),
                    leaf("Score", "0.1"),
                    leaf("Aliases", "alias/prod"),
                    leaf("Aliases", "alias/<db>"),
                    node(
                        "Tags",
                        vec![leaf("TagKey", "env"), leaf("TagValue", "prod & test")],
                    ),
                    node(
                        "Tags",
                        vec![leaf("TagKey", "owner"), leaf("TagValue", "\"ops\"")],
                    ),
                ],
            ),
        ],
    );
    assert_eq!(parse_xml(&body), expected, "{body}");
}

#[test]
fn small_results_byte_for_byte() {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct CreateAlias {}

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Deleted {
        pending: (),
        window: Option<u8>,
        state: KeyState,
        rate: f32,
    }

    let empty = CreateAlias {};
    assert_eq!(
        to_success(Format::Json, "CreateAlias", "r\"1", &empty).unwrap(),
        r#"{"RequestId":"r\"1"}"#
    );
    assert_eq!(
        to_success(Format::Xml, "CreateAlias", "r<1", &empty).unwrap(),
        r#"<?xml version="1.0" encoding="UTF-8"?><CreateAliasResponse><RequestId>r&lt;1</RequestId></CreateAliasResponse>"#
    );
    let deleted = Deleted {
        pending: (),
        window: None,
        state: KeyState::PendingDeletion,
        rate: 1.5,
    };
    assert_eq!(
        to_success(Format::Xml, "ScheduleKeyDeletion", "r", &deleted).unwrap(),
        r#"<?xml version="1.0" encoding="UTF-8"?><ScheduleKeyDeletionResponse><RequestId>r</RequestId><Pending/><State>PendingDeletion</State><Rate>1.5</Rate></ScheduleKeyDeletionResponse>"#
    );
}

#[test]
fn maps_and_enum_variants_nest_as_serde_json_nests_them() {
    #[derive(Serialize)]
    enum Origin {
        External { token: String },
        Imported(u8),
    }

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Result {
        origin: Origin,
        imported: Origin,
        labels: BTreeMap<String, String>,
    }

    let result = Result {
        origin: Origin::External {
            token: "a&b".to_owned(),
        },
        imported: Origin::Imported(7),
        labels: BTreeMap::from([("Team".to_owned(), "kms".to_owned())]),
    };
    assert_eq!(
        to_success(Format::Json, "GetKey", "r", &result).unwrap(),
        r#"{"RequestId":"r","Origin":{"External":{"token":"a&b"}},"Imported":{"Imported":7},"Labels":{"Team":"kms"}}"#
    );
    let expected = node(
        "GetKeyResponse",
        vec![
            leaf("RequestId", "r"),
            node("Origin", vec![node("External", vec![leaf("token", "a&b")])]),
            node("Imported", vec![leaf("Imported", "7")]),
            node("Labels", vec![leaf("Team", "kms")]),
        ],
    );
    let body = to_success(Format::Xml, "GetKey", "r", &result).unwrap();
    assert_eq!(parse_xml(&body), expected, "{body}");

    let map = BTreeMap::from([("KeyId", "k1"), ("Arn", "acs:kms")]);
    let body = to_success(Format::Xml, "CreateKey", "r", &map).unwrap();
    assert!(body.contains("<RequestId>r</RequestId><Arn>acs:kms</Arn><KeyId>k1</KeyId>"));
}

#[test]
fn floats_read_back_exactly() {
    #[derive(Serialize)]
    struct Floats {
        values: Vec<f64>,
    }
    let values = vec![0.1, -2.5e-300, 1e300, f64::MAX, f64::MIN_POSITIVE, 0.0];
    let body = to_success(
        Format::Xml,
        "F",
        "r",
        &Floats {
            values: values.clone(),
        },
    )
    .unwrap();
    let read: Vec<f64> = parse_xml(&body).children[1..]
        .iter()
        .map(|value| value.text.parse().unwrap())
        .collect();
    assert_eq!(read, values);

    let odd = Floats {
        values: vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY],
    };
    let body = to_success(Format::Xml, "F", "r", &odd).unwrap();
    assert!(body.contains("<values>NaN</values><values>INF</values><values>-INF</values>"));
}

#[test]
fn results_that_are_not_structs_or_maps_are_refused_in_both_formats() {
    fn refused<T: Serialize>(result: &T) -> Vec<SuccessError> {
        [Format::Json, Format::Xml]
            .map(|format| to_success(format, "A", "r", result).unwrap_err())
            .to_vec()
    }
    let not_a_struct = |found| vec![SuccessError::NotAStruct { found }; 2];
    assert_eq!(refused(&42), not_a_struct("a number"));
    assert_eq!(refused(&"text"), not_a_struct("a string"));
    assert_eq!(refused(&true), not_a_struct("a boolean"));
    assert_eq!(refused(&vec![1, 2]), not_a_struct("a sequence"));
    assert_eq!(refused(&(1, 2)), not_a_struct("a sequence"));
    assert_eq!(refused(&()), not_a_struct("null"));
    assert_eq!(refused(&None::<Tag>), not_a_struct("null"));
    assert_eq!(refused(&KeyState::Enabled), not_a_struct("a string"));
    assert_eq!(
        refused(&42).remove(0).to_string(),
        "a success result must be a struct or a map, not a number"
    );
}

#[test]
fn actions_must_be_xml_names_in_both_formats() {
    for action in ["", "Describe Key", "1Key", "a:b", "a<b", "-a"] {
        for format in [Format::Json, Format::Xml] {
            assert_eq!(
                to_success(format, action, "r", &BTreeMap::<String, u8>::new()),
                Err(SuccessError::InvalidAction(action.to_owned())),
                "{action:?} in {format}"
            );
        }
    }
}

#[test]
fn what_xml_cannot_name_or_keep_apart_is_refused_in_xml() {
    let bad_key = BTreeMap::from([("bad key", 1)]);
    assert_eq!(
        to_success(Format::Xml, "A", "r", &bad_key),
        Err(SuccessError::InvalidName("bad key".to_owned()))
    );
    assert!(to_success(Format::Json, "A", "r", &bad_key).is_ok());

    let numbered = BTreeMap::from([(1, 1)]);
    assert!(matches!(
        to_success(Format::Xml, "A", "r", &numbered),
        Err(SuccessError::Serialize(_))
    ));

    #[derive(Serialize)]
    struct Grid {
        rows: Vec<Vec<u8>>,
    }
    let grid = Grid {
        rows: vec![vec![1, 2], vec![3]],
    };
    assert_eq!(
        to_success(Format::Xml, "A", "r", &grid),
        Err(SuccessError::NestedSequence("rows".to_owned()))
    );
    assert_eq!(
        to_success(Format::Json, "A", "r", &grid).unwrap(),
        r#"{"RequestId":"r","rows":[[1,2],[3]]}"#
    );
}

#[test]
fn a_refused_result_leaves_the_buffer_as_it_was() {
    #[derive(Serialize)]
    struct Late {
        fine: u8,
        rows: Vec<Vec<u8>>,
    }
    let late = Late {
        fine: 1,
        rows: vec![vec![1]],
    };
    for format in [Format::Json, Format::Xml] {
        let mut out = b"kept".to_vec();
        let _ = write_success(format, "A", "r", &[1], &mut out);
        assert_eq!(out, b"kept", "{format}");
    }
    let mut out = b"kept".to_vec();
    assert!(write_success(Format::Xml, "A", "r", &late, &mut out).is_err());
    assert_eq!(out, b"kept");
}

/// An element: its name, its text, its child elements.
#[derive(Debug, PartialEq)]
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

fn leaf(name: &str, text: &str) -> Node {
    Node {
        name: name.to_owned(),
        text: text.to_owned(),
        children: Vec::new(),
    }
}

fn node(name: &str, children: Vec<Node>) -> Node {
    Node {
        name: name.to_owned(),
        text: String::new(),
        children,
    }
}

/// The document's root element, read by quick-xml; panics on what a success envelope does
/// not hold (no declaration, attributes, CDATA, unknown entities, characters XML 1.0
/// cannot carry, which quick-xml does not check itself).
fn parse_xml(body: &str) -> Node {
    // A raw `\r` is refused too: a reader would turn it into `\n`.
    let illegal = |c| matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    assert!(!body.chars().any(illegal), "{body:?}");
    let mut reader = quick_xml::Reader::from_str(body);
    let mut stack: Vec<Node> = Vec::new();
    let mut declared = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Decl(_) => declared = true,
            Event::Start(start) => stack.push(element(&start)),
            Event::Empty(start) => {
                let empty = element(&start);
                stack.last_mut().expect("a parent").children.push(empty);
            }
            Event::Text(text) => stack.last_mut().unwrap().text += &text.xml10_content(),
            Event::GeneralRef(reference) => stack.last_mut().unwrap().text += &resolve(&reference),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => {
                        assert!(declared, "no XML declaration");
                        assert_eq!(reader.read_event().unwrap(), Event::Eof);
                        return done;
                    }
                }
            }
            other => panic!("unexpected {other:?} in {body:?}"),
        }
    }
}

fn element(start: &BytesStart<'_>) -> Node {
    assert_eq!(start.attributes().count(), 0);
    node(start.name().as_ref(), Vec::new())
}
