//! [`SuccessError`]: why a success envelope could not be written.

use core::fmt;

/// Why a success envelope could not be written.
///
/// ```
/// use errcat::{Format, SuccessError, to_success};
///
/// let error = to_success(Format::Xml, "Describe Key", "r1", &()).unwrap_err();
/// assert_eq!(error, SuccessError::InvalidAction("Describe Key".to_owned()));
/// assert_eq!(error.to_string(), "action `Describe Key` is not an XML name");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SuccessError {
    /// The action is not an XML name ([`errcat_wire::is_xml_name`]), so `<{action}Response>`
    /// cannot be written.
    InvalidAction(String),
    /// The result does not serialize as a struct or map: it serialized as this instead
    /// (`"a number"`, `"a string"`, `"a sequence"`, `"a boolean"`, `"null"`).
    NotAStruct {
        /// What the result is, in the words of its JSON form.
        found: &'static str,
    },
    /// A field name or map key is not an XML name, so it cannot name an element.
    InvalidName(String),
    /// A sequence directly inside a sequence (such as `Vec<Vec<u8>>`) in this field: XML's
    /// repeated elements cannot keep the inner sequences apart. Wrap the inner one in a struct.
    NestedSequence(String),
    /// The result's `Serialize` implementation failed, or a map key is not a string.
    Serialize(String),
}

impl fmt::Display for SuccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SuccessError::InvalidAction(action) => {
                write!(f, "action `{}` is not an XML name", action.escape_debug())
            }
            SuccessError::NotAStruct { found } => {
                write!(f, "a success result must be a struct or a map, not {found}")
            }
            SuccessError::InvalidName(name) => {
                write!(
                    f,
                    "`{}` is not an XML name, so cannot name an element",
                    name.escape_debug()
                )
            }
            SuccessError::NestedSequence(name) => write!(
                f,
                "field `{}` holds a sequence of sequences, which XML cannot keep apart",
                name.escape_debug()
            ),
            SuccessError::Serialize(message) => write!(f, "cannot serialize the result: {message}"),
        }
    }
}

impl std::error::Error for SuccessError {}

impl serde::ser::Error for SuccessError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        SuccessError::Serialize(message.to_string())
    }
}
