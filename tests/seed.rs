//! The catalog cannot drift from its source: the "Common error codes" table of the KMS API
//! reference, vendored as `tests/data/kms-common-error-codes.txt`, is parsed here and every
//! row compared with the generated `ErrorCode`: same codes, same order, same statuses, same
//! messages (where the table writes `"< parameter name >"` the catalog has `{parameter}`).

use errcat::kms::ErrorCode;

struct Row {
    code: String,
    message: String,
    status: u16,
}

/// The rows of the table: `Code Message Status`, after its header line.
fn seed_rows() -> Vec<Row> {
    let seed = include_str!("data/kms-common-error-codes.txt");
    let (_, table) = seed
        .split_once("HTTP status code\n")
        .expect("the table header");
    table
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (code, rest) = line.split_once(' ').expect("a code");
            let (message, status) = rest.trim_end().rsplit_once(' ').expect("a status");
            Row {
                code: code.to_owned(),
                message: message.trim().to_owned(),
                status: status.parse().expect("a number"),
            }
        })
        .collect()
}

#[test]
fn the_table_has_32_codes() {
    assert_eq!(seed_rows().len(), 32);
    assert_eq!(ErrorCode::ALL.len(), 32);
}

#[test]
fn every_code_matches_the_seed_table_in_order() {
    for (row, code) in seed_rows().iter().zip(ErrorCode::ALL) {
        assert_eq!(code.code(), row.code);
        assert_eq!(code.http_status(), row.status, "{}", row.code);
        let as_in_seed = code.message().replace("{parameter}", "< parameter name >");
        assert_eq!(as_in_seed, row.message, "{}", row.code);
    }
}

#[test]
fn illegal_timestamp_uses_the_tables_wording() {
    assert_eq!(
        ErrorCode::IllegalTimestamp.message(),
        r#"The input parameter "Timestamp" that is required for processing this request is not supplied."#
    );
}

/// The vendored copy is the page the catalog was made from; where the original is beside
/// the repository (as on the machines this project is built on), they are the same.
#[test]
fn the_vendored_seed_equals_the_shared_one_when_present() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/000_33367e7d4b2eb394.txt");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(original, include_str!("data/kms-common-error-codes.txt"));
    }
}
