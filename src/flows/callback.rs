//! Recording what 23's callback reports about an upload.
//!
//! The redirect is unsigned and anyone can forge it, so nothing in it is believed on its own:
//! the signed nonce names the upload, the echoed `upload_token` must be that upload's, and a
//! video counts only once 23 itself lists it under that token (through `reconcile_upload`).

use subtle::ConstantTimeEq;

use super::FlowError;
use super::changes::{Failed, VideoReceived, apply};
use super::reconcile::reconcile_upload;
use crate::error::log_api_failure;
use crate::metrics::CallbackOutcome as Outcome;
use crate::state::AppState;
use crate::store::{PhotoRecord, StoreError};
use crate::twentythree::ApiError;
use crate::uploads::{CallbackOutcome, CallbackParams, Status, Upload};

/// Why a callback recorded nothing.
#[derive(Debug, thiserror::Error)]
pub enum CallbackError {
    /// The signature does not match, or no upload has the nonce.
    #[error("the return link belongs to no upload")]
    UnknownLink,
    /// Malformed parameters, or an `upload_token` that is not the upload's.
    #[error("the return link is incomplete or altered")]
    AlteredLink,
    /// 23 answered and does not list the video under the upload's token.
    #[error("23 does not list the video")]
    NotConfirmed,
    /// 23 could not be asked, and the token has no room left for an unverified claim (logged).
    #[error(transparent)]
    Api(ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks a callback for this nonce and tag with these raw parameters and records what it
/// reports. Answers the upload's id (for the redirect) and what became of the callback.
pub async fn record_callback(
    state: &AppState,
    nonce: &str,
    tag: &str,
    raw: &str,
) -> Result<(i64, Outcome), CallbackError> {
    let (upload, params) = believed_upload(state, nonce, tag, raw).await?;
    let outcome = match params.outcome {
        CallbackOutcome::Failure { error_message } => {
            let failed = Failed {
                upload_id: upload.id,
                error_message: &error_message,
            };
            let status = apply(state, failed).await?;
            tracing::info!(upload_id = upload.id, %status, "23 reported an upload error");
            Outcome::UploadFailed
        }
        CallbackOutcome::Success {
            photo_id,
            tree_id,
            token,
        } => {
            let claim = PhotoRecord {
                photo_id,
                tree_id,
                token,
                video_url: None,
            };
            record_video(state, &upload, claim).await?
        }
    };
    Ok((upload.id, outcome))
}

/// The upload a callback names, once its signature, parameters and echoed token hold up.
async fn believed_upload(
    state: &AppState,
    nonce: &str,
    tag: &str,
    raw: &str,
) -> Result<(Upload, CallbackParams), CallbackError> {
    if !state.return_urls.verify(nonce, tag) {
        tracing::warn!("callback refused: the return link's signature does not match");
        return Err(CallbackError::UnknownLink);
    }
    let params = CallbackParams::parse(raw).map_err(|reason| {
        tracing::warn!(%reason, "callback refused: malformed parameters");
        CallbackError::AlteredLink
    })?;
    let Some(upload) = state.store.upload_by_nonce(nonce).await? else {
        tracing::warn!("callback refused: no upload has this nonce");
        return Err(CallbackError::UnknownLink);
    };
    let token_matches: bool = upload
        .upload_token
        .as_bytes()
        .ct_eq(params.upload_token.as_bytes())
        .into();
    if !token_matches {
        tracing::warn!(
            upload_id = upload.id,
            "callback refused: upload_token is not this upload's"
        );
        return Err(CallbackError::AlteredLink);
    }
    let site = state.links.site_url().authority();
    if let Some(domain) = params.domain.as_deref().filter(|d| *d != site) {
        // Links are built from configuration, so a foreign domain changes nothing; note it.
        tracing::info!(
            upload_id = upload.id,
            domain,
            "callback names another 23 domain; ignored"
        );
    }
    Ok((upload, params))
}

/// Records a video the callback names, once 23 confirms it belongs to this upload's token.
async fn record_video(
    state: &AppState,
    upload: &Upload,
    claim: PhotoRecord,
) -> Result<Outcome, CallbackError> {
    let photo_id = claim.photo_id;
    let known = state.store.photos_of(upload.id).await?;
    if known
        .iter()
        .any(|p| p.photo_id == photo_id && p.status != Status::Unverified)
    {
        return Ok(Outcome::Repeat); // a reload of a callback already confirmed: nothing to do, no call to 23
    }
    match reconcile_upload(state, upload).await {
        Ok(reconciled) if reconciled.confirmed.contains(&photo_id) => {
            tracing::info!(upload_id = upload.id, photo_id, status = %reconciled.status, "recorded a confirmed video");
            Ok(Outcome::Confirmed)
        }
        Ok(_) => {
            tracing::warn!(
                upload_id = upload.id,
                photo_id,
                "callback refused: 23 does not list this video"
            );
            Err(CallbackError::NotConfirmed)
        }
        Err(FlowError::Store(error)) => Err(error.into()),
        Err(FlowError::Api(error)) => {
            log_api_failure(&error, "photo/list while verifying a callback");
            // 23 could not be asked. Keep the claim as unverified (never as uploaded) so the
            // visitor sees it arrived, unless the token has no room left for another video.
            if known.len() >= upload.max_uploads as usize {
                return Err(CallbackError::Api(error));
            }
            let claimed = VideoReceived {
                upload_id: upload.id,
                video: &claim,
                confirmed: false,
            };
            let status = apply(state, claimed).await?;
            tracing::info!(upload_id = upload.id, photo_id, %status, "recorded an unverified video");
            Ok(Outcome::Unverified)
        }
    }
}
