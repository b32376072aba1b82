//! Keeping a visitor's history tidy (issue 21 §6): taking off an entry that never got a video,
//! linking a "Try again" to the upload it retries (the history folds the earlier one under it),
//! and the file the page chose, which 23 does not report.

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

impl Store {
    /// Deletes the visitor's upload `id` if it never got a video (waiting, failed or expired);
    /// true when it did. Its videos' table rows cascade (there are none); webhook events already
    /// written stay (the outbox has no foreign key: an event outlives its upload).
    pub async fn remove_unsent(&self, id: i64, visitor_id: &str) -> StoreResult<bool> {
        let done = on_pool!(self, |pool| sqlx::query(
            "DELETE FROM uploads WHERE id = $1 AND visitor_id = $2 \
             AND status IN ('pending', 'failed', 'expired') \
             AND NOT EXISTS (SELECT 1 FROM photos WHERE photos.upload_id = $1)"
        )
        .bind(id)
        .bind(visitor_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
        .context("could not remove an upload")?;
        Ok(done > 0)
    }

    /// Notes that the visitor's upload `id` was started by "Try again" on `previous`.
    pub async fn mark_retry(&self, id: i64, previous: i64, visitor_id: &str) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET retry_of = $1 WHERE id = $2 AND visitor_id = $3 AND id <> $1"
        )
        .bind(previous)
        .bind(id)
        .bind(visitor_id)
        .execute(pool)
        .await
        .map(|_| ()))
        .context("could not link a retry to its upload")?;
        Ok(())
    }

    /// The file the visitor's page chose for upload `id`: its name and size, for the history.
    pub async fn record_chosen_file(
        &self,
        id: i64,
        visitor_id: &str,
        name: &str,
        size: u64,
    ) -> StoreResult<bool> {
        let size = i64::try_from(size).unwrap_or(i64::MAX);
        let done = on_pool!(self, |pool| {
            sqlx::query(
            "UPDATE uploads SET file_name = $1, file_size = $2 WHERE id = $3 AND visitor_id = $4"
        )
        .bind(name)
        .bind(size)
        .bind(id)
        .bind(visitor_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
        })
        .context("could not note the chosen file")?;
        Ok(done > 0)
    }
}
