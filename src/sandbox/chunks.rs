//! Resumable.js chunk uploads to redeem-upload-token (23's "resumable uploads").
//!
//! Per chunk, 23 answers 200 (stored, don't resend), 500 (give up the whole upload, e.g. the
//! file type is refused) or anything else (retry). The sandbox refuses a chunk whose size breaks
//! the documented geometry with **400**: under 23's rules that means "retry", which fits a chunk
//! that was cut short in transit. (Resumable.js's default `permanentErrors` includes 400, so
//! there the upload stops instead; either way nothing wrong is stored.)

use std::path::PathBuf;
use std::time::SystemTime;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use anyhow::Context as _;
use sha2::{Digest as _, Sha256};
use tokio::io::AsyncWriteExt as _;

use super::Sandbox;
use super::callback::{self, Outcome};
use super::chunk_geometry::Geometry;
use super::media_type::{self, UNSUPPORTED_TYPE};
use super::receive::{RedeemForm, UploadedFile};
use super::redeem::{self, FinishError};
use super::state::{ChunkedUpload, MediaKind};

pub fn is_chunk(form: &RedeemForm) -> bool {
    form.field("resumableChunkNumber").is_some()
}

pub async fn handle_chunk(
    req: &HttpRequest,
    sandbox: &Sandbox,
    mut form: RedeemForm,
) -> HttpResponse {
    // Whatever happens below, the received chunk file is deleted on drop unless it was kept.
    let file = form.file.take();
    if let Some(status) = sandbox.state().take_chunk_failure() {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return text(status, "Simulated chunk failure.");
    }
    let token_value = form.field("upload_token").unwrap_or_default().to_owned();
    let now = SystemTime::now();
    let Some(token) = sandbox.state().usable_token(&token_value, now).cloned() else {
        // 500 makes chunking clients abort instead of retrying a dead token.
        return redeem::invalid_token(StatusCode::INTERNAL_SERVER_ERROR);
    };
    let geometry = match Geometry::parse(&form) {
        Ok(geometry) => geometry,
        Err(problem) => return text(StatusCode::BAD_REQUEST, &problem),
    };
    if geometry.total_size > sandbox.settings().max_resumable_size() {
        return text(StatusCode::INTERNAL_SERVER_ERROR, redeem::TOO_LARGE);
    }
    let filename = form
        .field("resumableFilename")
        .or(file.as_ref().map(|f| f.filename.as_str()))
        .unwrap_or_default()
        .to_owned();
    let content_type = form
        .field("resumableType")
        .filter(|t| !t.is_empty())
        .or(file.as_ref().map(|f| f.content_type.as_str()))
        .unwrap_or_default()
        .to_owned();
    let Some(kind) = media_type::classify(&content_type, &filename) else {
        return text(StatusCode::INTERNAL_SERVER_ERROR, UNSUPPORTED_TYPE);
    };
    let Some(file) = file.filter(|f| !form.file_too_large && f.size == geometry.expected_size())
    else {
        let problem = format!(
            "chunk {} must be {} bytes",
            geometry.number,
            geometry.expected_size()
        );
        return text(StatusCode::BAD_REQUEST, &problem);
    };
    let identifier = form
        .field("resumableIdentifier")
        .unwrap_or_default()
        .to_owned();
    let upload = UploadKey::new(sandbox, &token_value, &identifier);
    match store_chunk(sandbox, &upload, &geometry, file).await {
        Ok(false) => text(StatusCode::OK, ""),
        Ok(true) => {
            let outcome =
                match assemble(sandbox, &upload, &geometry, &filename, &content_type).await {
                    Ok(file) => finish(sandbox, &token_value, file, kind, identifier).await,
                    Err(e) => Err(FinishError::Storage(e)),
                };
            sandbox.state().chunked_uploads.remove(&upload.state_key);
            let _ = tokio::fs::remove_dir_all(&upload.dir).await;
            match outcome {
                Ok(outcome) => callback::respond(req, sandbox, &token, &form, outcome).await,
                Err(FinishError::TokenGone) => {
                    redeem::invalid_token(StatusCode::INTERNAL_SERVER_ERROR)
                }
                Err(FinishError::Storage(e)) => {
                    tracing::error!(error = %e, "sandbox could not assemble a chunked upload");
                    text(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "The upload could not be stored.",
                    )
                }
            }
        }
        Err(ChunkError::Mismatch(problem)) => text(StatusCode::BAD_REQUEST, &problem),
        Err(ChunkError::Storage(e)) => {
            tracing::error!(error = %e, "sandbox could not store a chunk");
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                "The chunk could not be stored.",
            )
        }
    }
}

async fn finish(
    sandbox: &Sandbox,
    token: &str,
    file: UploadedFile,
    kind: MediaKind,
    identifier: String,
) -> Result<Outcome, FinishError> {
    let photo = redeem::finish_upload(sandbox, token, file, kind, Some(identifier)).await?;
    Ok(redeem::uploaded(&photo))
}

/// Where one resumable upload's chunks live; the identifier is the client's, so it is hashed
/// rather than used in a path.
struct UploadKey {
    state_key: (String, String),
    dir: PathBuf,
}

impl UploadKey {
    fn new(sandbox: &Sandbox, token: &str, identifier: &str) -> Self {
        let digest = Sha256::digest(format!("{token}\n{identifier}").as_bytes());
        Self {
            state_key: (token.to_owned(), identifier.to_owned()),
            dir: super::chunks_dir(sandbox.settings()).join(hex::encode(digest)),
        }
    }
}

enum ChunkError {
    Mismatch(String),
    Storage(anyhow::Error),
}

/// Keeps the chunk (a retry replaces the earlier copy); true when this request completed the
/// set and must assemble it.
async fn store_chunk(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
    file: UploadedFile,
) -> Result<bool, ChunkError> {
    {
        let state = sandbox.state();
        if let Some(existing) = state.chunked_uploads.get(&upload.state_key)
            && (existing.chunk_size, existing.total_size)
                != (geometry.chunk_size, geometry.total_size)
        {
            return Err(ChunkError::Mismatch(
                "resumableChunkSize and resumableTotalSize differ from earlier chunks".into(),
            ));
        }
    }
    tokio::fs::create_dir_all(&upload.dir)
        .await
        .context("creating a chunk directory")
        .map_err(ChunkError::Storage)?;
    let chunk_path = upload.dir.join(geometry.number.to_string());
    file.keep_at(&chunk_path)
        .await
        .map_err(ChunkError::Storage)?;

    let mut state = sandbox.state();
    let entry = state
        .chunked_uploads
        .entry(upload.state_key.clone())
        .or_insert_with(|| ChunkedUpload {
            chunk_size: geometry.chunk_size,
            total_size: geometry.total_size,
            received: Default::default(),
            assembling: false,
        });
    entry.received.insert(geometry.number);
    let complete = entry.received.len() as u64 == geometry.chunk_count();
    if complete && !entry.assembling {
        entry.assembling = true;
        return Ok(true);
    }
    Ok(false)
}

/// Appends the chunks in order into one file, copying through a small buffer.
async fn assemble(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
    filename: &str,
    content_type: &str,
) -> anyhow::Result<UploadedFile> {
    let path = super::incoming_dir(sandbox.settings())
        .join(format!("{}.part", crate::random::hex_bytes(16)));
    let file = UploadedFile::new(
        path,
        geometry.total_size,
        filename.to_owned(),
        content_type.to_owned(),
    );
    let mut out = tokio::fs::File::create(file.path())
        .await
        .context("creating the assembled upload")?;
    let mut written = 0;
    for number in 1..=geometry.chunk_count() {
        let mut chunk = tokio::fs::File::open(upload.dir.join(number.to_string()))
            .await
            .with_context(|| format!("opening chunk {number}"))?;
        written += tokio::io::copy(&mut chunk, &mut out)
            .await
            .with_context(|| format!("appending chunk {number}"))?;
    }
    out.flush().await.context("flushing the assembled upload")?;
    anyhow::ensure!(
        written == geometry.total_size,
        "assembled {written} of {} bytes",
        geometry.total_size
    );
    Ok(file)
}

fn text(status: StatusCode, body: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .body(body.to_owned())
}
