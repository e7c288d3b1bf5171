use errcat::ErrorCatalog;

#[derive(ErrorCatalog)]
enum Generic<T> {
    #[errcat(code = "A", status = 400, message = "A.")]
    A(T),
}

fn main() {}
