//! `upload-portal check`'s webhook step: one signed `ping` to `WEBHOOK_URL`, reported in a line.

use serde_json::json;

use super::event::{EventType, OutboxEvent};
use super::sender::{Message, Sender};
use super::settings::WebhookSettings;

/// What the receiver answered to a signed `ping` (Ok for 2xx), in words for the operator.
pub async fn ping(settings: &WebhookSettings) -> Result<String, String> {
    let sender = Sender::new(settings.url.clone(), settings.key.clone(), settings.timeout)
        .map_err(|e| format!("WEBHOOK_URL: could not build an HTTP client ({e})"))?;
    let data = json!({ "message": "upload-portal check" });
    let event = OutboxEvent::new(EventType::Ping, None, &data);
    let attempt = sender
        .send(Message {
            webhook_id: &event.webhook_id,
            payload: &event.payload,
        })
        .await;
    let took = attempt.duration.as_millis();
    if attempt.delivered() {
        Ok(format!(
            "{} accepted a signed ping ({}, {took} ms)",
            settings.url.origin().ascii_serialization(),
            attempt.summary()
        ))
    } else {
        Err(format!(
            "WEBHOOK_URL: {} did not accept a signed ping ({}, {took} ms); it must answer 2xx",
            settings.url.origin().ascii_serialization(),
            attempt.summary()
        ))
    }
}
