//! The ECS catalog: `EcsCode`, its constructors, `ecs_code!`, and the `Error` and
//! `ServiceError` aliases, generated from `errors.toml` (in a module, as `Builder::module`
//! says).

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
