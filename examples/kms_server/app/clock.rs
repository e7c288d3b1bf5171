//! UTC timestamps as KMS writes them (`2024-05-01T08:30:00Z`), without a date crate.
//!
//! Also used by `examples/kms_client.rs` for the `Timestamp` parameter it sends.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Now, as `YYYY-MM-DDThh:mm:ssZ`.
pub fn now() -> String {
    format_utc(SystemTime::now())
}

/// `days` from now, as `YYYY-MM-DDThh:mm:ssZ`.
pub fn days_from_now(days: u64) -> String {
    format_utc(SystemTime::now() + Duration::from_secs(days * 86_400))
}

/// `time` as `YYYY-MM-DDThh:mm:ssZ`; a time before 1970 is written as 1970-01-01.
pub fn format_utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    let (hour, minute, second) = (rem / 3600, rem % 3600 / 60, rem % 60);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// Whether `text` looks like a timestamp a client sends: `YYYY-MM-DDThh:mm:ss`, optional
/// fraction, `Z`. The value itself is not checked against the clock: this is a demo.
pub fn is_timestamp(text: &str) -> bool {
    let Some(rest) = text.strip_suffix('Z') else {
        return false;
    };
    if rest.len() < 19 || !rest.is_char_boundary(19) {
        return false;
    }
    let (date_time, fraction) = rest.split_at(19);
    let shape_ok = date_time.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b'T',
        13 | 16 => b == b':',
        _ => b.is_ascii_digit(),
    });
    let fraction_ok = fraction.is_empty()
        || fraction
            .strip_prefix('.')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    shape_ok && fraction_ok
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}
