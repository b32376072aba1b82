//! `/api/photo/update` and `/api/photo/delete`: changes to a video 23 already has, named by its
//! `photo_id`. Both need `write` (docs/23-api.md §11); the portal uses them to publish an
//! approved video and to remove a rejected or withdrawn one.

use std::time::SystemTime;

use actix_web::{HttpRequest, HttpResponse, web};

use super::envelope::{ApiError, Body, Envelope};
use super::format::answer_api_call;
use super::request::ApiRequest;
use super::settings::PermissionLevel;
use super::state::PhotoCall;
use super::text::{sanitize_description, strip_html};
use super::{Sandbox, auth};

pub const UPDATE_ENDPOINT: &str = "/api/photo/update";
pub const DELETE_ENDPOINT: &str = "/api/photo/delete";

pub async fn update_handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    sandbox.count_api_call();
    if sandbox.take_photo_edit_failure() {
        return HttpResponse::ServiceUnavailable().finish();
    }
    answer_api_call(&req, payload, UPDATE_ENDPOINT, |request| {
        update(request, &sandbox, SystemTime::now())
    })
    .await
}

pub async fn delete_handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    sandbox.count_api_call();
    if sandbox.take_photo_edit_failure() {
        return HttpResponse::ServiceUnavailable().finish();
    }
    answer_api_call(&req, payload, DELETE_ENDPOINT, |request| {
        delete(request, &sandbox, SystemTime::now())
    })
    .await
}

/// Signature, `write` and a well-formed `photo_id`, in the order 23 reports their absence.
/// Every call that passes the signature check is logged, so tests see what a client sent.
fn authorise(
    request: &ApiRequest,
    sandbox: &Sandbox,
    endpoint: &'static str,
    now: SystemTime,
) -> Result<(PermissionLevel, i64), ApiError> {
    let level = auth::authenticate(request, &sandbox.auth_settings(), &sandbox.inner.state, now)?;
    let photo_id = request
        .param("photo_id")
        .and_then(|id| id.trim().parse::<i64>().ok());
    sandbox.log_photo_call(PhotoCall {
        at: now,
        endpoint,
        permission_level: level,
        photo_id,
        params: request
            .params()
            .filter(|(k, _)| !k.starts_with("oauth_"))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    });
    if level < PermissionLevel::Write {
        return Err(ApiError::permission_denied(PermissionLevel::Write, level));
    }
    let Some(photo_id) = photo_id else {
        return Err(ApiError::invalid_input("photo_id is required.", level));
    };
    Ok((level, photo_id))
}

fn update(request: &ApiRequest, sandbox: &Sandbox, now: SystemTime) -> Result<Envelope, ApiError> {
    let (level, photo_id) = authorise(request, sandbox, UPDATE_ENDPOINT, now)?;
    let mut state = sandbox.state();
    let Some(photo) = state.photos.iter_mut().find(|p| p.photo_id == photo_id) else {
        return Err(no_such_photo(level));
    };
    if let Some(title) = request.param("title") {
        photo.title = strip_html(title);
    }
    if let Some(description) = request.param("description") {
        photo.description = sanitize_description(description);
    }
    if let Some(tags) = request.param("tags") {
        tags.clone_into(&mut photo.tags);
    }
    if let Some(album_id) = request.param("album_id") {
        album_id.clone_into(&mut photo.album_id);
    }
    if request.has_param("published_p") {
        photo.published = request.flag("published_p");
    }
    Ok(Envelope {
        permission_level: level,
        message: "The photo was updated".to_owned(),
        endpoint: UPDATE_ENDPOINT,
        domain: request.host.clone(),
        body: Body::Empty { json_key: "photo" },
    })
}

fn delete(request: &ApiRequest, sandbox: &Sandbox, now: SystemTime) -> Result<Envelope, ApiError> {
    let (level, photo_id) = authorise(request, sandbox, DELETE_ENDPOINT, now)?;
    let mut state = sandbox.state();
    let Some(index) = state.photos.iter().position(|p| p.photo_id == photo_id) else {
        // A second delete of the same photo lands here too: clients that retry a delete whose
        // answer they lost read `no_such_photo` as "already gone".
        return Err(no_such_photo(level));
    };
    let photo = state.photos.remove(index);
    drop(state);
    if !photo.stored_at.as_os_str().is_empty() {
        // The file goes with the photo; one already missing changes nothing for the caller.
        let _ = std::fs::remove_file(&photo.stored_at);
    }
    Ok(Envelope {
        permission_level: level,
        message: "The photo was deleted".to_owned(),
        endpoint: DELETE_ENDPOINT,
        domain: request.host.clone(),
        body: Body::Empty { json_key: "photo" },
    })
}

impl Sandbox {
    fn take_photo_edit_failure(&self) -> bool {
        let mut state = self.state();
        let failing = state.failing_photo_edits > 0;
        state.failing_photo_edits = state.failing_photo_edits.saturating_sub(1);
        failing
    }
}

fn no_such_photo(level: PermissionLevel) -> ApiError {
    ApiError {
        code: "no_such_photo",
        message: "The photo does not exist.".to_owned(),
        permission_level: level,
    }
}
