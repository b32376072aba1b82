//! `/api/album/list`: the albums (channels) the sandbox's site has, as 23's docs describe the
//! method (`docs/23-api.md` §12): `album_id`, `photo_id`, `search`, `include_hidden_p`,
//! `orderby`, `order`, `p` and `size`; anonymous may list, hidden albums and their `token` need
//! `read`. A fixed set of albums stands in for an operator's (`SandboxSettings::albums`).
//!
//! Where the docs are silent, the choices are marked: an unknown `album_id` is an empty list (as
//! for photo/list), and `include_hidden_p` without `read` is refused like photo/list's
//! `include_unpublished_p`.

use std::time::SystemTime;

use actix_web::{HttpRequest, HttpResponse, web};

use super::albums::SandboxAlbum;
use super::envelope::{ApiError, Envelope, Item, Scalar};
use super::format::answer_api_call;
use super::photo_list::paged_list;
use super::request::ApiRequest;
use super::settings::PermissionLevel;
use super::{Sandbox, auth};

const ENDPOINT: &str = "/api/album/list";

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    sandbox.count_api_call();
    answer_api_call(&req, payload, ENDPOINT, |request| {
        list(request, &sandbox, SystemTime::now())
    })
    .await
}

fn list(request: &ApiRequest, sandbox: &Sandbox, now: SystemTime) -> Result<Envelope, ApiError> {
    let level = auth::authenticate(request, &sandbox.auth_settings(), &sandbox.inner.state, now)?;
    let include_hidden = request.flag("include_hidden_p");
    if include_hidden && level < PermissionLevel::Read {
        return Err(ApiError::permission_denied(PermissionLevel::Read, level));
    }
    let album_id = request.param("album_id").filter(|v| !v.is_empty());
    // The albums a photo is in: the sandbox keeps one per photo.
    let photo_album = request
        .param("photo_id")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map(|photo_id| {
            sandbox
                .photos()
                .into_iter()
                .find(|p| p.photo_id == photo_id)
                .map(|p| p.album_id)
                .unwrap_or_default()
        });
    let search = request
        .param("search")
        .map(str::to_lowercase)
        .filter(|s| !s.is_empty());
    let mut matching: Vec<SandboxAlbum> = sandbox
        .settings()
        .albums
        .iter()
        .filter(|a| album_id.is_none_or(|id| a.album_id == id))
        .filter(|a| photo_album.as_deref().is_none_or(|id| a.album_id == id))
        .filter(|a| {
            search
                .as_deref()
                .is_none_or(|s| a.title.to_lowercase().contains(s))
        })
        .filter(|a| !a.hidden || include_hidden)
        .cloned()
        .collect();
    // `orderby` title, else creation order (`sortkey` and `editing_date` too: the sandbox
    // neither sorts by hand nor edits albums); `order` desc unless asc, as 23's defaults.
    if request.param("orderby") == Some("title") {
        matching.sort_by(|a, b| a.title.cmp(&b.title));
    }
    if request.param("order") != Some("asc") {
        matching.reverse();
    }
    Ok(paged_list(
        request,
        level,
        (ENDPOINT, "Albums were listed", "albums", "album"),
        &matching,
        |album| album_item(album, level),
    ))
}

/// The fields of one album, as in 23's example answer.
fn album_item(album: &SandboxAlbum, level: PermissionLevel) -> Item {
    let slug: String = album
        .title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut attributes = vec![
        ("album_id".to_owned(), Scalar::str(&album.album_id)),
        ("title".to_owned(), Scalar::str(&album.title)),
        (
            "one".to_owned(),
            Scalar::str(format!("/channel/{}/{slug}", album.album_id)),
        ),
        ("user_id".to_owned(), Scalar::str("1")),
    ];
    if level >= PermissionLevel::Read {
        attributes.push(("token".to_owned(), Scalar::str(&album.token)));
        attributes.push(("hide_p".to_owned(), Scalar::Num(i64::from(album.hidden))));
    }
    Item {
        attributes,
        children: vec![
            ("content", album.description.clone()),
            ("content_text", album.description.clone()),
        ],
    }
}
