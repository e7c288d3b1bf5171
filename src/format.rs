//! [`Format`]: which wire format a response is written in, negotiated from the request's
//! `Format` parameter.

use core::fmt;
use core::str::FromStr;

/// The wire format of a response body: JSON (the default) or XML.
///
/// Chosen by the request's `Format` parameter, in any ASCII case; a request without one gets
/// JSON, so a client that did not ask for XML never receives it.
///
/// ```
/// use errcat::Format;
///
/// assert_eq!(Format::from_param(Some("xml")), Ok(Format::Xml));
/// assert_eq!(Format::from_param(None), Ok(Format::Json));
/// assert_eq!(Format::Xml.content_type(), "text/xml;charset=utf-8");
/// assert_eq!(Format::Json.to_string(), "JSON");
/// assert!(Format::from_param(Some("yaml")).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `application/json;charset=utf-8`: the default.
    #[default]
    Json,
    /// `text/xml;charset=utf-8`.
    Xml,
}

impl Format {
    /// The format a request asks for with its `Format` parameter: `JSON` or `XML` in any ASCII
    /// case. `None` (no parameter) and an empty value (`?Format=`) mean JSON.
    ///
    /// ```
    /// use errcat::Format;
    ///
    /// for param in ["XML", "xml", "Xml"] {
    ///     assert_eq!(Format::from_param(Some(param)), Ok(Format::Xml));
    /// }
    /// assert_eq!(Format::from_param(Some("JSON")), Ok(Format::Json));
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

    /// The `Content-Type` of a body in this format.
    ///
    /// ```
    /// use errcat::Format;
    ///
    /// assert_eq!(Format::Json.content_type(), "application/json;charset=utf-8");
    /// ```
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json;charset=utf-8",
            Format::Xml => "text/xml;charset=utf-8",
        }
    }

    /// The parameter's canonical spelling: `"JSON"` or `"XML"`.
    ///
    /// ```
    /// use errcat::Format;
    ///
    /// assert_eq!(Format::Xml.as_str(), "XML");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// `JSON` or `XML` in any ASCII case; unlike [`Format::from_param`], an empty string is
    /// an error.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        if value.eq_ignore_ascii_case("json") {
            Ok(Format::Json)
        } else if value.eq_ignore_ascii_case("xml") {
            Ok(Format::Xml)
        } else {
            Err(UnknownFormat {
                value: value.into(),
            })
        }
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
/// use errcat::Format;
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

impl std::error::Error for UnknownFormat {}
