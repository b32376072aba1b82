//! The process's Prometheus metrics, kept in a `prometheus-client` registry.
//!
//! Every label value comes from a bounded set (route *patterns*, fixed outcome names, 23 endpoint
//! paths), never from a request, so the number of series cannot grow with traffic.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

pub use crate::store::QueueSizes;
use crate::twentythree::{ApiError, CallObserver};

mod exposition;
mod families;
mod webhooks;

use families::Families;

/// What became of a callback, as counted in `upload_portal_callbacks_total{outcome}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CallbackOutcome {
    /// 23 listed the video under the upload's token; it is recorded.
    Confirmed,
    /// 23 could not be asked; the video is recorded as unverified.
    Unverified,
    /// 23 reported an upload error; the upload is marked failed.
    UploadFailed,
    /// A reload of a callback already recorded.
    Repeat,
    /// Forged, altered or contradicted by 23: nothing recorded.
    Refused,
    /// Our side failed (database, or 23 unreachable with no room to keep a claim).
    Error,
}

impl CallbackOutcome {
    pub const ALL: [CallbackOutcome; 6] = [
        CallbackOutcome::Confirmed,
        CallbackOutcome::Unverified,
        CallbackOutcome::UploadFailed,
        CallbackOutcome::Repeat,
        CallbackOutcome::Refused,
        CallbackOutcome::Error,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CallbackOutcome::Confirmed => "confirmed",
            CallbackOutcome::Unverified => "unverified",
            CallbackOutcome::UploadFailed => "upload_failed",
            CallbackOutcome::Repeat => "repeat",
            CallbackOutcome::Refused => "refused",
            CallbackOutcome::Error => "error",
        }
    }
}

/// The process's metrics. Cheap to clone: clones share the same counters.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    families: Families,
    /// When `/readyz` last asked 23 itself (see `claim_probe`); not exposed.
    api_last_probe: AtomicI64,
}

/// When 23 last answered and last failed to, as epoch seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiHealth {
    pub last_success: Option<i64>,
    pub last_failure: Option<i64>,
}

impl ApiHealth {
    /// True unless the most recent news from 23 is a failure.
    pub fn is_reachable(&self) -> bool {
        match (self.last_success, self.last_failure) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(success), Some(failure)) => success >= failure,
        }
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    pub fn record_request(&self, route: &str, method: &str, status: u16) {
        self.inner.families.request(route, method, status);
    }

    pub fn token_minted(&self) {
        self.inner.families.tokens_minted.inc();
    }

    pub fn callback(&self, outcome: CallbackOutcome) {
        self.inner.families.callback(outcome);
    }

    /// One webhook delivery attempt: `delivered`, `retry` or `failed`, and how long it took.
    pub fn webhook_attempt(&self, outcome: &'static str, took: Duration) {
        self.inner.families.webhooks.attempt(outcome, took);
    }

    /// Whether this instance leads the background job `job` now (`upload_portal_job_leader`).
    pub fn job_leader(&self, job: &'static str, leading: bool) {
        let labels = families::JobLabel { job };
        self.inner
            .families
            .job_leaders
            .get_or_create(&labels)
            .set(i64::from(leading));
    }

    /// One finished call to 23 (retries included). An error answer from 23 still proves it is
    /// reachable; timeouts, refused connections and non-23 answers do not.
    pub fn record_api_call(
        &self,
        endpoint: &'static str,
        elapsed: Duration,
        result: Result<(), &ApiError>,
    ) {
        let families = &self.inner.families;
        families.api_call(endpoint, elapsed, result.err().map(error_kind));
        let reached = matches!(result, Ok(()) | Err(ApiError::Api { .. }));
        let when = if reached {
            &families.api_last_success
        } else {
            &families.api_last_failure
        };
        when.set(crate::uploads::now());
    }

    /// The client's view of these metrics: it reports each call here.
    pub fn observer(&self) -> Arc<dyn CallObserver> {
        Arc::new(self.clone())
    }

    /// True for the one caller that may probe 23 now: none has in the last `gap` seconds. Keeps
    /// load balancers polling `/readyz` on every instance from turning into a stream of calls.
    pub fn claim_probe(&self, now: i64, gap: i64) -> bool {
        let last = self.inner.api_last_probe.load(Ordering::Relaxed);
        now - last >= gap
            && self
                .inner
                .api_last_probe
                .compare_exchange(last, now, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
    }

    pub fn api_health(&self) -> ApiHealth {
        let families = &self.inner.families;
        let known = |at: i64| Some(at).filter(|t| *t > 0);
        ApiHealth {
            last_success: known(families.api_last_success.get()),
            last_failure: known(families.api_last_failure.get()),
        }
    }
}

impl CallObserver for Metrics {
    fn observe(&self, endpoint: &'static str, elapsed: Duration, result: Result<(), &ApiError>) {
        self.record_api_call(endpoint, elapsed, result);
    }
}

fn error_kind(error: &ApiError) -> &'static str {
    match error {
        ApiError::Api { .. } => "api",
        ApiError::Timeout => "timeout",
        ApiError::Unreachable(_) => "unreachable",
        ApiError::HttpStatus(_) => "http_status",
        ApiError::Malformed(_) => "malformed",
        ApiError::Busy => "busy",
    }
}

#[cfg(test)]
mod tests;
