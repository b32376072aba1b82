//! `GET /uploads/{id}/send`: the form that posts the file straight to 23.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::page::render_page_in;
use crate::routes::shared::{SendPage, own_upload};
use crate::state::AppState;

pub async fn send_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    // Only the browser that minted the token sees its form; any other gets the same 404.
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let page = SendPage::new(&state, &session, upload).await?;
    Ok(render_page_in(StatusCode::OK, &page, page.layout.lang))
}
