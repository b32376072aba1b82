//! What `/metrics` and `/readyz` read from the database.

use anyhow::Context as _;

use super::lifecycle::{due_for_reconcile, due_for_refresh};
use super::{AdminFilter, Store, StoreResult, on_pool};

/// Sizes read from the database when metrics are scraped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueSizes {
    pub uploads_due_for_reconcile: i64,
    pub videos_due_for_refresh: i64,
    /// Every stored upload, by status.
    pub uploads_by_status: Vec<(String, i64)>,
    /// Webhook deliveries still to be sent, and those that gave up.
    pub webhooks_pending: i64,
    pub webhooks_failed: i64,
}

impl Store {
    /// The background jobs' backlog, counted as they would claim it, and uploads by status.
    pub async fn queue_sizes(&self, now: i64, forget_after: i64) -> StoreResult<QueueSizes> {
        let uploads_due_for_reconcile: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(concat!(
                "SELECT COUNT(*) FROM uploads WHERE ",
                due_for_reconcile!()
            ))
            .bind(now)
            .bind(now - forget_after)
            .fetch_one(pool)
            .await
        })
        .context("could not count uploads due for reconciling")?;
        let videos_due_for_refresh: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(concat!(
                "SELECT COUNT(*) FROM photos WHERE ",
                due_for_refresh!()
            ))
            .bind(now)
            .fetch_one(pool)
            .await
        })
        .context("could not count videos due for refreshing")?;
        let uploads_by_status = self
            .admin_status_counts(&AdminFilter::default())
            .await?
            .into_iter()
            .map(|(status, n)| (status.as_str().to_owned(), n))
            .collect();
        let (webhooks_pending, webhooks_failed) = self.delivery_counts().await?;
        Ok(QueueSizes {
            webhooks_pending,
            webhooks_failed,
            uploads_due_for_reconcile,
            videos_due_for_refresh,
            uploads_by_status,
        })
    }

    /// True when the database answers and both tables can be read: a reachable server with a
    /// broken schema cannot serve a single page, so it is not ready either.
    pub async fn is_ready(&self) -> bool {
        const SQL: &str = "SELECT (SELECT COUNT(*) FROM uploads WHERE id = 0) \
                                + (SELECT COUNT(*) FROM photos WHERE upload_id = 0)";
        on_pool!(self, |pool| sqlx::query_scalar::<_, i64>(SQL)
            .fetch_one(pool)
            .await
            .is_ok())
    }
}
