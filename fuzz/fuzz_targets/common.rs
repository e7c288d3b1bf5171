//! What every target checks about a result, beyond not panicking.

use errcat::{DecodeError, ServiceError};

/// A decoded error is usable: it has a code, prints, and survives `into_owned` unchanged;
/// a refusal prints a message that names its position when it has one.
pub fn check(result: Result<ServiceError<'_>, DecodeError>, body: &[u8]) {
    match result {
        Ok(error) => {
            assert!(!error.code_str().is_empty());
            let shown = error.to_string();
            assert!(shown.starts_with(&error.status().to_string()));
            assert!(!shown.contains('\n'), "Display escapes control characters");
            let owned = error.clone().into_owned();
            assert_eq!(owned, error);
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(shown.starts_with("cannot decode "));
            if let Some(offset) = error.offset() {
                assert!(offset <= body.len(), "offset {offset} past the end");
                assert!(shown.contains(&format!("at byte {offset}")));
            }
        }
    }
}
