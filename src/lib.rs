pub mod config;
pub mod random;
pub mod store;
pub mod twentythree;
pub mod uploads;
