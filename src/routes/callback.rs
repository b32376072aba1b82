//! `GET|POST /uploads/callback/{nonce}/{tag}`: 23 sends the browser back here.
//!
//! The redirect is unsigned and anyone can forge it, so nothing in it is believed on its own:
//! the signed nonce names the upload, the echoed `upload_token` must be that upload's, and a
//! video counts only once 23 itself lists it under that token. The visitor's cookie plays no
//! part (23 delivers long callbacks as a cross-site POST, which carries none).

use actix_web::{HttpRequest, HttpResponse, web};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::jobs::reconcile::{ReconcileError, reconcile_upload};
use crate::metrics::CallbackOutcome as Outcome;
use crate::routes::page::see_other;
use crate::state::AppState;
use crate::store::PhotoRecord;
use crate::uploads::{CallbackOutcome, CallbackParams, Status, Upload};

const UNKNOWN_LINK: &str = "This return link does not belong to any upload of ours, so nothing was recorded. \
     If you just uploaded a video, it will show in your uploads once the video service confirms it.";
const ALTERED_LINK: &str = "This return link is incomplete or has been altered, so nothing was recorded. \
     If you just uploaded a video, it will show in your uploads once the video service confirms it.";
const NOT_CONFIRMED: &str = "The video service does not list this video under your upload, so nothing was \
     recorded. If you just uploaded it, it will show in your uploads once the video service confirms it.";

pub async fn upload_callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let result = handle_callback(&req, &state, path.into_inner(), &body).await;
    state.metrics.callback(match &result {
        Ok((_, outcome)) => *outcome,
        Err(AppError::BadRequest(_)) => Outcome::Refused,
        Err(_) => Outcome::Error,
    });
    result.map(|(response, _)| response)
}

async fn handle_callback(
    req: &HttpRequest,
    state: &AppState,
    (nonce, tag): (String, String),
    body: &[u8],
) -> Result<(HttpResponse, Outcome), AppError> {
    if !state.return_urls.verify(&nonce, &tag) {
        tracing::warn!("callback refused: the return link's signature does not match");
        return Err(AppError::BadRequest(UNKNOWN_LINK));
    }
    let raw = callback_data(req, body).ok_or(AppError::BadRequest(ALTERED_LINK))?;
    let params = CallbackParams::parse(&raw).map_err(|reason| {
        tracing::warn!(%reason, "callback refused: malformed parameters");
        AppError::BadRequest(ALTERED_LINK)
    })?;
    let Some(upload) = state.store.upload_by_nonce(&nonce).await? else {
        tracing::warn!("callback refused: no upload has this nonce");
        return Err(AppError::BadRequest(UNKNOWN_LINK));
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
        return Err(AppError::BadRequest(ALTERED_LINK));
    }
    if let Some(domain) = params
        .domain
        .as_deref()
        .filter(|d| *d != state.site_url.authority())
    {
        // Links are built from configuration, so a foreign domain changes nothing; note it.
        tracing::info!(
            upload_id = upload.id,
            domain,
            "callback names another 23 domain; ignored"
        );
    }
    let outcome = match params.outcome {
        CallbackOutcome::Failure { error_message } => {
            let status = state
                .store
                .record_failure(upload.id, &error_message)
                .await?;
            tracing::info!(upload_id = upload.id, %status, "23 reported an upload error");
            Outcome::UploadFailed
        }
        CallbackOutcome::Success {
            photo_id,
            tree_id,
            token,
        } => record_video(state, &upload, photo_id, tree_id, token).await?,
    };
    let response = see_other(&state.path(&format!("/uploads#upload-{}", upload.id)));
    Ok((response, outcome))
}

/// The callback's parameters: the query for GET; for POST, the form body too (23 switches to a
/// POST above 1500 characters). Multipart or non-UTF-8 bodies are refused.
fn callback_data(req: &HttpRequest, body: &[u8]) -> Option<String> {
    let query = req.query_string();
    if body.is_empty() {
        return Some(query.to_string());
    }
    let content_type = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return None;
    }
    let body = std::str::from_utf8(body).ok()?;
    Some(if query.is_empty() {
        body.to_string()
    } else {
        format!("{query}&{body}")
    })
}

/// Records a video the callback names, once 23 confirms it belongs to this upload's token.
async fn record_video(
    state: &AppState,
    upload: &Upload,
    photo_id: i64,
    tree_id: Option<i64>,
    token: Option<String>,
) -> Result<Outcome, AppError> {
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
            Err(AppError::BadRequest(NOT_CONFIRMED))
        }
        Err(ReconcileError::Store(error)) => Err(error.into()),
        Err(ReconcileError::Api(error)) => {
            // 23 could not be asked. Keep the claim as unverified (never as uploaded) so the
            // visitor sees it arrived, unless the token has no room left for another video.
            if known.len() >= upload.max_uploads as usize {
                return Err(state.api_failure(error, "photo/list while verifying a callback"));
            }
            state.operator_hint(&error, "photo/list while verifying a callback");
            let record = PhotoRecord {
                photo_id,
                tree_id,
                token,
                video_url: None,
            };
            let status = state.store.record_photo(upload.id, &record, false).await?;
            tracing::info!(upload_id = upload.id, photo_id, %status, "recorded an unverified video");
            Ok(Outcome::Unverified)
        }
    }
}
