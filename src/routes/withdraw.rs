//! `GET /uploads/{id}/withdraw` asks the visitor to confirm; `POST` withdraws their video:
//! `flows::withdraw` writes the decision, the jobs have 23 delete the video. Only the upload's
//! own visitor gets past `own_upload` (anyone else sees "not found"), and the form must carry
//! the session's CSRF token.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::error::AppError;
use crate::flows;
use crate::page::{Layout, render_page, see_other};
use crate::routes::shared::{STALE_PAGE, own_upload};
use crate::session::{Visitor, csrf_token, trusted_form};
use crate::state::AppState;
use crate::store::Refusal;

#[derive(Template)]
#[template(path = "withdraw.html")]
pub struct WithdrawPage {
    pub layout: Layout,
    pub csrf_token: String,
    pub upload_id: i64,
    pub title: String,
    /// Where the form posts (the history's route, or the private link itself).
    pub action: String,
}

pub async fn confirm_withdrawal(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let page = WithdrawPage {
        layout: state.layout(),
        csrf_token: csrf_token(&session),
        action: format!("/uploads/{}/withdraw", upload.id),
        upload_id: upload.id,
        title: upload.metadata.title,
    };
    Ok(render_page(StatusCode::OK, &page))
}

pub async fn withdraw_upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    if trusted_form(&req, &session, &body, &state.public_url).is_none() {
        tracing::warn!("refused a withdrawal without a valid CSRF token or from another site");
        return Err(AppError::Forbidden(STALE_PAGE));
    }
    let visitor = Visitor::current(&req, &session).ok_or(AppError::NotFound)?;
    match flows::withdraw(&state, &visitor.id, upload.id).await? {
        // Withdrawn now, or already: either way the history shows it withdrawn.
        Ok(_) | Err(Refusal::NotNow) => {}
        Err(Refusal::NotFound) => return Err(AppError::NotFound),
    }
    Ok(see_other(
        &state.path(&format!("/uploads#upload-{}", upload.id)),
    ))
}

/// The upload a private withdrawal link names, if its tag is right (any other looks absent).
async fn linked_upload(
    state: &AppState,
    nonce: &str,
    tag: &str,
) -> Result<crate::uploads::Upload, AppError> {
    if !state.return_urls.verify_withdrawal(nonce, tag) {
        return Err(AppError::NotFound);
    }
    state
        .store
        .upload_by_nonce(nonce)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /uploads/withdraw/{nonce}/{tag}`: the private link's confirmation page, on any device.
pub async fn confirm_by_link(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (nonce, tag) = path.into_inner();
    let upload = linked_upload(&state, &nonce, &tag).await?;
    let page = WithdrawPage {
        layout: state.layout(),
        csrf_token: csrf_token(&session),
        action: format!("/uploads/withdraw/{nonce}/{tag}"),
        upload_id: upload.id,
        title: upload.metadata.title,
    };
    Ok(render_page(StatusCode::OK, &page))
}

/// `POST /uploads/withdraw/{nonce}/{tag}`: withdraws for the upload's own visitor.
pub async fn withdraw_by_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (nonce, tag) = path.into_inner();
    let upload = linked_upload(&state, &nonce, &tag).await?;
    if trusted_form(&req, &session, &body, &state.public_url).is_none() {
        tracing::warn!("refused a withdrawal without a valid CSRF token or from another site");
        return Err(AppError::Forbidden(STALE_PAGE));
    }
    match flows::withdraw(&state, &upload.visitor_id, upload.id).await? {
        Ok(_) | Err(Refusal::NotNow) => {}
        Err(Refusal::NotFound) => return Err(AppError::NotFound),
    }
    Ok(see_other(&state.path("/uploads")))
}
