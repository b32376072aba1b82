//! How often the background jobs look for work. Defined here, not in `jobs`, so configuration
//! depends on nothing above it.

use std::time::Duration;

use super::error::ConfigError;
use super::vars::Vars;

/// Intervals of the background jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobSettings {
    /// Scan period of the reconciler, and its first backoff step.
    pub reconcile_every: Duration,
    /// Period of the refresher's rounds (one listing for every encoding video), and the first
    /// backoff step of a video asked about singly.
    pub refresh_every: Duration,
}

impl JobSettings {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        Ok(Self {
            reconcile_every: vars.seconds("RECONCILE_INTERVAL_SECS", 10, 1..=3600)?,
            refresh_every: vars.seconds("REFRESH_INTERVAL_SECS", 30, 1..=3600)?,
        })
    }
}
