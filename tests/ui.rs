//! Compile-fail cases for `code!` and `#[derive(ErrorCatalog)]`, one per mistake, each with
//! the exact compiler output expected beside it (`TRYBUILD=overwrite` regenerates them).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
