//! The JSON envelope parser: serde_json driving a hand-written visitor over the top-level
//! object, borrowing every string that has no escapes.
//!
//! Known fields are read as strings (or the status as a number); unknown values are taken
//! as serde_json's `RawValue`, which skips them without recursion or number conversion, and
//! their nesting is then measured here, so depth is bounded by this crate's limit rather
//! than serde_json's recursion limit.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::error::{DecodeError, DecodeErrorKind};
use super::fields::{Field, Fields, http_status_rule, status_of_number};

/// Reads the envelope in `body`, already checked to be UTF-8 and not blank.
pub(crate) fn parse(body: &str, max_depth: usize) -> Result<Fields<'_>, DecodeError> {
    // An error this module raises inside serde keeps its kind here; serde_json only carries
    // a message back out, to which it adds the position.
    let failure = Cell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(body);
    let parsed = Envelope {
        max_depth,
        body,
        failure: &failure,
    }
    .deserialize(&mut deserializer)
    .and_then(|fields| deserializer.end().map(|()| fields));
    parsed.map_err(|error| {
        let offset = offset_of(body, &error);
        match failure.take() {
            Some(ours) => ours.located(offset),
            None => from_serde(&error, offset),
        }
    })
}

/// An error raised by this module: its own offset when it knows better than serde_json.
struct Failure {
    error: DecodeError,
    offset: Option<usize>,
}

impl Failure {
    fn located(self, serde_offset: usize) -> DecodeError {
        self.error.at(self.offset.unwrap_or(serde_offset))
    }
}

/// The byte offset of serde_json's line and column (a 1-based byte count within the line),
/// or the end of the body for a truncated one.
fn offset_of(body: &str, error: &serde_json::Error) -> usize {
    if error.is_eof() {
        return body.len();
    }
    let line_start: usize = body
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + error.column().saturating_sub(1)).min(body.len())
}

/// serde_json's own error: `Data` errors are values of the wrong type, everything else is
/// malformed JSON.
fn from_serde(error: &serde_json::Error, offset: usize) -> DecodeError {
    let kind = match error.classify() {
        serde_json::error::Category::Data => DecodeErrorKind::WrongType,
        _ => DecodeErrorKind::Syntax,
    };
    // serde_json ends its message with " at line L column C"; the offset says it better.
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) if error.line() != 0 => message[..at].to_owned(),
        _ => message,
    };
    let message = if error.is_eof() {
        format!("truncated body: {message}")
    } else {
        message
    };
    DecodeError::new(kind, message).at(offset)
}

/// The seed of the top-level object.
struct Envelope<'f, 'de> {
    max_depth: usize,
    body: &'de str,
    failure: &'f Cell<Option<Failure>>,
}

impl<'de> DeserializeSeed<'de> for Envelope<'_, 'de> {
    type Value = Fields<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_, 'de> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error envelope (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        if self.max_depth < 1 {
            return Err(self.fail(too_deep(0), None));
        }
        let mut fields = Fields::default();
        while let Some(name) = map.next_key_seed(Text)? {
            match Field::from_name(&name) {
                Some(field) => {
                    fields.mark(field, &name).map_err(|e| self.fail(e, None))?;
                    if field == Field::Status {
                        if let Some(status) = map.next_value_seed(Nullable(Status))? {
                            fields.set_http_status(status);
                        }
                    } else {
                        let value = map.next_value_seed(Nullable(KnownText(field)))?;
                        fields.set_text(field, value);
                    }
                }
                None => {
                    let raw: &'de RawValue = map.next_value()?;
                    let value = self.unknown_value(raw)?;
                    fields.push_extra(name, value);
                }
            }
        }
        Ok(fields)
    }
}

impl<'de> Envelope<'_, 'de> {
    /// Records `error` for `parse` and gives serde the error that unwinds it.
    fn fail<E: de::Error>(&self, error: DecodeError, offset: Option<usize>) -> E {
        self.failure.set(Some(Failure { error, offset }));
        E::custom("see the recorded failure")
    }

    /// An unknown field's value: a string's text, or any other value's JSON text, once its
    /// nesting is known to fit under the limit (the top-level object is one level).
    fn unknown_value<E: de::Error>(&self, raw: &'de RawValue) -> Result<Cow<'de, str>, E> {
        let json = raw.get();
        match json.as_bytes().first() {
            Some(b'"') => {
                let mut deserializer = serde_json::Deserializer::from_str(json);
                // serde_json skipped this string without decoding its escapes, so one it
                // refuses (a lone surrogate) shows only now: reported as serde_json reports
                // it in a known field, at its place in the body.
                Text.deserialize(&mut deserializer).map_err(|error| {
                    let at = offset_in(self.body, json) + offset_of(json, &error);
                    self.fail(from_serde(&error, at), Some(at))
                })
            }
            Some(b'{' | b'[') => match deepest(json, self.max_depth.saturating_sub(1)) {
                Some(at) => {
                    let at = offset_in(self.body, json) + at;
                    Err(self.fail(too_deep(self.max_depth), Some(at)))
                }
                None => Ok(Cow::Borrowed(json)),
            },
            _ => Ok(Cow::Borrowed(json)),
        }
    }
}

fn too_deep(max_depth: usize) -> DecodeError {
    DecodeError::new(
        DecodeErrorKind::TooDeep,
        format!("objects and arrays nest deeper than the limit of {max_depth} levels"),
    )
}

/// Where `part`, a slice of `body`, starts in it.
fn offset_in(body: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(body.as_ptr() as usize)
}

/// The index of the first `{` or `[` in `json` (well-formed, as serde_json checked) that
/// opens level `limit + 1`, or `None` when it nests no deeper than `limit`. Brackets
/// inside strings do not count.
fn deepest(json: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (index, &byte) in json.as_bytes().iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > limit {
                    return Some(index);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A string, borrowed from the body when it has no escapes.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextVisitor(None))
    }
}

/// The visitor of a string; with a field, its errors name it.
struct TextVisitor(Option<Field>);

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(field) => write!(f, "a string (the {} field)", field.name()),
            None => f.write_str("a string"),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

/// The string value of a known field.
struct KnownText(Field);

impl<'de> DeserializeSeed<'de> for KnownText {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextVisitor(Some(self.0)))
    }
}

/// `HttpStatus`: an integer that is an HTTP status (`fields::status_of_number`).
#[derive(Clone, Copy)]
struct Status;

impl<'de> DeserializeSeed<'de> for Status {
    type Value = u16;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u16, D::Error> {
        deserializer.deserialize_u64(self)
    }
}

impl Visitor<'_> for Status {
    type Value = u16;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (the HttpStatus field)", http_status_rule())
    }

    fn visit_u64<E: de::Error>(self, status: u64) -> Result<u16, E> {
        status_of_number(status)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(status), &self))
    }

    fn visit_i64<E: de::Error>(self, status: i64) -> Result<u16, E> {
        match u64::try_from(status) {
            Ok(status) => self.visit_u64(status),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(status), &self)),
        }
    }
}

/// A value that may be `null`, which counts as absent.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::deepest;

    #[test]
    fn depth_ignores_brackets_in_strings() {
        assert_eq!(deepest(r#"{"a":"[[[[\"[[["}"#, 1), None);
        assert_eq!(deepest(r#"[[1],[2]]"#, 2), None);
        assert_eq!(deepest(r#"[[1],[[2]]]"#, 2), Some(6));
    }
}
