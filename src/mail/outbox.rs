//! The handle the use cases hold: whether the operator wants mail at all, and a nudge for this
//! instance's mail job so a mail goes out soon after its upload is committed.

use std::sync::Arc;

use tokio::sync::Notify;

/// Cheap to clone: clones share the nudge.
#[derive(Clone, Debug, Default)]
pub struct MailOutbox {
    enabled: bool,
    wake: Arc<Notify>,
}

impl MailOutbox {
    /// With `enabled` false (no `NOTIFY_EMAIL`), nothing is queued: nothing would be sent.
    pub fn new(enabled: bool) -> MailOutbox {
        MailOutbox {
            enabled,
            wake: Arc::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Call after the transaction that queued mail commits.
    pub fn committed(&self) {
        if self.enabled {
            self.wake.notify_one();
        }
    }

    /// Resolves at the next `committed` (or at once if one came since the last call).
    pub async fn nudged(&self) {
        self.wake.notified().await
    }
}
