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
use crate::store::NewUpload;
use crate::twentythree::UploadTokenRequest;
use crate::uploads::MetadataForm;

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
    let visitor = Visitor::current_or_new(&session);
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
    let token = match state.client.get_upload_token(&request).await {
        Ok(token) => token,
        Err(error) => {
            let status = if error.is_transient() {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::BAD_GATEWAY
            };
            let mut page = NewUploadPage::new(&state, &session, form);
            page.operator_hint = state.operator_hint(&error, "get-upload-token");
            page.problem = Some(if error.is_transient() {
                "The video service did not respond in time, so nothing was uploaded. \
                 Your details are kept below: please try again in a moment."
            } else {
                "The video service refused to start this upload. Your details are kept below; \
                 the site's operator has been told."
            });
            return Ok(render_page(status, &page));
        }
    };
    let upload = state
        .store
        .insert_upload(&NewUpload {
            visitor_id: visitor.id,
            nonce,
            upload_token: token.upload_token,
            metadata,
            max_uploads: token.max_uploads.max(1),
            valid_until: token.valid_until,
        })
        .await?;
    tracing::info!(upload_id = upload.id, "minted an upload token");
    Ok(see_other(
        &state.path(&format!("/uploads/{}/send", upload.id)),
    ))
}
