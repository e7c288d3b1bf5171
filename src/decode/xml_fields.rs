//! The rules both XML parsers follow (`xml`, quick-xml's reader, and `xml_fast`, the scanner
//! for the shape servers send), in one place so that they cannot read one body two ways:
//! which raw characters are refused, how a field is filed, how `HttpStatus` is read.

use std::borrow::Cow;

use errcat_wire::xml::{REFUSED_NON_ASCII, is_refused_ascii};

use super::error::{DecodeError, DecodeErrorKind};
use super::fields::{Field, Fields, http_status_rule, status_of_text, trim_space};

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
        let status = status_of_text(trim_space(&text)).ok_or_else(|| {
            DecodeError::new(
                DecodeErrorKind::WrongType,
                format!("HttpStatus is `{text}`, not {}", http_status_rule()),
            )
        })?;
        fields.set_http_status(status);
    } else {
        fields.set_text(field, Some(text));
    }
    Ok(())
}

/// What [`scan`] found in a body besides characters XML refuses: one bit each.
pub(crate) mod found {
    /// A carriage return: text needs end-of-line normalization.
    pub(crate) const CARRIAGE_RETURN: u8 = 1;
    /// A `&`: text may hold references.
    pub(crate) const AMPERSAND: u8 = 2;
    /// A `]`: text may hold `]]>`, which XML refuses there.
    pub(crate) const BRACKET: u8 = 4;
}

/// One pass over the whole body, shared by both paths: refuses the raw characters XML 1.0's
/// `Char` excludes (quick-xml does not check: a NUL or a terminal escape would reach the
/// fields), which in UTF-8 text are the wire crate's `is_refused_ascii` bytes and
/// `REFUSED_NON_ASCII` characters; and says which of the characters in [`found`] the body
/// holds, so that the parsers look for what needs work only where there is some.
pub(crate) fn scan(body: &str) -> Result<u8, DecodeError> {
    // Bits of their own past `found`'s: a refused ASCII character, and the lead byte EF of
    // the refused characters beyond ASCII (and of others from U+F000, which are looked at
    // once seen).
    const CONTROL: u8 = 8;
    const LEAD_EF: u8 = 16;
    let classify = |b: u8| {
        (u8::from(is_refused_ascii(b)) * CONTROL)
            | (u8::from(b == b'\r') * found::CARRIAGE_RETURN)
            | (u8::from(b == b'&') * found::AMPERSAND)
            | (u8::from(b == b']') * found::BRACKET)
            | (u8::from(b == 0xef) * LEAD_EF)
    };
    // Branch-free over 64-byte blocks, which the compiler vectorizes; where a refused
    // character is is only looked for once one is known to be there.
    let seen = body.as_bytes().chunks(64).fold(0, |seen, block| {
        seen | block.iter().fold(0, |seen, &b| seen | classify(b))
    });
    let refused = if seen & CONTROL != 0 {
        body.bytes().position(is_refused_ascii)
    } else {
        None
    };
    let noncharacter = if seen & LEAD_EF != 0 {
        body.find(REFUSED_NON_ASCII)
    } else {
        None
    };
    match refused.into_iter().chain(noncharacter).min() {
        None => Ok(seen & (found::CARRIAGE_RETURN | found::AMPERSAND | found::BRACKET)),
        Some(at) => {
            let c = body.get(at..).and_then(|rest| rest.chars().next());
            Err(DecodeError::new(
                DecodeErrorKind::Syntax,
                format!(
                    "the character U+{:04X}, which XML 1.0 does not allow",
                    c.map_or(0, u32::from)
                ),
            )
            .at(at))
        }
    }
}

/// A field's content: text, or (for a structured unknown field) its inner XML as sent.
pub(crate) enum FieldValue<'a> {
    Text(Cow<'a, str>),
    Elements(&'a str),
}
