const CODE: errcat::ErrorCode = errcat::code!("Forbidden.KeyNotFond");

fn main() {
    let _ = CODE;
}
