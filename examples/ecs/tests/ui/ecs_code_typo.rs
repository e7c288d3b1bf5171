fn main() {
    let _ = errcat_example_ecs::ecs_code!("Throttling.Usr");
}
