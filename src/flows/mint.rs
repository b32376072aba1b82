//! Minting: ask 23 for an upload token and store it as a pending upload. The new-upload form,
//! "try again" and the renewal of a token about to expire all mint through here.

use std::net::IpAddr;

use super::changes::{Minted, MintedWithAnswers, apply};
use super::decide::MintedForApproval;
use crate::client_addr::limit_key;
use crate::error::log_api_failure;
use crate::state::AppState;
use crate::store::{MintLimit, MintRequest, NewUpload, Reservation, StoreError, UploadAnswers};
use crate::twentythree::{ApiError, UploadTokenRequest};
use crate::uploads::{Metadata, PublishPolicy, Upload, now};

/// Why no token was minted.
#[derive(Debug, thiserror::Error)]
pub enum MintError {
    #[error("an hourly mint limit ({limit:?}) is reached")]
    RateLimited { limit: MintLimit, retry_after: i64 },
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MintError {
    /// What the visitor reads; their input is always shown again beside it.
    pub fn message(&self) -> &'static str {
        match self {
            MintError::RateLimited {
                limit: MintLimit::Visitor,
                ..
            } => {
                "You have started many uploads in the last hour. Please wait a few minutes before \
                 starting another; your details are kept below."
            }
            MintError::RateLimited {
                limit: MintLimit::Address,
                ..
            } => {
                "Many uploads were started from your network in the last hour. Please wait a few \
                 minutes before starting another; your details are kept below."
            }
            MintError::RateLimited {
                limit: MintLimit::Site,
                ..
            } => {
                "This site has started as many uploads as it may this hour. Please wait a few \
                 minutes before starting another; your details are kept below."
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

    /// Seconds until the limit lets this visitor mint again (for `Retry-After`).
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            MintError::RateLimited { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }
}

/// Who asks for a token: the visitor the upload belongs to, and the address the request came from.
#[derive(Debug, Clone, Copy)]
pub struct Requester<'a> {
    pub visitor_id: &'a str,
    pub client_ip: IpAddr,
}

/// What a mint asks 23 for besides the visitor's metadata, and what is stored with the upload:
/// the default campaign's settings, or a campaign's (`flows::campaigns`).
#[derive(Debug, Clone, Default)]
pub struct MintPlan {
    pub album_id: Option<String>,
    pub max_uploads: u32,
    /// Whether the visitor's visibility choice reaches 23, and whether the operator approves first.
    pub policy: PublishPolicy,
    /// Answers and consent, stored in the upload's own transaction.
    pub answers: Option<UploadAnswers>,
}

impl MintPlan {
    /// The default campaign behind `/`: today's settings.
    pub fn default_campaign(state: &AppState) -> MintPlan {
        MintPlan {
            album_id: state.uploads.album_id.clone(),
            max_uploads: state.uploads.max_uploads,
            policy: state.uploads.policy,
            answers: None,
        }
    }
}

/// Mints a token for this visitor with this metadata under `plan` (the default campaign's, a
/// campaign's, or a renewed upload's) and stores it as a pending upload.
///
/// A place under the hourly limits is reserved before 23 is called, so simultaneous requests
/// cannot all pass on one old count; it is given back only when 23 surely minted nothing.
pub async fn mint_with(
    state: &AppState,
    who: Requester<'_>,
    metadata: Metadata,
    plan: MintPlan,
) -> Result<Upload, MintError> {
    let reservation = reserve(state, who).await?;
    // What is stored is what 23 was sent, so the history never promises a public video.
    let metadata = Metadata {
        publish: plan.policy.publish(metadata.publish),
        ..metadata
    };
    match mint_reserved(state, who.visitor_id, metadata, plan).await {
        Err(MintError::Api(error)) if !error.is_transient() => {
            state.store.release_mint(reservation).await?;
            Err(MintError::Api(error))
        }
        other => other,
    }
}

async fn reserve(state: &AppState, who: Requester<'_>) -> Result<i64, MintError> {
    let limits = &state.limits;
    let client_ip = limit_key(who.client_ip);
    let request = MintRequest {
        visitor_id: who.visitor_id,
        client_ip: &client_ip,
        per_visitor: limits.tokens_per_hour,
        per_ip: limits.tokens_per_hour_per_ip,
        total: limits.tokens_per_hour_total,
    };
    match state.store.reserve_mint(&request, now()).await? {
        Reservation::Granted(id) => Ok(id),
        Reservation::Refused { limit, retry_after } => {
            tracing::warn!(?limit, retry_after, "a request hit an hourly upload limit");
            Err(MintError::RateLimited { limit, retry_after })
        }
    }
}

async fn mint_reserved(
    state: &AppState,
    visitor_id: &str,
    metadata: Metadata,
    plan: MintPlan,
) -> Result<Upload, MintError> {
    let nonce = state.return_urls.new_nonce();
    let request = UploadTokenRequest {
        title: metadata.title.clone(),
        description: metadata.description.clone(),
        tags: metadata.tags.clone(),
        publish: metadata.publish,
        album_id: plan.album_id,
        valid_minutes: Some(state.uploads.valid_minutes),
        max_uploads: Some(plan.max_uploads),
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
    let upload = match (plan.policy.needs_approval(), plan.answers.as_ref()) {
        (true, answers) => apply(state, MintedForApproval(&new, answers)).await?,
        (false, None) => apply(state, Minted(&new)).await?,
        (false, Some(answers)) => apply(state, MintedWithAnswers(&new, answers)).await?,
    };
    tracing::info!(upload_id = upload.id, "minted an upload token");
    Ok(upload)
}
