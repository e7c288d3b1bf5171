//! The rules both XML parsers follow (`xml`, quick-xml's reader, and `xml_fast`, the scanner
//! for the shape servers send), in one place so that they cannot read one body two ways:
//! which raw characters are refused, how a field is filed, how `HttpStatus` is read.

use std::borrow::Cow;

use super::error::{DecodeError, DecodeErrorKind};
use super::fields::{Field, Fields};

/// Files a field under its known name, or keeps it as an unknown one. Errors are located
/// by the caller, at the field's start tag. Both parsers file fields here, so they follow the
/// same rules.
pub(crate) fn store<'a>(
    fields: &mut Fields<'a>,
    name: Cow<'a, str>,
    value: FieldValue<'a>,
) -> Result<(), DecodeError> {
    let Some(field) = Field::from_name(&name) else {
        let value = match value {
            FieldValue::Text(text) => text,
            FieldValue::Elements(inner) => Cow::Borrowed(inner),
        };
        fields.push_extra(name, value);
        return Ok(());
    };
    fields.mark(field, &name)?;
    let FieldValue::Text(text) = value else {
        return Err(DecodeError::new(
            DecodeErrorKind::WrongType,
            format!("the {} field holds elements, not text", field.name()),
        ));
    };
    if field == Field::Status {
        let status = parse_status(&text).ok_or_else(|| {
            DecodeError::new(
                DecodeErrorKind::WrongType,
                format!(
                    "HttpStatus is `{}`, not an HTTP status from 100 to 999",
                    text.escape_debug()
                ),
            )
        })?;
        fields.set_http_status(status);
    } else {
        fields.set_text(field, Some(text));
    }
    Ok(())
}

/// XML 1.0 allows no raw C0 control character but tab, line feed and carriage return, and
/// quick-xml does not check, so a NUL or a terminal escape would reach the fields. (Character
/// references such as `&#27;` are decoded, as XML 1.1 allows: writers that escape control
/// characters write them so.) Returns whether the body has a raw carriage return, the only
/// reason text would need end-of-line normalization.
pub(crate) fn scan_control_characters(body: &str) -> Result<bool, DecodeError> {
    const CONTROL: u8 = 1;
    const CARRIAGE_RETURN: u8 = 2;
    let classify =
        |b: u8| (u8::from(is_control(b)) * CONTROL) | (u8::from(b == b'\r') * CARRIAGE_RETURN);
    // Branch-free over 64-byte blocks, which the compiler vectorizes; the position of a
    // control character is only looked for once one is known to be there.
    let found = body.as_bytes().chunks(64).fold(0, |found, block| {
        found | block.iter().fold(0, |found, &b| found | classify(b))
    });
    if found & CONTROL == 0 {
        return Ok(found & CARRIAGE_RETURN != 0);
    }
    let at = body.bytes().position(|b| classify(b) & CONTROL != 0);
    let at = at.unwrap_or_default();
    Err(DecodeError::new(
        DecodeErrorKind::Syntax,
        format!(
            "control character U+{:04X}, which XML 1.0 does not allow",
            body.as_bytes().get(at).copied().unwrap_or_default()
        ),
    )
    .at(at))
}

/// A C0 control character other than tab, line feed and carriage return, which XML 1.0
/// does not allow raw. Branch-free, so that scans over whole bodies vectorize.
pub(crate) const fn is_control(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')
}

/// A field's content: text, or (for a structured unknown field) its inner XML as sent.
pub(crate) enum FieldValue<'a> {
    Text(Cow<'a, str>),
    Elements(&'a str),
}

/// An HTTP status from 100 to 999, surrounding whitespace allowed.
fn parse_status(text: &str) -> Option<u16> {
    let text = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    if text.len() != 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|status| *status >= 100)
}
