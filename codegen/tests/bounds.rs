//! The checker's bounds: a catalog over the size limit stops before it is parsed, in bounded
//! memory, whatever shape its entries have; a flood of problems is printed capped with a count
//! of the rest, invalid UTF-8 is placed at its line and column,
//! and a non-ASCII character in a code is named with its code point.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use errcat_codegen::{MAX_CATALOG_BYTES, load, render_diagnostics, text_of};

/// At most this many problems are printed, then a line counting the rest (the README's
/// promise, so written out here rather than taken from the code that keeps it).
const MAX_SHOWN: usize = 100;

thread_local! {
    /// Bytes this thread has allocated and not freed, and the most it had at once.
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// A global allocator that tracks each thread's live and peak heap bytes, so that a test
/// measures the memory its own work takes, whatever other tests do meanwhile.
struct Peak;

fn note(grown: usize, shrunk: usize) {
    let _ = LIVE.try_with(|live| {
        let now = (live.get() + grown).saturating_sub(shrunk);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// `GlobalAlloc` is an unsafe trait: measuring memory takes implementing it.
// SAFETY: every call is forwarded unchanged to `System`, which upholds `GlobalAlloc`'s
// contract; the bookkeeping touches only const-initialised thread-locals and never allocates.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size(), 0);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size(), 0);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size, layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(0, layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Peak = Peak;

/// The most heap bytes `run` held at once on this thread, above what was live before it.
fn peak_bytes<T>(run: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(base));
    let result = run();
    (result, PEAK.with(Cell::get) - base)
}

/// `count` entries, each one code with a status and a message.
fn catalog(count: usize, entry: impl Fn(usize) -> String) -> String {
    let mut source = String::from("[service]\nname = \"KMS\"\n");
    for index in 0..count {
        source.push_str(&entry(index));
    }
    source
}

/// Entries of every shape a line-counting pre-scan missed: quoted headers, an inline array,
/// and a comment that looks like it opens a multi-line string, so that the headers after it
/// looked like text.
fn tricky_entries(count: usize) -> [String; 3] {
    let quoted = catalog(count, |i| {
        format!("\n[[\"error\"]]\ncode = \"Code{i}\"\nstatus = 400\nmessage = \"m\"\n")
    });
    let inline: Vec<String> = (0..count)
        .map(|i| format!("{{ code = \"Code{i}\", status = 400, message = \"m\" }}"))
        .collect();
    let inline = format!(
        "error = [\n{}\n]\n[service]\nname = \"KMS\"\n",
        inline.join(",\n")
    );
    let commented = catalog(count, |i| {
        format!("\n[[error]]\ncode = \"Code{i}\"\nstatus = 400\nmessage = \"m\"\n")
    })
    .replacen("name = \"KMS\"", "name = \"KMS\" # '''", 1);
    [quoted, inline, commented]
}

#[test]
fn a_catalog_over_the_size_limit_is_refused_before_parsing_in_bounded_memory() {
    let entry = |i| format!("\n[[error]]\ncode = \"Code{i}\"\nstatus = 400\nmessage = \"m\"\n");
    let plain = catalog(MAX_CATALOG_BYTES / 40, entry);
    assert!(plain.len() > MAX_CATALOG_BYTES);
    let tricky = tricky_entries(MAX_CATALOG_BYTES / 30);
    for source in [&plain].into_iter().chain(&tricky) {
        let (result, peak) = peak_bytes(|| load(source));
        let diagnostics = result.unwrap_err();
        assert_eq!(diagnostics.len(), 1);
        assert!(
            peak <= source.len() / 10,
            "{peak} bytes for a {}-byte catalog",
            source.len()
        );
        let shown = render_diagnostics(&diagnostics, "errors.toml", source);
        let message = format!(
            "error: the catalog is {} bytes; at most 16777216 (16 MiB) are supported\n",
            source.len()
        );
        assert!(shown.ends_with(&message), "{shown}");
        // Placed at the first byte past the limit.
        let before = &source[..MAX_CATALOG_BYTES];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
        assert!(
            shown.starts_with(&format!("errors.toml:{line}:{column}: ")),
            "{shown}"
        );
    }
}

/// The shapes a line-counting pre-scan missed are read as TOML reads them, every entry
/// counted; so are headers inside multi-line strings, which are text.
#[test]
fn every_shape_of_entry_is_read_as_toml_reads_it() {
    for source in tricky_entries(300) {
        let catalog = load(&source).unwrap();
        assert_eq!(catalog.codes.len(), 300);
    }
    let quoted = "[[error]]\n".repeat(1000);
    let source = format!(
        "[service]\nname = \"KMS\"\n[[error]]\ncode = \"A\"\nstatus = 400\nmessage = \"m\"\n\
         description = \"\"\"\n{quoted}\"\"\"\n"
    );
    assert_eq!(load(&source).unwrap().codes.len(), 1);
}

/// More codes than the `u16` indexes of the old lookup tables held.
#[test]
fn a_catalog_of_more_than_65534_codes_loads() {
    let source = catalog(65_535, |i| {
        format!("\n[[error]]\ncode = \"Code{i}\"\nstatus = 400\nmessage = \"m\"\n")
    });
    assert_eq!(load(&source).unwrap().codes.len(), 65_535);
}

#[test]
fn a_flood_of_problems_is_printed_capped_with_a_count_of_the_rest() {
    // Every entry has two problems: an unknown key and a status out of range.
    let source = catalog(20_000, |i| {
        format!("\n[[error]]\ncode = \"Code{i}\"\nstatus = 99\nmessage = \"m\"\nstauts = 1\n")
    });
    let diagnostics = load(&source).unwrap_err();
    assert_eq!(diagnostics.len(), 40_000);
    // Printing holds a line index and the lines shown, not 40,000 lines.
    let (result, peak) = peak_bytes(|| render_diagnostics(&diagnostics, "errors.toml", &source));
    assert!(
        peak <= source.len(),
        "{peak} bytes to print for a {}-byte catalog",
        source.len()
    );
    let lines: Vec<&str> = result.lines().collect();
    assert_eq!(lines.len(), MAX_SHOWN + 1);
    assert_eq!(
        lines[MAX_SHOWN],
        "errors.toml: error: 39900 more problems not shown (fix these and run again, or \
         `errcat check errors.toml`)"
    );
    assert_eq!(
        lines[..2],
        [
            "errors.toml:6:10: error: status 99 is not an error status; expected 400..=599",
            "errors.toml:8:1: error: unknown key `stauts` in [[error]]; did you mean `status`? \
             allowed keys: `code`, `status`, `message`, `description`, `retry`, `variant`, \
             `deprecated`",
        ]
    );
}

#[test]
fn invalid_utf8_is_placed_at_its_line_and_column() {
    let bytes = b"[service]\nname = \"KMS\"\n\n[[error]]\ncode = \"A\xffB\"\n";
    let (diagnostic, valid) = text_of(bytes).unwrap_err();
    assert_eq!(
        render_diagnostics(&[diagnostic], "errors.toml", valid),
        "errors.toml:5:10: error: the byte 0xFF is not valid UTF-8; a catalog is UTF-8 text\n"
    );
    let (diagnostic, valid) = text_of(b"\xc3").unwrap_err();
    assert_eq!(
        render_diagnostics(&[diagnostic], "f.toml", valid),
        "f.toml:1:1: error: the byte 0xC3 is not valid UTF-8; a catalog is UTF-8 text\n"
    );
    assert_eq!(text_of(b"name = \"\xc3\xa9\"").ok(), Some("name = \"é\""));
}

#[test]
fn a_non_ascii_character_in_a_code_is_named_with_its_code_point() {
    for (code, shown, point) in [
        ("Kelvin\u{212A}", "\u{212A}", "U+212A"),
        ("Forbidden.Ke\u{443}", "\u{443}", "U+0443"),
        ("A\u{202E}B", "\\u{202e}", "U+202E"),
        ("A\u{200B}B", "\\u{200b}", "U+200B"),
    ] {
        let source = format!(
            "[service]\nname = \"KMS\"\n[[error]]\ncode = \"{code}\"\nstatus = 400\nmessage = \"m\"\n"
        );
        let diagnostics = load(&source).unwrap_err();
        let rendered = render_diagnostics(&diagnostics, "errors.toml", &source);
        let note = format!("it holds `{shown}` ({point}), which is not ASCII");
        assert!(rendered.contains(&note), "{rendered}");
        assert!(!rendered.contains('\u{202E}') && !rendered.contains('\u{200B}'));
    }
}
