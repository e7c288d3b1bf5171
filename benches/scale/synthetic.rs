// The synthetic catalog, shared by the build scripts of errcat-scale (the catalog through
// errcat) and errcat-scale-phf (its codes through `phf_codegen` alone), so that both measure
// the same keys.

/// How many codes the synthetic catalog has: `ERRCAT_SCALE_CODES`, 10,000 when unset.
fn code_count() -> usize {
    println!("cargo::rerun-if-env-changed=ERRCAT_SCALE_CODES");
    match std::env::var("ERRCAT_SCALE_CODES") {
        Ok(count) => count
            .parse()
            .expect("ERRCAT_SCALE_CODES is a number of codes"),
        Err(_) => 10_000,
    }
}

/// The code at `index`, shaped like real ones: `Service.NounState` with a number, 14 to 40
/// bytes.
fn synthetic_code(index: usize) -> String {
    const SERVICES: [&str; 8] = [
        "Forbidden",
        "InvalidParameter",
        "Rejected",
        "Unsupported",
        "Throttling",
        "Quota",
        "Kms",
        "Secret",
    ];
    const NOUNS: [&str; 8] = [
        "Key", "Alias", "Version", "Secret", "Policy", "Region", "Token", "Instance",
    ];
    const STATES: [&str; 6] = [
        "NotFound", "Disabled", "Expired", "Invalid", "Exceeded", "Conflict",
    ];
    format!(
        "{}.{}{}{index}",
        SERVICES[index % SERVICES.len()],
        NOUNS[(index / 8) % NOUNS.len()],
        STATES[(index / 64) % STATES.len()]
    )
}
