/// Every tricky name in use: raw variants and constructors, a variant named like the
/// associated type of `FromStr`, a constructor named like a trait method.
pub fn uses() {
    let _ = ErrorCode::r#loop;
    let _: errcat::Error<ErrorCode> = ErrorCode::r#type("t");
    let code = ErrorCode::Clone;
    let _ = Clone::clone(&code);
    let _: errcat::Error<ErrorCode> = ErrorCode::clone("x");
    let _: errcat::Error<ErrorCode> = ErrorCode::r#match("m");
    let parsed: Result<ErrorCode, errcat::UnknownCode> = "Err".parse();
    assert_eq!(parsed.ok(), Some(scratch_code!("Err")));
    assert_eq!(scratch_code!("None"), ErrorCode::None);
    assert_eq!(ErrorCode::lower_case.code(), "Lower");
}
