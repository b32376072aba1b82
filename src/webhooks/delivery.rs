//! The delivery job's core: claim what is due, send it, record how it ended. The job (in `jobs`)
//! decides when to call `deliver_due`; this decides what a delivery attempt is.

use std::time::Duration;

use futures_util::StreamExt as _;
use tokio_util::sync::CancellationToken;

use super::sender::{Attempt, Message, Sender};
use super::settings::WebhookSettings;
use crate::store::{AttemptOutcome, Delivery, Store, StoreError};

/// Deliveries claimed per pass.
const BATCH: u32 = 50;
/// Deliveries in flight at once (to different uploads; one upload's events go one at a time).
const CONCURRENCY: usize = 8;
/// How long a claimed attempt is reserved beyond its timeout before another instance may take
/// it over: long enough that a live instance always finishes first.
const LEASE_MARGIN: Duration = Duration::from_secs(10);

/// The outcome of one attempt, for the metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub event_type: String,
    pub outcome: AttemptOutcome,
    pub attempt: Attempt,
}

impl Report {
    /// The outcome as the metrics name it: `delivered`, `retry` or `failed`.
    pub fn outcome_name(&self) -> &'static str {
        match self.outcome {
            AttemptOutcome::Delivered => "delivered",
            AttemptOutcome::RetryAt(_) => "retry",
            AttemptOutcome::GaveUp => "failed",
        }
    }
}

/// Sends due deliveries to the configured receiver.
#[derive(Clone, Debug)]
pub struct Deliverer {
    store: Store,
    sender: Sender,
    settings: WebhookSettings,
}

impl Deliverer {
    pub fn new(store: Store, settings: WebhookSettings) -> anyhow::Result<Deliverer> {
        let sender = Sender::new(settings.url.clone(), settings.key.clone(), settings.timeout)?;
        Ok(Deliverer {
            store,
            sender,
            settings,
        })
    }

    /// Sends every delivery due now (one pass, up to a batch), several at a time; returns what
    /// each attempt gave. Stops claiming once `stop` is cancelled.
    pub async fn deliver_due(&self, stop: &CancellationToken) -> Result<Vec<Report>, StoreError> {
        let due = self.store.due_deliveries(now_ms(), BATCH).await?;
        let reports = futures_util::stream::iter(due)
            .map(|(id, due)| async move {
                if stop.is_cancelled() {
                    return None;
                }
                match self.deliver_one(id, due).await {
                    Ok(report) => report,
                    Err(error) => {
                        tracing::warn!(delivery_id = id, %error, "could not record a webhook attempt");
                        None
                    }
                }
            })
            .buffer_unordered(CONCURRENCY)
            .filter_map(|r| async move { r })
            .collect()
            .await;
        Ok(reports)
    }

    /// Claims one delivery (unless another instance did) and makes one attempt at it.
    async fn deliver_one(&self, id: i64, due: i64) -> Result<Option<Report>, StoreError> {
        let lease = self.settings.timeout + LEASE_MARGIN;
        let until = now_ms() + lease.as_millis() as i64;
        let Some(delivery) = self.store.try_claim_delivery(id, due, until).await? else {
            return Ok(None);
        };
        let attempt = self
            .sender
            .send(Message {
                webhook_id: &delivery.webhook_id,
                payload: &delivery.payload,
            })
            .await;
        let outcome = self.outcome(&delivery, &attempt);
        self.log(&delivery, &attempt, &outcome);
        let summary = (!attempt.delivered()).then(|| attempt.summary());
        self.store
            .finish_attempt(
                &delivery,
                now_ms(),
                attempt.status,
                summary.as_deref(),
                &outcome,
            )
            .await?;
        Ok(Some(Report {
            event_type: delivery.event_type,
            outcome,
            attempt,
        }))
    }

    fn outcome(&self, delivery: &Delivery, attempt: &Attempt) -> AttemptOutcome {
        if attempt.delivered() {
            return AttemptOutcome::Delivered;
        }
        let attempts = u32::try_from(delivery.attempts).unwrap_or(u32::MAX);
        match self.settings.retry_after(attempts) {
            Some(wait) => AttemptOutcome::RetryAt(now_ms() + wait.as_millis() as i64),
            None => AttemptOutcome::GaveUp,
        }
    }

    /// One line per attempt: the event and how it went, never the body or the receiver's answer.
    fn log(&self, delivery: &Delivery, attempt: &Attempt, outcome: &AttemptOutcome) {
        let (id, event, n) = (
            &delivery.webhook_id,
            &delivery.event_type,
            delivery.attempts,
        );
        let status = attempt.status.unwrap_or_default();
        let ms = attempt.duration.as_millis() as u64;
        match outcome {
            AttemptOutcome::Delivered => {
                tracing::info!(webhook_id = %id, event, attempt = n, status, ms, "webhook delivered")
            }
            AttemptOutcome::RetryAt(_) => {
                tracing::warn!(webhook_id = %id, event, attempt = n, status, ms, "webhook not accepted; will retry")
            }
            AttemptOutcome::GaveUp => {
                tracing::error!(webhook_id = %id, event, attempt = n, status, ms, "webhook failed after the last attempt")
            }
        }
    }
}

/// Now as Unix milliseconds (the outbox's unit).
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}
