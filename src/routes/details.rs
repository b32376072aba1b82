//! `POST /uploads/{id}/details`: correct title, description or tags while the file is still
//! being sent (or after). 23 applies it through `update-upload-token`, to the token and to every
//! video already made from it; the history shows the new details.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::routes::page::see_other;
use crate::routes::renew::wants_json;
use crate::routes::upload_status::{UploadStatus, json_error, own_upload};
use crate::session::trusted_form;
use crate::state::AppState;
use crate::twentythree::UploadTokenUpdate;
use crate::uploads::MetadataForm;

pub async fn update_details(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let upload = own_upload(&state, &req, &session, id.into_inner()).await?;
    let fail = |status: StatusCode, message: &'static str| -> Result<HttpResponse, AppError> {
        if wants_json(&req) {
            Ok(json_error(status, message))
        } else if status == StatusCode::SERVICE_UNAVAILABLE {
            Err(AppError::Unavailable(message))
        } else {
            Err(AppError::BadRequest(message))
        }
    };
    let Some(pairs) = trusted_form(&req, &session, &body, &state.public_url) else {
        return Ok(json_error(
            StatusCode::FORBIDDEN,
            "This page is out of date; reload it and try again.",
        ));
    };
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
    };
    let metadata = match form.parse(upload.metadata.publish) {
        Ok(metadata) => metadata,
        Err(errors) => {
            let message = errors
                .title
                .or(errors.description)
                .or(errors.tags)
                .unwrap_or("Check the details.");
            return fail(StatusCode::UNPROCESSABLE_ENTITY, message);
        }
    };
    let update = UploadTokenUpdate {
        upload_token: upload.upload_token.clone(),
        title: Some(metadata.title.clone()),
        description: Some(metadata.description.clone()),
        tags: Some(metadata.tags.clone()),
    };
    if let Err(error) = state.client.update_upload_token(&update).await {
        state.operator_hint(&error, "update-upload-token");
        return fail(
            StatusCode::SERVICE_UNAVAILABLE,
            "The video service did not take the new details; your upload is not affected. Try again in a moment.",
        );
    }
    state.store.update_metadata(upload.id, &metadata).await?;
    tracing::info!(upload_id = upload.id, "updated an upload's details");
    if !wants_json(&req) {
        return Ok(see_other(
            &state.path(&format!("/uploads/{}/send", upload.id)),
        ));
    }
    let upload = own_upload(&state, &req, &session, upload.id).await?;
    let photos = state.store.photos_of(upload.id).await?;
    Ok(HttpResponse::Ok().json(UploadStatus::new(&upload, &photos)))
}
