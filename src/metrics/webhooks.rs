//! The webhook delivery families: attempts by outcome and their duration. The queue's size is
//! read from the database at each scrape (see `exposition`).

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

/// How an attempt ended, as counted in `upload_portal_webhook_deliveries_total{outcome}`.
pub const OUTCOMES: [&str; 3] = ["delivered", "retry", "failed"];
/// Upper bounds (seconds) of the delivery histogram: a loopback answer to a timed-out attempt.
const BUCKETS: [f64; 9] = [0.005, 0.025, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0, 30.0];

pub(super) struct WebhookFamilies {
    deliveries: Family<OutcomeLabel, Counter>,
    duration: Histogram,
}

impl WebhookFamilies {
    pub(super) fn register(registry: &mut Registry) -> WebhookFamilies {
        let deliveries = Family::<OutcomeLabel, Counter>::default();
        for outcome in OUTCOMES {
            drop(deliveries.get_or_create(&OutcomeLabel { outcome }));
        }
        let help = "Webhook delivery attempts by outcome (delivered, retry, failed)";
        registry.register("webhook_deliveries", help, deliveries.clone());
        let duration = Histogram::new(BUCKETS);
        let help = "Time of one webhook delivery attempt";
        let name = "webhook_delivery_duration_seconds";
        registry.register(name, help, duration.clone());
        WebhookFamilies {
            deliveries,
            duration,
        }
    }

    pub(super) fn attempt(&self, outcome: &'static str, took: Duration) {
        self.deliveries
            .get_or_create(&OutcomeLabel { outcome })
            .inc();
        self.duration.observe(took.as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::metrics::{Metrics, QueueSizes};

    #[test]
    fn attempts_are_counted_by_outcome_and_timed_and_the_queue_is_a_gauge() {
        let metrics = Metrics::default();
        metrics.webhook_attempt("retry", Duration::from_millis(3));
        metrics.webhook_attempt("delivered", Duration::from_millis(3));
        metrics.webhook_attempt("delivered", Duration::from_secs(20));
        let queues = QueueSizes {
            webhooks_pending: 4,
            webhooks_failed: 1,
            ..QueueSizes::default()
        };
        let text = metrics.render(Some(&queues));
        for line in [
            r#"upload_portal_webhook_deliveries_total{outcome="delivered"} 2"#,
            r#"upload_portal_webhook_deliveries_total{outcome="retry"} 1"#,
            r#"upload_portal_webhook_deliveries_total{outcome="failed"} 0"#,
            "upload_portal_webhook_delivery_duration_seconds_count 3",
            r#"upload_portal_webhook_delivery_duration_seconds_bucket{le="0.005"} 2"#,
            r#"upload_portal_webhook_queue{state="pending"} 4"#,
            r#"upload_portal_webhook_queue{state="failed"} 1"#,
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing in\n{text}");
        }
    }
}
