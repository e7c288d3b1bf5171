//! Message templates: literal text with `{name}` placeholders; `{{` and `}}` are literal braces.
//!
//! ```text
//! The parameter "{parameter}" is needed but not provided.
//! ```

use std::fmt;

/// A parsed message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// The template as written, such as `The parameter "{parameter}" is needed...`.
    pub source: String,
    /// Literal text (braces unescaped) and placeholders, in order; adjacent texts merged.
    pub pieces: Vec<Piece>,
}

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text, braces unescaped.
    Text(String),
    /// A placeholder, by name.
    Placeholder(String),
}

/// Why a template does not parse; each says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// `{` with no `}` after it: `"the {key"`.
    Unclosed,
    /// `}` with no `{` before it: `"the key}"`.
    Unmatched,
    /// `{}`.
    Empty,
    /// A name that is not snake_case: `{Key Id}`, `{KeyId}`, `{a{b}`.
    BadName(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Unclosed => {
                f.write_str("unclosed placeholder: `{` has no `}`; write `{{` for a literal brace")
            }
            TemplateError::Unmatched => {
                f.write_str("unmatched `}` in message; write `}}` for a literal brace")
            }
            TemplateError::Empty => {
                f.write_str("empty placeholder `{}`; name it, like `{parameter}`")
            }
            TemplateError::BadName(name) => write!(
                f,
                "placeholder `{{{name}}}` is not a snake_case name like `{{parameter}}` or `{{key_id}}`"
            ),
        }
    }
}

impl Template {
    /// Parses a template.
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => return Err(TemplateError::Unmatched),
                '{' => {
                    let name = placeholder_name(&mut chars)?;
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Placeholder(name));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template {
            source: source.to_owned(),
            pieces,
        })
    }

    /// The distinct placeholder names, in order of first use.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for piece in &self.pieces {
            if let Piece::Placeholder(name) = piece
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }

    /// The message with each placeholder replaced by `arg(name)`.
    pub fn render(&self, mut arg: impl FnMut(&str) -> String) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.clone(),
                Piece::Placeholder(name) => arg(name),
            })
            .collect()
    }

    /// The message as documentation shows it: each placeholder as `<name>`
    /// (`errcat_wire::envelope::shown_placeholder`).
    #[must_use]
    pub fn display(&self) -> String {
        self.render(|name| errcat_wire::envelope::shown_placeholder(name).concat())
    }
}

/// Reads a placeholder name up to its `}`; the `{` is already consumed.
fn placeholder_name(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Result<String, TemplateError> {
    let mut name = String::new();
    loop {
        match chars.next() {
            None => return Err(TemplateError::Unclosed),
            Some('}') => break,
            Some(c) => name.push(c),
        }
    }
    // A placeholder becomes a Rust parameter name: lower-case snake_case, not a keyword.
    if name.is_empty() {
        Err(TemplateError::Empty)
    } else if name.contains('{') {
        Err(TemplateError::Unclosed)
    } else if !is_snake_case(&name) || crate::names::is_keyword(&name) {
        Err(TemplateError::BadName(name))
    } else {
        Ok(name)
    }
}

/// `[a-z][a-z0-9_]*`.
fn is_snake_case(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(source: &str) -> Vec<Piece> {
        Template::parse(source).unwrap().pieces
    }

    #[test]
    fn parses_text_placeholders_and_escaped_braces() {
        assert_eq!(
            pieces("a {{x}} \"{parameter}\" b"),
            vec![
                Piece::Text("a {x} \"".into()),
                Piece::Placeholder("parameter".into()),
                Piece::Text("\" b".into()),
            ]
        );
        assert_eq!(pieces(""), vec![]);
    }

    #[test]
    fn placeholders_are_distinct_in_order() {
        let t = Template::parse("{b}{a}{b}").unwrap();
        assert_eq!(t.placeholders(), ["b", "a"]);
        assert_eq!(t.display(), "<b><a><b>");
    }

    #[test]
    fn rejects_malformed_templates() {
        assert_eq!(Template::parse("the {key"), Err(TemplateError::Unclosed));
        assert_eq!(Template::parse("the {a{b}"), Err(TemplateError::Unclosed));
        assert_eq!(Template::parse("the key}"), Err(TemplateError::Unmatched));
        assert_eq!(Template::parse("{}"), Err(TemplateError::Empty));
        assert_eq!(
            Template::parse("{KeyId}"),
            Err(TemplateError::BadName("KeyId".into()))
        );
        assert_eq!(
            Template::parse("{key id}"),
            Err(TemplateError::BadName("key id".into()))
        );
        assert_eq!(
            Template::parse("{type}"),
            Err(TemplateError::BadName("type".into()))
        );
    }
}
