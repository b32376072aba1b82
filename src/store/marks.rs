//! The per-visitor change marker: any instance tells "has this visitor's history changed?" with
//! one indexed read. Database triggers (migration `…_history_marks`) bump it on every write the
//! history shows, so no code path, job or instance can change a history and leave it behind.

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

impl Store {
    /// The version of the visitor's history: 0 before their first upload, then growing with every
    /// change the page would show (never with a job's bookkeeping).
    pub async fn history_version(&self, visitor_id: &str) -> StoreResult<i64> {
        let version: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT version FROM history_marks WHERE visitor_id = $1"
        )
        .bind(visitor_id)
        .fetch_optional(pool)
        .await)
        .context("could not read the history's change marker")?;
        Ok(version.unwrap_or(0))
    }
}
