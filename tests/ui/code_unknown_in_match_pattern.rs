fn main() {
    match errcat::kms::ErrorCode::InternalFailure {
        errcat::kms::code!("internalfailure") => {}
        _ => {}
    }
}
