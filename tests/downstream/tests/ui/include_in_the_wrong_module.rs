//! The Shop catalog's build script says `.module("shop")`: included in another module, its
//! `shop_code!` would name a type that is not there, so the build fails saying where the file
//! must go. (`OUT_DIR` is this crate's: cargo sets it for the tests, which pass it on.)

mod elsewhere {
    include!(concat!(env!("OUT_DIR"), "/shop.rs"));
}

fn main() {}
