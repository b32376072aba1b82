//! upload-portal: visitors upload videos from their browser straight to a 23 Video site.
//!
//! `routes` handle HTTP, `uploads` holds the rules, `store` the SQL, `twentythree` talks to 23,
//! and `sandbox` is a built-in 23 emulator. `startup` wires them together.

pub mod check;
pub mod config;
pub mod error;
pub mod jobs;
pub mod metrics;
pub mod random;
pub mod routes;
pub mod sandbox;
pub mod session;
pub mod shutdown;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod twentythree;
pub mod uploads;
pub mod webhooks;
