//! Queries of the background jobs: what is due, claiming it, and when to look again.
//!
//! Claiming moves `next_check_at` / `next_refresh_at` forward with a compare-and-set, so when
//! several instances share one database each due item is taken by exactly one of them; the moved
//! time doubles as a lease, after which a crashed instance's work becomes due again. A batch of
//! claims is one transaction: if one fails, none of the batch stays leased.

use anyhow::Context as _;

use super::rows::{PhotoRow, UploadRow, photo_columns, upload_columns};
use super::tx::in_own_tx;
use super::{Store, StoreResult, Tx, on_pool, on_tx};
use crate::uploads::{Photo, Upload};

/// Uploads the reconciler would claim at `$1` (now), forgetting expired ones whose deadline is
/// before `$2`. A failed upload whose token still takes files (`max_uploads` > 1) stays in while
/// the token is valid: a later file's lost callback must still be found. Shared with the
/// queue-size count so both agree on what is due.
macro_rules! due_for_reconcile {
    () => {
        "(next_check_at IS NULL OR next_check_at <= $1) \
         AND ((status IN ('pending', 'unverified', 'expired') AND valid_until > $2) \
           OR (status = 'failed' AND max_uploads > 1 AND valid_until > $1))"
    };
}
pub(super) use due_for_reconcile;

/// Videos the encoding refresher would claim at `$1` (now).
macro_rules! due_for_refresh {
    () => {
        "status = 'uploaded' AND (next_refresh_at IS NULL OR next_refresh_at <= $1)"
    };
}
pub(super) use due_for_refresh;

/// What 23 says about an encoded video.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodedVideo {
    pub thumbnail_url: Option<String>,
    pub video_length: Option<f64>,
    pub video_url: Option<String>,
}

impl Tx {
    /// Uploads whose fate 23 may know and we don't: pending or unverified ones, and expired ones
    /// for a while after the deadline (a file started before it may still land). Due ones only,
    /// oldest due first, each claimed for `lease` seconds.
    pub async fn claim_uploads_to_reconcile(
        &mut self,
        now: i64,
        forget_after: i64,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<Upload>> {
        let candidates: Vec<(i64, Option<i64>)> = on_tx!(self, |conn| sqlx::query_as(concat!(
            "SELECT id, next_check_at FROM uploads WHERE ",
            due_for_reconcile!(),
            " ORDER BY next_check_at LIMIT $3"
        ))
        .bind(now)
        .bind(now - forget_after)
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await)
        .context("could not list uploads to reconcile")?;
        let mut claimed = Vec::new();
        for (id, due) in candidates {
            if let Some(upload) = self.try_claim_upload(id, due, now + lease).await? {
                claimed.push(upload);
            }
        }
        Ok(claimed)
    }

    /// Takes an upload until `until`, if its due time is still the `due` this caller read; of
    /// several instances that read the same `due`, exactly one gets it.
    pub async fn try_claim_upload(
        &mut self,
        id: i64,
        due: Option<i64>,
        until: i64,
    ) -> StoreResult<Option<Upload>> {
        let row: Option<UploadRow> = on_tx!(self, |conn| sqlx::query_as(concat!(
            "UPDATE uploads SET next_check_at = $1 \
             WHERE id = $2 AND next_check_at IS NOT DISTINCT FROM $3 RETURNING ",
            upload_columns!()
        ))
        .bind(until)
        .bind(id)
        .bind(due)
        .fetch_optional(conn)
        .await)
        .context("could not claim an upload to reconcile")?;
        Ok(row.map(Upload::try_from).transpose()?)
    }

    /// Confirmed videos still being encoded that are due for a look, each claimed for `lease` s.
    pub async fn claim_photos_to_refresh(
        &mut self,
        now: i64,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<Photo>> {
        let candidates: Vec<(i64, i64, Option<i64>)> =
            on_tx!(self, |conn| sqlx::query_as(concat!(
                "SELECT upload_id, photo_id, next_refresh_at FROM photos WHERE ",
                due_for_refresh!(),
                " ORDER BY next_refresh_at LIMIT $2"
            ))
            .bind(now)
            .bind(i64::from(limit))
            .fetch_all(conn)
            .await)
            .context("could not list videos to refresh")?;
        let mut claimed = Vec::new();
        for (upload_id, photo_id, due) in candidates {
            let row: Option<PhotoRow> = on_tx!(self, |conn| sqlx::query_as(concat!(
                "UPDATE photos SET next_refresh_at = $1 WHERE upload_id = $2 AND photo_id = $3 \
                 AND next_refresh_at IS NOT DISTINCT FROM $4 RETURNING ",
                photo_columns!()
            ))
            .bind(now + lease)
            .bind(upload_id)
            .bind(photo_id)
            .bind(due)
            .fetch_optional(conn)
            .await)
            .context("could not claim a video to refresh")?;
            if let Some(row) = row {
                claimed.push(Photo::try_from(row)?);
            }
        }
        Ok(claimed)
    }
}

impl Store {
    in_own_tx! { /// See [`Tx::claim_uploads_to_reconcile`].
    fn claim_uploads_to_reconcile(now: i64, forget_after: i64, lease: i64, limit: u32) -> Vec<Upload>; }
    in_own_tx! { /// See [`Tx::try_claim_upload`].
    fn try_claim_upload(id: i64, due: Option<i64>, until: i64) -> Option<Upload>; }
    in_own_tx! { /// See [`Tx::claim_photos_to_refresh`].
    fn claim_photos_to_refresh(now: i64, lease: i64, limit: u32) -> Vec<Photo>; }

    /// When to ask 23 about this upload again, and how many times it has been asked.
    pub async fn schedule_next_check(
        &self,
        upload_id: i64,
        at: i64,
        attempts: u32,
    ) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET next_check_at = $1, check_attempts = $2 WHERE id = $3"
        )
        .bind(at)
        .bind(i64::from(attempts))
        .bind(upload_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not schedule an upload's next check")?;
        Ok(())
    }

    pub async fn check_attempts(&self, upload_id: i64) -> StoreResult<u32> {
        let attempts: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT check_attempts FROM uploads WHERE id = $1"
        )
        .bind(upload_id)
        .fetch_one(pool)
        .await)
        .context("could not read an upload's check attempts")?;
        Ok(u32::try_from(attempts).unwrap_or(u32::MAX))
    }

    pub async fn schedule_next_refresh(
        &self,
        upload_id: i64,
        photo_id: i64,
        at: i64,
        attempts: u32,
    ) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE photos SET next_refresh_at = $1, refresh_attempts = $2 \
             WHERE upload_id = $3 AND photo_id = $4",
        )
        .bind(at)
        .bind(i64::from(attempts))
        .bind(upload_id)
        .bind(photo_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not schedule a video's next refresh")?;
        Ok(())
    }

    pub async fn refresh_attempts(&self, upload_id: i64, photo_id: i64) -> StoreResult<u32> {
        let attempts: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT refresh_attempts FROM photos WHERE upload_id = $1 AND photo_id = $2",
        )
        .bind(upload_id)
        .bind(photo_id)
        .fetch_one(pool)
        .await)
        .context("could not read a video's refresh attempts")?;
        Ok(u32::try_from(attempts).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
