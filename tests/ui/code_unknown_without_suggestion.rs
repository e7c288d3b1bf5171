fn main() {
    let _ = errcat::kms::code!("Throttling.User");
}
