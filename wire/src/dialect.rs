//! [`Dialect`]: the shape of a service's error envelopes, its content types and the names of
//! its response headers; [`Field`]: what each field of an envelope holds.

use crate::format::Format;

/// The shape of a service's error envelopes. Chosen per catalog; every writer, the HTTP
/// integrations and the docs follow it, and readers accept every dialect.
///
/// ```
/// use errcat_wire::{Dialect, Format};
///
/// assert_eq!(Dialect::Kms.content_type(Format::Xml), "text/xml;charset=utf-8");
/// assert_eq!(Dialect::Kms.request_id_header(), "x-acs-request-id");
/// assert_eq!(Dialect::from_name("pop"), Some(Dialect::Pop));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// Alibaba Cloud KMS: `{"HttpStatus":400,"Code":"...","Message":"...","RequestId":"...",
    /// "HostId":"..."}`; in XML the same fields under a root named after the service.
    #[default]
    Kms,
    /// Alibaba Cloud's common OpenAPI shape: `{"RequestId":"...","HostId":"...","Code":"...",
    /// "Message":"..."}` (and `Recommend`, a link to the code's docs, when the catalog has
    /// them); in XML the same fields under `<Error>`. No status field: the status line
    /// carries it.
    Pop,
    /// RFC 9457 problem details: `{"type":"<docs URL or about:blank>","title":"<the message
    /// template>","status":400,"detail":"<the message>","code":"...","requestId":"...",
    /// "hostId":"..."}` as `application/problem+json`; in XML the same members under
    /// `<problem xmlns="urn:ietf:rfc:7807">` as `application/problem+xml`.
    Problem,
}

/// What a field of an error envelope holds. Readers file every field by this, whatever the
/// dialect that named it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The HTTP status, a number.
    Status,
    /// The error code.
    Code,
    /// The message, placeholders filled in.
    Message,
    /// The request id.
    RequestId,
    /// The host id: written only when there is one.
    HostId,
    /// A link to the code's documentation: written only when the catalog has one.
    Recommend,
    /// A URI naming the problem type: the code's documentation, or `about:blank` when the
    /// catalog has none.
    Type,
    /// The problem type's summary: the message template, placeholders shown as `<name>`.
    Title,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 8] = [
        Field::Status,
        Field::Code,
        Field::Message,
        Field::RequestId,
        Field::HostId,
        Field::Recommend,
        Field::Type,
        Field::Title,
    ];

    /// The field that some dialect names `name`, in any ASCII case (servers write `Code`,
    /// `code`, `RequestID`...), or `None` for a field no dialect has.
    ///
    /// ```
    /// use errcat_wire::Field;
    ///
    /// assert_eq!(Field::from_name("requestid"), Some(Field::RequestId));
    /// assert_eq!(Field::from_name("HttpStatus"), Some(Field::Status));
    /// assert_eq!(Field::from_name("Data"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Field> {
        // The canonical spelling first: one `memcmp`, where a case-folding comparison goes
        // byte by byte.
        let named = |&&(spelled, _): &&(&str, Field)| {
            spelled.len() == name.len() && (spelled == name || spelled.eq_ignore_ascii_case(name))
        };
        let mut fields = Dialect::ALL.iter().flat_map(|d| d.error_fields());
        fields.find(named).map(|&(_, field)| field)
    }

    /// Its name as the first dialect that has it spells it, such as `"HttpStatus"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        let mut fields = Dialect::ALL.iter().flat_map(|d| d.error_fields());
        fields
            .find(|(_, field)| *field == self)
            .map_or("", |(name, _)| name)
    }
}

impl Dialect {
    /// Every dialect.
    pub const ALL: [Dialect; 3] = [Dialect::Kms, Dialect::Pop, Dialect::Problem];

    /// The name a catalog uses for it: `"kms"`, `"pop"`, `"problem"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Kms => "kms",
            Dialect::Pop => "pop",
            Dialect::Problem => "problem",
        }
    }

    /// The dialect a catalog names, or `None`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL
            .into_iter()
            .find(|dialect| dialect.name() == name)
    }

    /// The fields of an error envelope, in the order written, each with its name.
    #[must_use]
    pub const fn error_fields(self) -> &'static [(&'static str, Field)] {
        match self {
            Dialect::Kms => &[
                ("HttpStatus", Field::Status),
                ("Code", Field::Code),
                ("Message", Field::Message),
                ("RequestId", Field::RequestId),
                ("HostId", Field::HostId),
            ],
            Dialect::Pop => &[
                ("RequestId", Field::RequestId),
                ("HostId", Field::HostId),
                ("Code", Field::Code),
                ("Message", Field::Message),
                ("Recommend", Field::Recommend),
            ],
            Dialect::Problem => &[
                ("type", Field::Type),
                ("title", Field::Title),
                ("status", Field::Status),
                ("detail", Field::Message),
                ("code", Field::Code),
                ("requestId", Field::RequestId),
                ("hostId", Field::HostId),
            ],
        }
    }

    /// The root element of an XML error envelope of the service named `service`.
    #[must_use]
    pub const fn xml_root(self, service: &str) -> &str {
        match self {
            Dialect::Kms => service,
            Dialect::Pop => "Error",
            Dialect::Problem => "problem",
        }
    }

    /// The namespace of the XML root's elements, declared as its default namespace
    /// (`xmlns="..."`), if the dialect has one.
    #[must_use]
    pub const fn xml_namespace(self) -> Option<&'static str> {
        match self {
            Dialect::Kms | Dialect::Pop => None,
            Dialect::Problem => Some("urn:ietf:rfc:7807"),
        }
    }

    /// The `Content-Type` of an error body in `format` (success bodies are plain:
    /// [`Format::content_type`]).
    #[must_use]
    pub const fn content_type(self, format: Format) -> &'static str {
        match (self, format) {
            (Dialect::Kms | Dialect::Pop, _) => format.content_type(),
            (Dialect::Problem, Format::Json) => "application/problem+json",
            (Dialect::Problem, Format::Xml) => "application/problem+xml",
        }
    }

    /// The response header that repeats the body's request id.
    #[must_use]
    pub const fn request_id_header(self) -> &'static str {
        match self {
            Dialect::Kms | Dialect::Pop => "x-acs-request-id",
            Dialect::Problem => "x-request-id",
        }
    }

    /// The response header that tells a client to wait before retrying, sent only with
    /// throttling codes, and its value for a wait of `millis` milliseconds: Alibaba Cloud's
    /// `x-acs-retry-after` in milliseconds (its newer SDKs read any response carrying it as
    /// throttling), or HTTP's `retry-after` in whole seconds, rounded up.
    ///
    /// ```
    /// use errcat_wire::Dialect;
    ///
    /// assert_eq!(Dialect::Kms.retry_after(1500), ("x-acs-retry-after", 1500));
    /// assert_eq!(Dialect::Problem.retry_after(1500), ("retry-after", 2));
    /// ```
    #[must_use]
    pub const fn retry_after(self, millis: u64) -> (&'static str, u64) {
        match self {
            Dialect::Kms | Dialect::Pop => ("x-acs-retry-after", millis),
            Dialect::Problem => ("retry-after", millis.div_ceil(1000)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_found_by_its_name_in_any_case() {
        for field in Field::ALL {
            let name = field.name();
            assert!(!name.is_empty(), "{field:?} is in no dialect");
            for spelled in [
                name.into(),
                name.to_ascii_lowercase(),
                name.to_ascii_uppercase(),
            ] {
                assert_eq!(Field::from_name(&spelled), Some(field));
            }
        }
        assert_eq!(Field::from_name("Codes"), None);
        assert_eq!(Field::from_name(""), None);
    }

    /// Optional fields are never first, so each can carry the comma before it.
    #[test]
    fn no_dialect_starts_with_an_optional_field() {
        for dialect in Dialect::ALL {
            let (_, first) = dialect.error_fields()[0];
            assert!(
                !matches!(first, Field::HostId | Field::Recommend),
                "{dialect:?}"
            );
        }
    }
}
