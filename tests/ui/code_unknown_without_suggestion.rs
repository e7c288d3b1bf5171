fn main() {
    let _ = errcat::code!("Throttling.User");
}
