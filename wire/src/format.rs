//! [`Format`]: which wire format a body is in, negotiated from a request's `Format`
//! parameter or read from a response's content type.

use alloc::boxed::Box;
use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;

use crate::sink::Sink;

/// The wire format of a body: JSON (the default) or XML.
///
/// A server picks it from the request's `Format` parameter, in any ASCII case; a request
/// without one gets JSON, so a client that did not ask for XML never receives it.
///
/// ```
/// use errcat_wire::Format;
///
/// assert_eq!(Format::from_param(Some("xml")), Ok(Format::Xml));
/// assert_eq!(Format::from_param(None), Ok(Format::Json));
/// assert_eq!(Format::Json.to_string(), "JSON");
/// assert!(Format::from_param(Some("yaml")).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// JSON: the default.
    #[default]
    Json,
    /// XML.
    Xml,
}

impl Format {
    /// Both formats.
    pub const ALL: [Format; 2] = [Format::Json, Format::Xml];

    /// The format a request asks for with its `Format` parameter: `JSON` or `XML` in any
    /// ASCII case. `None` (no parameter) and an empty value (`?Format=`) mean JSON.
    ///
    /// ```
    /// use errcat_wire::Format;
    ///
    /// for param in ["XML", "xml", "Xml"] {
    ///     assert_eq!(Format::from_param(Some(param)), Ok(Format::Xml));
    /// }
    /// assert_eq!(Format::from_param(Some("")), Ok(Format::Json));
    /// let error = Format::from_param(Some("text")).unwrap_err();
    /// assert_eq!(error.to_string(), "unknown response format `text`: expected JSON or XML");
    /// ```
    ///
    /// # Errors
    ///
    /// [`UnknownFormat`] for any other value. A server should answer it with an error
    /// envelope in JSON, the format a client gets when it has not asked for one it can use.
    pub fn from_param(param: Option<&str>) -> Result<Format, UnknownFormat> {
        match param {
            None | Some("") => Ok(Format::Json),
            Some(value) => value.parse(),
        }
    }

    /// The format a `Content-Type` names, ignoring parameters (`;charset=utf-8`) and case:
    /// `application/json`, `text/json`, `application/xml`, `text/xml`, and any `+json` or
    /// `+xml` structured suffix (`application/problem+json`). `None` for anything else.
    ///
    /// ```
    /// use errcat_wire::Format;
    ///
    /// assert_eq!(Format::from_content_type("text/xml;charset=utf-8"), Some(Format::Xml));
    /// assert_eq!(Format::from_content_type("application/problem+JSON"), Some(Format::Json));
    /// assert_eq!(Format::from_content_type("text/html"), None);
    /// ```
    #[must_use]
    pub fn from_content_type(content_type: &str) -> Option<Format> {
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        let (_, subtype) = media_type.split_once('/')?;
        let names = |name: &str| {
            let suffix = subtype.len().checked_sub(name.len() + 1);
            subtype.eq_ignore_ascii_case(name)
                || suffix.is_some_and(|at| {
                    subtype.as_bytes()[at] == b'+' && subtype[at + 1..].eq_ignore_ascii_case(name)
                })
        };
        Format::ALL
            .into_iter()
            .find(|format| names(format.subtype()))
    }

    /// The `Content-Type` of a plain body in this format: every success body, and the error
    /// bodies of dialects without their own media type
    /// ([`Dialect::content_type`](crate::Dialect::content_type)).
    ///
    /// ```
    /// use errcat_wire::Format;
    ///
    /// assert_eq!(Format::Json.content_type(), "application/json;charset=utf-8");
    /// assert_eq!(Format::Xml.content_type(), "text/xml;charset=utf-8");
    /// ```
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "text/xml;charset=utf-8",
        }
    }

    /// Appends `text` escaped for a string in this format, by the rules every envelope
    /// follows, so that a real parser reads back exactly `text` (see [`escape`](crate::escape);
    /// in XML, characters XML 1.0 cannot carry become U+FFFD).
    ///
    /// ```
    /// use errcat_wire::Format;
    ///
    /// let mut out = Vec::new();
    /// Format::Json.write_escaped("say \"hi\"\n", &mut out);
    /// assert_eq!(out, br#"say \"hi\"\n"#);
    /// ```
    pub fn write_escaped<K: Sink<Error = Infallible>>(self, text: &str, out: &mut K) {
        crate::sink::infallible(match self {
            Format::Json => crate::escape::json(text, out),
            Format::Xml => crate::escape::xml(text, out),
        });
    }

    /// The parameter's canonical spelling: `"JSON"` or `"XML"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }

    /// The media subtype that names the format: `json` or `xml`.
    const fn subtype(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// `JSON` or `XML` in any ASCII case; unlike [`Format::from_param`], an empty string is
    /// an error.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(value))
            .ok_or_else(|| UnknownFormat {
                value: value.into(),
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `Format` parameter that is neither `JSON` nor `XML`.
///
/// ```
/// use errcat_wire::Format;
///
/// let error = "yaml".parse::<Format>().unwrap_err();
/// assert_eq!(error.value(), "yaml");
/// assert_eq!(error.to_string(), "unknown response format `yaml`: expected JSON or XML");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat {
    value: Box<str>,
}

impl UnknownFormat {
    /// The value the request gave.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown response format `{}`: expected JSON or XML",
            self.value.escape_debug()
        )
    }
}

impl core::error::Error for UnknownFormat {}
