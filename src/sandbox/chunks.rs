//! Resumable.js chunk uploads to redeem-upload-token (23's "resumable uploads").
//!
//! Per chunk, 23 answers 200 (stored, don't resend), 500 (give up the whole upload, e.g. the
//! file type is refused) or anything else (retry). The sandbox refuses a chunk whose size breaks
//! the documented geometry with **400**: under 23's rules that means "retry", which fits a chunk
//! that was cut short in transit. (Resumable.js's default `permanentErrors` includes 400, so
//! there the upload stops instead; either way nothing wrong is stored.)

use std::time::SystemTime;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use super::Sandbox;
use super::callback::{self, Outcome};
use super::chunk_files::{ChunkError, UploadKey, assemble, store_chunk};
use super::chunk_geometry::Geometry;
use super::finish::{self, FinishError};
use super::media_type::{self, UNSUPPORTED_TYPE};
use super::receive::{RedeemForm, UploadedFile};
use super::state::{MediaKind, SandboxToken};

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
    let placed = form.placed;
    if let Some(status) = sandbox.state().take_chunk_failure() {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        return text(status, "Simulated chunk failure.");
    }
    let chunk = match Chunk::check(sandbox, &form, file) {
        Ok(chunk) => chunk,
        Err(Refusal(status, body)) => return text(status, &body),
    };
    let upload = UploadKey::new(sandbox, &chunk.token.upload_token, &chunk.identifier);
    match store_chunk(sandbox, &upload, &chunk.geometry, chunk.file, placed).await {
        Ok(false) => text(StatusCode::OK, ""),
        Ok(true) => {
            let Chunk {
                token,
                geometry,
                filename,
                content_type,
                kind,
                identifier,
                ..
            } = chunk;
            let outcome =
                match assemble(sandbox, &upload, &geometry, &filename, &content_type).await {
                    Ok(file) => finish(sandbox, &token.upload_token, file, kind, identifier).await,
                    Err(e) => Err(FinishError::Storage(e)),
                };
            sandbox.state().chunked_uploads.remove(&upload.state_key);
            let _ = tokio::fs::remove_dir_all(&upload.dir).await;
            match outcome {
                Ok(outcome) => callback::respond(req, sandbox, &token, &form, outcome).await,
                Err(e) => finish_failed(e),
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

/// A chunk turned away before anything was stored: the status and plain-text body to answer.
struct Refusal(StatusCode, String);

impl Refusal {
    fn new(status: StatusCode, body: &str) -> Self {
        Self(status, body.to_owned())
    }
}

/// One chunk that passed every check, with what the last chunk needs to finish the upload.
struct Chunk {
    token: SandboxToken,
    geometry: Geometry,
    filename: String,
    content_type: String,
    kind: MediaKind,
    identifier: String,
    file: UploadedFile,
}

impl Chunk {
    /// The refusal is the whole answer: 500 where the upload can never succeed (dead token, too
    /// large, refused type), 400 where a resend may (a chunk of the wrong size).
    fn check(
        sandbox: &Sandbox,
        form: &RedeemForm,
        file: Option<UploadedFile>,
    ) -> Result<Self, Refusal> {
        let token_value = form.field("upload_token").unwrap_or_default();
        let Some(token) = sandbox
            .state()
            .usable_token(token_value, SystemTime::now())
            .cloned()
        else {
            // 500 makes chunking clients abort instead of retrying a dead token.
            return Err(Refusal::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                finish::INVALID_TOKEN,
            ));
        };
        let geometry =
            Geometry::parse(form).map_err(|problem| Refusal(StatusCode::BAD_REQUEST, problem))?;
        if geometry.total_size > sandbox.settings().max_resumable_size() {
            return Err(Refusal::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                finish::TOO_LARGE,
            ));
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
            return Err(Refusal::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                UNSUPPORTED_TYPE,
            ));
        };
        let expected = geometry.expected_size();
        let Some(file) = file.filter(|f| !form.file_too_large && f.size == expected) else {
            let problem = format!("chunk {} must be {expected} bytes", geometry.number);
            return Err(Refusal(StatusCode::BAD_REQUEST, problem));
        };
        let identifier = form.field("resumableIdentifier").unwrap_or_default();
        Ok(Self {
            token,
            geometry,
            filename,
            content_type,
            kind,
            identifier: identifier.to_owned(),
            file,
        })
    }
}

fn finish_failed(error: FinishError) -> HttpResponse {
    match error {
        FinishError::TokenGone => finish::invalid_token(StatusCode::INTERNAL_SERVER_ERROR),
        FinishError::Storage(e) => {
            tracing::error!(error = %e, "sandbox could not assemble a chunked upload");
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                "The upload could not be stored.",
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
    let photo = finish::finish_upload(sandbox, token, file, kind, Some(identifier)).await?;
    Ok(finish::uploaded(&photo))
}

fn text(status: StatusCode, body: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/plain; charset=utf-8")
        .body(body.to_owned())
}
