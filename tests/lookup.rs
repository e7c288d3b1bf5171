//! The generated perfect hashes: lookups are total (every string that is not exactly a code
//! is `None`).

use errcat::kms::ErrorCode;
use proptest::prelude::*;

/// One edit away from a code: never that code, never another.
#[test]
fn near_misses_of_every_code_are_none() {
    for &code in ErrorCode::ALL {
        let wire = code.code();
        for i in 0..wire.len() {
            let mut deleted = wire.to_owned();
            deleted.remove(i);
            let mut changed = wire.as_bytes().to_vec();
            changed[i] = if changed[i] == b'x' { b'y' } else { b'x' };
            let changed = String::from_utf8(changed).unwrap();
            let mut inserted = wire.to_owned();
            inserted.insert(i, '_');
            for miss in [deleted, changed, inserted] {
                if miss != wire {
                    assert_eq!(ErrorCode::from_code(&miss), None, "{miss}");
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn from_code_is_some_only_for_exact_codes(s in "\\PC{0,40}|[A-Za-z.]{0,30}") {
        let found = ErrorCode::from_code(&s);
        prop_assert_eq!(found.map(ErrorCode::code), ErrorCode::ALL.iter().map(|c| c.code()).find(|c| *c == s));
        let folded = ErrorCode::from_code_ignore_case(&s);
        prop_assert_eq!(folded.map(ErrorCode::code), ErrorCode::ALL.iter().map(|c| c.code()).find(|c| c.eq_ignore_ascii_case(&s)));
    }
}
