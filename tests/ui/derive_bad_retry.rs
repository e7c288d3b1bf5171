use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
enum E {
    #[errcat(code = "A", status = 500, message = "A.", retry = "always")]
    A,
}

fn main() {}
