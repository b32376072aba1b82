//! `/api/photo/redeem-upload-token`: the browser's multipart POST of the file itself. No OAuth:
//! the upload token is the credential. Whole files are handled here, Resumable.js chunks in
//! `chunks`; both end in `finish`.

use std::time::SystemTime;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::callback::{self, Outcome};
use super::cors::with_cors;
use super::finish::{FinishError, NO_FILE, TOO_LARGE, finish_upload, invalid_token, uploaded};
use super::media_type::{self, UNSUPPORTED_TYPE};
use super::receive::{self, RedeemForm};
use super::{Sandbox, chunk_files, chunks};

pub use callback::post_callback_script;

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    let usable = |token: &str| {
        let now = SystemTime::now();
        sandbox.state().usable_token(token, now).is_some()
    };
    // A chunk is written straight into its upload's file as it is read, not copied there after.
    let place = |form: &RedeemForm| {
        chunks::is_chunk(form)
            .then(|| chunk_files::placement(&sandbox, form))
            .flatten()
    };
    let received = receive::receive(&req, payload, sandbox.settings(), usable, place).await;
    let response = match received {
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
        return invalid_token(StatusCode::OK);
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
                    return invalid_token(StatusCode::OK);
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
