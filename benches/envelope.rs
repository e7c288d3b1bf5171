//! Writing and decoding an error envelope, against what a user would write instead.
//!
//! `cargo bench --bench envelope`. Every group works on one envelope: the catalog's
//! `IllegalTimestamp` error with a UUID request id and the host id
//! `kms.cn-hangzhou.aliyuncs.com`, in JSON or XML.
//!
//! - `write_json`, `write_xml`: one envelope appended to a reused `Vec<u8>` (cleared each
//!   iteration) by errcat, by a serde serializer of a `#[derive(Serialize)]` struct, by a
//!   hand-written `write!`, by the envelope's five pieces appended without testing the ids
//!   (errcat's plain path minus its test), and by a plain copy of the finished bytes (the
//!   floor).
//! - `decode_json`, `decode_xml`: one body (exactly what errcat's writer sends) read back into
//!   borrowed fields and the known code, by errcat and by serde derive (plus
//!   `ErrorCode::from_code`), and in XML also by a hand-written quick-xml `Reader` loop.
//!
//! Before criterion runs, every alternative's output is checked against errcat's (the same
//! bytes when writing, the same fields when decoding), and the heap allocations per
//! operation are counted and printed as `allocs <group>/<name>: N per op`.

use std::borrow::Cow;
use std::fmt;
use std::hint::black_box;
use std::io::Write as _;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group};

use errcat::kms::{Error, ErrorCode, ServiceError};
use errcat::{Envelopes, Format, RequestId};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use serde::{Deserialize, Serialize};

const REQUEST_ID: &str = "3b237773-bc2c-4bea-95fc-319a1a5baa68";
/// The same id as the server's own: a `RequestId`, which needs no escaping.
const OWN_REQUEST_ID: RequestId = RequestId::from_u128(0x3b23_7773_bc2c_4bea_95fc_319a_1a5b_aa68);
const HOST_ID: &str = "kms.cn-hangzhou.aliyuncs.com";
const CODE: ErrorCode = ErrorCode::IllegalTimestamp;
const STATUS_LINE: u16 = 400;
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Operations per allocation count; the count printed is the total divided by this.
const OPS: usize = 1000;

// ---------------------------------------------------------------------------------------
// Counting allocator: the one the allocation tests use.

#[path = "../tests/support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

#[path = "support/paired.rs"]
mod paired;

// ---------------------------------------------------------------------------------------
// The alternatives' types.

/// The envelope as a serde user declares it, for `serde_json` and quick-xml's serializer
/// (`rename = "KMS"` names the XML root; JSON ignores it).
#[derive(Serialize)]
#[serde(rename = "KMS", rename_all = "PascalCase")]
struct SerEnvelope<'a> {
    http_status: u16,
    code: &'a str,
    message: &'a str,
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    host_id: Option<&'a str>,
}

impl<'a> SerEnvelope<'a> {
    fn new(code: ErrorCode, request_id: &'a str, host_id: Option<&'a str>) -> Self {
        Self {
            http_status: code.http_status(),
            code: code.code(),
            message: code.message(),
            request_id,
            host_id,
        }
    }
}

/// The envelope as a careful serde user reads it: borrowed where the text has no escapes.
/// `&str` fields would fail on the message (`\"` in JSON), and `Option<Cow<str>>` always
/// allocates (serde borrows only a bare `Cow<str>` field), so the optional text fields are
/// bare `Cow`s defaulting to "" when absent.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeEnvelope<'a> {
    #[serde(default)]
    http_status: Option<u16>,
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow, default)]
    message: Cow<'a, str>,
    #[serde(borrow, default)]
    request_id: Cow<'a, str>,
    #[serde(borrow, default)]
    host_id: Cow<'a, str>,
}

/// What every decoder must agree on.
#[derive(Debug, PartialEq, Eq)]
struct Fields<'a> {
    known: Option<ErrorCode>,
    code: &'a str,
    http_status: Option<u16>,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
    host_id: Option<&'a str>,
}

trait Summary {
    fn summary(&self) -> Fields<'_>;
}

impl Summary for ServiceError<'_> {
    fn summary(&self) -> Fields<'_> {
        Fields {
            known: self.code().known(),
            code: self.code_str(),
            // errcat keeps the body's HttpStatus only when it disagrees with the status line.
            http_status: self.body_status().or(Some(self.status())),
            message: self.message(),
            request_id: self.request_id(),
            host_id: self.host_id(),
        }
    }
}

/// A text field the body did not have (read as "") is `None`.
fn present(text: &str) -> Option<&str> {
    Some(text).filter(|text| !text.is_empty())
}

impl Summary for (DeEnvelope<'_>, Option<ErrorCode>) {
    fn summary(&self) -> Fields<'_> {
        Fields {
            known: self.1,
            code: &self.0.code,
            http_status: self.0.http_status,
            message: present(&self.0.message),
            request_id: present(&self.0.request_id),
            host_id: present(&self.0.host_id),
        }
    }
}

fn expected_fields() -> Fields<'static> {
    Fields {
        known: Some(CODE),
        code: CODE.code(),
        http_status: Some(CODE.http_status()),
        message: Some(CODE.message()),
        request_id: Some(REQUEST_ID),
        host_id: Some(HOST_ID),
    }
}

// ---------------------------------------------------------------------------------------
// The hand-written alternatives.

/// `IllegalTimestamp`'s message escaped by hand for a JSON string, as a hand-writer keeps
/// each message: a literal, escaped once when it was written down.
const MESSAGE_JSON: &str = r#"The input parameter \"Timestamp\" that is required for processing this request is not supplied."#;
/// The same for XML text (a `"` needs no escaping in element content).
const MESSAGE_XML: &str = r#"The input parameter "Timestamp" that is required for processing this request is not supplied."#;

/// A runtime string escaped for a JSON string as a careful hand-writer does it: `"` and `\`
/// backslashed, control characters as `\n`, `\r`, `\t` or `\u00XX`; runs of other characters
/// written whole.
struct JsonEscaped<'a>(&'a str);

impl fmt::Display for JsonEscaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            f.write_str(&s[start..i])?;
            if escape.is_empty() {
                write!(f, "\\u{b:04x}")?;
            } else {
                f.write_str(escape)?;
            }
            start = i + 1;
        }
        f.write_str(&s[start..])
    }
}

/// A runtime string escaped for XML element text as a careful hand-writer does it: `&`, `<`
/// and `>` as entities, and the control characters XML 1.0 cannot carry (all below U+0020
/// but tab, LF, CR) replaced by U+FFFD; runs of other characters written whole.
struct XmlEscaped<'a>(&'a str);

impl fmt::Display for XmlEscaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'\t' | b'\n' | b'\r' => continue,
                0..=0x1f => "\u{fffd}",
                _ => continue,
            };
            f.write_str(&s[start..i])?;
            f.write_str(escape)?;
            start = i + 1;
        }
        f.write_str(&s[start..])
    }
}

/// A careful quick-xml `Reader` loop: the root's child elements by name, each field's text
/// borrowed while it is one run, the predefined entities and character references resolved,
/// the code looked up; unknown elements skipped.
fn quick_xml_reader_decode(body: &[u8]) -> Result<(DeEnvelope<'_>, Option<ErrorCode>), String> {
    /// Appends one piece of a field's text: borrowed while it is the only one.
    fn push<'a>(text: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>) {
        match text {
            None => *text = Some(piece),
            Some(text) => text.to_mut().push_str(&piece),
        }
    }

    let body = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    let mut reader = Reader::from_str(body);
    let mut envelope = DeEnvelope::default();
    let mut depth = 0usize;
    let mut text: Option<Cow<'_, str>> = None;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(_) => {
                depth += 1;
                text = None;
            }
            Event::Text(run) if depth == 2 => push(&mut text, run.xml10_content()),
            Event::CData(run) if depth == 2 => push(&mut text, run.xml10_content()),
            Event::GeneralRef(reference) if depth == 2 => {
                let piece = match reference.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => Cow::Owned(c.to_string()),
                    None => Cow::Borrowed(
                        quick_xml::escape::resolve_xml_entity(&reference)
                            .ok_or("undefined entity")?,
                    ),
                };
                push(&mut text, piece);
            }
            Event::End(end) => {
                if depth == 2 {
                    let value = text.take().unwrap_or_default();
                    match end.name().as_ref() {
                        "HttpStatus" => {
                            envelope.http_status = Some(value.trim().parse().map_err(|_| "status")?)
                        }
                        "Code" => envelope.code = value,
                        "Message" => envelope.message = value,
                        "RequestId" => envelope.request_id = value,
                        "HostId" => envelope.host_id = value,
                        _ => {}
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::DocType(_) => return Err("DOCTYPE".into()),
            Event::Eof => break,
            _ => {}
        }
    }
    if envelope.code.is_empty() {
        return Err("no Code".into());
    }
    let known = ErrorCode::from_code(&envelope.code);
    Ok((envelope, known))
}

// ---------------------------------------------------------------------------------------
// The harness: each alternative is written once and run four ways.

enum Mode<'g, 'c> {
    /// Its output must equal the expected one (outside any timing).
    Check,
    /// Prints its allocations per operation.
    Allocations,
    /// Criterion times it.
    Bench(&'g mut BenchmarkGroup<'c, WallTime>),
    /// One round of the paired comparison: `ops` operations timed, the time per operation
    /// added to `times` under the alternative's name.
    Paired {
        ops: u32,
        times: &'g mut Vec<(String, f64)>,
    },
}

struct Run<'g, 'c> {
    group: &'static str,
    mode: Mode<'g, 'c>,
}

/// The finished envelopes, written once by errcat: the copy floor's bytes, the writers'
/// expected output and the decoders' input.
struct Inputs {
    json: Vec<u8>,
    xml: Vec<u8>,
}

impl Run<'_, '_> {
    /// One writer: `write(error, request_id, host_id, buf)` appends the envelope to `buf`,
    /// which is reused and cleared before each operation. Its output must be `expected`.
    fn writer<F>(&mut self, name: &str, expected: &[u8], write: F)
    where
        F: Fn(&Error, &str, &str, &mut Vec<u8>),
    {
        let error = Error::new(CODE);
        let mut buf = placed_buffer(expected);
        let once = |buf: &mut Vec<u8>| {
            buf.clear();
            write(
                black_box(&error),
                black_box(REQUEST_ID),
                black_box(HOST_ID),
                buf,
            );
            black_box(&*buf);
        };
        match &mut self.mode {
            Mode::Check => {
                once(&mut buf);
                assert_eq!(
                    String::from_utf8_lossy(&buf),
                    String::from_utf8_lossy(expected),
                    "{}/{name} writes other bytes than errcat",
                    self.group
                );
            }
            Mode::Allocations => {
                once(&mut buf);
                let counted = allocations(|| (0..OPS).for_each(|_| once(&mut buf)));
                print_allocations(self.group, name, counted);
            }
            Mode::Bench(group) => {
                group.bench_function(name, |b| b.iter(|| once(&mut buf)));
            }
            Mode::Paired { ops, times } => {
                once(&mut buf);
                let per_op = paired::time(*ops, || once(&mut buf));
                times.push((name.to_owned(), per_op));
            }
        }
    }

    /// One decoder: `decode(status, body)` reads `body`; its fields must be the expected ones.
    fn decoder<'s, T, F>(&mut self, name: &str, body: &'s [u8], decode: F)
    where
        T: Summary,
        F: Fn(u16, &'s [u8]) -> T,
    {
        let once = || decode(black_box(STATUS_LINE), black_box(body));
        match &mut self.mode {
            Mode::Check => {
                assert_eq!(
                    once().summary(),
                    expected_fields(),
                    "{}/{name} reads other fields",
                    self.group
                );
            }
            Mode::Allocations => {
                let counted = allocations(|| (0..OPS).for_each(|_| drop(black_box(once()))));
                print_allocations(self.group, name, counted);
            }
            Mode::Bench(group) => {
                group.bench_function(name, |b| b.iter(once));
            }
            Mode::Paired { ops, times } => {
                let per_op = paired::time(*ops, || drop(black_box(once())));
                times.push((name.to_owned(), per_op));
            }
        }
    }
}

/// An empty buffer of 1 KiB for a writer whose output is a copy of `source`'s bytes (the
/// copy floor's input), placed so that no alternative is timed on where the heap happened to
/// put it. Where it starts decides two costs that have nothing to do with the writers:
/// - an envelope that crosses a page boundary is stored in two pieces;
/// - a destination a little above its source modulo 4 KiB makes `memcpy`'s loads wait for
///   its earlier stores to addresses with the same low 12 bits ("4K aliasing"): the XML copy
///   measured 17-29 ns that way, against 8-9 ns otherwise.
///
/// So the buffer starts in the first half of a page, and at least 1 KiB away from `source`
/// modulo 4 KiB. The allocations tried on the way stay alive until one fits, so that each
/// try gets a new address.
fn placed_buffer(source: &[u8]) -> Vec<u8> {
    let fits = |buf: &Vec<u8>| {
        let start = buf.as_ptr() as usize;
        let distance = start.wrapping_sub(source.as_ptr() as usize) % 4096;
        start % 4096 <= 2048 && (1024..=3072).contains(&distance)
    };
    let mut tried = Vec::new();
    loop {
        let buf = Vec::with_capacity(1024);
        if fits(&buf) || tried.len() == 1000 {
            return buf;
        }
        tried.push(buf);
    }
}

fn print_allocations(group: &str, name: &str, counted: usize) {
    let per_op = counted as f64 / OPS as f64;
    println!("allocs {group}/{name}: {per_op} per op");
}

// ---------------------------------------------------------------------------------------
// The groups.

fn write_json(run: &mut Run<'_, '_>, inputs: &Inputs) {
    let finished = &inputs.json[..];
    run.writer("errcat", finished, |error, request_id, host_id, buf| {
        error.write_json(request_id, Some(host_id), buf);
    });
    bound(run, Format::Json, finished);
    run.writer("serde_json", finished, |error, request_id, host_id, buf| {
        let envelope = SerEnvelope::new(error.code(), request_id, Some(host_id));
        serde_json::to_writer(buf, &envelope).expect("a Vec takes every write");
    });
    // Status and code from the catalog (codes are identifiers: nothing to escape), the
    // message pre-escaped, the ids escaped at run time.
    run.writer("hand_write", finished, |error, request_id, host_id, buf| {
        let code = error.code();
        write!(
            buf,
            r#"{{"HttpStatus":{},"Code":"{}","Message":"{}","RequestId":"{}","HostId":"{}"}}"#,
            code.http_status(),
            code.code(),
            MESSAGE_JSON,
            JsonEscaped(request_id),
            JsonEscaped(host_id),
        )
        .expect("a Vec takes every write");
    });
    pieces_and_copy(run, finished);
}

fn write_xml(run: &mut Run<'_, '_>, inputs: &Inputs) {
    let finished = &inputs.xml[..];
    run.writer("errcat", finished, |error, request_id, host_id, buf| {
        error.write_xml(request_id, Some(host_id), buf);
    });
    bound(run, Format::Xml, finished);
    // quick-xml's serializer writes no XML declaration: the user writes it first.
    run.writer(
        "quick_xml_serde",
        finished,
        |error, request_id, host_id, buf| {
            buf.extend_from_slice(XML_DECLARATION.as_bytes());
            let envelope = SerEnvelope::new(error.code(), request_id, Some(host_id));
            quick_xml::se::to_utf8_io_writer(buf, &envelope).expect("a Vec takes every write");
        },
    );
    // As in JSON: status and code from the catalog, the message pre-escaped, the ids
    // escaped at run time.
    run.writer("hand_write", finished, |error, request_id, host_id, buf| {
        let code = error.code();
        write!(
            buf,
            "{XML_DECLARATION}<KMS><HttpStatus>{}</HttpStatus><Code>{}</Code>\
             <Message>{}</Message><RequestId>{}</RequestId><HostId>{}</HostId></KMS>",
            code.http_status(),
            code.code(),
            MESSAGE_XML,
            XmlEscaped(request_id),
            XmlEscaped(host_id),
        )
        .expect("a Vec takes every write");
    });
    pieces_and_copy(run, finished);
}

/// errcat as a server uses it: a writer bound to its host id (escaped and joined once) and
/// its own request id (clean by construction); the bytes are the same.
fn bound(run: &mut Run<'_, '_>, format: Format, finished: &[u8]) {
    let envelopes = Envelopes::<ErrorCode>::new(Some(HOST_ID));
    run.writer("errcat_bound", finished, |error, _, _, buf| {
        envelopes.write(error, format, black_box(&OWN_REQUEST_ID), buf);
    });
}

/// The references below any writer: `pieces`, the envelope's five pieces (the head, the
/// request id, the literal between the ids, the host id, the tail) appended as they are,
/// which is errcat's plain path without its test of the ids (not a writer anyone should use:
/// an id with a quote in it would make the output malformed); `three_pieces`, the head, the
/// request id and the rest (joined once) appended, the least a writer whose request id
/// changes can do; and `copy`, the finished bytes appended at once (the floor).
fn pieces_and_copy(run: &mut Run<'_, '_>, finished: &[u8]) {
    let at = |needle: &str| {
        finished
            .windows(needle.len())
            .position(|window| window == needle.as_bytes())
            .expect("the envelope holds both ids")
    };
    let (request_at, host_at) = (at(REQUEST_ID), at(HOST_ID));
    let head = &finished[..request_at];
    let between = &finished[request_at + REQUEST_ID.len()..host_at];
    let tail = &finished[host_at + HOST_ID.len()..];
    run.writer("pieces", finished, |_, request_id, host_id, buf| {
        buf.extend_from_slice(head);
        buf.extend_from_slice(request_id.as_bytes());
        buf.extend_from_slice(between);
        buf.extend_from_slice(host_id.as_bytes());
        buf.extend_from_slice(tail);
    });
    let rest = &finished[request_at + REQUEST_ID.len()..];
    run.writer("three_pieces", finished, |_, request_id, _, buf| {
        buf.extend_from_slice(head);
        buf.extend_from_slice(request_id.as_bytes());
        buf.extend_from_slice(rest);
    });
    run.writer("copy", finished, |_, _, _, buf| {
        buf.extend_from_slice(finished);
    });
}

fn decode_json(run: &mut Run<'_, '_>, inputs: &Inputs) {
    let body = &inputs.json[..];
    run.decoder("errcat", body, |status, body| {
        ServiceError::from_json(status, body).expect("errcat reads its own envelope")
    });
    run.decoder("serde_json_borrowed", body, |_, body| {
        let envelope: DeEnvelope<'_> =
            serde_json::from_slice(body).expect("serde_json reads errcat's envelope");
        let known = ErrorCode::from_code(&envelope.code);
        (envelope, known)
    });
}

fn decode_xml(run: &mut Run<'_, '_>, inputs: &Inputs) {
    let body = &inputs.xml[..];
    run.decoder("errcat", body, |status, body| {
        ServiceError::from_xml(status, body).expect("errcat reads its own envelope")
    });
    run.decoder("quick_xml_reader", body, |_, body| {
        quick_xml_reader_decode(body).expect("the reader loop reads errcat's envelope")
    });
    // `from_str` borrows from the body (`from_reader` would need owned fields), so the
    // bytes are checked to be UTF-8 first, as errcat does.
    run.decoder("quick_xml_serde", body, |_, body| {
        let body = std::str::from_utf8(body).expect("errcat writes UTF-8");
        let envelope: DeEnvelope<'_> =
            quick_xml::de::from_str(body).expect("quick-xml reads errcat's envelope");
        let known = ErrorCode::from_code(&envelope.code);
        (envelope, known)
    });
}

type Alternatives = fn(&mut Run<'_, '_>, &Inputs);

const GROUPS: [(&str, Alternatives); 4] = [
    ("write_json", write_json),
    ("write_xml", write_xml),
    ("decode_json", decode_json),
    ("decode_xml", decode_xml),
];

/// The finished envelopes, checked to be well formed and to hold the expected fields.
fn inputs() -> Inputs {
    let error = Error::new(CODE);
    let mut json = Vec::new();
    error.write_json(REQUEST_ID, Some(HOST_ID), &mut json);
    let mut xml = Vec::new();
    error.write_xml(REQUEST_ID, Some(HOST_ID), &mut xml);

    let parsed: DeEnvelope<'_> = serde_json::from_slice(&json).expect("errcat's JSON parses");
    assert_eq!((parsed, Some(CODE)).summary(), expected_fields());
    let xml_text = std::str::from_utf8(&xml).expect("errcat's XML is UTF-8");
    let parsed: DeEnvelope<'_> = quick_xml::de::from_str(xml_text).expect("errcat's XML parses");
    assert_eq!((parsed, Some(CODE)).summary(), expected_fields());
    assert!(xml.starts_with(XML_DECLARATION.as_bytes()));
    Inputs { json, xml }
}

fn envelope(c: &mut Criterion) {
    let inputs = inputs();
    for (group, alternatives) in GROUPS {
        let mode = Mode::Check;
        alternatives(&mut Run { group, mode }, &inputs);
    }
    for (group, alternatives) in GROUPS {
        let mode = Mode::Allocations;
        alternatives(&mut Run { group, mode }, &inputs);
    }
    for (group, alternatives) in GROUPS {
        let mut benchmarks = c.benchmark_group(group);
        alternatives(
            &mut Run {
                group,
                mode: Mode::Bench(&mut benchmarks),
            },
            &inputs,
        );
        benchmarks.finish();
    }
}

/// The paired comparison (see `benches/support/paired.rs`): rounds in which every
/// alternative of a group is timed in turn.
fn paired_rounds() {
    let inputs = inputs();
    for (group, alternatives) in GROUPS {
        if !paired::wanted(group) {
            continue;
        }
        // Enough operations for the slowest alternative to run for a tenth of a second or
        // so, not so many that a round outlasts a phase of the host's load.
        let ops = if group.starts_with("write") {
            200_000
        } else {
            50_000
        };
        let rounds = (0..paired::ROUNDS).map(|_| {
            let mut times = Vec::new();
            let mode = Mode::Paired {
                ops,
                times: &mut times,
            };
            alternatives(&mut Run { group, mode }, &inputs);
            times
        });
        paired::report(group, rounds.collect());
    }
}

criterion_group!(benches, envelope);

fn main() {
    paired::main(benches, paired_rounds);
}
