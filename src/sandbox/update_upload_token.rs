//! `/api/photo/update-upload-token`: changes the metadata of an upload in progress or finished,
//! identified by its upload token (permission `none`: the token is the credential).

use std::time::SystemTime;

use actix_web::{HttpRequest, HttpResponse, web};

use super::envelope::{ApiError, Body, Envelope};
use super::format::answer_api_call;
use super::request::ApiRequest;
use super::text::{sanitize_description, strip_html};
use super::{Sandbox, auth};

const ENDPOINT: &str = "/api/photo/update-upload-token";

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    sandbox.count_api_call();
    answer_api_call(&req, payload, ENDPOINT, |request| {
        update(request, &sandbox, SystemTime::now())
    })
    .await
}

/// The fields a caller may change; `None` leaves a field as it is.
#[derive(Debug, Default)]
struct Changes {
    title: Option<String>,
    description: Option<String>,
    tags: Option<String>,
    album_id: Option<String>,
    publish: Option<bool>,
}

fn update(request: &ApiRequest, sandbox: &Sandbox, now: SystemTime) -> Result<Envelope, ApiError> {
    let level = auth::authenticate(request, &sandbox.auth_settings(), &sandbox.inner.state, now)?;
    let upload_token = request.param("upload_token").unwrap_or_default();
    let changes = Changes {
        title: request.param("title").map(strip_html),
        description: request.param("description").map(sanitize_description),
        tags: request.param("tags").map(str::to_owned),
        album_id: request.param("album_id").map(str::to_owned),
        publish: request
            .param("publish")
            .map(|p| !matches!(p, "0" | "f" | "false")),
    };
    // With Resumable.js a caller may name one file of a multi-file token.
    let identifier = request
        .param("resumableIdentifier")
        .filter(|i| !i.is_empty());

    let mut state = sandbox.state();
    // 23 documents no error for an unknown token; `invalid_input` is the generic code it lists.
    let Some(token) = state.tokens.get_mut(upload_token) else {
        return Err(ApiError::invalid_input(
            "The upload token is unknown.",
            level,
        ));
    };
    if identifier.is_none() {
        apply(
            &changes,
            &mut token.title,
            &mut token.description,
            &mut token.tags,
            &mut token.album_id,
            &mut token.publish,
        );
    }
    for photo in state
        .photos
        .iter_mut()
        .filter(|p| p.upload_token == upload_token)
    {
        if identifier.is_none_or(|i| photo.resumable_identifier.as_deref() == Some(i)) {
            apply(
                &changes,
                &mut photo.title,
                &mut photo.description,
                &mut photo.tags,
                &mut photo.album_id,
                &mut photo.published,
            );
        }
    }
    Ok(Envelope {
        permission_level: level,
        message: "The token information was updated".to_owned(),
        endpoint: ENDPOINT,
        domain: request.host.clone(),
        body: Body::Empty { json_key: "photo" },
    })
}

fn apply(
    changes: &Changes,
    title: &mut String,
    description: &mut String,
    tags: &mut String,
    album_id: &mut String,
    published: &mut bool,
) {
    let replace = |field: &mut String, value: &Option<String>| {
        if let Some(value) = value {
            field.clone_from(value);
        }
    };
    replace(title, &changes.title);
    replace(description, &changes.description);
    replace(tags, &changes.tags);
    replace(album_id, &changes.album_id);
    if let Some(publish) = changes.publish {
        *published = publish;
    }
}
