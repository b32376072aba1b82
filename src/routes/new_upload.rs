//! `GET /`: the new-upload form.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::page::render_page;
use crate::routes::shared::NewUploadPage;
use crate::session::Visitor;
use crate::state::AppState;
use crate::uploads::MetadataForm;

pub async fn new_upload_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
) -> HttpResponse {
    Visitor::current_or_new(&req, &session);
    render_page(
        StatusCode::OK,
        &NewUploadPage::new(&state, &session, MetadataForm::default()),
    )
}
