//! Hostile bodies: every file in `tests/hostile/` is decoded without a panic, and must give
//! exactly the error its row in `EXPECTED` names.
//!
//! The extension picks the entry point: `.json` is read with `from_json`, `.xml` with
//! `from_xml`, `.bin` with `decode` and no content type (the format is sniffed); `decode`
//! with the content type of every dialect in that format (`application/json`,
//! `application/problem+json`, ...) must give the same error. Every file is also put through
//! every other entry point, which must not panic either. Bodies too big to keep in the
//! repository (over the 1 MiB limit) are built here.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use errcat::kms::{ErrorCode, ServiceError};
use errcat::{DecodeError, DecodeErrorKind, Decoder, Dialect, Format};

use DecodeErrorKind::*;

/// Each corpus file and the error it must give.
const EXPECTED: &[(&str, DecodeErrorKind)] = &[
    // JSON: truncated and malformed.
    ("truncated_object.json", Syntax),
    ("truncated_string.json", Syntax),
    ("truncated_after_colon.json", Syntax),
    ("truncated_open_brace.json", Syntax),
    ("seed_page_json_verbatim.json", Syntax),
    ("trailing_garbage.json", Syntax),
    ("comment.json", Syntax),
    ("single_quotes.json", Syntax),
    ("trailing_comma.json", Syntax),
    ("raw_newline_in_string.json", Syntax),
    ("nul_in_string.json", Syntax),
    ("invalid_escape.json", Syntax),
    ("lone_surrogate_escape.json", Syntax),
    ("http_status_huge_exponent.json", Syntax),
    // JSON: invalid UTF-8 in several places.
    ("invalid_utf8_in_value.json", InvalidUtf8),
    ("invalid_utf8_in_key.json", InvalidUtf8),
    ("invalid_utf8_first_byte.json", InvalidUtf8),
    ("invalid_utf8_truncated_sequence.json", InvalidUtf8),
    ("invalid_utf8_overlong.json", InvalidUtf8),
    ("invalid_utf8_surrogate.json", InvalidUtf8),
    ("utf16le_bom.bin", InvalidUtf8),
    // Nothing to read.
    ("empty.json", Empty),
    ("whitespace_only.json", Empty),
    ("bom_only.json", Empty),
    ("bom_only.bin", Empty),
    ("bom_only.xml", Empty),
    // JSON: wrong types.
    ("array_top_level.json", WrongType),
    ("string_top_level.json", WrongType),
    ("null_top_level.json", WrongType),
    ("number_top_level.json", WrongType),
    ("code_number.json", WrongType),
    ("code_bool.json", WrongType),
    ("code_object.json", WrongType),
    ("code_array.json", WrongType),
    ("message_number.json", WrongType),
    ("request_id_object.json", WrongType),
    ("http_status_string.json", WrongType),
    ("http_status_negative.json", WrongType),
    ("http_status_float.json", WrongType),
    ("http_status_huge_integer.json", WrongType),
    ("http_status_out_of_range.json", WrongType),
    // JSON: no code; duplicates (refused: first-wins and last-wins readers would disagree).
    ("empty_object.json", MissingCode),
    ("missing_code.json", MissingCode),
    ("empty_code.json", MissingCode),
    ("null_code.json", MissingCode),
    ("duplicate_code.json", DuplicateField),
    ("duplicate_code_other_case.json", DuplicateField),
    ("duplicate_http_status.json", DuplicateField),
    // JSON: 10 000 levels.
    ("deep_10k_unknown_field.json", TooDeep),
    ("deep_10k_objects.json", TooDeep),
    ("deep_10k_top_level_array.json", WrongType),
    ("deep_10k_in_code.json", WrongType),
    ("deep_10k_truncated.json", Syntax),
    // Sniffed.
    ("nul_bytes.bin", UnknownFormat),
    ("nul_before_json.bin", UnknownFormat),
    ("plain_text.bin", UnknownFormat),
    ("html_proxy_page.bin", Doctype),
    // XML: truncated and malformed.
    ("truncated_in_end_tag.xml", Syntax),
    ("truncated_unclosed_root.xml", Syntax),
    ("truncated_in_text.xml", Syntax),
    ("truncated_in_start_tag.xml", Syntax),
    ("declaration_only.xml", Syntax),
    ("mismatched_end_tag.xml", Syntax),
    ("unmatched_end_tag.xml", Syntax),
    ("two_roots.xml", Syntax),
    ("text_after_root.xml", Syntax),
    ("text_before_root.xml", Syntax),
    ("unclosed_cdata.xml", Syntax),
    ("unclosed_comment.xml", Syntax),
    ("unclosed_attribute.xml", Syntax),
    ("dangling_ampersand.xml", Syntax),
    ("nul_in_text.xml", Syntax),
    ("escape_sequence_in_text.xml", Syntax),
    ("char_ref_nul.xml", Syntax),
    ("char_ref_surrogate.xml", Syntax),
    ("char_ref_too_big.xml", Syntax),
    // XML: not well-formed in ways quick-xml does not check (issue 15).
    ("attribute_unquoted.xml", Syntax),
    ("attribute_with_lt.xml", Syntax),
    ("attribute_twice.xml", Syntax),
    ("attribute_without_value.xml", Syntax),
    ("issue15_repro.xml", Syntax),
    ("cdata_end_in_text.xml", Syntax),
    ("comment_with_double_hyphen.xml", Syntax),
    ("name_starting_with_digit.xml", Syntax),
    ("unbound_prefix.xml", Syntax),
    ("prefixed_code_beside_code.xml", Syntax),
    ("declaration_after_whitespace.xml", Syntax),
    ("declaration_twice.xml", Syntax),
    ("declaration_with_garbage.xml", Syntax),
    ("declaration_utf16_on_utf8.xml", Syntax),
    ("noncharacter_fffe_raw.xml", Syntax),
    ("char_ref_fffe.xml", Syntax),
    ("char_ref_escape.xml", Syntax),
    ("processing_instruction_xml.xml", Syntax),
    // XML: DTDs and entities, refused before anything is expanded.
    ("billion_laughs.xml", EntityDeclaration),
    ("xxe_external_entity.xml", EntityDeclaration),
    ("xxe_parameter_entity.xml", EntityDeclaration),
    ("doctype_plain.xml", Doctype),
    ("doctype_external_subset.xml", Doctype),
    ("doctype_after_root.xml", Doctype),
    ("unclosed_doctype.xml", Syntax),
    ("undefined_entity.xml", UndefinedEntity),
    ("html_entity.xml", UndefinedEntity),
    // XML: invalid UTF-8.
    ("invalid_utf8_in_text.xml", InvalidUtf8),
    ("invalid_utf8_in_tag_name.xml", InvalidUtf8),
    ("latin1_declared.xml", InvalidUtf8),
    ("invalid_utf8_truncated_at_end.xml", InvalidUtf8),
    // XML: wrong types, no code, duplicates.
    ("text_in_root.xml", WrongType),
    ("code_with_elements.xml", WrongType),
    ("http_status_words.xml", WrongType),
    ("http_status_huge.xml", WrongType),
    ("missing_code.xml", MissingCode),
    ("empty_root.xml", MissingCode),
    ("empty_code_element.xml", MissingCode),
    ("empty_code_text.xml", MissingCode),
    ("duplicate_code.xml", DuplicateField),
    ("duplicate_code_other_case.xml", DuplicateField),
    // XML: 10 000 levels.
    ("deep_10k_unknown_field.xml", TooDeep),
    ("deep_10k_from_root.xml", TooDeep),
    ("deep_10k_empty_leaf.xml", TooDeep),
    // The other dialects' fields: two names for one field are a duplicate, not two readings.
    ("problem_type_and_recommend.json", DuplicateField),
    ("problem_detail_and_message.json", DuplicateField),
    ("problem_status_not_a_number.json", WrongType),
    ("problem_duplicate_code.xml", DuplicateField),
    ("pop_duplicate_code.json", DuplicateField),
    ("pop_code_with_elements.xml", WrongType),
    // problem+xml's namespace: members under a prefix (the code to a namespace-aware reader,
    // unknown fields to a plain one) and the namespace `xmlns` itself reserves.
    ("problem_prefixed_members.xml", Syntax),
    ("problem_reserved_namespace.xml", Syntax),
    // A child leaving the root's namespace: a namespace-aware reader sees no problem `code`.
    ("problem_child_default_namespace.xml", Syntax),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// Decodes `body` the way its file extension says.
fn decode_as(name: &str, body: &[u8]) -> Result<ServiceError<'static>, DecodeError> {
    let decoded: Result<ServiceError<'_>, DecodeError> = match Path::new(name).extension() {
        Some(ext) if ext == "json" => ServiceError::from_json(400, body),
        Some(ext) if ext == "xml" => ServiceError::from_xml(400, body),
        Some(ext) if ext == "bin" => ServiceError::decode(400, None, body),
        _ => panic!("{name}: corpus files end in .json, .xml or .bin"),
    };
    decoded.map(ServiceError::into_owned)
}

/// The format a corpus file's extension names, if it names one.
fn format_of(name: &str) -> Option<Format> {
    match Path::new(name).extension()?.to_str()? {
        "json" => Some(Format::Json),
        "xml" => Some(Format::Xml),
        _ => None,
    }
}

/// Every content type some dialect sends, with the format it names: `application/json`,
/// `application/problem+xml`, ...
fn content_types() -> Vec<(Format, &'static str)> {
    let mut types = Vec::new();
    for dialect in Dialect::ALL {
        for format in Format::ALL {
            let named = (format, dialect.content_type(format));
            if !types.contains(&named) {
                types.push(named);
            }
        }
    }
    types
}

/// Runs `decode` on `body`, checking that it finishes quickly: no body is worth more than a
/// few milliseconds of work (generous, for slow debug builds on a shared machine).
fn timed<T>(name: &str, decode: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = decode();
    let took = start.elapsed();
    assert!(took < Duration::from_millis(500), "{name}: took {took:?}");
    result
}

#[test]
fn every_hostile_body_gives_its_error() {
    let mut failures = Vec::new();
    for &(name, expected) in EXPECTED {
        let body = std::fs::read(corpus_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        match timed(name, || decode_as(name, &body)) {
            Ok(decoded) => failures.push(format!("{name}: decoded as {decoded:?}")),
            Err(error) if error.kind() != expected => {
                failures.push(format!(
                    "{name}: expected {expected:?}, got {:?}: {error}",
                    error.kind()
                ));
            }
            Err(error) => {
                let by_content_type = content_types()
                    .into_iter()
                    .filter(|(format, _)| Some(*format) == format_of(name));
                for (_, content_type) in by_content_type {
                    let decoded = ServiceError::decode(400, Some(content_type), &body);
                    if decoded.as_ref().err() != Some(&error) {
                        failures.push(format!("{name}: as {content_type}: {decoded:?}"));
                    }
                }
                let message = error.to_string();
                assert!(message.starts_with("cannot decode "), "{name}: {message}");
                assert!(message.contains(expected.as_str()), "{name}: {message}");
                if let Some(offset) = error.offset() {
                    assert!(offset <= body.len(), "{name}: offset {offset} past the end");
                    assert!(
                        message.contains(&format!("at byte {offset}")),
                        "{name}: {message}"
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_entry_point_survives_every_body() {
    for &(name, _) in EXPECTED {
        let body = std::fs::read(corpus_dir().join(name)).unwrap();
        timed(name, || {
            let _ = ServiceError::from_json(400, &body);
            let _ = ServiceError::from_xml(400, &body);
            let _ = ServiceError::decode(400, None, &body);
            for (_, content_type) in content_types() {
                let _ = ServiceError::decode(400, Some(content_type), &body);
            }
            let _ = ServiceError::decode(400, Some("text/xml"), &body);
            let deep = Decoder::new().max_depth(100_000);
            let _ = deep.from_json::<ErrorCode>(400, &body);
            let _ = deep.from_xml::<ErrorCode>(400, &body);
        });
    }
}

#[test]
fn the_table_lists_every_corpus_file_once() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = EXPECTED
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(EXPECTED.len() >= 25);
}

#[test]
fn oversized_bodies_are_refused_before_parsing() {
    let limit = Decoder::DEFAULT_MAX_BODY_SIZE;
    // Well-formed envelopes one byte over the limit: the size alone refuses them.
    let envelope = |format: fn(&str) -> String| {
        let overhead = format("").len();
        format(&"a".repeat(limit + 1 - overhead))
    };
    let json = envelope(|message| format!(r#"{{"Code":"X","Message":"{message}"}}"#));
    let xml = envelope(|message| format!("<KMS><Code>X</Code><Message>{message}</Message></KMS>"));
    assert_eq!((json.len(), xml.len()), (limit + 1, limit + 1));
    for (name, body) in [("oversized.json", &json), ("oversized.xml", &xml)] {
        let error = timed(name, || decode_as(name, body.as_bytes())).unwrap_err();
        assert_eq!(error.kind(), TooLarge, "{name}");
        assert_eq!(error.offset(), None);
        assert!(
            error
                .to_string()
                .contains("over the limit of 1048576 bytes"),
            "{error}"
        );
        let error = ServiceError::decode(400, None, body.as_bytes()).unwrap_err();
        assert_eq!(error.kind(), TooLarge);
    }
    // Invalid UTF-8 or garbage does not matter: the size is checked first.
    let garbage = vec![0xff; limit + 1];
    let error = ServiceError::decode(400, None, &garbage).unwrap_err();
    assert_eq!(error.kind(), TooLarge);
    // At the limit exactly, the body is read.
    let fits = format!(r#"{{"Code":"X","Message":"{}"}}"#, "a".repeat(limit - 25));
    assert_eq!(fits.len(), limit);
    assert!(ServiceError::from_json(400, fits.as_bytes()).is_ok());
}

#[test]
fn hostile_errors_say_where() {
    let read = |name: &str| std::fs::read(corpus_dir().join(name)).unwrap();
    let error = decode_as("x.json", &read("invalid_utf8_in_value.json")).unwrap_err();
    assert_eq!(error.offset(), Some(26));
    assert_eq!(
        error.to_string(),
        "cannot decode JSON error envelope at byte 26: invalid UTF-8: the body is not valid \
         UTF-8 (error envelopes are UTF-8 JSON or XML)"
    );
    let error = decode_as("x.xml", &read("billion_laughs.xml")).unwrap_err();
    assert_eq!(error.offset(), Some(22));
    assert_eq!(
        error.to_string(),
        "cannot decode XML error envelope at byte 22: entity declaration refused: the \
         document type declaration declares entities, which are never expanded"
    );
    let error = decode_as("x.xml", &read("undefined_entity.xml")).unwrap_err();
    assert_eq!(error.offset(), Some(11));
    let error = decode_as("x.json", &read("code_number.json")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot decode JSON error envelope at byte 9: wrong type: invalid type: integer `42`, \
         expected a string (the Code field)"
    );
    let error = decode_as("x.json", &read("truncated_string.json")).unwrap_err();
    assert_eq!(error.offset(), Some(22));
    assert!(error.to_string().contains("truncated body"), "{error}");
}

/// Every file of the corpus, named.
fn corpus_bodies() -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

/// `from_xml` (the fast path, then quick-xml for whatever it declines) and quick-xml alone
/// give the same result, error kind, offset and message included, for every corpus file,
/// the oversized bodies, and small limits.
#[test]
fn fast_path_agrees_with_quick_xml_on_every_hostile_body() {
    let limit = Decoder::DEFAULT_MAX_BODY_SIZE;
    let oversized = format!(
        "<KMS><Code>X</Code><Message>{}</Message></KMS>",
        "a".repeat(limit)
    );
    let mut bodies = corpus_bodies();
    bodies.push(("oversized.xml".to_owned(), oversized.into_bytes()));
    assert_paths_agree(
        &bodies,
        |decoder, body| decoder.from_xml::<ErrorCode>(400, body),
        |decoder, body| decoder.from_xml_slow_path::<ErrorCode>(400, body),
    );
}

/// For every body and under the default limits, huge and tiny depth limits and a small
/// size limit, `both` (the fast path, then the slow one for what it declines; timed) and
/// `slow` (the slow path alone) give the same result.
fn assert_paths_agree<'a>(
    bodies: &'a [(String, Vec<u8>)],
    both: impl Fn(Decoder, &'a [u8]) -> Decoded<'a>,
    slow: impl Fn(Decoder, &'a [u8]) -> Decoded<'a>,
) {
    let decoders = [
        Decoder::new(),
        Decoder::new().max_depth(100_000),
        Decoder::new().max_depth(0),
        Decoder::new().max_depth(1),
        Decoder::new().max_depth(2),
        Decoder::new().max_depth(3),
        Decoder::new().max_body_size(64),
    ];
    for (name, body) in bodies {
        for decoder in decoders {
            let fast_first = timed(name, || both(decoder, body));
            assert_eq!(fast_first, slow(decoder, body), "{name}, {decoder:?}");
        }
    }
}

type Decoded<'a> = Result<ServiceError<'a>, DecodeError>;
