//! `ScaleCode`: a synthetic catalog of 10,000 codes generated through errcat's build path,
//! used by `benches/scale.rs` and to test the lookup layout large catalogs get.

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
