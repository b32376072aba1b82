//! Editing in flight: correct title, description or tags while the file is still being sent (or
//! after). 23 applies it through `update-upload-token`, to the token and to every video already
//! made from it; only once 23 took it does the history show the new details.
//!
//! Each edit is a signed call to 23 on the visitor's behalf, so each upload has a budget of them
//! per minute, taken in the database before 23 is called: a flood of edits (50 at once, on any
//! number of instances) costs 23 no more than the budget.

use super::FlowError;
use super::changes::{DetailsEdited, apply};
use crate::error::log_api_failure;
use crate::state::AppState;
use crate::store::StoreError;
use crate::twentythree::{ApiError, UploadTokenUpdate};
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
    let edited = DetailsEdited {
        upload_id: upload.id,
        metadata,
    };
    apply(state, edited).await?;
    tracing::info!(upload_id = upload.id, "updated an upload's details");
    Ok(())
}
