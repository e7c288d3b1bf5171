//! Success envelopes: a request id and the result of an action, for any `T: Serialize`.
//!
//! JSON: `{"RequestId":"...",<the result's fields>}`, the result written by serde_json.
//! XML: `<?xml ...?><{Action}Response><RequestId>...</RequestId><fields as elements></{Action}Response>`,
//! the result written by this crate's own small serializer (see `xml_serializer.rs` for the
//! mapping and why it is not quick-xml's).

use errcat_wire::envelope::{success_head, success_tail};
use errcat_wire::is_xml_name;
use errcat_wire::sink::infallible;
use serde::Serialize;

use super::success_error::SuccessError;
use super::xml_serializer::TopLevel;
use crate::Format;

/// Appends the success envelope of `action` to `out`: the request id, then the fields of
/// `result`, which must serialize as a struct or a map.
///
/// - JSON: `{"RequestId":"...",` then the result's fields as serde_json writes them.
/// - XML: `<?xml version="1.0" encoding="UTF-8"?><{action}Response><RequestId>...</RequestId>`,
///   the fields as elements, `</{action}Response>`. Nested structs and maps nest; a sequence
///   repeats its field's element once per item; `None` is left out; a unit is an empty
///   element; every text is escaped as [`Format::write_escaped`] describes (characters XML
///   1.0 cannot carry become U+FFFD). Floats are written shortest-round-trip; non-finite
///   ones as `NaN`, `INF`, `-INF`.
///
/// `action` must be an XML name in either format, so that a mistake shows whatever the
/// client asked for. The result's own fields are not checked against `RequestId`: a result
/// should not have one. On error nothing is appended.
///
/// ```
/// use errcat::{Format, write_success};
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct Key {
///     key_id: String,
///     tags: Vec<&'static str>,
///     description: Option<String>,
/// }
///
/// let key = Key { key_id: "1234abcd".into(), tags: vec!["a", "b&c"], description: None };
/// let mut out = Vec::new();
/// write_success(Format::Json, "DescribeKey", "r1", &key, &mut out)?;
/// assert_eq!(out, br#"{"RequestId":"r1","KeyId":"1234abcd","Tags":["a","b&c"],"Description":null}"#);
///
/// out.clear();
/// write_success(Format::Xml, "DescribeKey", "r1", &key, &mut out)?;
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     r#"<?xml version="1.0" encoding="UTF-8"?><DescribeKeyResponse><RequestId>r1</RequestId><KeyId>1234abcd</KeyId><Tags>a</Tags><Tags>b&amp;c</Tags></DescribeKeyResponse>"#
/// );
/// # Ok::<(), errcat::SuccessError>(())
/// ```
///
/// # Errors
///
/// [`SuccessError`] when `action` is not an XML name, the result is not a struct or map, a
/// field name or map key cannot name an XML element, a sequence sits directly in a sequence
/// (XML), or the result's `Serialize` fails.
pub fn write_success<T: Serialize + ?Sized>(
    format: Format,
    action: &str,
    request_id: &str,
    result: &T,
    out: &mut Vec<u8>,
) -> Result<(), SuccessError> {
    if !is_xml_name(action) {
        return Err(SuccessError::InvalidAction(action.to_owned()));
    }
    let start = out.len();
    let written = match format {
        Format::Json => write_json(action, request_id, result, out),
        Format::Xml => write_xml(action, request_id, result, out),
    };
    if written.is_err() {
        out.truncate(start);
    }
    written
}

/// [`write_success`] into a new `String`.
///
/// ```
/// use errcat::{Format, to_success};
/// use std::collections::BTreeMap;
///
/// let result = BTreeMap::from([("KeyId", "k1")]);
/// assert_eq!(
///     to_success(Format::Json, "CreateKey", "r1", &result)?,
///     r#"{"RequestId":"r1","KeyId":"k1"}"#
/// );
/// assert!(to_success(Format::Json, "CreateKey", "r1", &42).is_err());
/// # Ok::<(), errcat::SuccessError>(())
/// ```
///
/// # Errors
///
/// As [`write_success`].
pub fn to_success<T: Serialize + ?Sized>(
    format: Format,
    action: &str,
    request_id: &str,
    result: &T,
) -> Result<String, SuccessError> {
    let mut out = Vec::with_capacity(256);
    write_success(format, action, request_id, result, &mut out)?;
    // Every byte written came from a `&str` or from serde_json, so this never fails.
    String::from_utf8(out).map_err(|e| SuccessError::Serialize(e.to_string()))
}

/// The envelope's head, the fields of the object serde_json writes for `result` (its `{`
/// turned into the comma after the request id), and its `}`, which is the envelope's tail.
fn write_json<T: Serialize + ?Sized>(
    action: &str,
    request_id: &str,
    result: &T,
    out: &mut Vec<u8>,
) -> Result<(), SuccessError> {
    infallible(success_head(Format::Json, action, request_id, out));
    let body = out.len();
    serde_json::to_writer(&mut *out, result).map_err(|e| SuccessError::Serialize(e.to_string()))?;
    // serde_json writes `{` first exactly when the value is an object (compact, no space).
    match &out[body..] {
        b"{}" => {
            out.truncate(body);
            infallible(success_tail(Format::Json, action, out));
        }
        [b'{', ..] => out[body] = b',',
        [first, ..] => {
            return Err(SuccessError::NotAStruct {
                found: json_kind(*first),
            });
        }
        [] => return Err(SuccessError::NotAStruct { found: "nothing" }),
    }
    Ok(())
}

/// What a JSON value is, from its first byte.
fn json_kind(first: u8) -> &'static str {
    match first {
        b'[' => "a sequence",
        b'"' => "a string",
        b'n' => "null",
        b't' | b'f' => "a boolean",
        _ => "a number",
    }
}

/// The envelope's head, the result's fields as elements, the tail.
fn write_xml<T: Serialize + ?Sized>(
    action: &str,
    request_id: &str,
    result: &T,
    out: &mut Vec<u8>,
) -> Result<(), SuccessError> {
    infallible(success_head(Format::Xml, action, request_id, out));
    result.serialize(TopLevel { out: &mut *out })?;
    infallible(success_tail(Format::Xml, action, out));
    Ok(())
}
