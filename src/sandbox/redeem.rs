//! `/api/photo/redeem-upload-token`: the browser's multipart POST of the file itself. No OAuth:
//! the upload token is the credential. Whole files are handled here, Resumable.js chunks in
//! `chunks`; both end in [`finish_upload`].

use std::time::SystemTime;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use super::callback::{self, Outcome};
use super::media_type::{self, UNSUPPORTED_TYPE};
use super::receive::{self, RedeemForm, UploadedFile};
use super::state::{MediaKind, SandboxPhoto, SandboxToken};
use super::{Sandbox, chunks};

/// 23's docs only say "a plain, unstyled error message"; this is the sandbox's wording.
pub const INVALID_TOKEN: &str = "The upload token is invalid or has expired.";
pub const NO_FILE: &str = "No file was uploaded.";
pub const TOO_LARGE: &str = "The file is too large.";

pub use callback::post_callback_script;

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    let incoming = super::incoming_dir(sandbox.settings());
    let max = sandbox.settings().max_file_size;
    let response = match receive::receive(&req, payload, &incoming, max).await {
        Ok(form) if chunks::is_chunk(&form) => chunks::handle_chunk(&req, &sandbox, form).await,
        Ok(form) => redeem_whole_file(&req, &sandbox, form).await,
        Err(e) => {
            tracing::info!(error = %e, "sandbox could not read an upload");
            HttpResponse::BadRequest()
                .content_type("text/plain; charset=utf-8")
                .body(e.to_string())
        }
    };
    with_cors(&req, &sandbox, response)
}

async fn redeem_whole_file(
    req: &HttpRequest,
    sandbox: &Sandbox,
    mut form: RedeemForm,
) -> HttpResponse {
    let now = SystemTime::now();
    let token_value = form.field("upload_token").unwrap_or_default().to_owned();
    let Some(token) = sandbox.state().usable_token(&token_value, now).cloned() else {
        // Whole-file clients show this to a person; 23's status is undocumented, 200 plausible.
        return invalid_token(actix_web::http::StatusCode::OK);
    };
    let file = form.file.take();
    let outcome = match (file, form.file_too_large) {
        (_, true) => Outcome::Failed(TOO_LARGE.to_owned()),
        (None, _) => Outcome::Failed(NO_FILE.to_owned()),
        (Some(file), _) if file.size == 0 => Outcome::Failed(NO_FILE.to_owned()),
        (Some(file), _) => match media_type::classify(&file.content_type, &file.filename) {
            None => Outcome::Failed(UNSUPPORTED_TYPE.to_owned()),
            Some(kind) => match finish_upload(sandbox, &token_value, file, kind, None).await {
                Ok(photo) => uploaded(&photo),
                Err(FinishError::TokenGone) => {
                    return invalid_token(actix_web::http::StatusCode::OK);
                }
                Err(FinishError::Storage(e)) => {
                    tracing::error!(error = %e, "sandbox could not store an upload");
                    Outcome::Failed("The upload could not be stored.".to_owned())
                }
            },
        },
    };
    callback::respond(req, sandbox, &token, &form, outcome).await
}

pub fn uploaded(photo: &SandboxPhoto) -> Outcome {
    Outcome::Uploaded {
        photo_id: photo.photo_id,
        tree_id: photo.tree_id,
        token: photo.token.clone(),
    }
}

pub fn invalid_token(status: actix_web::http::StatusCode) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .body(INVALID_TOKEN)
}

#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    #[error("the upload token was used up or expired meanwhile")]
    TokenGone,
    #[error("storing the upload failed")]
    Storage(#[source] anyhow::Error),
}

/// Turns a complete file into a photo: takes one use of the token, moves the file into the
/// photo store and records it. The file is deleted if any step fails.
pub async fn finish_upload(
    sandbox: &Sandbox,
    upload_token: &str,
    file: UploadedFile,
    kind: MediaKind,
    resumable_identifier: Option<String>,
) -> Result<SandboxPhoto, FinishError> {
    let extension = media_type::stored_extension(&file.filename);
    let destination = super::photos_dir(sandbox.settings())
        .join(format!("{}.{extension}", crate::random::hex_bytes(16)));
    let (size, filename, content_type) =
        (file.size, file.filename.clone(), file.content_type.clone());
    file.keep_at(&destination)
        .await
        .map_err(FinishError::Storage)?;

    let now = SystemTime::now();
    let mut state = sandbox.state();
    let Some(token) = state.take_token_use(upload_token, now) else {
        drop(state);
        let _ = std::fs::remove_file(&destination);
        return Err(FinishError::TokenGone);
    };
    let photo = new_photo(sandbox, &token, state.allocate_photo_id(), now);
    let photo = SandboxPhoto {
        size,
        original_filename: filename,
        content_type,
        kind,
        stored_at: destination,
        resumable_identifier,
        ..photo
    };
    state.photos.push(photo.clone());
    Ok(photo)
}

fn new_photo(
    sandbox: &Sandbox,
    token: &SandboxToken,
    photo_id: i64,
    now: SystemTime,
) -> SandboxPhoto {
    SandboxPhoto {
        photo_id,
        tree_id: sandbox.tree_id(),
        token: photo_token(),
        upload_token: token.upload_token.clone(),
        title: token.title.clone(),
        description: token.description.clone(),
        tags: token.tags.clone(),
        album_id: token.album_id.clone(),
        user_id: token.user_id.clone(),
        published: token.publish,
        size: 0,
        original_filename: String::new(),
        content_type: String::new(),
        kind: MediaKind::Video,
        stored_at: Default::default(),
        resumable_identifier: None,
        created_at: now,
        encoded_at: now + sandbox.settings().encoding_delay,
        encoded: false,
    }
}

/// 23's photo tokens look like 32 lower-case letters and digits.
fn photo_token() -> String {
    crate::random::token(32).to_ascii_lowercase()
}

/// CORS is undocumented for 23; the sandbox mirrors the caller's Origin when allowed, so
/// XHR/fetch uploads can read the answer, and sends no CORS headers at all otherwise.
fn with_cors(req: &HttpRequest, sandbox: &Sandbox, mut response: HttpResponse) -> HttpResponse {
    if let Some(origin) = allowed_origin(req, sandbox) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

fn allowed_origin(req: &HttpRequest, sandbox: &Sandbox) -> Option<HeaderValue> {
    if !sandbox.cross_origin_uploads() {
        return None;
    }
    req.headers().get(header::ORIGIN).cloned()
}

pub async fn preflight(req: HttpRequest, sandbox: web::Data<Sandbox>) -> HttpResponse {
    let Some(origin) = allowed_origin(&req, &sandbox) else {
        return HttpResponse::NoContent().finish();
    };
    let requested_headers = req
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("Content-Type"));
    HttpResponse::NoContent()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, origin))
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, requested_headers))
        .insert_header((header::ACCESS_CONTROL_MAX_AGE, "600"))
        .insert_header((header::VARY, "Origin"))
        .finish()
}
