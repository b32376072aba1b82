//! What several handlers share (no handlers here): the visitor's own upload, the JSON answers
//! for the page's scripts, the new-upload form page and the send page, and errors rendered in
//! the app's layout. Route files import this, never each other.

pub mod campaign_look;
pub mod error_pages;
pub mod language;
pub mod new_upload_page;
pub mod send_page;
pub mod server_timing;
pub mod status_json;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::AppError;
use crate::session::Visitor;
use crate::state::AppState;
use crate::uploads::Upload;

pub use new_upload_page::{NewUploadPage, mint_failed_page};
pub use send_page::SendPage;
pub use status_json::{MintedUpload, UploadStatus};

/// What a form whose CSRF check failed is told: the page it came from is stale.
pub const STALE_PAGE: &str = "This page is out of date; reload it and try again.";

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

/// The page's scripts ask for JSON; a form without JavaScript does not.
pub fn wants_json(req: &HttpRequest) -> bool {
    req.headers()
        .get("accept")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"))
}

/// `{"error": "…"}` with a status, for the page's scripts, in the request's language.
pub fn json_error(status: StatusCode, message: &str) -> HttpResponse {
    let message = crate::i18n::current().text(message);
    HttpResponse::build(status).json(serde_json::json!({ "error": message }))
}
