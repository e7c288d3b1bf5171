//! The error path of a generated `code!` macro: it is reached with whatever did not match a
//! known code, followed by the known codes, and reports the mistake on the user's tokens.
//!
//! Input: `[<the user's tokens>] "Code1" "Code2" ...`.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, bracketed};

struct Input {
    given: TokenStream,
    known: Vec<LitStr>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        bracketed!(content in input);
        let given = content.parse()?;
        let mut known = Vec::new();
        while !input.is_empty() {
            known.push(input.parse()?);
        }
        Ok(Input { given, known })
    }
}

pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<Input>(input) {
        Ok(input) => report(&input).to_compile_error(),
        Err(error) => error.to_compile_error(),
    }
}

fn report(input: &Input) -> syn::Error {
    let known: Vec<String> = input.known.iter().map(LitStr::value).collect();
    let Ok(literal) = syn::parse2::<LitStr>(input.given.clone()) else {
        let span = input
            .given
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span());
        return syn::Error::new(
            span,
            "expected one string literal, like `code!(\"Forbidden.KeyNotFound\")`",
        );
    };
    let code = literal.value();
    // The arms of `code!` match plain literals token for token: `r"X"` or `"\x58"` is X too.
    if known.contains(&code) {
        let message = format!("write the code as a plain string literal: `code!({code:?})`");
        return syn::Error::new(literal.span(), message);
    }
    let suggestion = errcat_codegen::suggest::closest(&code, known.iter().map(String::as_str));
    let message = match suggestion {
        Some(fix) => format!("unknown error code `{code}`; did you mean `{fix}`?"),
        None => format!("unknown error code `{code}`"),
    };
    syn::Error::new(literal.span(), message)
}
