//! A code's three forms (its message as `Display` writes it, its JSON and its XML error
//! envelope) as shapes: pieces whose literals say where their text is ([`Lit`]), and the
//! code's own literals in the order its shapes use them.
//!
//! A small catalog's envelope heads are each one own literal, so that writing one is a single
//! copy. A large catalog's envelopes read the code and its message from their columns, and
//! the text every code of a status shares from the shape: its table then holds each code's
//! text once, not three times (`docs::LARGE_CATALOG`; BENCHMARKS.md, "Big catalogs").

use errcat_wire::Format;
use errcat_wire::envelope::{Piece, Text, text_pieces};
use errcat_wire::escape::{is_clean_json, is_clean_xml};

use crate::model::{Code, Valid};

/// Where the text of a literal is: the run time's `errcat::__private::Lit`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Lit {
    /// The code's next own literal.
    Own,
    /// This text, the same for every code of the shape.
    Shared(String),
    /// The wire code, which the form writes as it is.
    Code,
    /// The message template as written, which the form writes as it is.
    Message,
    /// The URL of the code's documentation, which the form writes as it is.
    Docs,
}

/// The forms of `code`, and its own literals. Large catalogs' envelopes are `factored`.
pub fn forms(catalog: &Valid, code: &Code, factored: bool) -> ([Vec<Piece<Lit>>; 3], Vec<String>) {
    let mut own = Vec::new();
    let text = text(code, &mut own);
    let mut envelope = |format| {
        let split = factored
            .then(|| factor(catalog, code, format, &mut own))
            .flatten();
        split.unwrap_or_else(|| own_literals(&catalog.error_pieces(code, format), &mut own))
    };
    let json = envelope(Format::Json);
    let xml = envelope(Format::Xml);
    ([text, json, xml], own)
}

/// The message as `Display` writes it: the messages' column when that is the message as
/// written, else its own literals.
fn text(code: &Code, own: &mut Vec<String>) -> Vec<Piece<Lit>> {
    if is_as_written(code) {
        return vec![Piece::Lit(Lit::Message)];
    }
    own_literals(&text_pieces(&code.message_text()), own)
}

/// Whether `code`'s message is its template as written: one literal, with no placeholders or
/// braces, so that a form may read it from the messages' column ([`Lit::Message`]).
fn is_as_written(code: &Code) -> bool {
    matches!(code.message_text().as_slice(), [Text::Lit(text)] if *text == code.message.source)
}

/// `pieces` with each literal the code's own. The host id's piece holds only text every code
/// of a catalog shares (`errcat_wire::envelope::join_host_id`).
fn own_literals(pieces: &[Piece<String>], own: &mut Vec<String>) -> Vec<Piece<Lit>> {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Lit(text) => {
                own.push(text.clone());
                Piece::Lit(Lit::Own)
            }
            other => other.map(|text| Lit::Shared(text.clone())),
        })
        .collect()
}

// Marks written into an envelope in place of the code's facts, to find them in its pieces:
// private-use characters, which no catalog text holds (`factor` checks) and which neither
// format escapes (a test checks).
const CODE: char = '\u{E000}';
const MESSAGE: char = '\u{E001}';
const DOCS: char = '\u{E002}';
/// Text between `OPEN` and `CLOSE` is the code's own, escaped.
const OPEN: char = '\u{E003}';
const CLOSE: char = '\u{E004}';

fn is_mark(c: char) -> bool {
    (CODE..=CLOSE).contains(&c)
}

/// The pieces of `code`'s envelope in `format` with the code, its message and its docs URL
/// read from their columns where the format writes them as they are, and between `OPEN` and
/// `CLOSE` (the code's own text) where it does not: what is left is the text of the shape,
/// the same for every code of the status. `None` if a text of the code holds a mark.
fn factor(
    catalog: &Valid,
    code: &Code,
    format: Format,
    own: &mut Vec<String>,
) -> Option<Vec<Piece<Lit>>> {
    let docs = catalog.docs_url(code);
    // The placeholders' names are in the message's source.
    let texts = [&code.code, &code.message.source].into_iter().chain(&docs);
    if texts.flat_map(|text| text.chars()).any(is_mark) {
        return None;
    }
    let clean = |text: &str| match format {
        Format::Json => is_clean_json(text),
        Format::Xml => is_clean_xml(text),
    };
    let marked = |mark: char, text: &str| {
        if clean(text) {
            mark.to_string()
        } else {
            format!("{OPEN}{text}{CLOSE}")
        }
    };
    let wire_code = marked(CODE, &code.code);
    let docs = docs.map(|url| marked(DOCS, &url));
    let message = code.message_text();
    let (open, mark, close) = (OPEN.to_string(), MESSAGE.to_string(), CLOSE.to_string());
    let message = if is_as_written(code) && clean(&code.message.source) {
        vec![Text::Lit(&mark)]
    } else {
        [Text::Lit(&open)]
            .into_iter()
            .chain(message.iter().copied())
            .chain([Text::Lit(&close)])
            .collect()
    };
    let pieces = catalog.error_pieces_with(code, format, &wire_code, &message, docs.as_deref());
    Some(split(&pieces, own))
}

/// `pieces`, each literal split at the marks that `factor` wrote into it.
fn split(pieces: &[Piece<String>], own: &mut Vec<String>) -> Vec<Piece<Lit>> {
    let mut out = Vec::new();
    let mut inside = false;
    for piece in pieces {
        let Piece::Lit(text) = piece else {
            out.push(piece.map(|text| Lit::Shared(text.clone())));
            continue;
        };
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let end = rest.find(is_mark).unwrap_or(rest.len());
            let (part, after) = rest.split_at(end);
            if !part.is_empty() {
                out.push(Piece::Lit(if inside {
                    own.push(part.to_owned());
                    Lit::Own
                } else {
                    Lit::Shared(part.to_owned())
                }));
            }
            let mut after = after.chars();
            match after.next() {
                Some(CODE) => out.push(Piece::Lit(Lit::Code)),
                Some(MESSAGE) => out.push(Piece::Lit(Lit::Message)),
                Some(DOCS) => out.push(Piece::Lit(Lit::Docs)),
                Some(OPEN) => inside = true,
                Some(CLOSE) => inside = false,
                _ => {}
            }
            rest = after.as_str();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use errcat_wire::envelope::{self, Values};
    use errcat_wire::sink::infallible;

    use super::*;

    /// The marks pass through both formats' escaping as they are.
    #[test]
    fn marks_are_not_escaped() {
        let marks: String = (CODE..=CLOSE).collect();
        assert_eq!(marks.chars().count(), 5);
        assert!(is_clean_json(&marks));
        assert!(is_clean_xml(&marks));
    }

    /// A catalog of `dialect` with codes whose texts need no escaping, and codes whose code,
    /// message or docs URL do, with placeholders and braces.
    fn catalog(dialect: &str, docs: &str) -> Valid {
        let source = format!(
            "[service]\nname = \"Shop\"\ndialect = \"{dialect}\"\n{docs}\n\
             [[error]]\ncode = \"Out.Of.Stock\"\nstatus = 409\nmessage = \"No more left.\"\n\n\
             [[error]]\ncode = \"Bad.Quote\"\nstatus = 400\n\
             message = \"The \\\"{{name}}\\\" & <{{other}}> is bad, {{{{sic}}}}.\"\n\n\
             [[error]]\ncode = \"Odd\"\nstatus = 400\nmessage = \"Is it <this> or \\\"that\\\"?\"\n\n\
             [[error]]\ncode = \"Mark\"\nstatus = 400\nmessage = \"A \u{E001} mark.\"\n"
        );
        crate::load(&source).expect("the test catalog is valid")
    }

    /// `pieces` with each literal's text found as the run time finds it, taking the code's
    /// own literals from `own`.
    fn resolve(
        code: &Code,
        docs: Option<&str>,
        pieces: &[Piece<Lit>],
        own: &mut std::slice::Iter<'_, String>,
    ) -> Vec<Piece<String>> {
        pieces
            .iter()
            .map(|piece| {
                piece.map(|lit| match lit {
                    Lit::Own => own.next().expect("an own literal per Lit::Own").clone(),
                    Lit::Shared(text) => text.clone(),
                    Lit::Code => code.code.clone(),
                    Lit::Message => code.message.source.clone(),
                    Lit::Docs => docs.expect("a docs URL").to_owned(),
                })
            })
            .collect()
    }

    fn written(pieces: &[Piece<String>], format: Option<Format>, host_id: Option<&str>) -> String {
        let values = Values::<&str> {
            args: &["a\"<&\u{E000}", "b"],
            placeholders: &["name", "other"],
            request_id: "r<1>\"".into(),
            host_id: host_id.into(),
        };
        let mut out = String::new();
        infallible(envelope::write(pieces, format, &values, &mut out));
        out
    }

    /// In every dialect, with and without docs, whether factored or not, a code's forms write
    /// the bytes its unsplit pieces write, with and without a host id; in a factored envelope
    /// the text around the request id and the close are shared, and a code whose texts need
    /// no escaping has no own literals.
    #[test]
    fn forms_write_what_the_pieces_write() {
        let docs = [
            "",
            "docs = \"https://example.com/e/{code}?a=1\"",
            "docs = \"https://e.com/{code}?a=1&b=\\\"2\\\"\"",
        ];
        for dialect in ["kms", "pop", "problem"] {
            for docs_template in docs {
                let catalog = catalog(dialect, docs_template);
                for code in &catalog.codes {
                    let docs = catalog.docs_url(code);
                    for factored in [false, true] {
                        let (forms, own) = forms(&catalog, code, factored);
                        let mut own = own.iter();
                        let message = text_pieces(&code.message_text());
                        let text = resolve(code, docs.as_deref(), &forms[0], &mut own);
                        assert_eq!(written(&text, None, None), written(&message, None, None));
                        for (form, format) in forms[1..].iter().zip([Format::Json, Format::Xml]) {
                            let pieces = catalog.error_pieces(code, format);
                            let resolved = resolve(code, docs.as_deref(), form, &mut own);
                            for host_id in [None, Some("h<\"&>")] {
                                assert_eq!(
                                    written(&resolved, Some(format), host_id),
                                    written(&pieces, Some(format), host_id),
                                    "{dialect} {docs_template} {} {format:?} factored: {factored}",
                                    code.code,
                                );
                            }
                            // The request id's opening and the envelope's close are the
                            // catalog's text, never a code's own (`Mark`'s message holds a
                            // mark, so its envelopes are not split).
                            let split = factored && code.code != "Mark";
                            let before_id = form.windows(2).find(|w| w[1] == Piece::RequestId);
                            let catalogs = [before_id.map(|w| &w[0]), form.last()];
                            for piece in catalogs.into_iter().flatten() {
                                if split && let Piece::Lit(lit) = piece {
                                    assert!(matches!(lit, Lit::Shared(_)), "{form:?}");
                                }
                            }
                            let clean =
                                code.code == "Out.Of.Stock" && !docs_template.contains('\\');
                            if factored && clean {
                                assert!(!form.contains(&Piece::Lit(Lit::Own)), "{form:?}");
                                assert!(form.contains(&Piece::Lit(Lit::Code)), "{form:?}");
                            }
                        }
                        assert_eq!(own.next(), None, "every own literal is used");
                    }
                }
            }
        }
    }
}
