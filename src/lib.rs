pub mod config;
pub mod random;
pub mod sandbox;
pub mod twentythree;
