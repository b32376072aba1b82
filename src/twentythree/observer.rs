//! How a caller learns of each finished 23 call without the client knowing who listens (the
//! process's metrics implement this; the client stays below them).

use std::time::Duration;

use super::error::ApiError;

/// Told once per finished call, retries included, with the API path as a bounded label.
pub trait CallObserver: Send + Sync {
    fn observe(&self, endpoint: &'static str, elapsed: Duration, result: Result<(), &ApiError>);
}

/// The default: a client nobody watches.
pub(super) struct Unobserved;

impl CallObserver for Unobserved {
    fn observe(&self, _: &'static str, _: Duration, _: Result<(), &ApiError>) {}
}
