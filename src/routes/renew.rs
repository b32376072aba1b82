//! `POST /uploads/{id}/renew`: a fresh token with the same title, description and tags.
//!
//! "Try again" on a failed or expired upload, the offer on an expired upload page, and the page's
//! scripts renewing a token about to expire all come here; the history folds the old upload under
//! the new one while the old one has no video (`retry_of`).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::client_addr::client_ip;
use crate::error::AppError;
use crate::flows;
use crate::page::{render_page, see_other};
use crate::routes::shared::new_upload_page::{mint_status, with_retry_after};
use crate::routes::shared::{
    MintedUpload, NewUploadPage, json_error, mint_failed_page, own_upload, wants_json,
};
use crate::session::{Visitor, trusted_form};
use crate::state::AppState;
use crate::uploads::MetadataForm;

pub async fn renew_upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let wants_json = wants_json(&req);
    let previous = own_upload(&state, &req, &session, id.into_inner()).await?;
    if trusted_form(&req, &session, &body, &state.public_url).is_none() {
        tracing::warn!("refused a renewal without a valid CSRF token or from another site");
        const STALE: &str = "This page was out of date or did not come from this site, so nothing was \
                             sent. Check the details below and submit again.";
        if wants_json {
            return Ok(json_error(StatusCode::FORBIDDEN, STALE));
        }
        let mut page = NewUploadPage::new(&state, &session, MetadataForm::from(&previous.metadata));
        page.problem = Some(STALE);
        return Ok(render_page(StatusCode::FORBIDDEN, &page));
    }
    let visitor = Visitor::current_or_new(&req, &session);
    let who = flows::Requester {
        visitor_id: &visitor.id,
        client_ip: client_ip(&req, &state.limits.trusted_proxies),
    };
    match flows::renew(&state, who, &previous).await {
        Ok(upload) => {
            // The history lists the retry in place of the upload it retries.
            state
                .store
                .mark_retry(upload.id, previous.id, &visitor.id)
                .await?;
            let minted = MintedUpload::new(&state, &upload);
            if wants_json {
                Ok(HttpResponse::Ok().json(minted))
            } else {
                Ok(see_other(&minted.send_url))
            }
        }
        Err(error) if wants_json => Ok(with_retry_after(
            json_error(mint_status(&error), error.message()),
            &error,
        )),
        Err(error) => Ok(mint_failed_page(
            &state,
            &session,
            MetadataForm::from(&previous.metadata),
            &error,
        )),
    }
}
