use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "My Service")]
enum E {
    #[errcat(code = "A", status = 400, message = "A.")]
    A,
}

fn main() {}
