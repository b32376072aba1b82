//! Telling the host site: signed webhooks (Standard Webhooks) for every upload event, delivered
//! at least once from an outbox in the database.
//!
//! `event` builds what is sent, `signing` signs it, `settings` reads `WEBHOOK_*`, `sender` makes one
//! HTTP attempt, and `delivery` claims due events from the outbox and records each attempt. The
//! outbox row itself is written by the use case that changes the upload, in the same transaction.

pub mod changes;
pub mod delivery;
pub mod event;
pub mod outbox;
pub mod ping;
pub mod sender;
pub mod settings;
pub mod signing;

pub use changes::{Snapshot, events_between};
pub use delivery::{Deliverer, Report, now_ms};
pub use event::{EventType, OutboxEvent, UploadData};
pub use outbox::Outbox;
pub use ping::ping;
pub use sender::{Attempt, Message, Sender};
pub use settings::WebhookSettings;
pub use signing::SigningKey;

use crate::store::NewDelivery;

impl OutboxEvent {
    /// The outbox row for this event (`ping` is never stored, so it has none).
    pub fn to_delivery(&self) -> Option<NewDelivery> {
        Some(NewDelivery {
            webhook_id: self.webhook_id.clone(),
            event_type: self.event_type.as_str().to_string(),
            upload_id: self.upload_id?,
            payload: self.payload.clone(),
            created_at_ms: self.created_at_ms,
        })
    }
}
