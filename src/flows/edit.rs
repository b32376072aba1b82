//! Editing in flight: correct title, description or tags while the file is still being sent (or
//! after). Before the callback 23 applies it through `update-upload-token` (to the token, for the
//! videos still to come); each video we already recorded gets `photo/update` as well. Only once
//! 23 took it does the history show the new details.
//!
//! A callback can land while an edit is under way: after writing the details the edit looks for
//! recorded videos again and updates any new one, so a video the callback recorded meanwhile is
//! not left with the old details. One recorded after the edit ended was changed by the token
//! update, which 23 applies to the token's finished uploads too (docs/23-api.md §5.4).
//!
//! Each edit is a signed call to 23 on the visitor's behalf, so each upload has a budget of them
//! per minute, taken in the database before 23 is called: a flood of edits (50 at once, on any
//! number of instances) costs 23 no more than the budget.

use super::FlowError;
use super::changes::{DetailsEdited, apply};
use crate::error::log_api_failure;
use crate::state::AppState;
use crate::store::StoreError;
use crate::twentythree::{ApiError, PhotoUpdate, UploadTokenUpdate};
use crate::uploads::{Metadata, Upload, now};

/// Edits one upload may send to 23 per window; a person correcting a typo needs one or two.
pub const EDITS_PER_WINDOW: u32 = 5;
/// The window, in seconds.
pub const EDIT_WINDOW_SECS: i64 = 60;

/// Why the new details were not saved.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// This upload's edits for the window are spent; 23 was not asked.
    #[error("this upload's edit budget is spent")]
    OverBudget { retry_after: i64 },
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FlowError> for EditError {
    fn from(error: FlowError) -> Self {
        match error {
            FlowError::Api(e) => EditError::Api(e),
            FlowError::Store(e) => EditError::Store(e),
        }
    }
}

pub async fn edit_details(
    state: &AppState,
    upload: &Upload,
    metadata: &Metadata,
) -> Result<(), EditError> {
    let taken = state
        .store
        .take_edit_budget(upload.id, now(), EDIT_WINDOW_SECS, EDITS_PER_WINDOW)
        .await?;
    if !taken {
        tracing::warn!(
            upload_id = upload.id,
            "refused new details: the upload's edit budget is spent"
        );
        return Err(EditError::OverBudget {
            retry_after: EDIT_WINDOW_SECS,
        });
    }
    let recorded = state.store.photos_of(upload.id).await?;
    // The token still takes files (or none arrived yet): those to come get the new details.
    if recorded.len() < upload.max_uploads as usize {
        let update = UploadTokenUpdate {
            upload_token: upload.upload_token.clone(),
            title: Some(metadata.title.clone()),
            description: Some(metadata.description.clone()),
            tags: Some(metadata.tags.clone()),
        };
        state
            .client
            .update_upload_token(&update)
            .await
            .inspect_err(|error| log_api_failure(error, "update-upload-token"))?;
    }
    let mut updated = Vec::new();
    update_videos(state, &recorded, metadata, &mut updated).await?;
    let edited = DetailsEdited {
        upload_id: upload.id,
        metadata,
    };
    apply(state, edited).await?;
    // A callback recorded meanwhile: its video may carry the details from before this edit.
    let recorded = state.store.photos_of(upload.id).await?;
    update_videos(state, &recorded, metadata, &mut updated).await?;
    tracing::info!(
        upload_id = upload.id,
        videos = updated.len(),
        "updated an upload's details"
    );
    Ok(())
}

/// `photo/update` for each recorded video not in `updated` yet (then added to it).
async fn update_videos(
    state: &AppState,
    recorded: &[crate::uploads::Photo],
    metadata: &Metadata,
    updated: &mut Vec<i64>,
) -> Result<(), EditError> {
    for photo in recorded {
        if updated.contains(&photo.photo_id) {
            continue;
        }
        let update = PhotoUpdate {
            photo_id: photo.photo_id,
            title: Some(metadata.title.clone()),
            description: Some(metadata.description.clone()),
            tags: Some(metadata.tags.clone()),
            ..PhotoUpdate::default()
        };
        state
            .client
            .photo_update(&update)
            .await
            .inspect_err(|error| log_api_failure(error, "photo/update"))?;
        updated.push(photo.photo_id);
    }
    Ok(())
}
