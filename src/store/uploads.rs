//! Uploads and the videos made from them.

use anyhow::Context as _;

use super::rows::{PhotoRow, UploadRow, parse_status, photo_columns, upload_columns};
use super::{Store, StoreResult, on_pool};
use crate::uploads::{Event, Metadata, Photo, Status, Upload, now};

/// A freshly minted token, about to be stored as `pending`.
#[derive(Debug, Clone)]
pub struct NewUpload {
    pub visitor_id: String,
    pub nonce: String,
    pub upload_token: String,
    pub metadata: Metadata,
    pub max_uploads: u32,
    pub valid_until: i64,
}

/// A video to record against an upload.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoRecord {
    pub photo_id: i64,
    pub tree_id: Option<i64>,
    pub token: Option<String>,
    pub video_url: Option<String>,
}

/// One page of a visitor's history, newest first.
#[derive(Debug, Clone)]
pub struct HistoryPage {
    pub uploads: Vec<(Upload, Vec<Photo>)>,
    /// Pass as `before` to get the next (older) page.
    pub older: Option<i64>,
}

impl Store {
    pub async fn insert_upload(&self, new: &NewUpload) -> StoreResult<Upload> {
        let now = now();
        let row: UploadRow = on_pool!(self, |pool| sqlx::query_as(concat!(
            "INSERT INTO uploads (visitor_id, nonce, upload_token, title, description, tags, publish, \
             status, max_uploads, valid_until, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $10) RETURNING ",
            upload_columns!()
        ))
        .bind(&new.visitor_id)
        .bind(&new.nonce)
        .bind(&new.upload_token)
        .bind(&new.metadata.title)
        .bind(&new.metadata.description)
        .bind(&new.metadata.tags)
        .bind(i64::from(new.metadata.publish))
        .bind(i64::from(new.max_uploads))
        .bind(new.valid_until)
        .bind(now)
        .fetch_one(pool).await)
        .context("could not store the new upload")?;
        Ok(row.try_into()?)
    }

    pub async fn upload_by_nonce(&self, nonce: &str) -> StoreResult<Option<Upload>> {
        let row: Option<UploadRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            upload_columns!(),
            " FROM uploads WHERE nonce = $1"
        ))
        .bind(nonce)
        .fetch_optional(pool)
        .await)
        .context("could not look up an upload by nonce")?;
        Ok(row.map(Upload::try_from).transpose()?)
    }

    /// The upload, if it exists and belongs to this visitor (others' uploads look absent).
    pub async fn upload_for_visitor(
        &self,
        id: i64,
        visitor_id: &str,
    ) -> StoreResult<Option<Upload>> {
        let row: Option<UploadRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            upload_columns!(),
            " FROM uploads WHERE id = $1 AND visitor_id = $2"
        ))
        .bind(id)
        .bind(visitor_id)
        .fetch_optional(pool)
        .await)
        .context("could not look up an upload")?;
        Ok(row.map(Upload::try_from).transpose()?)
    }

    pub async fn photos_of(&self, upload_id: i64) -> StoreResult<Vec<Photo>> {
        let rows: Vec<PhotoRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            photo_columns!(),
            " FROM photos p WHERE p.upload_id = $1 ORDER BY p.photo_id"
        ))
        .bind(upload_id)
        .fetch_all(pool)
        .await)
        .context("could not read an upload's videos")?;
        Ok(rows
            .into_iter()
            .map(Photo::try_from)
            .collect::<anyhow::Result<_>>()?)
    }

    /// Moves an upload through the state machine. Safe to repeat and to race: the update only
    /// lands if the status is still the one the transition was computed from.
    pub async fn apply_event(&self, upload_id: i64, event: Event) -> StoreResult<Status> {
        loop {
            let current: String = on_pool!(self, |pool| sqlx::query_scalar(
                "SELECT status FROM uploads WHERE id = $1"
            )
            .bind(upload_id)
            .fetch_one(pool)
            .await)
            .context("could not read an upload's status")?;
            let current = parse_status(&current)?;
            let next = current.after(event);
            if next == current {
                return Ok(current);
            }
            let changed = on_pool!(self, |pool| sqlx::query(
                "UPDATE uploads SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
            )
            .bind(next.as_str())
            .bind(now())
            .bind(upload_id)
            .bind(current.as_str())
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))
            .context("could not update an upload's status")?;
            if changed == 1 {
                return Ok(next);
            }
        }
    }

    /// Records 23's error message and marks the upload failed (unless a video already made it).
    pub async fn record_failure(&self, upload_id: i64, error_message: &str) -> StoreResult<Status> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET error_message = $1, updated_at = $2 WHERE id = $3"
        )
        .bind(error_message)
        .bind(now())
        .bind(upload_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not store 23's error message")?;
        self.apply_event(upload_id, Event::UploadFailed).await
    }

    /// Records a video once. `confirmed` means 23 listed it under this upload's token; otherwise it
    /// is only a claim from a callback that could not be checked yet. A repeat changes nothing,
    /// except that a later confirmation upgrades an earlier claim.
    pub async fn record_photo(
        &self,
        upload_id: i64,
        photo: &PhotoRecord,
        confirmed: bool,
    ) -> StoreResult<Status> {
        let status = if confirmed {
            Status::Uploaded
        } else {
            Status::Unverified
        };
        let now = now();
        on_pool!(self, |pool| sqlx::query(
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
        .bind(now)
        .execute(pool).await.map(|done| done.rows_affected()))
        .context("could not record a video")?;
        let event = if confirmed {
            Event::VideoConfirmed
        } else {
            Event::VideoClaimed
        };
        self.apply_event(upload_id, event).await
    }

    /// A visitor's uploads with their videos, newest first, `limit` at a time. Reads the
    /// database only: rendering history never waits on 23.
    pub async fn history(
        &self,
        visitor_id: &str,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<HistoryPage> {
        let rows: Vec<UploadRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            upload_columns!(),
            " FROM uploads WHERE visitor_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
        ))
        .bind(visitor_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit) + 1)
        .fetch_all(pool)
        .await)
        .context("could not read the upload history")?;
        let mut uploads: Vec<Upload> = rows
            .into_iter()
            .map(Upload::try_from)
            .collect::<anyhow::Result<_>>()?;
        let older = if uploads.len() > limit as usize {
            uploads.truncate(limit as usize);
            uploads.last().map(|u| u.id)
        } else {
            None
        };
        let photos = self.photos_between(visitor_id, &uploads).await?;
        let uploads = uploads
            .into_iter()
            .map(|u| {
                let mine = photos
                    .iter()
                    .filter(|p| p.upload_id == u.id)
                    .cloned()
                    .collect();
                (u, mine)
            })
            .collect();
        Ok(HistoryPage { uploads, older })
    }

    /// The videos of a page of uploads, in one query bounded by the page's id range.
    async fn photos_between(
        &self,
        visitor_id: &str,
        uploads: &[Upload],
    ) -> StoreResult<Vec<Photo>> {
        let (Some(newest), Some(oldest)) = (uploads.first(), uploads.last()) else {
            return Ok(Vec::new());
        };
        let rows: Vec<PhotoRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            photo_columns!(),
            " FROM photos p JOIN uploads u ON u.id = p.upload_id \
             WHERE u.visitor_id = $1 AND p.upload_id BETWEEN $2 AND $3 ORDER BY p.photo_id"
        ))
        .bind(visitor_id)
        .bind(oldest.id)
        .bind(newest.id)
        .fetch_all(pool)
        .await)
        .context("could not read the videos of the upload history")?;
        Ok(rows
            .into_iter()
            .map(Photo::try_from)
            .collect::<anyhow::Result<_>>()?)
    }
}

#[cfg(test)]
#[path = "uploads_tests.rs"]
mod tests;
