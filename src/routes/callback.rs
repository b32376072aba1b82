//! `GET|POST /uploads/callback/{nonce}/{tag}`: 23 sends the browser back here.
//!
//! This handler only reads the parameters from the request; `flows::record_callback` decides
//! what to believe. The visitor's cookie plays no part (23 delivers long callbacks as a
//! cross-site POST, which carries none).

use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::flows::campaigns::campaign_of_upload;
use crate::flows::{self, CallbackError};
use crate::metrics::CallbackOutcome as Outcome;
use crate::page::see_other;
use crate::state::AppState;

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
    let (nonce, tag) = path.into_inner();
    let result = match callback_data(&req, &body) {
        Some(raw) => flows::record_callback(&state, &nonce, &tag, &raw).await,
        None => Err(CallbackError::AlteredLink),
    };
    state.metrics.callback(match &result {
        Ok((_, outcome)) => *outcome,
        Err(CallbackError::Api(_) | CallbackError::Store(_)) => Outcome::Error,
        Err(_) => Outcome::Refused,
    });
    match result {
        Ok((upload_id, _)) => Ok(see_other(
            &state.path(&after_upload(&state, upload_id).await),
        )),
        Err(CallbackError::UnknownLink) => Err(AppError::BadRequest(UNKNOWN_LINK)),
        Err(CallbackError::AlteredLink) => Err(AppError::BadRequest(ALTERED_LINK)),
        Err(CallbackError::NotConfirmed) => Err(AppError::BadRequest(NOT_CONFIRMED)),
        Err(CallbackError::Api(error)) => Err(state.api_error(error)),
        Err(CallbackError::Store(error)) => Err(error.into()),
    }
}

/// Where the visitor goes once 23 has the video: their history, or, for an upload of a campaign
/// with a thank-you text or URL, the send page's sent state, which shows them (without
/// JavaScript this is the only way the visitor sees them).
/// The video is recorded already, so a failed look-up only costs the thank-you: history then.
async fn after_upload(state: &AppState, upload_id: i64) -> String {
    let campaign = campaign_of_upload(state, upload_id)
        .await
        .unwrap_or_else(|error| {
            tracing::warn!(upload_id, error = %error, "could not look up an upload's campaign");
            None
        });
    let thanks = campaign.is_some_and(|c| {
        !c.settings.thank_you_text.is_empty() || c.settings.thank_you_url.is_some()
    });
    match thanks {
        true => format!("/uploads/{upload_id}/send"),
        false => format!("/uploads#upload-{upload_id}"),
    }
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
