//! The transaction side of the webhook outbox: what a state change reads and writes so its events
//! are committed with it (see `flows::changes::apply`).

use anyhow::Context as _;

use super::rows::{PhotoRow, UploadRow, photo_columns, upload_columns};
use super::webhooks::{NewDelivery, insert_delivery};
use super::{StoreResult, Tx, on_tx};
use crate::uploads::{Photo, Upload};

impl Tx {
    /// Locks an upload for the rest of the transaction and reads it with its videos; `None` if
    /// it does not exist. The lock makes a concurrent change of the same upload wait, so each
    /// change is compared with the state it really started from (and an upload's events are
    /// numbered in the order they happened). The no-op UPDATE takes a row lock on PostgreSQL
    /// and is harmless on SQLite, whose `BEGIN IMMEDIATE` already holds the write lock.
    pub async fn lock_upload(
        &mut self,
        upload_id: i64,
    ) -> StoreResult<Option<(Upload, Vec<Photo>)>> {
        let row: Option<UploadRow> = on_tx!(self, |conn| sqlx::query_as(concat!(
            "UPDATE uploads SET updated_at = updated_at WHERE id = $1 RETURNING ",
            upload_columns!()
        ))
        .bind(upload_id)
        .fetch_optional(conn)
        .await)
        .context("could not lock an upload")?;
        let Some(row) = row else {
            return Ok(None);
        };
        let photos: Vec<PhotoRow> = on_tx!(self, |conn| sqlx::query_as(concat!(
            "SELECT ",
            photo_columns!(),
            " FROM photos WHERE upload_id = $1 ORDER BY photo_id"
        ))
        .bind(upload_id)
        .fetch_all(conn)
        .await)
        .context("could not read an upload's videos")?;
        let photos = photos
            .into_iter()
            .map(Photo::try_from)
            .collect::<anyhow::Result<_>>()?;
        Ok(Some((Upload::try_from(row)?, photos)))
    }

    /// The uploads `expire_overdue(now)` would expire (the same condition).
    pub async fn overdue_uploads(&mut self, now: i64) -> StoreResult<Vec<i64>> {
        let ids = on_tx!(self, |conn| sqlx::query_scalar(
            "SELECT id FROM uploads WHERE status = 'pending' AND valid_until < $1 ORDER BY id",
        )
        .bind(now)
        .fetch_all(conn)
        .await)
        .context("could not list overdue uploads")?;
        Ok(ids)
    }

    /// Writes an event to the outbox, to be committed with the change that caused it.
    pub async fn insert_delivery(&mut self, new: &NewDelivery) -> StoreResult<()> {
        on_tx!(self, |conn| insert_delivery!(conn, new))?;
        Ok(())
    }
}
