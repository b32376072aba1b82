//! Prometheus metrics in the text exposition format, kept by hand: a handful of counters and one
//! histogram do not justify a registry crate and its build time.
//!
//! Every label value comes from a bounded set (route *patterns*, fixed outcome names, 23 endpoint
//! paths), never from a request, so the number of series cannot grow with traffic.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub use crate::store::QueueSizes;
use crate::twentythree::ApiError;

mod exposition;

/// Upper bounds (seconds) of the 23 latency histogram: from a quick read to a timed-out call.
const LATENCY_BUCKETS: [f64; 10] = [0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

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
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    tokens_minted: AtomicU64,
    callbacks: Mutex<BTreeMap<CallbackOutcome, u64>>,
    api: Mutex<BTreeMap<&'static str, EndpointStats>>,
    api_last_success: AtomicI64,
    api_last_failure: AtomicI64,
    /// When `/readyz` last asked 23 itself (see `claim_probe`).
    api_last_probe: AtomicI64,
}

#[derive(Default)]
struct EndpointStats {
    /// Cumulative, like the exposition format: `buckets[i]` counts calls ≤ `LATENCY_BUCKETS[i]`.
    buckets: [u64; LATENCY_BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
    errors: BTreeMap<&'static str, u64>,
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
        *lock(&self.inner.requests)
            .entry((route.to_owned(), method.to_owned(), status))
            .or_default() += 1;
    }

    pub fn token_minted(&self) {
        self.inner.tokens_minted.fetch_add(1, Ordering::Relaxed);
    }

    pub fn callback(&self, outcome: CallbackOutcome) {
        *lock(&self.inner.callbacks).entry(outcome).or_default() += 1;
    }

    /// One finished call to 23 (retries included). An error answer from 23 still proves it is
    /// reachable; timeouts, refused connections and non-23 answers do not.
    pub fn record_api_call(
        &self,
        endpoint: &'static str,
        elapsed: Duration,
        result: Result<(), &ApiError>,
    ) {
        let seconds = elapsed.as_secs_f64();
        {
            let mut api = lock(&self.inner.api);
            let stats = api.entry(endpoint).or_default();
            for (bucket, bound) in stats.buckets.iter_mut().zip(LATENCY_BUCKETS) {
                if seconds <= bound {
                    *bucket += 1;
                }
            }
            stats.count += 1;
            stats.sum_seconds += seconds;
            if let Err(error) = result {
                *stats.errors.entry(error_kind(error)).or_default() += 1;
            }
        }
        let reached = matches!(result, Ok(()) | Err(ApiError::Api { .. }));
        let when = if reached {
            &self.inner.api_last_success
        } else {
            &self.inner.api_last_failure
        };
        when.store(crate::uploads::now(), Ordering::Relaxed);
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
        let known = |at: &AtomicI64| Some(at.load(Ordering::Relaxed)).filter(|t| *t > 0);
        ApiHealth {
            last_success: known(&self.inner.api_last_success),
            last_failure: known(&self.inner.api_last_failure),
        }
    }
}

/// A poisoned lock only means another thread panicked mid-increment; the counts stay usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn error_kind(error: &ApiError) -> &'static str {
    match error {
        ApiError::Api { .. } => "api",
        ApiError::Timeout => "timeout",
        ApiError::Unreachable(_) => "unreachable",
        ApiError::HttpStatus(_) => "http_status",
        ApiError::Malformed(_) => "malformed",
    }
}

#[cfg(test)]
mod tests;
