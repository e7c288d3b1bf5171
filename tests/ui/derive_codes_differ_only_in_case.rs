use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
enum E {
    #[errcat(code = "Key.NotFound", status = 404, message = "Not found.")]
    KeyNotFound,
    #[errcat(code = "Key.Notfound", status = 404, message = "Not found.")]
    KeyNotfound,
}

fn main() {}
