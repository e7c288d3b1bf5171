fn main() {
    match errcat::ErrorCode::InternalFailure {
        errcat::code!("internalfailure") => {}
        _ => {}
    }
}
