use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
enum NoService {
    #[errcat(code = "A", status = 400, message = "A.")]
    A,
}

fn main() {}
