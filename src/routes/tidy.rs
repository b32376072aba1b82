//! `POST /uploads/{id}/remove` and `POST /uploads/{id}/file`: the visitor keeps the history tidy.
//! Remove takes off an entry that never got a video (waiting, failed or expired); file notes the
//! name and size of the file the page chose, which 23 does not report, for the history's entry.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::page::see_other;
use crate::routes::shared::{STALE_PAGE, json_error, own_upload, wants_json};
use crate::session::trusted_form;
use crate::state::AppState;

/// Longest file name kept: browsers and file systems stop at 255 bytes.
const FILE_NAME_MAX: usize = 255;

pub async fn remove_upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    if trusted_form(&req, &session, &body, &state.public_url).is_none() {
        tracing::warn!("refused a removal without a valid CSRF token or from another site");
        return Err(AppError::Forbidden(STALE_PAGE));
    }
    // An entry with a video is never removed here: the video exists at 23 either way.
    if !state
        .store
        .remove_unsent(upload.id, &upload.visitor_id)
        .await?
    {
        return Err(AppError::BadRequest(
            "This upload has a video, so it stays in your uploads.",
        ));
    }
    tracing::info!(
        upload_id = upload.id,
        "a visitor removed an upload without a video"
    );
    if wants_json(&req) {
        return Ok(HttpResponse::NoContent().finish());
    }
    Ok(see_other(&state.path("/uploads")))
}

pub async fn note_chosen_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let Some(pairs) = trusted_form(&req, &session, &body, &state.public_url) else {
        return Ok(json_error(StatusCode::FORBIDDEN, STALE_PAGE));
    };
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let name: String = field("name")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let size = field("size").and_then(|s| s.parse::<u64>().ok());
    let (Some(size), false) = (size, name.is_empty() || name.len() > FILE_NAME_MAX) else {
        return Ok(json_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The form could not be read. Please go back and try again.",
        ));
    };
    state
        .store
        .record_chosen_file(upload.id, &upload.visitor_id, &name, size)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
