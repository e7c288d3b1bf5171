fn main() {
    let _ = errcat::code!(r"Forbidden.KeyNotFound");
}
