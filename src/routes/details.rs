//! `POST /uploads/{id}/details`: correct title, description or tags while the file is still
//! being sent (or after); `flows::edit_details` has 23 apply them. The page's script gets JSON,
//! the form without JavaScript a page or a redirect. Details 23 could not take (or that exceed the
//! upload's edit budget) are shown again in the form, never lost.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::flows::{self, EditError};
use crate::page::{render_page_in, see_other};
use crate::routes::shared::{
    STALE_PAGE, SendPage, UploadStatus, json_error, own_upload, wants_json,
};
use crate::session::trusted_form;
use crate::state::AppState;
use crate::uploads::{Metadata, MetadataForm, Upload};

const NOT_TAKEN: &str = "The video service did not take the new details; your upload is not \
                         affected. Try again in a moment.";
const OVER_BUDGET: &str = "These details were changed several times in the last minute. Please \
                           wait a minute, then save again; your changes are kept.";

pub async fn update_details(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let json = wants_json(&req);
    let Some(pairs) = trusted_form(&req, &session, &body, &state.public_url) else {
        tracing::warn!("refused new details without a valid CSRF token or from another site");
        return refuse(json, AppError::Forbidden(STALE_PAGE));
    };
    let metadata = match parse_details(&upload, &pairs) {
        Ok(metadata) => metadata,
        Err(message) => return refuse(json, AppError::BadRequest(message)),
    };
    let (status, problem, retry_after) = match flows::edit_details(&state, &upload, &metadata).await
    {
        Ok(()) => return edited(&req, &state, &session, upload.id, json).await,
        Err(EditError::OverBudget { retry_after }) => (
            StatusCode::TOO_MANY_REQUESTS,
            OVER_BUDGET,
            Some(retry_after),
        ),
        Err(EditError::Api(_)) => (StatusCode::SERVICE_UNAVAILABLE, NOT_TAKEN, None),
        Err(EditError::Store(error)) => return Err(error.into()),
    };
    let mut response = if json {
        json_error(status, problem)
    } else {
        let page = SendPage::new(&state, &session, upload).await?;
        let page = page.with_unsaved_details(metadata, problem);
        render_page_in(status, &page, page.layout.lang)
    };
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    Ok(response)
}

/// After 23 took the details: the plain form goes back to the send page, the script gets the
/// upload as it now stands.
async fn edited(
    req: &HttpRequest,
    state: &AppState,
    session: &Session,
    id: i64,
    json: bool,
) -> Result<HttpResponse, AppError> {
    if !json {
        return Ok(see_other(&state.path(&format!("/uploads/{id}/send"))));
    }
    let upload = own_upload(state, req, session, id).await?;
    let photos = state.store.photos_of(upload.id).await?;
    Ok(HttpResponse::Ok().json(UploadStatus::new(&upload, &photos)))
}

/// The refusal as the caller reads it: JSON for the page's script, a page for the plain form.
fn refuse(json: bool, error: AppError) -> Result<HttpResponse, AppError> {
    if !json {
        return Err(error);
    }
    let (status, message) = match error {
        AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
        AppError::BadRequest(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
        other => return Err(other),
    };
    Ok(json_error(status, message))
}

/// The new details from the form's fields, checked like the new-upload form (publish unchanged).
fn parse_details(upload: &Upload, pairs: &[(String, String)]) -> Result<Metadata, &'static str> {
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let form = MetadataForm {
        csrf_token: String::new(),
        title: field("title"),
        description: field("description"),
        tags: field("tags"),
        publish: Some(if upload.metadata.publish { "1" } else { "0" }.into()),
        consent: None,
    };
    form.parse(upload.metadata.publish).map_err(|errors| {
        errors
            .title
            .or(errors.description)
            .or(errors.tags)
            .unwrap_or("Check the details.")
    })
}
