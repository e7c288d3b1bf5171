use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
#[allow(non_camel_case_types)]
enum E {
    #[errcat(code = "Lower", status = 400, message = "A snake_case variant.")]
    lower_case,
    #[errcat(code = "LowerCase", status = 400, message = "The {thing} is lower case.")]
    LowerCase,
}

fn main() {}
