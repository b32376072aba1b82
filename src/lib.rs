//! upload-portal: visitors upload videos from their browser straight to a 23 Video site.
//!
//! `routes` handle HTTP and `jobs` decide when background work is due; both call the use cases in
//! `flows`, which use `uploads` (the rules), `store` (the SQL) and `twentythree` (talks to 23).
//! `page` renders pages; `sandbox` is a built-in 23 emulator. `startup` wires them together.

pub mod check;
pub mod client_addr;
pub mod config;
pub mod config_error;
pub mod embed;
pub mod error;
pub mod flows;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod page;
pub mod random;
pub mod routes;
pub mod sandbox;
pub mod session;
pub mod session_rotation;
pub mod shutdown;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod throttle;
pub mod twentythree;
pub mod uploads;
pub mod webhooks;
