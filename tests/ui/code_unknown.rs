const CODE: errcat::kms::ErrorCode = errcat::kms::code!("Forbidden.KeyNotFond");

fn main() {
    let _ = CODE;
}
