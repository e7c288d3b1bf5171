use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy)]
struct NotAnEnum;

fn main() {}
