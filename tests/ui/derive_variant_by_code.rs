use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
#[allow(non_camel_case_types)]
enum E {
    #[errcat(code = "ByCode", status = 400, message = "A code named like the lookup map.")]
    BY_CODE,
}

fn main() {}
