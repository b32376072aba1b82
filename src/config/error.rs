//! The one error configuration has: a bad or missing variable.

/// A setting that is missing or malformed. Displays as one line naming the variable.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

pub(super) fn invalid(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}
