//! Uploads and the videos made from them.

use anyhow::Context as _;

use super::rows::{PhotoRow, UploadRow, photo_columns, upload_columns};
use super::tx::in_own_tx;
use super::{Store, StoreResult, Tx, on_pool, on_tx};
use crate::uploads::{Metadata, Photo, Upload, now};

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

impl Tx {
    /// Stores a freshly minted upload as `pending`.
    pub async fn insert_upload(&mut self, new: &NewUpload) -> StoreResult<Upload> {
        let now = now();
        let row: UploadRow = on_tx!(self, |conn| sqlx::query_as(concat!(
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
        .fetch_one(conn)
        .await)
        .context("could not store the new upload")?;
        Ok(row.try_into()?)
    }
}

impl Store {
    in_own_tx! { /// See [`Tx::insert_upload`].
    fn insert_upload(new: &NewUpload) -> Upload; }

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
            " FROM photos WHERE upload_id = $1 ORDER BY photo_id"
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
}

#[cfg(test)]
#[path = "uploads_tests.rs"]
mod tests;
