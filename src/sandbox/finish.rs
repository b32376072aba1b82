//! The common end of every redeem, whole file or chunked: a complete file becomes a photo, or
//! the upload is refused with one of these plain messages. Both `redeem` and `chunks` use it.

use std::time::SystemTime;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::Sandbox;
use super::callback::Outcome;
use super::media_type;
use super::receive::UploadedFile;
use super::state::{MediaKind, SandboxPhoto, SandboxToken};

/// 23 only promises "a plain, unstyled error message" (docs/23-api.md §6.4); the wording is ours.
pub const INVALID_TOKEN: &str = "The upload token is invalid or has expired.";
pub const NO_FILE: &str = "No file was uploaded.";
pub const TOO_LARGE: &str = "The file is too large.";

pub fn uploaded(photo: &SandboxPhoto) -> Outcome {
    Outcome::Uploaded {
        photo_id: photo.photo_id,
        tree_id: photo.tree_id,
        token: photo.token.clone(),
    }
}

pub fn invalid_token(status: StatusCode) -> HttpResponse {
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
    // Headers only (a few reads, at most the last 8 MiB of a WebM), off the async threads.
    let stored = destination.clone();
    let length = tokio::task::spawn_blocking(move || super::duration::media_length(&stored))
        .await
        .ok()
        .flatten();

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
        length,
        ..photo
    };
    state.photos.push(photo.clone());
    let dropped = state.let_oldest_files_go(sandbox.settings().store_max);
    drop(state);
    // Unlinking is quick, and no await may follow while the guard's scope lasts.
    for path in dropped {
        if let Err(error) = std::fs::remove_file(&path) {
            tracing::warn!(%error, path = %path.display(), "could not delete a stored file past the cap");
        }
    }
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
        file_kept: true,
        resumable_identifier: None,
        length: None,
        created_at: now,
        encoded_at: now + sandbox.settings().encoding_delay,
        encoded: false,
    }
}

/// 23's photo tokens look like 32 lower-case letters and digits.
fn photo_token() -> String {
    crate::random::token(32).to_ascii_lowercase()
}
