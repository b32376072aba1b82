//! Queries of the background jobs: what is due, claiming it, and what they learned.
//!
//! Claiming moves `next_check_at` / `next_refresh_at` forward with a compare-and-set, so when
//! several instances share one database each due item is taken by exactly one of them; the moved
//! time doubles as a lease, after which a crashed instance's work becomes due again.

use anyhow::Context as _;

use super::rows::{PhotoRow, UploadRow, upload_columns};
use super::{Store, StoreResult, on_pool};
use crate::uploads::{Event, Metadata, Photo, Status, Upload};

/// What 23 says about an encoded video.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodedVideo {
    pub thumbnail_url: Option<String>,
    pub video_length: Option<f64>,
    pub video_url: Option<String>,
}

impl Store {
    /// Uploads whose fate 23 may know and we don't: pending or unverified ones, and expired ones
    /// for a while after the deadline (a file started before it may still land). Due ones only,
    /// oldest due first, each claimed for `lease` seconds.
    pub async fn claim_uploads_to_reconcile(
        &self,
        now: i64,
        forget_after: i64,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<Upload>> {
        let candidates: Vec<(i64, Option<i64>)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, next_check_at FROM uploads \
             WHERE status IN ('pending', 'unverified', 'expired') \
               AND (next_check_at IS NULL OR next_check_at <= $1) AND valid_until > $2 \
             ORDER BY next_check_at LIMIT $3",
        )
        .bind(now)
        .bind(now - forget_after)
        .bind(i64::from(limit))
        .fetch_all(pool)
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
        &self,
        id: i64,
        due: Option<i64>,
        until: i64,
    ) -> StoreResult<Option<Upload>> {
        let row: Option<UploadRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "UPDATE uploads SET next_check_at = $1 \
             WHERE id = $2 AND next_check_at IS NOT DISTINCT FROM $3 RETURNING ",
            upload_columns!()
        ))
        .bind(until)
        .bind(id)
        .bind(due)
        .fetch_optional(pool)
        .await)
        .context("could not claim an upload to reconcile")?;
        Ok(row.map(Upload::try_from).transpose()?)
    }

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

    /// Marks pending uploads past their deadline as expired; returns how many.
    pub async fn expire_overdue(&self, now: i64) -> StoreResult<usize> {
        let overdue: Vec<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT id FROM uploads WHERE status = 'pending' AND valid_until < $1",
        )
        .bind(now)
        .fetch_all(pool)
        .await)
        .context("could not list overdue uploads")?;
        let mut expired = 0;
        for id in overdue {
            if self.apply_event(id, Event::TokenExpired).await? == Status::Expired {
                expired += 1;
            }
        }
        Ok(expired)
    }

    /// Drops a callback's claim that 23 has now contradicted (confirmed videos are never dropped).
    pub async fn reject_claim(&self, upload_id: i64, photo_id: i64) -> StoreResult<Status> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM photos WHERE upload_id = $1 AND photo_id = $2 AND status = 'unverified'",
        )
        .bind(upload_id)
        .bind(photo_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not drop a rejected claim")?;
        let claims_left: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM photos WHERE upload_id = $1 AND status = 'unverified'",
        )
        .bind(upload_id)
        .fetch_one(pool)
        .await)
        .context("could not count an upload's claims")?;
        if claims_left > 0 {
            return self.apply_event(upload_id, Event::VideoClaimed).await;
        }
        self.apply_event(upload_id, Event::ClaimRejected).await
    }

    /// Confirmed videos still being encoded that are due for a look, each claimed for `lease` s.
    pub async fn claim_photos_to_refresh(
        &self,
        now: i64,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<Photo>> {
        let candidates: Vec<(i64, i64, Option<i64>)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT upload_id, photo_id, next_refresh_at FROM photos \
             WHERE status = 'uploaded' AND (next_refresh_at IS NULL OR next_refresh_at <= $1) \
             ORDER BY next_refresh_at LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)
        .context("could not list videos to refresh")?;
        let mut claimed = Vec::new();
        for (upload_id, photo_id, due) in candidates {
            let row: Option<PhotoRow> = on_pool!(self, |pool| sqlx::query_as(
                "UPDATE photos SET next_refresh_at = $1 \
                 WHERE upload_id = $2 AND photo_id = $3 AND next_refresh_at IS NOT DISTINCT FROM $4 \
                 RETURNING upload_id, photo_id, tree_id, token, status, video_url, thumbnail_url, video_length",
            )
            .bind(now + lease)
            .bind(upload_id)
            .bind(photo_id)
            .bind(due)
            .fetch_optional(pool).await)
            .context("could not claim a video to refresh")?;
            if let Some(row) = row {
                claimed.push(Photo::try_from(row)?);
            }
        }
        Ok(claimed)
    }

    pub async fn schedule_next_refresh(
        &self,
        upload_id: i64,
        photo_id: i64,
        at: i64,
        attempts: u32,
    ) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE photos SET next_refresh_at = $1, refresh_attempts = $2 WHERE upload_id = $3 AND photo_id = $4",
        )
        .bind(at)
        .bind(i64::from(attempts))
        .bind(upload_id)
        .bind(photo_id)
        .execute(pool).await.map(|done| done.rows_affected()))
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

    /// 23 finished encoding: keep the thumbnail and length, mark the video (and upload) ready.
    pub async fn record_encoded(
        &self,
        upload_id: i64,
        photo_id: i64,
        video: &EncodedVideo,
    ) -> StoreResult<Status> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE photos SET status = 'ready', thumbnail_url = $1, video_length = $2, \
             video_url = COALESCE($3, video_url), updated_at = $4 \
             WHERE upload_id = $5 AND photo_id = $6 AND status IN ('uploaded', 'ready')",
        )
        .bind(&video.thumbnail_url)
        .bind(video.video_length)
        .bind(&video.video_url)
        .bind(crate::uploads::now())
        .bind(upload_id)
        .bind(photo_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not record an encoded video")?;
        self.apply_event(upload_id, Event::VideoEncoded).await
    }

    /// The visitor corrected the title, description or tags.
    pub async fn update_metadata(&self, upload_id: i64, metadata: &Metadata) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET title = $1, description = $2, tags = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(&metadata.title)
        .bind(&metadata.description)
        .bind(&metadata.tags)
        .bind(crate::uploads::now())
        .bind(upload_id)
        .execute(pool).await.map(|done| done.rows_affected()))
        .context("could not update an upload's details")?;
        Ok(())
    }

    /// How many upload tokens this visitor had minted since `since` (for the hourly limit).
    pub async fn uploads_minted_since(&self, visitor_id: &str, since: i64) -> StoreResult<u32> {
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM uploads WHERE visitor_id = $1 AND created_at >= $2",
        )
        .bind(visitor_id)
        .bind(since)
        .fetch_one(pool)
        .await)
        .context("could not count recent uploads")?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
