//! Prints the built-in catalog: every code with its HTTP status, retry kind and message.
//!
//! ```text
//! cargo run --example catalog
//! ```

use errcat::ErrorCode;

fn main() {
    let width = ErrorCode::ALL
        .iter()
        .map(|c| c.code().len())
        .max()
        .unwrap_or(0);
    println!("{:width$}  status  retry       message", "code");
    for code in ErrorCode::ALL {
        println!(
            "{:width$}  {:<6}  {:<10}  {}",
            code.code(),
            code.http_status(),
            code.retry().as_str(),
            code.message()
        );
    }
    println!(
        "\n{} codes of the {} service",
        ErrorCode::ALL.len(),
        <ErrorCode as errcat::ErrorCatalog>::SERVICE
    );
}
