//! Large catalogs (10,000 codes, or `ERRCAT_SCALE_CODES`): the displaced-hash layout finds
//! every code, exactly and ignoring case, and nothing else; the code type takes the fewest bytes
//! rustc can give it; every fact reads back from the code table.

use errcat::ErrorCatalog;
use errcat_scale::ScaleCode;

/// The catalog's size, as the build script read it.
const CODES: &str = match option_env!("ERRCAT_SCALE_CODES") {
    Some(count) => count,
    None => "10000",
};

#[test]
fn every_code_in_the_fewest_bytes() {
    let codes: usize = CODES.parse().unwrap();
    assert_eq!(ScaleCode::ALL.len(), codes);
    let bytes = match codes {
        ..=256 => 1,
        257..=65_535 => 2,
        _ => 4,
    };
    assert_eq!(std::mem::size_of::<ScaleCode>(), bytes);
    assert_eq!(std::mem::size_of::<Option<ScaleCode>>(), bytes);
    // Ordered as the catalog is, as an enum's variants are.
    assert!(ScaleCode::ALL.windows(2).all(|pair| pair[0] < pair[1]));
}

/// Each code's facts, its `Debug` (the variant's name, as a derive writes it) and its
/// envelope read back from the columns of the code table.
#[test]
fn every_fact_reads_back() {
    for (index, &code) in ScaleCode::ALL.iter().enumerate() {
        let wire = code.code();
        assert_eq!(format!("{code:?}"), wire.replace('.', ""));
        assert_eq!(
            code.http_status(),
            [400, 403, 404, 409, 429, 500, 503][index % 7]
        );
        let templated = index % 10 == 0;
        assert_eq!(code.placeholders().len(), if templated { 2 } else { 0 });
        let error = errcat::Error::new(code);
        let message = if templated {
            "The <parameter> of item <item> is wrong."
        } else {
            "Something went wrong."
        };
        assert_eq!(error.message(), message);
        for format in [errcat::Format::Json, errcat::Format::Xml] {
            let mut body = Vec::new();
            error.write_envelope(format, "r1", Some("h"), &mut body);
            let content_type = error.content_type(format);
            let decoded = errcat::ServiceError::<ScaleCode>::decode(
                code.http_status(),
                Some(content_type),
                &body,
            )
            .unwrap();
            assert_eq!(decoded.code().known(), Some(code));
            assert_eq!(decoded.message(), Some(message));
            assert_eq!(decoded.request_id(), Some("r1"));
        }
        assert_eq!(ScaleCode::from_code(wire), Some(code));
        assert_eq!(code.retry(), <ScaleCode as ErrorCatalog>::retry(code));
    }
}

#[test]
fn every_code_is_found_exactly_and_ignoring_case() {
    for &code in ScaleCode::ALL {
        let wire = code.code();
        assert_eq!(ScaleCode::from_code(wire), Some(code));
        assert_eq!(ScaleCode::BY_CODE.get(wire), Some(&code));
        assert_eq!(
            ScaleCode::from_code_ignore_case(&wire.to_ascii_lowercase()),
            Some(code)
        );
        assert_eq!(
            ScaleCode::from_code_ignore_case(&wire.to_ascii_uppercase()),
            Some(code)
        );
    }
}

/// The empty key matches an empty slot's length, and nothing else does; overlong keys reach
/// past the end of the key table.
#[test]
fn empty_and_overlong_keys_are_none() {
    for key in [String::new(), "X".repeat(300), "Forbidden.".repeat(50)] {
        assert_eq!(ScaleCode::from_code(&key), None, "{key:?}");
        assert_eq!(ScaleCode::from_code_ignore_case(&key), None, "{key:?}");
    }
}

#[test]
fn near_misses_are_none() {
    for &code in ScaleCode::ALL.iter().step_by(7) {
        let wire = code.code();
        let mut changed = wire.to_owned();
        changed.push('0');
        assert_ne!(ScaleCode::from_code(&changed), Some(code));
        assert_eq!(ScaleCode::from_code(&wire[1..]), None);
        assert_eq!(ScaleCode::from_code(&wire.to_ascii_lowercase()), None);
    }
}
