//! Mail to the operator about new videos, against an SMTP sink the tests start on loopback:
//! one mail per upload (or a digest), never lost while the mail server is down, never twice,
//! headers safe from the visitor's words, the SMTP password in no log or check output.

mod check;
mod digest;
mod journeys;
pub mod sink;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use sink::Sink;

use crate::helpers::{TestApp, spawn_app_with};

pub const OPERATOR: &str = "operator@example.com";
pub const ADMIN_PASSWORD: &str = "operator-password-Kq3v9";

/// Variables that mail the operator through the sink on `port` (no login), retrying every second.
pub fn mail_vars(vars: &mut HashMap<String, String>, port: u16) {
    vars.insert("SMTP_URL".into(), format!("smtp://127.0.0.1:{port}"));
    vars.insert("NOTIFY_EMAIL".into(), OPERATOR.into());
    vars.insert("SMTP_RETRY_SECS".into(), "1".into());
    vars.insert("ADMIN_USERNAME".into(), "operator".into());
    vars.insert("ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into());
}

/// A portal (against a standalone sandbox) mailing the operator through a fresh sink.
pub async fn app_with_sink(
    customize: impl FnOnce(&mut HashMap<String, String>),
) -> (TestApp, Sink) {
    let sink = Sink::start().await;
    let app = spawn_app_with(|vars| {
        mail_vars(vars, sink.port);
        customize(vars);
    })
    .await;
    (app, sink)
}

/// One outbox row as the database holds it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Row {
    pub upload_id: i64,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// Every row of the operator's mail outbox, oldest first.
pub async fn outbox(database_url: &str) -> Vec<Row> {
    const QUERY: &str =
        "SELECT upload_id, state, attempts, last_error FROM mail_notices ORDER BY id";
    crate::helpers::query_rows(database_url, QUERY).await
}

/// Polls the outbox until `done` holds for it, or fails after `seconds`.
pub async fn wait_for_outbox(
    app: &TestApp,
    seconds: u64,
    done: impl Fn(&[Row]) -> bool,
) -> Vec<Row> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let rows = outbox(&app.database_url).await;
        if done(&rows) {
            return rows;
        }
        assert!(
            Instant::now() < deadline,
            "gave up waiting; the outbox is {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
