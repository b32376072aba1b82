//! `/api/photo/list`: how the portal checks that an upload really happened and whether it is
//! encoded yet. Signing is optional; unpublished photos need `read` or the photo's own token.

use std::time::{SystemTime, UNIX_EPOCH};

use actix_web::{HttpRequest, HttpResponse, web};

use super::envelope::{ApiError, Body, Envelope, Item, Scalar};
use super::format::answer_api_call;
use super::request::ApiRequest;
use super::settings::PermissionLevel;
use super::state::{MediaKind, SandboxPhoto};
use super::{Sandbox, auth, mount_prefix};

const ENDPOINT: &str = "/api/photo/list";
const DEFAULT_PAGE_SIZE: u64 = 20;
const MAX_PAGE_SIZE: u64 = 100;

/// Thumbnail sizes the sandbox offers, with 23's example dimensions (large is the sandbox's pick).
pub const THUMBNAIL_SIZES: &[(&str, u32, u32)] = &[
    ("quad100", 100, 100),
    ("small", 200, 150),
    ("medium", 260, 195),
    ("large", 640, 480),
];

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    sandbox: web::Data<Sandbox>,
) -> HttpResponse {
    sandbox.count_api_call();
    let prefix = mount_prefix(&req);
    answer_api_call(&req, payload, ENDPOINT, |request| {
        sandbox.log_list_call(request);
        let links = Links {
            prefix,
            origin: format!("{}://{}", request.url.scheme(), request.host),
        };
        list(request, &sandbox, &links, SystemTime::now())
    })
    .await
}

/// Where the sandbox is reachable. `one` and the download paths are relative to the site, as on a
/// real 23 site at the root of its domain; clients join them onto the site's base URL, which
/// includes the mount prefix (`/sandbox-23`) when the portal mounts the sandbox. Only
/// `absolute_url` spells out the prefix.
pub struct Links {
    pub prefix: String,
    pub origin: String,
}

fn list(
    request: &ApiRequest,
    sandbox: &Sandbox,
    links: &Links,
    now: SystemTime,
) -> Result<Envelope, ApiError> {
    let level = auth::authenticate(request, &sandbox.auth_settings(), &sandbox.inner.state, now)?;
    let matching = matching_photos(request, sandbox.photos(), level)?;
    Ok(paged_list(
        request,
        level,
        (ENDPOINT, "Photos were listed", "photos", "photo"),
        &matching,
        |photo| photo_item(photo, links),
    ))
}

/// One page of `matching` (by `p` and `size`) in a list envelope; `names` are the endpoint, the
/// message, the JSON key and the XML element.
pub(super) fn paged_list<T>(
    request: &ApiRequest,
    level: PermissionLevel,
    names: (&'static str, &str, &'static str, &'static str),
    matching: &[T],
    item: impl Fn(&T) -> Item,
) -> Envelope {
    let (endpoint, message, json_key, element) = names;
    let (page, size) = paging(request);
    let items = matching
        .iter()
        .skip(((page - 1) * size) as usize)
        .take(size as usize)
        .map(item)
        .collect();
    Envelope {
        permission_level: level,
        message: message.to_owned(),
        endpoint,
        domain: request.host.clone(),
        body: Body::List {
            json_key,
            element,
            items,
            p: page,
            size,
            total_count: matching.len() as u64,
        },
    }
}

/// The photos the filters select and the caller may see, newest first.
fn matching_photos(
    request: &ApiRequest,
    photos: Vec<SandboxPhoto>,
    level: PermissionLevel,
) -> Result<Vec<SandboxPhoto>, ApiError> {
    let photo_id: Option<i64> = request
        .param("photo_id")
        .and_then(|v| v.trim().parse().ok());
    let photo_token = request.param("token").filter(|t| !t.is_empty());
    let include_unpublished = request.flag("include_unpublished_p");
    let by_token = |photo: &SandboxPhoto| {
        Some(photo.photo_id) == photo_id && Some(photo.token.as_str()) == photo_token
    };
    if include_unpublished
        && level < PermissionLevel::Read
        && (photo_id.is_none() || photo_token.is_none())
    {
        return Err(ApiError::permission_denied(PermissionLevel::Read, level));
    }
    let upload_token = request.param("upload_token").filter(|t| !t.is_empty());
    let encoded = match request.param("video_encoded_p") {
        Some("1") => Some(true),
        Some("0") => Some(false),
        _ => None,
    };
    let mut matching: Vec<SandboxPhoto> = photos
        .into_iter()
        .filter(|p| photo_id.is_none_or(|id| p.photo_id == id))
        .filter(|p| upload_token.is_none_or(|t| p.upload_token == t))
        .filter(|p| encoded.is_none_or(|e| p.encoded == e))
        .filter(|p| {
            p.published || (include_unpublished && (level >= PermissionLevel::Read || by_token(p)))
        })
        .collect();
    // 23 orders by publish date, newest first, by default.
    matching.reverse();
    Ok(matching)
}

/// `p` (from 1) and `size` (default 20, at most 100), as 23 pages its lists.
fn paging(request: &ApiRequest) -> (u64, u64) {
    let page = request
        .param("p")
        .and_then(|v| v.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let size = request
        .param("size")
        .and_then(|v| v.parse().ok())
        .filter(|s| *s >= 1)
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .min(MAX_PAGE_SIZE);
    (page, size)
}

/// The fields of one photo (docs/23-api.md §8.4). As in 23's JSON example, a few flags are numbers.
pub fn photo_item(photo: &SandboxPhoto, links: &Links) -> Item {
    let flag = |b: bool| Scalar::Num(i64::from(b));
    let created = epoch(photo.created_at);
    let one = format!("/video/{}", photo.photo_id);
    let mut attributes: Vec<(String, Scalar)> = vec![
        ("photo_id".into(), Scalar::str(photo.photo_id.to_string())),
        ("tree_id".into(), Scalar::str(photo.tree_id.to_string())),
        ("token".into(), Scalar::str(&photo.token)),
        ("title".into(), Scalar::str(&photo.title)),
        (
            "absolute_url".into(),
            Scalar::str(format!("{}{}{one}", links.origin, links.prefix)),
        ),
        ("one".into(), Scalar::str(one)),
        ("published_p".into(), flag(photo.published)),
        ("video_p".into(), flag(photo.kind == MediaKind::Video)),
        ("audio_p".into(), flag(photo.kind == MediaKind::Audio)),
        ("text_only_p".into(), flag(false)),
        ("video_encoded_p".into(), flag(photo.encoded)),
        // From the container's headers (the sandbox never decodes); 0 when they do not say, and
        // until encoded, as 23 knows the length only after transcoding.
        (
            "video_length".into(),
            Scalar::str(match photo.length.filter(|_| photo.encoded) {
                Some(seconds) => format!("{seconds:.3}"),
                None => "0".into(),
            }),
        ),
        (
            "creation_date_ansi".into(),
            Scalar::str(ansi_date(photo.created_at)),
        ),
        (
            "creation_date_epoch".into(),
            Scalar::str(created.to_string()),
        ),
        (
            "publish_date_epoch".into(),
            Scalar::str(if photo.published {
                created.to_string()
            } else {
                String::new()
            }),
        ),
        ("user_id".into(), Scalar::str(&photo.user_id)),
        ("album_id".into(), Scalar::str(&photo.album_id)),
        ("view_count".into(), Scalar::str("0")),
    ];
    attributes.extend(thumbnail_fields(photo));
    Item {
        attributes,
        children: vec![
            ("content", photo.description.clone()),
            ("content_text", super::text::strip_html(&photo.description)),
        ],
    }
}

/// Width, height and download path per thumbnail size; all empty until encoding finishes, which
/// clients read as "not ready".
fn thumbnail_fields(photo: &SandboxPhoto) -> Vec<(String, Scalar)> {
    let mut fields = Vec::new();
    for (size, width, height) in THUMBNAIL_SIZES {
        let (width, height, download) = if photo.encoded {
            let path = format!(
                "/{}/{}/{}/{size}",
                photo.tree_id, photo.photo_id, photo.token
            );
            (width.to_string(), height.to_string(), path)
        } else {
            Default::default()
        };
        fields.push((format!("{size}_width"), Scalar::Str(width)));
        fields.push((format!("{size}_height"), Scalar::Str(height)));
        fields.push((format!("{size}_download"), Scalar::Str(download)));
    }
    fields
}

fn epoch(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

fn ansi_date(time: SystemTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::from(time)
        .format(format)
        .unwrap_or_default()
}
