//! The handle the use cases hold: whether events are wanted at all, and a nudge for this
//! instance's delivery job so an event goes out the moment its change is committed instead of at
//! the next poll.

use std::sync::Arc;

use tokio::sync::Notify;

use super::event::{EventType, OutboxEvent};
use crate::uploads::{Photo, Upload};

/// Cheap to clone: clones share the nudge.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    enabled: bool,
    wake: Arc<Notify>,
}

impl Outbox {
    /// With `enabled` false (no `WEBHOOK_URL`), no event is written: none would ever be sent.
    pub fn new(enabled: bool) -> Outbox {
        Outbox {
            enabled,
            wake: Arc::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The event to write with a change, or `None` when webhooks are off.
    pub fn event(
        &self,
        kind: EventType,
        upload: &Upload,
        photo: Option<&Photo>,
    ) -> Option<OutboxEvent> {
        self.enabled
            .then(|| OutboxEvent::about(kind, upload, photo))
    }

    /// Call after the transaction that wrote events commits.
    pub fn committed(&self) {
        if self.enabled {
            // Stored if the job is busy, so a nudge during a pass is not lost.
            self.wake.notify_one();
        }
    }

    /// Resolves at the next `committed` (or at once if one came since the last call).
    pub async fn nudged(&self) {
        self.wake.notified().await
    }
}
