//! `GET /uploads/{id}/send`: the form that posts the file straight to 23.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::error::AppError;
use crate::page::{Layout, human_time, machine_time, render_page};
use crate::routes::shared::own_upload;
use crate::session::csrf_token;
use crate::state::AppState;
use crate::uploads::{Upload, now};

#[derive(Template)]
#[template(path = "send.html")]
pub struct SendPage {
    pub layout: Layout,
    pub upload: Upload,
    /// `{23 site}/api/photo/redeem-upload-token`.
    pub action: String,
    pub expired: bool,
    /// How many more files this token takes.
    pub remaining: u32,
    pub expires_human: String,
    pub expires_machine: String,
    pub csrf_token: String,
    /// The operator's limits, in bytes, for the page's scripts.
    pub max_file_bytes: u64,
    pub chunked_above_bytes: u64,
    pub chunk_size_bytes: u64,
}

pub async fn send_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    // Only the browser that minted the token sees its form; any other gets the same 404.
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let photos = state.store.photos_of(upload.id).await?;
    let remaining = upload.max_uploads.saturating_sub(photos.len() as u32);
    let page = SendPage {
        layout: state.layout(),
        action: state.links.redeem_upload_token(),
        // 23 refuses an expired token with a bare error page; offer a fresh one instead.
        expired: remaining > 0 && now() > upload.valid_until,
        remaining,
        expires_human: human_time(upload.valid_until),
        expires_machine: machine_time(upload.valid_until),
        csrf_token: csrf_token(&session),
        max_file_bytes: u64::from(state.uploads.max_file_mb) << 20,
        chunked_above_bytes: u64::from(state.uploads.chunked_above_mb) << 20,
        chunk_size_bytes: u64::from(state.uploads.chunk_size_mb) << 20,
        upload,
    };
    Ok(render_page(StatusCode::OK, &page))
}
