//! Asking 23 what became of an upload token: the one verified path by which videos are recorded.
//!
//! The callback, the "check now" button and the background reconciler all come through here, so
//! a video is believed only when 23's own `photo/list?upload_token=…` shows it.

use crate::state::AppState;
use crate::store::{EncodedVideo, PhotoRecord, StoreError};
use crate::twentythree::{ApiError, Photo as ListedPhoto, PhotoListQuery};
use crate::uploads::{Status, Upload};

#[derive(Debug, thiserror::Error)]
pub enum ReconcileError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What 23 confirmed for one upload.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    /// The videos 23 lists under the token, all now recorded.
    pub confirmed: Vec<i64>,
    pub status: Status,
}

/// Records every video 23 lists under the upload's token (each once), and drops callback claims
/// that 23 contradicts.
pub async fn reconcile_upload(
    state: &AppState,
    upload: &Upload,
) -> Result<Reconciled, ReconcileError> {
    let query = PhotoListQuery {
        upload_token: Some(upload.upload_token.clone()),
        include_unpublished: true,
        // A token yields at most max_uploads videos (23 allows 100 per token and per page).
        size: Some(100),
        ..Default::default()
    };
    let listed = state.client.photo_list(&query).await?.photos;
    let mut status = upload.status;
    for photo in &listed {
        let record = PhotoRecord {
            photo_id: photo.photo_id,
            tree_id: photo.tree_id,
            token: Some(photo.token.clone()).filter(|t| !t.is_empty()),
            video_url: Some(video_url(state, photo)),
        };
        status = state.store.record_photo(upload.id, &record, true).await?;
        if photo.video_encoded {
            status = state
                .store
                .record_encoded(upload.id, photo.photo_id, &encoded(state, photo))
                .await?;
        }
    }
    for known in state.store.photos_of(upload.id).await? {
        if known.status == Status::Unverified
            && !listed.iter().any(|p| p.photo_id == known.photo_id)
        {
            tracing::warn!(
                upload_id = upload.id,
                photo_id = known.photo_id,
                "23 does not list a claimed video"
            );
            status = state.store.reject_claim(upload.id, known.photo_id).await?;
        }
    }
    Ok(Reconciled {
        confirmed: listed.iter().map(|p| p.photo_id).collect(),
        status,
    })
}

/// The video's page on 23, from `one` (site-relative) or, failing that, 23's usual `/video/{id}`.
pub fn video_url(state: &AppState, photo: &ListedPhoto) -> String {
    absolute(state, photo.one.as_deref())
        .unwrap_or_else(|| state.site_link(&format!("/video/{}", photo.photo_id)))
}

/// What an encoded video looks like in the history: thumbnail, length, page.
pub fn encoded(state: &AppState, photo: &ListedPhoto) -> EncodedVideo {
    EncodedVideo {
        thumbnail_url: absolute(state, photo.quad100_download.as_deref())
            .or_else(|| absolute(state, photo.small_download.as_deref())),
        video_length: photo.video_length,
        video_url: Some(video_url(state, photo)),
    }
}

/// 23 gives root-relative paths; make them absolute on the site as the browser reaches it.
fn absolute(state: &AppState, path: Option<&str>) -> Option<String> {
    let path = path.map(str::trim).filter(|p| !p.is_empty())?;
    if path.starts_with("https://") || path.starts_with("http://") {
        return Some(path.to_string());
    }
    path.starts_with('/').then(|| state.site_link(path))
}
