fn main() {
    let _ = errcat::code!(ForbiddenKeyNotFound);
}
