//! `GET /uploads/{id}/status` and `POST /uploads/{id}/check`: an upload's state as JSON, for the
//! page's scripts. `check` first asks 23 (the same verified path as the callback), so a page whose
//! upload redirect could not be followed (cross-origin) still learns the outcome.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::error::AppError;
use crate::jobs::reconcile::{ReconcileError, reconcile_upload};
use crate::session::{Visitor, trusted_form};
use crate::state::AppState;
use crate::uploads::{Photo, Status, Upload, now};

#[derive(Debug, Serialize)]
pub struct UploadStatus {
    pub id: i64,
    pub status: &'static str,
    pub status_label: &'static str,
    pub error_message: Option<String>,
    pub valid_until: i64,
    /// How many more files the token takes.
    pub remaining: u32,
    pub videos: Vec<VideoStatus>,
}

#[derive(Debug, Serialize)]
pub struct VideoStatus {
    pub photo_id: i64,
    pub status: &'static str,
    pub video_url: Option<String>,
    pub thumbnail_url: Option<String>,
}

impl UploadStatus {
    pub fn new(upload: &Upload, photos: &[Photo]) -> Self {
        let status = upload.effective_status(now());
        UploadStatus {
            id: upload.id,
            status: status.as_str(),
            status_label: status.label(),
            error_message: upload.error_message.clone(),
            valid_until: upload.valid_until,
            remaining: upload.max_uploads.saturating_sub(photos.len() as u32),
            videos: photos
                .iter()
                .map(|p| VideoStatus {
                    photo_id: p.photo_id,
                    status: p.status.as_str(),
                    video_url: p.video_url.clone(),
                    thumbnail_url: p.thumbnail_url.clone(),
                })
                .collect(),
        }
    }
}

/// The visitor's own upload, or 404 (someone else's looks the same as none).
pub async fn own_upload(
    state: &AppState,
    req: &HttpRequest,
    session: &Session,
    id: i64,
) -> Result<Upload, AppError> {
    let visitor = Visitor::current(req, session).ok_or(AppError::NotFound)?;
    state
        .store
        .upload_for_visitor(id, &visitor.id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn status_json(state: &AppState, upload: &Upload) -> Result<HttpResponse, AppError> {
    let photos = state.store.photos_of(upload.id).await?;
    Ok(HttpResponse::Ok().json(UploadStatus::new(upload, &photos)))
}

pub async fn upload_status(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    status_json(&state, &upload).await
}

pub async fn check_upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    if trusted_form(&req, &session, &body, &state.public_url).is_none() {
        return Ok(json_error(
            StatusCode::FORBIDDEN,
            "This page is out of date; reload it and try again.",
        ));
    }
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    // Only uploads whose outcome is still open are worth a call to 23: no answer yet, or a token
    // that still takes files (the page's second file of three lands on an `uploaded` upload).
    let has_room = (state.store.photos_of(upload.id).await?.len() as u32) < upload.max_uploads;
    if has_room
        || matches!(
            upload.status,
            Status::Pending | Status::Unverified | Status::Expired
        )
    {
        match reconcile_upload(&state, &upload).await {
            Ok(_) => {}
            Err(ReconcileError::Store(error)) => return Err(error.into()),
            Err(ReconcileError::Api(error)) => {
                state.operator_hint(&error, "photo/list for a visitor's check");
                return Ok(json_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The video service did not answer; we will keep checking.",
                ));
            }
        }
    }
    let upload = own_upload(&state, &req, &session, upload.id).await?;
    status_json(&state, &upload).await
}

/// `{"error": "…"}` with a status, for the page's scripts.
pub fn json_error(status: StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({ "error": message }))
}
