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
