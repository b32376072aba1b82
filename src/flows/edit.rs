//! Editing in flight: correct title, description or tags while the file is still being sent (or
//! after). 23 applies it through `update-upload-token`, to the token and to every video already
//! made from it; only once 23 took it does the history show the new details.

use super::FlowError;
use super::changes::{DetailsEdited, apply};
use crate::error::log_api_failure;
use crate::state::AppState;
use crate::twentythree::UploadTokenUpdate;
use crate::uploads::{Metadata, Upload};

pub async fn edit_details(
    state: &AppState,
    upload: &Upload,
    metadata: &Metadata,
) -> Result<(), FlowError> {
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
