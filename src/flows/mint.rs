//! Minting: ask 23 for an upload token and store it as a pending upload. The new-upload form,
//! "try again" and the renewal of a token about to expire all mint through here.

use super::changes::{Minted, apply};
use crate::error::log_api_failure;
use crate::state::AppState;
use crate::store::{NewUpload, StoreError};
use crate::twentythree::{ApiError, UploadTokenRequest};
use crate::uploads::{Metadata, Upload, now};

/// Why no token was minted.
#[derive(Debug, thiserror::Error)]
pub enum MintError {
    #[error("the visitor minted {0} tokens in the last hour")]
    RateLimited(u32),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MintError {
    /// What the visitor reads; their input is always shown again beside it.
    pub fn message(&self) -> &'static str {
        match self {
            MintError::RateLimited(_) => {
                "You have started many uploads in the last hour. Please wait a few minutes before \
                 starting another; your details are kept below."
            }
            MintError::Api(e) if e.is_transient() => {
                "The video service is not answering right now, so nothing was uploaded. \
                 Your details are kept below: please try again in a moment."
            }
            MintError::Api(_) => {
                "The video service refused to start this upload. Your details are kept below; \
                 the site's operator has been told."
            }
            MintError::Store(_) => {
                "We could not save this upload just now, so nothing was sent. Your details are kept \
                 below: please try again in a moment."
            }
        }
    }
}

/// Mints a token for this visitor with this metadata and stores it as a pending upload.
pub async fn mint(
    state: &AppState,
    visitor_id: &str,
    metadata: Metadata,
) -> Result<Upload, MintError> {
    let recent = state
        .store
        .uploads_minted_since(visitor_id, now() - 3600)
        .await?;
    if recent >= state.uploads.tokens_per_hour {
        tracing::warn!(recent, "a visitor hit the hourly upload limit");
        return Err(MintError::RateLimited(recent));
    }
    let nonce = state.return_urls.new_nonce();
    let request = UploadTokenRequest {
        title: metadata.title.clone(),
        description: metadata.description.clone(),
        tags: metadata.tags.clone(),
        publish: metadata.publish,
        album_id: state.uploads.album_id.clone(),
        valid_minutes: Some(state.uploads.valid_minutes),
        max_uploads: Some(state.uploads.max_uploads),
        return_url: state.return_urls.return_url(&state.public_url, &nonce),
    };
    let token = state
        .client
        .get_upload_token(&request)
        .await
        .inspect_err(|error| log_api_failure(error, "get-upload-token"))?;
    state.metrics.token_minted();
    let new = NewUpload {
        visitor_id: visitor_id.to_string(),
        nonce,
        upload_token: token.upload_token,
        metadata,
        max_uploads: token.max_uploads.max(1),
        valid_until: token.valid_until,
    };
    let upload = apply(state, Minted(&new)).await?;
    tracing::info!(upload_id = upload.id, "minted an upload token");
    Ok(upload)
}
