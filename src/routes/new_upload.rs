//! `GET /`: the new-upload form.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::routes::page::{Layout, render_page};
use crate::session::{Visitor, csrf_token};
use crate::state::AppState;
use crate::uploads::MetadataForm;
use crate::uploads::metadata::FieldErrors;

#[derive(Template)]
#[template(path = "new_upload.html")]
pub struct NewUploadPage {
    pub layout: Layout,
    pub csrf_token: String,
    pub form: MetadataForm,
    pub publish: bool,
    pub errors: FieldErrors,
    /// Why the last attempt did not go through, in the visitor's words.
    pub problem: Option<&'static str>,
    pub operator_hint: Option<&'static str>,
}

impl NewUploadPage {
    /// The form, prefilled with what the visitor typed (nothing is ever lost to an error).
    pub fn new(state: &AppState, session: &Session, form: MetadataForm) -> Self {
        let publish = match form.publish.as_deref() {
            Some("1") => true,
            Some("0") => false,
            _ => state.uploads.publish,
        };
        NewUploadPage {
            layout: state.layout(),
            csrf_token: csrf_token(session),
            form,
            publish,
            errors: FieldErrors::default(),
            problem: None,
            operator_hint: None,
        }
    }
}

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
