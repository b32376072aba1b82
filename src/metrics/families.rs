//! The metric families, registered once: their names, types, labels and help are what dashboards
//! query (README.md, "Health, readiness and metrics").

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::CallbackOutcome;

/// Every name starts with this (joined with `_`).
pub(super) const PREFIX: &str = "upload_portal";

/// Upper bounds (seconds) of the 23 latency histogram: from a quick read to a timed-out call.
const LATENCY_BUCKETS: [f64; 10] = [0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EndpointLabel {
    endpoint: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct JobLabel {
    pub(super) job: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ErrorLabels {
    endpoint: &'static str,
    kind: &'static str,
}

type LatencyFamily = Family<EndpointLabel, Histogram, fn() -> Histogram>;

/// The registry and a handle on each family in it (handles share state with the registry).
pub(super) struct Families {
    pub(super) registry: Registry,
    requests: Family<RequestLabels, Counter>,
    pub(super) tokens_minted: Counter,
    callbacks: Family<OutcomeLabel, Counter>,
    api_latency: LatencyFamily,
    api_errors: Family<ErrorLabels, Counter>,
    pub(super) api_last_success: Gauge,
    pub(super) api_last_failure: Gauge,
    pub(super) webhooks: super::webhooks::WebhookFamilies,
    pub(super) job_leaders: Family<JobLabel, Gauge>,
}

impl Default for Families {
    /// Help texts are given without their final period: the registry adds one. Counters are
    /// named without `_total`, which the encoder appends.
    fn default() -> Self {
        let mut registry = Registry::with_prefix(PREFIX);
        let requests = Family::default();
        let help = "HTTP requests by route pattern, method and status";
        registry.register("http_requests", help, requests.clone());
        let tokens_minted = Counter::default();
        let help = "Upload tokens 23 issued to visitors";
        registry.register("upload_tokens_minted", help, tokens_minted.clone());
        let callbacks = Family::<OutcomeLabel, Counter>::default();
        // Every outcome is shown from the start, at 0, so rates work from the first scrape.
        for outcome in CallbackOutcome::ALL {
            let outcome = outcome.as_str();
            drop(callbacks.get_or_create(&OutcomeLabel { outcome }));
        }
        registry.register("callbacks", "Returns from 23 by outcome", callbacks.clone());
        let api_latency: LatencyFamily =
            Family::new_with_constructor(|| Histogram::new(LATENCY_BUCKETS));
        let help = "Time of calls to the 23 API (retries included) by endpoint";
        let name = "twentythree_request_duration_seconds";
        registry.register(name, help, api_latency.clone());
        let api_errors = Family::default();
        let help = "Failed calls to the 23 API by endpoint and kind";
        registry.register("twentythree_errors", help, api_errors.clone());
        let api_last_success = Gauge::default();
        let name = "twentythree_last_success_timestamp_seconds";
        let help = "When 23 last answered (0: not yet)";
        registry.register(name, help, api_last_success.clone());
        let api_last_failure = Gauge::default();
        let name = "twentythree_last_failure_timestamp_seconds";
        let help = "When 23 last failed to answer (0: never)";
        registry.register(name, help, api_last_failure.clone());
        let webhooks = super::webhooks::WebhookFamilies::register(&mut registry);
        let job_leaders = Family::default();
        let help = "1 while this instance leads the background job (runs its rounds), else 0";
        registry.register("job_leader", help, job_leaders.clone());
        Self {
            job_leaders,
            webhooks,
            registry,
            requests,
            tokens_minted,
            callbacks,
            api_latency,
            api_errors,
            api_last_success,
            api_last_failure,
        }
    }
}

impl Families {
    pub(super) fn request(&self, route: &str, method: &str, status: u16) {
        let labels = RequestLabels {
            route: route.to_owned(),
            method: method.to_owned(),
            status,
        };
        self.requests.get_or_create(&labels).inc();
    }

    pub(super) fn callback(&self, outcome: CallbackOutcome) {
        let outcome = outcome.as_str();
        self.callbacks
            .get_or_create(&OutcomeLabel { outcome })
            .inc();
    }

    /// Latency of one call, and its kind of failure (if it failed).
    pub(super) fn api_call(
        &self,
        endpoint: &'static str,
        elapsed: Duration,
        error: Option<&'static str>,
    ) {
        let latency = self.api_latency.get_or_create(&EndpointLabel { endpoint });
        latency.observe(elapsed.as_secs_f64());
        if let Some(kind) = error {
            self.api_errors
                .get_or_create(&ErrorLabels { endpoint, kind })
                .inc();
        }
    }
}
