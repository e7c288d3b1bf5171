use errcat::ErrorCatalog;

#[derive(ErrorCatalog, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[catalog(service = "Demo")]
enum E {
    #[errcat(code = "Escape", status = 400, message = "Clear the screen: \x1b[2J")]
    Escape,
    #[errcat(code = "Bell", status = 400, message = "Plain.", deprecated = "Ring \x07 the bell.")]
    Bell,
}

fn main() {}
