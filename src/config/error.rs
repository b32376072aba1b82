//! The one error configuration has: a bad or missing variable (`crate::config_error`, shared
//! with the modules that own their settings' rules).

pub use crate::config_error::{ConfigError, invalid};
