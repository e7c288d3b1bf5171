//! What every target checks about a result, beyond not panicking.

use errcat::DecodeError;
use errcat::kms::ServiceError;

/// A decoded error is usable: it has a code, prints without a hidden character (control,
/// bidi, invisible), and survives `into_owned` unchanged; a refusal prints a message, safe
/// to show too, that names its position when it has one.
pub fn check(result: Result<ServiceError<'_>, DecodeError>, body: &[u8]) {
    match result {
        Ok(error) => {
            assert!(!error.code_str().is_empty());
            let shown = error.to_string();
            assert!(shown.starts_with(&error.status().to_string()));
            assert!(
                !shown.chars().any(errcat_wire::show::is_hidden),
                "Display escapes every hidden character: {shown:?}"
            );
            let owned = error.clone().into_owned();
            assert_eq!(owned, error);
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(shown.starts_with("cannot decode "));
            assert!(
                !shown.chars().any(errcat_wire::show::is_hidden),
                "Display escapes every hidden character: {shown:?}"
            );
            if let Some(offset) = error.offset() {
                assert!(offset <= body.len(), "offset {offset} past the end");
                assert!(shown.contains(&format!("at byte {offset}")));
            }
        }
    }
}
