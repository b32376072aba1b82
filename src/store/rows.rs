//! Database rows and their conversion into domain types.

use anyhow::anyhow;

use crate::uploads::{ChosenFile, Metadata, Photo, Review, Status, Upload};

/// The columns every upload query selects, as a macro so queries stay `&'static str`
/// (sqlx refuses SQL built at run time).
macro_rules! upload_columns {
    () => {
        "id, visitor_id, nonce, upload_token, title, description, tags, publish, status, error_message, \
         max_uploads, valid_until, created_at, file_name, file_size, review"
    };
}
pub(super) use upload_columns;

#[derive(sqlx::FromRow)]
pub(super) struct UploadRow {
    id: i64,
    visitor_id: String,
    nonce: String,
    upload_token: String,
    title: String,
    description: String,
    tags: String,
    publish: i64,
    status: String,
    error_message: Option<String>,
    max_uploads: i64,
    valid_until: i64,
    created_at: i64,
    file_name: Option<String>,
    file_size: Option<i64>,
    review: Option<String>,
}

pub(super) fn parse_status(s: &str) -> anyhow::Result<Status> {
    Status::parse(s).ok_or_else(|| anyhow!("unknown status '{s}' in the database"))
}

impl UploadRow {
    pub(super) fn id(&self) -> i64 {
        self.id
    }
}

impl TryFrom<UploadRow> for Upload {
    type Error = anyhow::Error;

    fn try_from(r: UploadRow) -> anyhow::Result<Upload> {
        Ok(Upload {
            id: r.id,
            visitor_id: r.visitor_id,
            nonce: r.nonce,
            upload_token: r.upload_token,
            metadata: Metadata {
                title: r.title,
                description: r.description,
                tags: r.tags,
                publish: r.publish != 0,
            },
            status: parse_status(&r.status)?,
            error_message: r.error_message,
            max_uploads: u32::try_from(r.max_uploads)?,
            valid_until: r.valid_until,
            created_at: r.created_at,
            file: r.file_name.map(|name| ChosenFile {
                name,
                size: r.file_size.and_then(|s| u64::try_from(s).ok()).unwrap_or(0),
            }),
            review: r
                .review
                .as_deref()
                .map(|v| Review::parse(v).ok_or_else(|| anyhow!("unknown review '{v}'")))
                .transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PhotoRow {
    upload_id: i64,
    photo_id: i64,
    tree_id: Option<i64>,
    token: Option<String>,
    status: String,
    video_url: Option<String>,
    thumbnail_url: Option<String>,
    video_length: Option<f64>,
}

/// The columns every photo query selects (from `photos` alone, so unqualified).
macro_rules! photo_columns {
    () => {
        "upload_id, photo_id, tree_id, token, status, video_url, thumbnail_url, video_length"
    };
}
pub(super) use photo_columns;

impl TryFrom<PhotoRow> for Photo {
    type Error = anyhow::Error;

    fn try_from(r: PhotoRow) -> anyhow::Result<Photo> {
        Ok(Photo {
            upload_id: r.upload_id,
            photo_id: r.photo_id,
            tree_id: r.tree_id,
            token: r.token,
            status: parse_status(&r.status)?,
            video_url: r.video_url,
            thumbnail_url: r.thumbnail_url,
            video_length: r.video_length,
        })
    }
}
