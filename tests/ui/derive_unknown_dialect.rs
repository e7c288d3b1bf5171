use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Storage", dialect = "aws")]
enum E {
    #[errcat(code = "A", status = 400, message = "A.")]
    A,
}

fn main() {}
