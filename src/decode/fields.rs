//! The fields of an error envelope as either parser collects them, and the rules that turn
//! them into a [`ServiceError`]: which names are known, duplicates, the code lookup, retry.

use std::borrow::Cow;
use std::ops::RangeInclusive;

pub(crate) use errcat_wire::Field;
use errcat_wire::envelope::NO_TYPE;

use super::error::{DecodeError, DecodeErrorKind};
use super::service_error::{Code, ServiceError};
use crate::{ErrorCatalog, Retry};

/// A field's bit in [`Fields::seen`]. A problem's `type` and a `Recommend` both give the
/// code's documentation: one slot, so a body with both is a duplicate, not two readings.
const fn bit(field: Field) -> u8 {
    let slot = match field {
        Field::Type => Field::Recommend,
        other => other,
    };
    1 << slot as u8
}

/// What a parser found in an envelope, not yet checked for a code.
#[derive(Debug, Default)]
pub(crate) struct Fields<'a> {
    seen: u8,
    http_status: Option<u16>,
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    host_id: Option<Cow<'a, str>>,
    recommend: Option<Cow<'a, str>>,
    extra: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> Fields<'a> {
    /// Notes that `field` was found, refusing a second one: keeping either the first or the
    /// last would let two readers of the same body disagree about the error.
    pub(crate) fn mark(&mut self, field: Field, spelled: &str) -> Result<(), DecodeError> {
        if self.seen & bit(field) != 0 {
            return Err(DecodeError::new(
                DecodeErrorKind::DuplicateField,
                format!(
                    "`{}` repeats the {} field (names match in any case)",
                    spelled,
                    field.name()
                ),
            ));
        }
        self.seen |= bit(field);
        Ok(())
    }

    pub(crate) fn set_http_status(&mut self, status: u16) {
        self.http_status = Some(status);
    }

    /// Stores the value of a known text field (`None`: present but `null`, as absent),
    /// without its surrounding whitespace (see [`trim_space`]).
    pub(crate) fn set_text(&mut self, field: Field, value: Option<Cow<'a, str>>) {
        let value = value.map(trim_space_owned);
        let slot = match field {
            Field::Code => &mut self.code,
            Field::Message => &mut self.message,
            Field::RequestId => &mut self.request_id,
            Field::HostId => &mut self.host_id,
            Field::Recommend => &mut self.recommend,
            // A problem type is the code's documentation, unless it is the "no type" one.
            Field::Type if value.as_deref() == Some(NO_TYPE) => return,
            Field::Type => &mut self.recommend,
            // A status is a number (`set_http_status`); a problem's title is the message
            // template, which the code already gives.
            Field::Status | Field::Title => return,
        };
        *slot = value;
    }

    /// Keeps an unknown field, in the order found, duplicates included.
    pub(crate) fn push_extra(&mut self, name: Cow<'a, str>, value: Cow<'a, str>) {
        self.extra.push((name, value));
    }

    /// The decoded error for a response with this status line, or [`DecodeErrorKind::MissingCode`].
    pub(crate) fn finish<C: ErrorCatalog>(
        self,
        status: u16,
    ) -> Result<ServiceError<'a, C>, DecodeError> {
        let code = match self.code {
            Some(code) if !code.is_empty() => code,
            Some(_) => return Err(missing_code("the Code field is empty")),
            None if self.seen & bit(Field::Code) != 0 => {
                return Err(missing_code("the Code field is null"));
            }
            None => return Err(missing_code("the envelope has no Code field")),
        };
        // Exact lookup: the wire is case-sensitive, and a near miss such as
        // `forbidden.keynotfound` is not evidence of `Forbidden.KeyNotFound`.
        let code = match C::from_code(&code) {
            Some(known) => Code::Known(known),
            None => Code::Unknown(code.into_owned().into_boxed_str()),
        };
        Ok(ServiceError {
            retry: default_retry(&code, status),
            status,
            body_status: self.http_status.filter(|&body| body != status),
            code,
            message: self.message,
            request_id: self.request_id,
            host_id: self.host_id,
            recommend: self.recommend,
            extra: self.extra,
        })
    }
}

/// Whitespace, for every reader: space, tab, line feed and carriage return, the four
/// characters JSON and XML agree on. Between tokens, around the values of known fields
/// ([`trim_space`]), in blank XML text, before the first byte that tells the format.
pub(crate) const SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// Whether the byte `b` is one of [`SPACE`], for scanners over bytes.
pub(crate) fn is_space(b: u8) -> bool {
    SPACE.contains(&char::from(b))
}

/// The one whitespace rule of known fields, in both formats and on every path: a value is
/// its text without leading and trailing [`SPACE`], inner whitespace kept. So a
/// pretty-printed `<Code>\n  Forbidden.KeyNotFound\n</Code>` is the known code, as
/// `<HttpStatus> 404 </HttpStatus>` is the status 404, and `{"Code":" Forbidden.KeyNotFound "}`
/// reads the same. Unknown fields are kept exactly as sent.
pub(crate) fn trim_space(text: &str) -> &str {
    text.trim_matches(SPACE)
}

/// The values `HttpStatus` takes, in both formats: an HTTP status from 100 to 999 (a
/// status line has three digits).
const HTTP_STATUSES: RangeInclusive<u16> = 100..=999;

/// What `HttpStatus` must be, for the error that says it is not.
pub(crate) fn http_status_rule() -> String {
    let (first, last) = HTTP_STATUSES.into_inner();
    format!("an HTTP status from {first} to {last}")
}

/// `HttpStatus` as a JSON integer (serde_json's), if it is one of [`HTTP_STATUSES`].
pub(crate) fn status_of_number(number: u64) -> Option<u16> {
    let status = u16::try_from(number).ok()?;
    HTTP_STATUSES.contains(&status).then_some(status)
}

/// `HttpStatus` as text: XML's (without its surrounding whitespace), or a JSON number as
/// written. Decimal digits alone, as a JSON integer is written (no sign, leading zero,
/// fraction or exponent, which serde_json's reading of a status refuses, and so XML's does
/// too), and one of [`HTTP_STATUSES`].
pub(crate) fn status_of_text(text: &str) -> Option<u16> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    if !digits || text.starts_with('0') {
        return None;
    }
    status_of_number(text.parse().ok()?)
}

/// [`trim_space`] on a value that may own its text: a borrowed value stays borrowed, an
/// owned one is trimmed in place (no allocation either way).
fn trim_space_owned(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(trim_space(text)),
        Cow::Owned(mut text) => {
            let trimmed = trim_space(&text);
            let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + trimmed.len();
            text.truncate(end);
            text.drain(..start);
            Cow::Owned(text)
        }
    }
}

fn missing_code(detail: &'static str) -> DecodeError {
    DecodeError::new(DecodeErrorKind::MissingCode, detail)
}

/// The catalog's retry kind for a known code; for an unknown one, the default for the
/// status line.
fn default_retry<C: ErrorCatalog>(code: &Code<C>, status: u16) -> Retry {
    match code {
        Code::Known(known) => known.retry(),
        Code::Unknown(_) => Retry::default_for(status),
    }
}

#[cfg(test)]
mod tests {
    use super::{status_of_number, status_of_text};

    #[test]
    fn statuses_are_the_integers_from_100_to_999_written_plainly() {
        for (text, status) in [("100", Some(100)), ("404", Some(404)), ("999", Some(999))] {
            assert_eq!(status_of_text(text), status, "{text}");
        }
        for text in [
            "",
            "99",
            "1000",
            "0404",
            "099",
            "+404",
            "-404",
            "404.0",
            "4e2",
            " 404",
            "40 4",
            "99999999999999999999999",
        ] {
            assert_eq!(status_of_text(text), None, "{text:?}");
        }
        assert_eq!(status_of_number(999), Some(999));
        assert_eq!(status_of_number(99), None);
        assert_eq!(status_of_number(1000), None);
        assert_eq!(status_of_number(u64::from(u16::MAX) + 404), None);
    }
}
