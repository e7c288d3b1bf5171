fn main() {
    let _ = errcat::kms::code!();
}
