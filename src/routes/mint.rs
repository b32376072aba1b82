//! `POST /uploads`: ask 23 for an upload token, store it as pending, send the visitor on.
//!
//! POST, then redirect, then GET: reloading the next page never mints a second token. The page
//! that sends the file first asks for JSON instead and stays where it is, the file in hand.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::client_addr::client_ip;
use crate::error::AppError;
use crate::flows::{self, MintPlan, campaigns::default_consent};
use crate::page::{render_page, see_other};
use crate::routes::shared::new_upload_page::{mint_status, with_retry_after};
use crate::routes::shared::{
    MintedUpload, NewUploadPage, STALE_PAGE, json_error, mint_failed_page, wants_json,
};
use crate::session::{Visitor, is_trusted_submission};
use crate::state::AppState;
use crate::uploads::MetadataForm;

pub async fn mint_upload_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<MetadataForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let json = wants_json(&req);
    if !is_trusted_submission(&req, &session, &form.csrf_token, &state.public_url) {
        tracing::warn!("refused a new-upload form without a valid CSRF token or from another site");
        if json {
            return Ok(json_error(StatusCode::FORBIDDEN, STALE_PAGE));
        }
        let mut page = NewUploadPage::new(&state, &session, form);
        page.problem = Some(
            "This form had expired or did not come from this site, so nothing was sent. \
             Check the details below and submit again.",
        );
        return Ok(render_page(StatusCode::FORBIDDEN, &page));
    }
    let metadata = match form.parse(state.uploads.publish) {
        Ok(metadata) => metadata,
        Err(errors) if json => {
            let problem = errors.title.or(errors.description).or(errors.tags);
            return Ok(json_error(
                StatusCode::UNPROCESSABLE_ENTITY,
                problem.unwrap_or("Check the details."),
            ));
        }
        Err(errors) => {
            let mut page = NewUploadPage::new(&state, &session, form);
            page.errors = errors;
            return Ok(render_page(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let visitor = Visitor::current_or_new(&req, &session);
    let ticked = form.consent.as_deref() == Some("1");
    let answers = match default_consent(&state, ticked, &visitor.id) {
        Ok(answers) => answers,
        Err(problem) if json => return Ok(json_error(StatusCode::UNPROCESSABLE_ENTITY, problem)),
        Err(problem) => {
            let mut page = NewUploadPage::new(&state, &session, form);
            page.consent_problem = Some(problem);
            return Ok(render_page(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let who = flows::Requester {
        visitor_id: &visitor.id,
        client_ip: client_ip(&req, &state.limits.trusted_proxies),
    };
    let plan = MintPlan {
        answers,
        ..MintPlan::default_campaign(&state)
    };
    match flows::mint_with(&state, who, metadata, plan).await {
        Ok(upload) if json => Ok(HttpResponse::Ok().json(MintedUpload::new(&state, &upload))),
        Ok(upload) => Ok(see_other(
            &state.path(&format!("/uploads/{}/send", upload.id)),
        )),
        Err(error) if json => Ok(with_retry_after(
            json_error(mint_status(&error), error.message()),
            &error,
        )),
        Err(error) => Ok(mint_failed_page(&state, &session, form, &error)),
    }
}
