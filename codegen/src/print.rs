//! Generated code as text: pretty-printed for a catalog people may read, and compact for a
//! large one, where `syn` and prettyplease would take most of a build script's time to lay
//! out a file nobody reads whole.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// `tokens` with as little whitespace as keeps them apart, and a line break after each `,`,
/// `;` and `}`, so that every element of a table has its own line.
#[must_use]
pub fn compact(tokens: TokenStream) -> String {
    let mut out = String::new();
    write(&mut out, tokens, &mut Last::Break);
    out.push('\n');
    out
}

/// What was written last, for the spacing of what comes next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// A line break or an opening delimiter: anything may follow.
    Break,
    /// An identifier or a literal: another would run into it.
    Word,
    /// A punctuation character that must not join the next one (`:` `:` is not `::`).
    Alone,
    /// Anything else.
    Other,
}

fn write(out: &mut String, tokens: TokenStream, last: &mut Last) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                *last = Last::Break;
                write(out, group.stream(), last);
                out.push_str(close);
                *last = Last::Other;
                if close == "}" {
                    out.push('\n');
                    *last = Last::Break;
                }
            }
            TokenTree::Ident(ident) => word(out, &ident.to_string(), last),
            TokenTree::Literal(literal) => word(out, &literal.to_string(), last),
            TokenTree::Punct(punct) => {
                if *last == Last::Alone {
                    out.push(' ');
                }
                let c = punct.as_char();
                out.push(c);
                *last = if punct.spacing() == Spacing::Joint {
                    Last::Other
                } else {
                    Last::Alone
                };
                if matches!(c, ',' | ';') {
                    out.push('\n');
                    *last = Last::Break;
                }
            }
        }
    }
}

fn word(out: &mut String, text: &str, last: &mut Last) {
    if *last == Last::Word {
        out.push(' ');
    }
    out.push_str(text);
    *last = Last::Word;
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::compact;

    /// The text reads back as the same tokens, spaced only where they would join.
    #[test]
    fn tokens_stay_apart_and_nothing_else_is_spaced() {
        let tokens = quote! {
            pub const A: &'static [u8] = &[1u8, 2];
            fn f(x: ::core::option::Option<u8>) -> bool { x.is_some() && !false }
            #[doc = "a \"doc\""]
            macro_rules! m { ($($t:tt)*) => { $crate::f(None) }; }
        };
        let text = compact(tokens.clone());
        let back: TokenStream = text.parse().unwrap();
        assert_eq!(back.to_string(), tokens.to_string());
        assert!(
            text.starts_with("pub const A: & 'static[u8]= &[1u8,\n2];\n"),
            "{text}"
        );
        assert!(text.contains("(x: ::core::option::Option<u8>)->bool{x.is_some()&& !false}\n"));
        assert!(text.contains("$crate::f(None)"), "{text}");
    }
}
