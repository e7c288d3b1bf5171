fn main() {
    let _ = errcat_downstream::storage_code!("SlowDwn");
}
