//! `ScaleCode`: a synthetic catalog of 10,000 codes (`ERRCAT_SCALE_CODES` when set) generated
//! through errcat's build path, used by `benches/scale.rs`, `build_times.sh` and to test
//! what large catalogs get.

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
