//! Rendering in the Prometheus text exposition format (version 0.0.4), the format `/metrics`
//! declares and scrapers already parse.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::prometheus_text::encode;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

use super::families::PREFIX;
use super::{Metrics, QueueSizes};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabel {
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

impl Metrics {
    /// Everything, in the Prometheus text exposition format (version 0.0.4). The database's
    /// gauges are left out when they could not be read (`None`), rather than shown as zero.
    pub fn render(&self, queues: Option<&QueueSizes>) -> String {
        let mut out = String::new();
        let mut written = encode(&mut out, &self.inner.families.registry);
        if let Some(queues) = queues {
            written = written.and_then(|()| encode(&mut out, &queue_registry(queues)));
        }
        if written.is_err() {
            // Only a label encoder can fail, and ours write plain strings and numbers.
            tracing::error!("could not encode the metrics");
        }
        out
    }
}

/// The database's gauges, read fresh at each scrape, so they live in a registry of their own.
fn queue_registry(queues: &QueueSizes) -> Registry {
    let mut registry = Registry::with_prefix(PREFIX);
    let gauge = |value: i64| {
        let gauge: Gauge = Gauge::default();
        gauge.set(value);
        gauge
    };
    registry.register(
        "uploads_due_for_reconcile",
        "Uploads the reconciler should ask 23 about now",
        gauge(queues.uploads_due_for_reconcile),
    );
    registry.register(
        "videos_due_for_refresh",
        "Videos the refresher should ask 23 about now",
        gauge(queues.videos_due_for_refresh),
    );
    let uploads = Family::<StatusLabel, Gauge>::default();
    for (status, n) in &queues.uploads_by_status {
        let status = status.clone();
        uploads.get_or_create(&StatusLabel { status }).set(*n);
    }
    registry.register("uploads", "Stored uploads by status", uploads);
    let webhooks = Family::<StateLabel, Gauge>::default();
    for (state, n) in [
        ("pending", queues.webhooks_pending),
        ("failed", queues.webhooks_failed),
    ] {
        webhooks.get_or_create(&StateLabel { state }).set(n);
    }
    let help = "Webhook deliveries waiting to be sent, and those that gave up";
    registry.register("webhook_queue", help, webhooks);
    registry
}
