//! The one error a setting has: a bad or missing variable. It lives apart from `config` so the
//! modules that own their settings' rules (`webhooks::settings`, `mail::settings`) report the
//! same error configuration does, without importing configuration (which imports them).

/// A setting that is missing or malformed. Displays as one line naming the variable.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

pub fn invalid(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}
