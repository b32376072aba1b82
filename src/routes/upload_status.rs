//! `GET /uploads/{id}/status` and `POST /uploads/{id}/check`: an upload's state as JSON, for the
//! page's scripts. `check` first asks 23 (the same verified path as the callback), so a page whose
//! upload redirect could not be followed (cross-origin) still learns the outcome.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::{AppError, log_api_failure};
use crate::flows::{self, FlowError};
use crate::routes::shared::{STALE_PAGE, UploadStatus, json_error, own_upload};
use crate::session::trusted_form;
use crate::state::AppState;
use crate::uploads::Upload;

async fn status_json(state: &AppState, upload: &Upload) -> Result<HttpResponse, AppError> {
    let photos = state.store.photos_of(upload.id).await?;
    Ok(HttpResponse::Ok().json(UploadStatus::new(upload, &photos)))
}

pub async fn upload_status(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    status_json(&state, &upload).await
}

pub async fn check_upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    if trusted_form(&req, &session, &body, &state.public_url).is_none() {
        return Ok(json_error(StatusCode::FORBIDDEN, STALE_PAGE));
    }
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    match flows::check_upload(&state, &upload).await {
        Ok(()) => {}
        Err(FlowError::Store(error)) => return Err(error.into()),
        Err(FlowError::Api(error)) => {
            log_api_failure(&error, "photo/list for a visitor's check");
            return Ok(json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "The video service did not answer; we will keep checking.",
            ));
        }
    }
    let upload = own_upload(&state, &req, &session, upload.id).await?;
    status_json(&state, &upload).await
}
