//! Large catalogs: the displaced-hash layout finds every code, exactly and ignoring case, and
//! nothing else.

use errcat_scale::ScaleCode;

#[test]
fn ten_thousand_codes_in_two_bytes() {
    assert_eq!(ScaleCode::ALL.len(), 10_000);
    assert_eq!(std::mem::size_of::<ScaleCode>(), 2);
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
