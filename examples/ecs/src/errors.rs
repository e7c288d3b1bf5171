//! The ECS catalog: `EcsCode`, its constructors, `ecs_code!`, and the `Error` and
//! `ServiceError` aliases, generated from `errors.toml` by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
