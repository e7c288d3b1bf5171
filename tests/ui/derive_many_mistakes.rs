use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
enum E {
    #[errcat(code = "Key.NotFound", status = 404, message = "Not found.")]
    KeyNotFound,
    #[errcat(code = "Key.NotFound", status = 999, message = "The {key is gone.", retry = "sometimes")]
    KeyGone,
}

fn main() {
    // The fallback impls keep uses of the enum free of follow-on errors.
    let _ = E::from_code("Key.NotFound");
    let _ = E::KeyNotFound.http_status();
    println!("{}", E::KeyGone);
}
