//! Pages of uploads with their videos, newest first: the visitor's history and the operator's
//! list share the paging and the loading of videos.

use anyhow::Context as _;
use sqlx::AssertSqlSafe;

use super::conditions::{Conditions, Value, bind_values};
use super::rows::{PhotoRow, UploadRow, photo_columns};
use super::{Store, StoreResult, on_pool};
use crate::uploads::{Photo, Upload};

/// One page of a list, newest first.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `before` to get the next (older) page.
    pub older: Option<i64>,
}

/// A page of uploads, each with its videos.
pub type UploadsPage = Page<(Upload, Vec<Photo>)>;

impl Store {
    /// Makes a page of `limit` uploads from rows fetched with `LIMIT limit + 1` (the extra row
    /// only tells that an older page exists), and loads their videos in one query.
    pub(super) async fn uploads_page(
        &self,
        rows: Vec<UploadRow>,
        limit: u32,
    ) -> StoreResult<UploadsPage> {
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
        let mut photos = self.photos_of_uploads(&uploads).await?;
        let items = uploads
            .into_iter()
            .map(|u| {
                let (mine, rest) = photos.drain(..).partition(|p| p.upload_id == u.id);
                photos = rest;
                (u, mine)
            })
            .collect();
        Ok(Page { items, older })
    }

    /// The videos of these uploads, in one query.
    async fn photos_of_uploads(&self, uploads: &[Upload]) -> StoreResult<Vec<Photo>> {
        if uploads.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = Conditions::default();
        let placeholders: Vec<String> = uploads.iter().map(|u| c.param(Value::Int(u.id))).collect();
        let sql = format!(
            "SELECT {} FROM photos WHERE upload_id IN ({}) ORDER BY photo_id",
            photo_columns!(),
            placeholders.join(", ")
        );
        let rows: Vec<PhotoRow> = on_pool!(self, |pool| {
            let query = sqlx::query_as(AssertSqlSafe(sql));
            bind_values!(query, &c.values).fetch_all(pool).await
        })
        .context("could not read the videos of a page of uploads")?;
        Ok(rows
            .into_iter()
            .map(Photo::try_from)
            .collect::<anyhow::Result<_>>()?)
    }
}
