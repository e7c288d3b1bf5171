//! The catalog compiler's front-end and checker on arbitrary bytes: diagnostics or a valid
//! catalog, never a panic. Diagnostics print capped and safe to show; a catalog the checker
//! accepts expands to Rust that `errcat_codegen::generate` writes and `syn` parses again.
#![no_main]

use errcat_codegen::{Options, generate, load, render_diagnostics, text_of};

/// At most this many problems are printed, then a line counting the rest (the README's
/// promise).
const MAX_SHOWN: usize = 100;
use errcat_wire::show::is_hidden;
use libfuzzer_sys::fuzz_target;

/// Rendered diagnostics: one line each, at most `MAX_SHOWN` and a count, nothing hidden.
fn check_shown(shown: &str) {
    assert!(shown.lines().count() <= MAX_SHOWN + 1, "{shown}");
    assert!(shown.lines().all(|line| line.starts_with("errors.toml:")), "{shown}");
    assert!(!shown.chars().any(|c| is_hidden(c) && c != '\n'), "{shown:?}");
}

fuzz_target!(|input: &[u8]| {
    let source = match text_of(input) {
        Ok(source) => source,
        Err((diagnostic, valid)) => {
            check_shown(&render_diagnostics(&[diagnostic], "errors.toml", valid));
            return;
        }
    };
    match load(source) {
        Ok(catalog) => {
            let code = generate(&catalog, &Options::default(), "errors.toml")
                .unwrap_or_else(|d| panic!("an accepted catalog does not expand: {d:?}"));
            if let Err(error) = syn::parse_file(&code) {
                panic!("the generated file does not parse: {error}\n{code}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            check_shown(&render_diagnostics(&diagnostics, "errors.toml", source));
        }
    }
});
