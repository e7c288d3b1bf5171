//! `ecs_code!`: checked at compile time like errcat's own `kms::code!`, in `const` items and
//! `match` patterns; a typo is a compile error naming the closest code.

use errcat_example_ecs::ecs_code;
use errcat_example_ecs::errors::EcsCode;

const THROTTLED: EcsCode = ecs_code!("Throttling.User");

#[test]
fn the_code_macro_works_in_const_and_match() {
    assert_eq!(THROTTLED, EcsCode::ThrottlingUser);
    let advice = match THROTTLED {
        ecs_code!("Throttling.User") => "slow down",
        _ => "see the docs",
    };
    assert_eq!(advice, "slow down");
}

#[test]
fn a_typo_fails_the_build_with_a_suggestion() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
