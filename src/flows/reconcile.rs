//! Asking 23 what became of an upload token: the one verified path by which videos are recorded.
//!
//! The callback, the "check now" button and the background reconciler all come through here, so
//! a video is believed only when 23's own `photo/list?upload_token=…` shows it.

use super::FlowError;
use super::changes::{ClaimRejected, VideoEncoded, VideoReceived, apply};
use crate::state::AppState;
use crate::store::{EncodedVideo, PhotoRecord};
use crate::twentythree::{LIST_PAGE_MAX, Photo as ListedPhoto, PhotoListQuery};
use crate::uploads::{Status, Upload};

/// How long after its deadline an unconfirmed upload is still asked about (a file sent just before
/// the deadline may finish after it).
pub const FORGET_AFTER_SECS: i64 = 24 * 3600;

/// What 23 confirmed for one upload.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciled {
    /// The videos 23 lists under the token, all now recorded.
    pub confirmed: Vec<i64>,
    pub status: Status,
}

/// Records every video 23 lists under the upload's token (each once), and drops callback claims
/// that 23 contradicts. Notes when the check started, so the reconciler's change detector knows
/// this token was asked about after any video it had seen by then.
pub async fn reconcile_upload(state: &AppState, upload: &Upload) -> Result<Reconciled, FlowError> {
    let started = now_millis();
    let query = PhotoListQuery {
        upload_token: Some(upload.upload_token.clone()),
        include_unpublished: true,
        // A token yields at most max_uploads videos (23 allows 100 per token and per page).
        size: Some(LIST_PAGE_MAX),
        ..Default::default()
    };
    let listed = state.client.photo_list(&query).await?.photos;
    let mut status = upload.status;
    for photo in &listed {
        status = record_listed(state, upload.id, photo).await?;
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
            let rejected = ClaimRejected {
                upload_id: upload.id,
                photo_id: known.photo_id,
            };
            status = apply(state, rejected).await?;
        }
    }
    // Only once everything listed is recorded: a check that failed halfway has not covered it.
    state.store.note_checked(upload.id, started).await?;
    Ok(Reconciled {
        confirmed: listed.iter().map(|p| p.photo_id).collect(),
        status,
    })
}

/// Asks 23 only about uploads whose outcome is still open: no answer yet, or a token that still
/// takes files (the page's second file of three lands on an `uploaded` upload).
pub async fn check_upload(state: &AppState, upload: &Upload) -> Result<(), FlowError> {
    let has_room = (state.store.photos_of(upload.id).await?.len() as u32) < upload.max_uploads;
    let open = matches!(
        upload.status,
        Status::Pending | Status::Unverified | Status::Expired
    );
    if (has_room || open) && take_check_budget(state, upload).await? {
        reconcile_upload(state, upload).await?;
    }
    Ok(())
}

/// True when a visitor's request may make 23 check this upload now: at most once per
/// `UPLOAD_CHECK_EVERY_SECS` per upload, however many checks or callbacks arrive (the reconciler
/// keeps asking on its own schedule meanwhile).
pub(super) async fn take_check_budget(
    state: &AppState,
    upload: &Upload,
) -> Result<bool, FlowError> {
    let every = i64::try_from(state.limits.check_every.as_secs()).unwrap_or(i64::MAX);
    let taken = state
        .store
        .take_check_budget(upload.id, crate::uploads::now(), every)
        .await?;
    if !taken {
        tracing::info!(
            upload_id = upload.id,
            "a check of this upload waits for its budget"
        );
    }
    Ok(taken)
}

/// Unix milliseconds: when a check started is compared with when the change detector saw a video,
/// often within the same second.
pub(super) fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Records one video 23 lists under the token as confirmed, and as encoded when it is.
async fn record_listed(
    state: &AppState,
    upload_id: i64,
    photo: &ListedPhoto,
) -> Result<Status, FlowError> {
    let record = PhotoRecord {
        photo_id: photo.photo_id,
        tree_id: photo.tree_id,
        token: Some(photo.token.clone()).filter(|t| !t.is_empty()),
        video_url: Some(video_url(state, photo)),
    };
    let received = VideoReceived {
        upload_id,
        video: &record,
        confirmed: true,
    };
    let mut status = apply(state, received).await?;
    if photo.video_encoded {
        let encoded = VideoEncoded {
            upload_id,
            photo_id: photo.photo_id,
            video: &encoded(state, photo),
        };
        status = apply(state, encoded).await?;
    }
    Ok(status)
}

/// The video's page on 23 as the browser reaches it.
fn video_url(state: &AppState, photo: &ListedPhoto) -> String {
    state.links.video_page(photo.photo_id, photo.one.as_deref())
}

/// What an encoded video looks like in the history: thumbnail, length, page.
pub fn encoded(state: &AppState, photo: &ListedPhoto) -> EncodedVideo {
    EncodedVideo {
        thumbnail_url: state
            .links
            .absolute(photo.quad100_download.as_deref())
            .or_else(|| state.links.absolute(photo.small_download.as_deref())),
        video_length: photo.video_length,
        video_url: Some(video_url(state, photo)),
    }
}
