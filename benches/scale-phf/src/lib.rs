//! The codes of errcat-scale's synthetic catalog as a bare `phf::Map` made by a `phf_codegen`
//! build script: what `benches/scale/build_times.sh` compares errcat-scale's build with.

include!(concat!(env!("OUT_DIR"), "/codes.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_maps_to_its_index() {
        for (index, code) in super::CODES.iter().enumerate() {
            assert_eq!(super::INDEX.get(code), Some(&(index as u32)));
        }
    }
}
