//! Every change of an upload's state, each one all or nothing.
//!
//! Each write is a method on [`Tx`], so a caller can add its own writes (a history row, an outbox
//! row for the host site) to the same transaction before committing. The `Store` methods of the
//! same names run one write alone in a transaction of its own.

use anyhow::Context as _;

use super::rows::parse_status;
use super::tx::in_own_tx;
use super::{EncodedVideo, PhotoRecord, Store, StoreResult, Tx, on_tx};
use crate::uploads::{Event, Metadata, Status, now};

impl Tx {
    /// Moves an upload through the state machine. Safe to repeat and to race: the update only
    /// lands if the status is still the one the transition was computed from.
    pub async fn apply_event(&mut self, upload_id: i64, event: Event) -> StoreResult<Status> {
        loop {
            let current: String = on_tx!(self, |conn| sqlx::query_scalar(
                "SELECT status FROM uploads WHERE id = $1"
            )
            .bind(upload_id)
            .fetch_one(conn)
            .await)
            .context("could not read an upload's status")?;
            let current = parse_status(&current)?;
            let next = current.after(event);
            if next == current {
                return Ok(current);
            }
            let changed = on_tx!(self, |conn| sqlx::query(
                "UPDATE uploads SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
            )
            .bind(next.as_str())
            .bind(now())
            .bind(upload_id)
            .bind(current.as_str())
            .execute(conn)
            .await
            .map(|done| done.rows_affected()))
            .context("could not update an upload's status")?;
            if changed == 1 {
                return Ok(next);
            }
        }
    }

    /// Records 23's error message and marks the upload failed, only while it is still pending: a
    /// failure callback (replayed, forged or late) never writes over an upload that has a video,
    /// has expired or has already failed.
    pub async fn record_failure(
        &mut self,
        upload_id: i64,
        error_message: &str,
    ) -> StoreResult<Status> {
        // The row lock this UPDATE takes holds off a concurrent confirmation until commit, so the
        // status change below starts from the `pending` this statement saw.
        on_tx!(self, |conn| sqlx::query(
            "UPDATE uploads SET error_message = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'"
        )
        .bind(error_message)
        .bind(now())
        .bind(upload_id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not store 23's error message")?;
        self.apply_event(upload_id, Event::UploadFailed).await
    }

    /// Records a video once. `confirmed` means 23 listed it under this upload's token; otherwise it
    /// is only a claim from a callback that could not be checked yet. A repeat changes nothing,
    /// except that a later confirmation upgrades an earlier claim.
    pub async fn record_photo(
        &mut self,
        upload_id: i64,
        photo: &PhotoRecord,
        confirmed: bool,
    ) -> StoreResult<Status> {
        let (status, event) = if confirmed {
            (Status::Uploaded, Event::VideoConfirmed)
        } else {
            (Status::Unverified, Event::VideoClaimed)
        };
        on_tx!(self, |conn| sqlx::query(
            "INSERT INTO photos (upload_id, photo_id, tree_id, token, status, video_url, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (upload_id, photo_id) DO UPDATE SET status = excluded.status, \
               tree_id = COALESCE(excluded.tree_id, photos.tree_id), token = COALESCE(excluded.token, photos.token), \
               video_url = COALESCE(excluded.video_url, photos.video_url), updated_at = excluded.updated_at \
             WHERE photos.status = 'unverified' AND excluded.status = 'uploaded'",
        )
        .bind(upload_id)
        .bind(photo.photo_id)
        .bind(photo.tree_id)
        .bind(&photo.token)
        .bind(status.as_str())
        .bind(&photo.video_url)
        .bind(now())
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not record a video")?;
        self.apply_event(upload_id, event).await
    }

    /// Drops a callback's claim that 23 has now contradicted (confirmed videos are never dropped).
    pub async fn reject_claim(&mut self, upload_id: i64, photo_id: i64) -> StoreResult<Status> {
        on_tx!(self, |conn| sqlx::query(
            "DELETE FROM photos WHERE upload_id = $1 AND photo_id = $2 AND status = 'unverified'",
        )
        .bind(upload_id)
        .bind(photo_id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not drop a rejected claim")?;
        let claims_left: i64 = on_tx!(self, |conn| sqlx::query_scalar(
            "SELECT COUNT(*) FROM photos WHERE upload_id = $1 AND status = 'unverified'",
        )
        .bind(upload_id)
        .fetch_one(conn)
        .await)
        .context("could not count an upload's claims")?;
        let event = if claims_left > 0 {
            Event::VideoClaimed
        } else {
            Event::ClaimRejected
        };
        self.apply_event(upload_id, event).await
    }

    /// 23 finished encoding: keep the thumbnail and length, mark the video (and upload) ready.
    pub async fn record_encoded(
        &mut self,
        upload_id: i64,
        photo_id: i64,
        video: &EncodedVideo,
    ) -> StoreResult<Status> {
        on_tx!(self, |conn| sqlx::query(
            "UPDATE photos SET status = 'ready', thumbnail_url = $1, video_length = $2, \
             video_url = COALESCE($3, video_url), updated_at = $4 \
             WHERE upload_id = $5 AND photo_id = $6 AND status IN ('uploaded', 'ready')",
        )
        .bind(&video.thumbnail_url)
        .bind(video.video_length)
        .bind(&video.video_url)
        .bind(now())
        .bind(upload_id)
        .bind(photo_id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not record an encoded video")?;
        self.apply_event(upload_id, Event::VideoEncoded).await
    }

    /// The visitor corrected the title, description or tags.
    pub async fn update_metadata(
        &mut self,
        upload_id: i64,
        metadata: &Metadata,
    ) -> StoreResult<()> {
        on_tx!(self, |conn| sqlx::query(
            "UPDATE uploads SET title = $1, description = $2, tags = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(&metadata.title)
        .bind(&metadata.description)
        .bind(&metadata.tags)
        .bind(now())
        .bind(upload_id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not update an upload's details")?;
        Ok(())
    }

    /// Marks pending uploads past their deadline as expired; returns how many.
    pub async fn expire_overdue(&mut self, now: i64) -> StoreResult<usize> {
        let overdue: Vec<i64> = on_tx!(self, |conn| sqlx::query_scalar(
            "SELECT id FROM uploads WHERE status = 'pending' AND valid_until < $1 ORDER BY id",
        )
        .bind(now)
        .fetch_all(conn)
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
}

impl Store {
    in_own_tx! { /// See [`Tx::apply_event`].
    fn apply_event(upload_id: i64, event: Event) -> Status; }
    in_own_tx! { /// See [`Tx::record_failure`].
    fn record_failure(upload_id: i64, error_message: &str) -> Status; }
    in_own_tx! { /// See [`Tx::record_photo`].
    fn record_photo(upload_id: i64, photo: &PhotoRecord, confirmed: bool) -> Status; }
    in_own_tx! { /// See [`Tx::reject_claim`].
    fn reject_claim(upload_id: i64, photo_id: i64) -> Status; }
    in_own_tx! { /// See [`Tx::record_encoded`].
    fn record_encoded(upload_id: i64, photo_id: i64, video: &EncodedVideo) -> Status; }
    in_own_tx! { /// See [`Tx::update_metadata`].
    fn update_metadata(upload_id: i64, metadata: &Metadata) -> (); }
    in_own_tx! { /// See [`Tx::expire_overdue`].
    fn expire_overdue(now: i64) -> usize; }
}

#[cfg(test)]
#[path = "atomic_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "nothing_lost_tests.rs"]
mod nothing_lost_tests;
