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

/// Uploads whose fate 23 may still change at `$now`, forgetting expired ones whose deadline is
/// before `$forget` (placeholders, so each query keeps them in order of first use): no answer yet,
/// or a token that still takes files while it is valid (a failed, uploaded or ready upload with
/// `max_uploads` > 1 and fewer videos than that: a later file's lost callback must be found).
macro_rules! open_for_reconcile {
    ($now:literal, $forget:literal) => {
        concat!(
            "((status IN ('failed', 'uploaded', 'ready') AND max_uploads > 1 AND valid_until > ",
            $now,
            " AND (SELECT COUNT(*) FROM photos p WHERE p.upload_id = uploads.id) < max_uploads) \
             OR (status IN ('pending', 'unverified', 'expired') AND valid_until > ",
            $forget,
            "))"
        )
    };
}
pub(super) use open_for_reconcile;

/// Open uploads (see [`open_for_reconcile`]) the reconciler would claim at `$1`: those whose time
/// has come, and unverified ones (a callback 23 could not be asked about) a minute after their
/// last answer, not in flight and not backing off after an error: the change detector cannot help
/// there, since the video is recorded already. Shared with the queue-size count so both agree.
macro_rules! due_for_reconcile {
    () => {
        concat!(
            "(next_check_at IS NULL OR next_check_at <= $1 \
              OR (status = 'unverified' AND claimed_at IS NULL AND check_attempts = 0 \
                AND (checked_at IS NULL OR checked_at <= ($1 - 60) * 1000))) AND ",
            $crate::store::lifecycle::open_for_reconcile!("$1", "$2")
        )
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

/// The uploads that `$cond` makes due, fairly: every visitor's first due upload before anyone's
/// second, so one visitor's thousand abandoned tokens cannot hold back another visitor's lost
/// callback (issue 14). Within a visitor, and between visitors at the same turn, earliest due
/// first. `$limit` is the batch size's placeholder.
macro_rules! fair_due_uploads {
    ($cond:expr, $limit:literal) => {
        concat!(
            "SELECT id, next_check_at FROM (SELECT id, next_check_at, \
               COALESCE(next_check_at, 0) AS due_at, \
               ROW_NUMBER() OVER (PARTITION BY visitor_id ORDER BY COALESCE(next_check_at, 0), id) \
                 AS turn \
             FROM uploads WHERE ",
            $cond,
            ") AS due ORDER BY turn, due_at, id LIMIT ",
            $limit
        )
    };
}

pub(super) use fair_due_uploads;

impl Tx {
    /// Uploads whose fate 23 may know and we don't (see [`open_for_reconcile`]) and whose check is
    /// due, taken fairly across visitors, each claimed for `lease` seconds.
    pub async fn claim_uploads_to_reconcile(
        &mut self,
        now: i64,
        forget_after: i64,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<Upload>> {
        let candidates: Vec<(i64, Option<i64>)> = on_tx!(self, |conn| sqlx::query_as(
            fair_due_uploads!(due_for_reconcile!(), "$3")
        )
        .bind(now)
        .bind(now - forget_after)
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await)
        .context("could not list uploads to reconcile")?;
        self.claim_each(candidates, now, lease).await
    }

    pub(super) async fn claim_each(
        &mut self,
        candidates: Vec<(i64, Option<i64>)>,
        now: i64,
        lease: i64,
    ) -> StoreResult<Vec<Upload>> {
        let mut claimed = Vec::new();
        for (id, due) in candidates {
            if let Some(upload) = self.try_claim_upload(id, due, now, now + lease).await? {
                claimed.push(upload);
            }
        }
        Ok(claimed)
    }

    /// Takes an upload from `now` until `until`, if its due time is still the `due` this caller
    /// read; of several instances that read the same `due`, exactly one gets it. `claimed_at`
    /// says the check is in flight, so the change detector leaves its schedule alone.
    pub async fn try_claim_upload(
        &mut self,
        id: i64,
        due: Option<i64>,
        now: i64,
        until: i64,
    ) -> StoreResult<Option<Upload>> {
        let row: Option<UploadRow> = on_tx!(self, |conn| sqlx::query_as(concat!(
            "UPDATE uploads SET next_check_at = $1, claimed_at = $2 \
             WHERE id = $3 AND next_check_at IS NOT DISTINCT FROM $4 RETURNING ",
            upload_columns!()
        ))
        .bind(until)
        .bind(now)
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
    fn try_claim_upload(id: i64, due: Option<i64>, now: i64, until: i64) -> Option<Upload>; }
    in_own_tx! { /// See [`Tx::claim_photos_to_refresh`].
    fn claim_photos_to_refresh(now: i64, lease: i64, limit: u32) -> Vec<Photo>; }

    /// When to ask 23 about this upload again, and how many times it has been asked; ends the
    /// claim that was in flight.
    pub async fn schedule_next_check(
        &self,
        upload_id: i64,
        at: i64,
        attempts: u32,
    ) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET next_check_at = $1, check_attempts = $2, claimed_at = NULL \
             WHERE id = $3"
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
