//! `POST /uploads`: ask 23 for an upload token, store it as pending, send the visitor on.
//!
//! POST, then redirect, then GET: reloading the next page never mints a second token.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::routes::new_upload::NewUploadPage;
use crate::routes::page::{render_page, see_other};
use crate::session::{Visitor, is_trusted_submission};
use crate::state::AppState;
use crate::store::{NewUpload, StoreError};
use crate::twentythree::{ApiError, UploadTokenRequest};
use crate::uploads::{Metadata, MetadataForm, Upload, now};

/// Why no token was minted.
#[derive(Debug, thiserror::Error)]
pub enum MintError {
    #[error("the visitor minted {0} tokens in the last hour")]
    RateLimited(u32),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MintError {
    pub fn status(&self) -> StatusCode {
        match self {
            MintError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            MintError::Api(e) if e.is_transient() => StatusCode::SERVICE_UNAVAILABLE,
            MintError::Api(_) => StatusCode::BAD_GATEWAY,
            MintError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// What the visitor reads; their input is always shown again beside it.
    pub fn message(&self) -> &'static str {
        match self {
            MintError::RateLimited(_) => {
                "You have started many uploads in the last hour. Please wait a few minutes before \
                 starting another; your details are kept below."
            }
            MintError::Api(e) if e.is_transient() => {
                "The video service is not answering right now, so nothing was uploaded. \
                 Your details are kept below: please try again in a moment."
            }
            MintError::Api(_) => {
                "The video service refused to start this upload. Your details are kept below; \
                 the site's operator has been told."
            }
            MintError::Store(_) => {
                "We could not save this upload just now, so nothing was sent. Your details are kept \
                 below: please try again in a moment."
            }
        }
    }
}

/// Mints a token for this visitor with this metadata and stores it as a pending upload.
/// Shared by the new-upload form, "try again" and the renewal of a token about to expire.
pub async fn mint(
    state: &AppState,
    visitor: &Visitor,
    metadata: Metadata,
) -> Result<Upload, MintError> {
    let recent = state
        .store
        .uploads_minted_since(&visitor.id, now() - 3600)
        .await?;
    if recent >= state.uploads.tokens_per_hour {
        tracing::warn!(recent, "a visitor hit the hourly upload limit");
        return Err(MintError::RateLimited(recent));
    }
    let nonce = state.return_urls.new_nonce();
    let request = UploadTokenRequest {
        title: metadata.title.clone(),
        description: metadata.description.clone(),
        tags: metadata.tags.clone(),
        publish: metadata.publish,
        album_id: state.uploads.album_id.clone(),
        valid_minutes: Some(state.uploads.valid_minutes),
        max_uploads: Some(state.uploads.max_uploads),
        return_url: state.return_urls.return_url(&state.public_url, &nonce),
    };
    let token = state
        .client
        .get_upload_token(&request)
        .await
        .inspect_err(|error| {
            state.operator_hint(error, "get-upload-token");
        })?;
    state.metrics.token_minted();
    let upload = state
        .store
        .insert_upload(&NewUpload {
            visitor_id: visitor.id.clone(),
            nonce,
            upload_token: token.upload_token,
            metadata,
            max_uploads: token.max_uploads.max(1),
            valid_until: token.valid_until,
        })
        .await?;
    tracing::info!(upload_id = upload.id, "minted an upload token");
    Ok(upload)
}

pub async fn mint_upload_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<MetadataForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if !is_trusted_submission(&req, &session, &form.csrf_token, &state.public_url) {
        tracing::warn!("refused a new-upload form without a valid CSRF token or from another site");
        let mut page = NewUploadPage::new(&state, &session, form);
        page.problem = Some(
            "This form had expired or did not come from this site, so nothing was sent. \
             Check the details below and submit again.",
        );
        return Ok(render_page(StatusCode::FORBIDDEN, &page));
    }
    let metadata = match form.parse(state.uploads.publish) {
        Ok(metadata) => metadata,
        Err(errors) => {
            let mut page = NewUploadPage::new(&state, &session, form);
            page.errors = errors;
            return Ok(render_page(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let visitor = Visitor::current_or_new(&req, &session);
    match mint(&state, &visitor, metadata).await {
        Ok(upload) => Ok(see_other(
            &state.path(&format!("/uploads/{}/send", upload.id)),
        )),
        Err(error) => Ok(mint_failed_page(&state, &session, form, &error)),
    }
}

/// The new-upload form again, prefilled, saying why no token was minted.
pub fn mint_failed_page(
    state: &AppState,
    session: &Session,
    form: MetadataForm,
    error: &MintError,
) -> HttpResponse {
    let mut page = NewUploadPage::new(state, session, form);
    page.problem = Some(error.message());
    if let MintError::Api(api) = error {
        page.operator_hint = state.page_hint(api);
    }
    let mut response = render_page(error.status(), &page);
    if matches!(error, MintError::RateLimited(_)) {
        response.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from_static("300"),
        );
    }
    response
}
