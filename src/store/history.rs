//! The visitor's history: one page of uploads with their videos, read in one query.
//!
//! The page is the portal's most visited read (and its script's poll when something changed), so
//! uploads and videos come in one statement (a join on the page's uploads) rather than two: one
//! trip to the database's worker thread and one result set instead of two.

use anyhow::Context as _;

use super::pages::Page;
use super::rows::{UploadRow, parse_status, upload_columns};
use super::{Store, StoreResult, UploadsPage, on_pool};
use crate::uploads::{Photo, Upload};

/// An upload of the page, with one of its videos (none when it has none yet).
#[derive(sqlx::FromRow)]
struct HistoryRow {
    #[sqlx(flatten)]
    upload: UploadRow,
    p_photo_id: Option<i64>,
    p_tree_id: Option<i64>,
    p_token: Option<String>,
    p_status: Option<String>,
    p_video_url: Option<String>,
    p_thumbnail_url: Option<String>,
    p_video_length: Option<f64>,
}

impl HistoryRow {
    fn photo(&self, upload_id: i64) -> anyhow::Result<Option<Photo>> {
        let (Some(photo_id), Some(status)) = (self.p_photo_id, &self.p_status) else {
            return Ok(None);
        };
        Ok(Some(Photo {
            upload_id,
            photo_id,
            tree_id: self.p_tree_id,
            token: self.p_token.clone(),
            status: parse_status(status)?,
            video_url: self.p_video_url.clone(),
            thumbnail_url: self.p_thumbnail_url.clone(),
            video_length: self.p_video_length,
        }))
    }
}

/// The history's one statement: the visitor's uploads that `$filter` picks (a folded one left
/// out: its retry stands for it), joined with their videos, newest first.
macro_rules! history_query {
    ($filter:literal) => {
        concat!(
            "SELECT u.*, p.photo_id AS p_photo_id, p.tree_id AS p_tree_id, p.token AS p_token, \
             p.status AS p_status, p.video_url AS p_video_url, \
             p.thumbnail_url AS p_thumbnail_url, p.video_length AS p_video_length \
             FROM (SELECT ",
            upload_columns!(),
            " FROM uploads WHERE visitor_id = $1 \
             AND NOT (EXISTS (SELECT 1 FROM uploads r WHERE r.retry_of = uploads.id) \
                 AND NOT EXISTS (SELECT 1 FROM photos f WHERE f.upload_id = uploads.id)) ",
            $filter,
            ") u LEFT JOIN photos p ON p.upload_id = u.id ORDER BY u.id DESC, p.photo_id"
        )
    };
}

/// How many uploads [`Store::history_uploads`] reads at once: one statement with a fixed list
/// of parameters, prepared once (more changes than this at once: the page is read whole).
pub const HISTORY_UPLOADS_AT_ONCE: usize = 8;

impl Store {
    /// The visitor's uploads older than `before` (all when `None`), newest first, `limit` at a
    /// time, each with its videos. Reads the `(visitor_id, id DESC)` index, never the table. An upload
    /// that never got a video and was tried again is left out: its retry stands for it.
    pub async fn history(
        &self,
        visitor_id: &str,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<UploadsPage> {
        let rows: Vec<HistoryRow> = on_pool!(self, |pool| sqlx::query_as(history_query!(
            "AND id < $2 ORDER BY id DESC LIMIT $3"
        ))
        .bind(visitor_id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit) + 1)
        .fetch_all(pool)
        .await)
        .context("could not read the upload history")?;
        Ok(page_of(rows, limit)?)
    }
}

impl Store {
    /// These uploads of the visitor (at most [`HISTORY_UPLOADS_AT_ONCE`]) as the history shows
    /// them, newest first; another visitor's, a folded one or one that is gone is not there.
    pub async fn history_uploads(
        &self,
        visitor_id: &str,
        ids: &[i64],
    ) -> StoreResult<Vec<(Upload, Vec<Photo>)>> {
        if ids.len() > HISTORY_UPLOADS_AT_ONCE {
            return Err(anyhow::anyhow!("{} uploads asked at once", ids.len()).into());
        }
        // Ids are positive, so 0 fills the unused places.
        let mut wanted = [0_i64; HISTORY_UPLOADS_AT_ONCE];
        wanted[..ids.len()].copy_from_slice(ids);
        let rows: Vec<HistoryRow> = on_pool!(self, |pool| {
            let mut query =
                sqlx::query_as(history_query!("AND id IN ($2, $3, $4, $5, $6, $7, $8, $9)"))
                    .bind(visitor_id);
            for id in wanted {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })
        .context("could not read the changed uploads of a history")?;
        Ok(page_of(rows, HISTORY_UPLOADS_AT_ONCE as u32)?.items)
    }
}

/// Groups the joined rows by upload; the row past `limit` only says an older page exists.
fn page_of(rows: Vec<HistoryRow>, limit: u32) -> anyhow::Result<UploadsPage> {
    let mut items: Vec<(Upload, Vec<Photo>)> = Vec::new();
    for row in rows {
        let id = row.upload.id();
        let photo = row.photo(id)?;
        if let Some((_, photos)) = items.last_mut().filter(|(upload, _)| upload.id == id) {
            photos.extend(photo);
            continue;
        }
        items.push((Upload::try_from(row.upload)?, photo.into_iter().collect()));
    }
    let older = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|(u, _)| u.id)
    } else {
        None
    };
    Ok(Page { items, older })
}
