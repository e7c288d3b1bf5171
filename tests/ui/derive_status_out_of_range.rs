use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
enum E {
    #[errcat(code = "Ok", status = 200, message = "Fine.")]
    Ok,
}

fn main() {}
