use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
enum E {
    #[errcat(code = "Code", status = 400, message = "The code {code} is wrong.")]
    Code,
}

fn main() {}
