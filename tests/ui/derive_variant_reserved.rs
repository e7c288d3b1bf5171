use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
#[allow(non_camel_case_types)]
enum E {
    #[errcat(code = "Every", status = 400, message = "Every code.")]
    ALL,
}

fn main() {}
