//! Every rule a catalog must follow. Each rule is a small function that reports what breaks
//! it; `check` runs them all, so one build lists every problem, and returns the [`Valid`]
//! catalog only when none was found.

use std::collections::{HashMap, HashSet};

use errcat_wire::{Dialect, Retry};

use crate::api;
use crate::diag::{Diagnostic, Diagnostics, Span, Spanned};
use crate::model::{Catalog, Code, Entry, MAX_CODES, Valid};
use crate::names;
use crate::template::Template;

/// The longest code allowed, in bytes.
const MAX_CODE_LEN: usize = 128;

/// Checks a catalog, adding to the problems its front-end found; `Ok` only if there are none.
pub fn check(catalog: &Catalog, mut diags: Diagnostics) -> Result<Valid, Vec<Diagnostic>> {
    let dialect = dialect(catalog.dialect.as_ref(), &mut diags);
    let service = catalog
        .service
        .as_ref()
        .map(|name| service_name(name, dialect, &mut diags));
    let host = catalog.host.as_ref().map(|host| host_id(host, &mut diags));
    let docs = catalog
        .docs
        .as_ref()
        .map(|docs| docs_template(docs, &mut diags));
    let codes: Vec<Option<Code>> = catalog
        .entries
        .iter()
        .map(|e| entry(e, &mut diags))
        .collect();
    unique_codes(&catalog.entries, &mut diags);
    unique_codes_ignoring_case(&catalog.entries, &mut diags);
    unique_variants(&catalog.entries, &codes, &mut diags);
    unique_constructors(&catalog.entries, &codes, &mut diags);
    at_most_max_codes(catalog, &mut diags);
    let codes = codes.into_iter().flatten().collect();
    diags.finish(()).map(|()| Valid {
        service: service.unwrap_or_default(),
        dialect: dialect.unwrap_or_default(),
        host,
        docs,
        codes,
    })
}

/// The build script's options name what they name: the enum and the code macro are plain
/// identifiers, the module a path of them, and the enum is not named like an alias generated
/// beside it. Rejects `type_name("Error Code")`, `code_macro("my-code")`,
/// `module("errors/kms")`, `type_name("r#Foo")`, and `type_name("Error")` with `aliases()`.
/// Reported at the start of the catalog, naming the `Builder` method, since the mistake is
/// in `build.rs`.
pub fn options(options: &crate::expand::Options) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let mut name = |method: &str, value: &str, problem: Option<String>| {
        if let Some(problem) = problem {
            let value = value.escape_debug();
            let message = format!("Builder::{method}(\"{value}\") in the build script {problem}");
            diags.error(Span::FILE_START, message);
        }
    };
    name(
        "type_name",
        &options.type_name,
        not_plain(&options.type_name),
    );
    if let Some(code_macro) = &options.code_macro {
        name("code_macro", code_macro, not_plain(code_macro));
    }
    let module = &options.module;
    let mut segments = module.split("::").filter(|_| !module.is_empty());
    name("module", module, segments.find_map(not_plain));
    name("type_name", &options.type_name, alias_clash(options));
    diags.finish(())
}

/// What is wrong with `value` as the name of a generated item, or `None` when it is a plain
/// identifier. A raw identifier (`r#Foo`) is refused: the names are also written where `r#`
/// cannot go (`module_path!()` spells a module without it, docs and messages name the enum),
/// and a keyword makes a poor name for a type, macro or module anyway.
fn not_plain(value: &str) -> Option<String> {
    let bare = names::unraw(value);
    if bare.len() == value.len() {
        return names::ident(value)
            .is_none()
            .then(|| "is not a Rust name".to_owned());
    }
    if names::ident(bare).is_some() {
        Some(format!(
            "is a raw identifier; write the plain name `{bare}`"
        ))
    } else {
        Some("is a raw identifier; choose a name that is not a keyword".to_owned())
    }
}

/// With `aliases()`, the enum is not named `Error` or `ServiceError`: those are the aliases
/// generated beside it, and two items of one name do not compile (E0428).
fn alias_clash(options: &crate::expand::Options) -> Option<String> {
    let clashes = options.aliases && crate::expand::ALIASES.contains(&options.type_name.as_str());
    clashes.then(|| {
        format!(
            "names the enum like the alias `{}` that Builder::aliases() generates beside it; \
             name the enum otherwise (such as `ErrorCode`), or drop aliases()",
            options.type_name
        )
    })
}

/// `dialect` names one: `kms` (the default when absent), `pop` or `problem`. Rejects
/// `dialect = "aws"`. `None` only after a problem.
fn dialect(name: Option<&Spanned<String>>, diags: &mut Diagnostics) -> Option<Dialect> {
    let Some(name) = name else {
        return Some(Dialect::default());
    };
    let found = Dialect::from_name(&name.value);
    if found.is_none() {
        let known = Dialect::ALL.map(|d| format!("`{}`", d.name())).join(", ");
        let message = format!(
            "unknown dialect `{}`; expected one of {known}",
            name.value.escape_debug()
        );
        diags.error(name.span, message);
    }
    found
}

/// The service name is printable text; in the `kms` dialect it is also the root of every
/// XML error envelope, so an XML element name there. Rejects `name = ""`, and in `kms`
/// `"K M S"`, `"1KMS"`, `"k:KMS"`. (A missing service is reported by the front-end, which
/// knows how it is spelled: `[service]` or `#[catalog(service = "...")]`.)
fn service_name(
    name: &Spanned<String>,
    dialect: Option<Dialect>,
    diags: &mut Diagnostics,
) -> String {
    let root = dialect.is_none_or(|d| d == Dialect::Kms);
    if root && !errcat_wire::is_xml_name(&name.value) {
        diags.error(
            name.span,
            format!(
                "service name `{}` is not an XML element name ({}), which the `kms` dialect needs: it is the root of XML envelopes",
                name.value.escape_debug(),
                errcat_wire::XML_NAME_RULE
            ),
        );
    } else if name.value.trim().is_empty() {
        diags.error(name.span, "empty service name; name the service");
    } else {
        printable(name, "name", diags);
    }
    name.value.clone()
}

/// The example host id is printable text. Rejects `host = "a\u0007b"`.
fn host_id(host: &Spanned<String>, diags: &mut Diagnostics) -> String {
    printable(host, "host", diags);
    host.value.clone()
}

/// The docs URL template holds `{code}`, where each code's URL has the code, and no other
/// brace. Rejects `docs = "https://example.com/errors"`, `"https://x/{name}"`.
fn docs_template(docs: &Spanned<String>, diags: &mut Diagnostics) -> String {
    let without = docs.value.replace(crate::model::DOCS_CODE, "");
    if without.len() == docs.value.len() || without.contains(['{', '}']) {
        let message = format!(
            "docs URL `{}` must hold `{}` where each code goes, and no other brace, like `https://example.com/errors/{{code}}`",
            docs.value.escape_debug(),
            crate::model::DOCS_CODE
        );
        diags.error(docs.span, message);
    } else {
        printable(docs, "docs", diags);
    }
    docs.value.clone()
}

/// A catalog has at most `MAX_CODES` codes, what a lookup table indexes (a derive input could
/// have more; a TOML catalog within its size limit cannot).
fn at_most_max_codes(catalog: &Catalog, diags: &mut Diagnostics) {
    if let Some(extra) = catalog.entries.get(MAX_CODES) {
        let message = format!(
            "the catalog has {} codes; at most {MAX_CODES} are supported",
            catalog.entries.len()
        );
        diags.error(extra.span, message);
    }
}

/// Checks one entry's own fields and lowers it; `None` if any field is wrong.
fn entry(entry: &Entry, diags: &mut Diagnostics) -> Option<Code> {
    let code = entry
        .code
        .as_ref()
        .and_then(|code| code_syntax(code, diags));
    let status = entry
        .status
        .as_ref()
        .and_then(|status| status_in_range(status, diags));
    let message = entry.message.as_ref().and_then(|text| message(text, diags));
    let retry = retry(entry.retry.as_ref(), diags);
    let variant = variant(entry, diags);
    let description = entry
        .description
        .as_ref()
        .map(|d| printable(d, "description", diags));
    let deprecated = entry
        .deprecated
        .as_ref()
        .map(|d| printable(d, "deprecated", diags));
    let (code, status, message, retry, variant) = (code?, status?, message?, retry?, variant?);
    if description == Some(false) || deprecated == Some(false) {
        return None;
    }
    Some(Code {
        code,
        variant,
        status,
        message,
        description: entry.description.as_ref().map(|d| d.value.clone()),
        retry: retry.unwrap_or_else(|| Retry::default_for(status)),
        deprecated: entry.deprecated.as_ref().map(|d| d.value.clone()),
    })
}

/// A code is `Segment(.Segment)*`, each segment ASCII letters and digits, starting with a
/// letter so the variant name is an identifier, and at most 128 bytes (case-insensitive
/// lookup folds it on the stack). Rejects `Forbidden..Key`, `Key-Not-Found`, `.Key`, `404NotFound`.
fn code_syntax(code: &Spanned<String>, diags: &mut Diagnostics) -> Option<String> {
    if code.value.len() > MAX_CODE_LEN {
        diags.error(
            code.span,
            format!(
                "code is {} bytes long; at most {MAX_CODE_LEN} are allowed",
                code.value.len()
            ),
        );
        return None;
    }
    let well_formed = code.value.split('.').all(|segment| {
        segment
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && segment.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if well_formed {
        return Some(code.value.clone());
    }
    diags.error(
        code.span,
        format!(
            "invalid code `{}`: a code is dot-separated segments of ASCII letters and digits, each starting with a letter, like `Forbidden.KeyNotFound`{}",
            code.value.escape_debug(),
            non_ascii_note(&code.value)
        ),
    );
    None
}

/// Names the first character of a code that is not ASCII, with its code point: a confusable
/// one prints like the letter it imitates (`Kelvin\u{212A}` shows as `KelvinK`), so the
/// message must say which it is. Empty when the code is ASCII.
fn non_ascii_note(code: &str) -> String {
    code.chars()
        .find(|c| !c.is_ascii())
        .map(|c| {
            let shown = errcat_wire::show::line(c.encode_utf8(&mut [0; 4])).to_string();
            format!(
                "; it holds `{shown}` (U+{:04X}), which is not ASCII",
                u32::from(c)
            )
        })
        .unwrap_or_default()
}

/// An error's HTTP status is a client or server error: 400..=599. Rejects `200`, `600`.
fn status_in_range(status: &Spanned<i64>, diags: &mut Diagnostics) -> Option<u16> {
    match u16::try_from(status.value) {
        Ok(s @ 400..=599) => Some(s),
        _ => {
            diags.error(
                status.span,
                format!(
                    "status {} is not an error status; expected 400..=599",
                    status.value
                ),
            );
            None
        }
    }
}

/// A message is non-empty, printable and a well-formed template. Rejects `""`,
/// `"the {key"`, `"{}"`, `"\u001b[2J"`.
fn message(message: &Spanned<String>, diags: &mut Diagnostics) -> Option<Template> {
    if !printable(message, "message", diags) {
        return None;
    }
    if message.value.trim().is_empty() {
        diags.error(
            message.span,
            "empty message; say what went wrong, as the client will read it",
        );
        return None;
    }
    match Template::parse(&message.value) {
        Ok(template) => Some(template),
        Err(error) => {
            diags.error(message.span, error.to_string());
            None
        }
    }
}

/// `retry` is one of `never`, `transient`, `throttling`. Rejects `retry = "always"`.
/// `Some(None)`: not given, use the default.
fn retry(retry: Option<&Spanned<String>>, diags: &mut Diagnostics) -> Option<Option<Retry>> {
    let Some(retry) = retry else {
        return Some(None);
    };
    if let Some(kind) = Retry::from_name(&retry.value) {
        return Some(Some(kind));
    }
    let allowed = Retry::ALL.map(|r| format!("`{r}`")).join(", ");
    diags.error(
        retry.span,
        format!(
            "unknown retry `{}`; expected one of {allowed}",
            retry.value.escape_debug()
        ),
    );
    None
}

/// Text that reaches terminals, rustdoc and the error index has no control characters but
/// tab and line breaks (a line feed, or a carriage return and a line feed, as a file saved
/// on Windows has). Rejects `message = "\u001b[2J"`, a NUL, a BEL, and a carriage return
/// alone: a line break to some readers and not to others, and refused by rustc in the doc
/// comments the variants' rustdoc becomes.
fn printable(text: &Spanned<String>, key: &str, diags: &mut Diagnostics) -> bool {
    let mut chars = text.value.chars().peekable();
    let found = core::iter::from_fn(|| {
        let c = chars.next()?;
        let line_break = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        Some((c.is_control() && c != '\t' && !line_break).then_some(c))
    })
    .flatten()
    .next();
    let Some(found) = found else {
        return true;
    };
    let what = if found == '\r' {
        "a carriage return without a line feed (U+000D); end lines with \\n".to_owned()
    } else {
        format!(
            "the control character U+{:04X}; write text without control characters (tab and line breaks are fine)",
            u32::from(found)
        )
    };
    diags.error(text.span, format!("`{key}` holds {what}"));
    false
}

/// A variant is a Rust identifier (a keyword only as a raw identifier) that no generated
/// item is named. Rejects `variant = "Key.NotFound"`, `"match"` (`"r#match"` is fine),
/// `"ALL"`, and a code `Self` without a variant override. Without an override, the variant
/// is the code without its dots.
fn variant(entry: &Entry, diags: &mut Diagnostics) -> Option<String> {
    let (name, span, overridden) = match (&entry.variant, &entry.code) {
        (Some(variant), _) => (variant.value.clone(), variant.span, true),
        (None, Some(code)) => (names::variant_name(&code.value), code.span, false),
        (None, None) => return None,
    };
    let problem = if names::ident(&name).is_none() {
        names::why_not_ident(&name)
    } else if api::is_reserved(names::unraw(&name)) {
        "is the name of an item every code enum has"
    } else {
        return Some(name);
    };
    let name = name.escape_debug();
    if overridden {
        diags.error(span, format!("variant `{name}` {problem}"));
    } else if code_is_well_formed(&name.to_string()) {
        // (A malformed code is reported on its own; its variant name adds nothing.)
        let message =
            format!("this code's variant name `{name}` {problem}; set `variant = \"...\"`");
        diags.error(span, message);
    }
    None
}

/// Whether a default variant name comes from a well-formed code (only then is a problem
/// with it worth a report of its own).
fn code_is_well_formed(variant: &str) -> bool {
    variant
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && variant.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Codes are unique. Rejects a second `code = "Forbidden.KeyNotFound"`, pointing at both.
fn unique_codes(entries: &[Entry], diags: &mut Diagnostics) {
    let keys = entries
        .iter()
        .map(|e| e.code.as_ref().map(|code| (code.value.clone(), code.span)));
    for_duplicates(keys, |key, span, first| {
        diags.duplicate(span, first, format!("duplicate code `{key}`"));
    });
}

/// Codes differ in more than ASCII case, so a case-insensitive lookup has one answer.
/// Rejects `Forbidden.KeyNotFound` beside `Forbidden.KeyNotfound`.
fn unique_codes_ignoring_case(entries: &[Entry], diags: &mut Diagnostics) {
    let mut seen: HashMap<String, &Spanned<String>> = HashMap::new();
    for code in entries.iter().filter_map(|e| e.code.as_ref()) {
        match seen.get(&code.value.to_ascii_lowercase()) {
            Some(first) if first.value != code.value => diags.duplicate(
                code.span,
                first.span,
                format!(
                    "code `{}` differs from `{}` only in case",
                    code.value, first.value
                ),
            ),
            Some(_) => {} // an exact duplicate: `unique_codes` reports it
            None => {
                seen.insert(code.value.to_ascii_lowercase(), code);
            }
        }
    }
}

/// Two codes never map to one variant name. Rejects `Forbidden.KeyNotFound` beside
/// `ForbiddenKey.NotFound` (both `ForbiddenKeyNotFound`); `variant = "..."` resolves it.
fn unique_variants(entries: &[Entry], codes: &[Option<Code>], diags: &mut Diagnostics) {
    let duplicated = duplicated_codes(entries);
    let keys = entries.iter().zip(codes).map(|(entry, code)| {
        let span = entry.variant.as_ref().map_or(code_span(entry), |v| v.span);
        code.as_ref()
            .filter(|c| !duplicated.contains(c.code.as_str()))
            .map(|c| (c.variant.clone(), span))
    });
    for_duplicates(keys, |variant, span, first| {
        diags.duplicate(
            span,
            first,
            format!(
                "two codes map to the variant `{variant}`; set `variant = \"...\"` on one of them"
            ),
        );
    });
}

/// Typed constructors (one per templated code, named after its variant in snake_case) are
/// unique, can be written (a keyword as a raw identifier: `Type` gets `r#type`), and are not
/// the name of a generated item or of a variant (`ErrorCode::name` would be the variant).
/// Rejects `HTTPThing` beside `HttpThing` (both `http_thing`), templated codes named `Code`
/// (`code`) or `Crate` (`crate`, which cannot be raw), and `LowerCase` beside a variant
/// `lower_case`.
fn unique_constructors(entries: &[Entry], codes: &[Option<Code>], diags: &mut Diagnostics) {
    let templated = |c: &&Code| !c.message.placeholders().is_empty();
    let keys = entries.iter().zip(codes).map(|(entry, code)| {
        code.as_ref()
            .filter(templated)
            .map(|c| (c.constructor(), code_span(entry)))
    });
    for_duplicates(keys.clone(), |name, span, first| {
        let fix = match span {
            Span::Text { .. } => "set `variant = \"...\"` on one of them",
            Span::Tokens(_) => "rename one of the variants",
        };
        diags.duplicate(
            span,
            first,
            format!("two templated codes get the constructor `{name}`; {fix}"),
        );
    });
    let variants: HashSet<&str> = codes
        .iter()
        .flatten()
        .map(|c| names::unraw(&c.variant))
        .collect();
    for (name, span) in keys.flatten() {
        let problem = if api::is_reserved(&name) {
            "would have the name of an item every code enum has".to_owned()
        } else if variants.contains(name.as_str()) {
            format!("would have the name of the variant `{name}`")
        } else if names::made_ident(&name).is_none() {
            names::why_not_ident(&name).to_owned()
        } else {
            continue;
        };
        let fix = rename(span);
        diags.error(
            span,
            format!("the constructor `{name}` of this templated code {problem}; {fix}"),
        );
    }
}

/// How to give a code another Rust name, in the front-end's words: a variant override in
/// TOML, renaming the variant in a derive.
fn rename(span: Span) -> &'static str {
    match span {
        Span::Text { .. } => "set `variant = \"...\"`",
        Span::Tokens(_) => "rename the variant",
    }
}

/// The codes written more than once (each already reported by `unique_codes`). Computed once:
/// asking per entry would be quadratic, 10^8 comparisons for 10,000 codes.
fn duplicated_codes(entries: &[Entry]) -> HashSet<&str> {
    let mut seen = HashSet::new();
    let written = entries.iter().filter_map(|e| e.code.as_ref());
    written
        .filter(|code| !seen.insert(code.value.as_str()))
        .map(|code| code.value.as_str())
        .collect()
}

/// Where an entry's code is written (its header when it has none).
fn code_span(entry: &Entry) -> Span {
    entry.code.as_ref().map_or(entry.span, |code| code.span)
}

/// Calls `report(key, span, first_span)` for every key seen before.
fn for_duplicates(
    keys: impl Iterator<Item = Option<(String, Span)>>,
    mut report: impl FnMut(&str, Span, Span),
) {
    let mut first: HashMap<String, Span> = HashMap::new();
    for (key, span) in keys.flatten() {
        match first.get(&key) {
            Some(&at) => report(&key, span, at),
            None => {
                first.insert(key, span);
            }
        }
    }
}
