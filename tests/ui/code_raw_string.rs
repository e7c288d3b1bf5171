fn main() {
    let _ = errcat::kms::code!(r"Forbidden.KeyNotFound");
}
