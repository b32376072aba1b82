//! An upload's state as JSON, for the page's scripts (status, check, details).

use serde::Serialize;

use crate::state::AppState;
use crate::uploads::{Photo, Upload, now};

/// A token just minted (or renewed), for the script that sends with it.
#[derive(Debug, Serialize)]
pub struct MintedUpload {
    pub id: i64,
    pub upload_token: String,
    pub valid_until: i64,
    /// The send page of this upload: where a reload of the sending page lands.
    pub send_url: String,
    pub remaining: u32,
}

impl MintedUpload {
    pub fn new(state: &AppState, upload: &Upload) -> Self {
        MintedUpload {
            id: upload.id,
            upload_token: upload.upload_token.clone(),
            valid_until: upload.valid_until,
            send_url: state.path(&format!("/uploads/{}/send", upload.id)),
            remaining: upload.max_uploads,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct UploadStatus {
    pub id: i64,
    pub status: &'static str,
    pub status_label: &'static str,
    pub error_message: Option<String>,
    pub valid_until: i64,
    /// How many more files the token takes.
    pub remaining: u32,
    pub videos: Vec<VideoStatus>,
}

#[derive(Debug, Serialize)]
pub struct VideoStatus {
    pub photo_id: i64,
    pub status: &'static str,
    pub video_url: Option<String>,
    pub thumbnail_url: Option<String>,
}

impl UploadStatus {
    pub fn new(upload: &Upload, photos: &[Photo]) -> Self {
        let status = upload.effective_status(now());
        UploadStatus {
            id: upload.id,
            status: status.as_str(),
            status_label: status.label(),
            error_message: upload.error_message.clone(),
            valid_until: upload.valid_until,
            remaining: upload.max_uploads.saturating_sub(photos.len() as u32),
            videos: photos
                .iter()
                .map(|p| VideoStatus {
                    photo_id: p.photo_id,
                    status: p.status.as_str(),
                    video_url: p.video_url.clone(),
                    thumbnail_url: p.thumbnail_url.clone(),
                })
                .collect(),
        }
    }
}
