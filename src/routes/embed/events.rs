//! `GET /embed/uploads/{id}`: what the frame's script tells the host page about an upload, in the
//! fields the webhooks' `data` uses. Reads the database only; the upload page's own checks (and
//! the background jobs) are what ask 23.
//!
//! Not `webhooks::UploadData`, though the names agree: that one describes one change (the upload
//! as the event left it, with the one video the event is about, unknown fields left out) and goes
//! server to server, visitor id included; this one is polled by a script in the visitor's browser
//! and describes the upload now (its effective status, every video with its own status, how many
//! more files the token takes), with nothing the host page's script has no use for.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::error::AppError;
use crate::routes::shared::own_upload;
use crate::state::AppState;
use crate::uploads::now;

#[derive(Serialize)]
struct UploadEvents {
    upload_id: i64,
    title: String,
    status: &'static str,
    error_message: Option<String>,
    /// How many more files the token takes: the frame stops watching at 0 once all are ready.
    remaining: u32,
    videos: Vec<VideoEvent>,
}

#[derive(Serialize)]
struct VideoEvent {
    photo_id: i64,
    tree_id: Option<i64>,
    token: Option<String>,
    status: &'static str,
    video_url: Option<String>,
    thumbnail_url: Option<String>,
}

pub async fn upload_events(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    if !state.embed.is_enabled() {
        return Err(AppError::NotFound);
    }
    // Someone else's upload looks the same as none.
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let photos = state.store.photos_of(upload.id).await?;
    let events = UploadEvents {
        upload_id: upload.id,
        status: upload.effective_status(now()).as_str(),
        error_message: upload.error_message.clone(),
        remaining: upload.max_uploads.saturating_sub(photos.len() as u32),
        videos: photos
            .into_iter()
            .map(|p| VideoEvent {
                photo_id: p.photo_id,
                tree_id: p.tree_id,
                token: p.token,
                status: p.status.as_str(),
                video_url: p.video_url,
                thumbnail_url: p.thumbnail_url,
            })
            .collect(),
        title: upload.metadata.title,
    };
    Ok(HttpResponse::Ok().json(events))
}
