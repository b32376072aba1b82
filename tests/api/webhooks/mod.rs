//! Webhooks for the host site: every delivery verified by an independent Standard Webhooks
//! implementation on a loopback receiver, through whole uploads, faults, crashes and two instances.
//! Tests that measure print their figures (`cargo test --test api webhooks -- --nocapture`).

mod admin;
mod atomic;
mod check;
mod faults;
mod instances;
mod journeys;
mod receiver;

use std::collections::HashMap;

use receiver::Receiver;
use upload_portal::webhooks::SigningKey;

use crate::helpers::{TestApp, spawn_app_with};

/// Variables that point the portal's webhooks at `receiver`, retrying every second for 30 s.
pub fn webhook_vars(vars: &mut HashMap<String, String>, receiver: &Receiver, secret: &str) {
    vars.insert("WEBHOOK_URL".into(), receiver.url());
    vars.insert("WEBHOOK_SECRET".into(), secret.into());
    vars.insert("WEBHOOK_TIMEOUT_SECS".into(), "3".into());
    vars.insert("WEBHOOK_RETRY_SCHEDULE".into(), vec!["1s"; 30].join(","));
}

/// A portal (against a standalone sandbox) with webhooks to a fresh receiver; jobs every second.
pub async fn app_with_receiver(
    customize: impl FnOnce(&mut HashMap<String, String>),
) -> (TestApp, Receiver) {
    let secret = SigningKey::generate();
    let receiver = Receiver::start(&secret);
    let app = spawn_app_with(|vars| {
        webhook_vars(vars, &receiver, &secret);
        vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
        vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
        customize(vars);
    })
    .await;
    (app, receiver)
}

/// One outbox row as the database holds it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Row {
    pub webhook_id: String,
    pub event_type: String,
    pub upload_id: i64,
    pub state: String,
    pub attempts: i64,
    pub payload: String,
}

/// Every outbox row, oldest first, read straight from the portal's database.
pub async fn outbox(database_url: &str) -> Vec<Row> {
    const QUERY: &str = "SELECT webhook_id, event_type, upload_id, state, attempts, payload \
                         FROM webhook_deliveries ORDER BY id";
    crate::helpers::query_rows(database_url, QUERY).await
}

/// The event types the receiver accepted for one upload, in the order they arrived.
pub fn types_for(received: &[receiver::Received], upload_id: i64) -> Vec<String> {
    received
        .iter()
        .filter(|r| r.upload_id() == Some(upload_id))
        .map(|r| r.event_type.clone())
        .collect()
}

/// Asserts every attempt the receiver saw was correctly signed JSON.
pub fn assert_all_verified(received: &[receiver::Received]) {
    for r in received {
        assert_eq!(
            r.verified,
            Ok(()),
            "{} ({}) failed verification",
            r.webhook_id,
            r.event_type
        );
        assert_eq!(r.content_type, "application/json");
    }
}

/// Median and 99th percentile of some durations, in milliseconds.
pub fn median_p99(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}
