//! `GET /uploads`: the visitor's uploads, newest first. Reads the database only.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, ETAG, HeaderValue, IF_NONE_MATCH};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::page::{Layout, human_time, machine_time, render_page};
use crate::routes::shared::server_timing::Stages;
use crate::session::{Visitor, csrf_token};
use crate::state::AppState;
use crate::uploads::{Photo, Review, ServiceError, Status, Upload, now};

const PAGE_SIZE: u32 = 50;

/// One element of the history list: an upload, or one video of an upload that yielded several.
pub struct Entry {
    pub anchor: String,
    pub upload_id: i64,
    pub title: String,
    pub status: Status,
    pub status_label: &'static str,
    pub created_human: String,
    pub created_machine: String,
    /// 23's refusal in the visitor's words (a `service-error-*` message id); the original is the
    /// operator's, in /admin.
    pub error_id: Option<&'static str>,
    /// For scripts and tests (`data-photo-id`), never shown: ids are 23's, not the visitor's.
    pub photo_id: Option<i64>,
    pub video_url: Option<String>,
    pub thumbnail_url: Option<String>,
    /// "1:05", once 23 reports the length.
    pub length: Option<String>,
    /// The chosen file's name and size ("clip.mp4 · 12.5 MB"), when the page reported them.
    pub file: Option<String>,
    /// The token still takes a file: link back to the upload form.
    pub can_send: bool,
    /// Failed or expired: offer a fresh token with the same details.
    pub can_retry: bool,
    /// Never got a video (waiting, failed, expired): the visitor may take it off the list.
    pub can_remove: bool,
    /// Where the upload stands with the operator, when it is reviewed: the state (`approving`)
    /// and what the visitor reads (a message id; `approving` still reads "waiting").
    pub review: Option<(&'static str, &'static str)>,
    /// A video the visitor may still withdraw.
    pub can_withdraw: bool,
    /// The private, long-lived withdrawal link (path), for withdrawing from another device.
    pub withdrawal_link: Option<String>,
}

#[derive(Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub layout: Layout,
    pub csrf_token: String,
    /// Whose uploads these are: a signed-in user's, or this browser's.
    pub signed_in: bool,
    pub entries: Vec<Entry>,
    pub older: Option<i64>,
    /// The page's version (its `ETag`); the script polls with it in `If-None-Match`.
    pub etag: String,
}

#[derive(Deserialize)]
pub struct HistoryQuery {
    before: Option<i64>,
}

pub async fn upload_history(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<HistoryQuery>,
) -> Result<HttpResponse, AppError> {
    // The cookie was opened by the session middleware before this point.
    let mut stages = Stages::start(state.server_timing);
    let mut page = HistoryPage {
        layout: state.layout(),
        csrf_token: csrf_token(&session),
        signed_in: false,
        entries: Vec::new(),
        older: None,
        etag: String::new(),
    };
    let Some(visitor) = Visitor::current(&req, &session) else {
        return Ok(render_page(StatusCode::OK, &page));
    };
    stages.mark("session");
    page.signed_in = visitor.is_signed_in();
    let now = now();
    // Read before the page: a change committed in between shows on the page under the older
    // version, so the next poll fetches it again (never the reverse, a stale page under a new one).
    let version = state.store.history_version(&visitor.id).await?;
    page.etag = history_etag(&visitor.id, version, query.before, &page.csrf_token);
    stages.mark("marker");
    if is_current(&req, &page.etag) {
        let mut response = HttpResponse::NotModified()
            .insert_header((ETAG, page.etag))
            .finish();
        stages.write(&mut response);
        return Ok(response);
    }
    // The same visitor, marker, CSRF token, language and page as a page this instance rendered
    // whose tokens have not run out since: that page, as it was.
    let key = format!("{}\0{}", visitor.id, page.etag);
    if let Some(html) = state.history_pages.get(&key, now) {
        stages.mark("kept");
        return Ok(history_response(html, &page.etag, &stages));
    }
    let uploads = state
        .store
        .history(&visitor.id, query.before, PAGE_SIZE)
        .await?;
    stages.mark("query");
    page.entries = uploads
        .items
        .iter()
        .flat_map(|(upload, photos)| {
            let link = state.return_urls.withdrawal_tag(&upload.nonce);
            let link = format!("/uploads/withdraw/{}/{link}", upload.nonce);
            entries_for(upload, photos, now)
                .into_iter()
                .map(move |entry| Entry {
                    withdrawal_link: entry.can_withdraw.then(|| link.clone()),
                    ..entry
                })
        })
        .collect();
    page.older = uploads.older;
    stages.mark("entries");
    let Ok(html) = page.render() else {
        return Ok(render_page(StatusCode::OK, &page));
    };
    stages.mark("render");
    // The page reads differently once its first open token runs out, with or without a write.
    let good_until = uploads
        .items
        .iter()
        .map(|(upload, _)| upload.valid_until)
        .filter(|deadline| *deadline >= now)
        .min()
        .unwrap_or(i64::MAX);
    let html = Bytes::from(html);
    state.history_pages.put(key, html.clone(), good_until);
    Ok(history_response(html, &page.etag, &stages))
}

/// The page with its version, as rendered now or kept.
fn history_response(html: Bytes, etag: &str, stages: &Stages) -> HttpResponse {
    let mut response = HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(html);
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(ETAG, value);
    }
    stages.write(&mut response);
    response
}

/// The page's validator: the visitor's change marker (bumped by the database on every write the
/// page shows, expiry included: the reconciler writes it) and a digest of the rest of what the
/// page depends on: who asks, the CSRF token in its forms, which page.
fn history_etag(visitor: &str, version: i64, before: Option<i64>, csrf: &str) -> String {
    let mut digest = Sha256::new();
    // The language too: after a choice in the menu the same history reads differently.
    for part in [
        visitor,
        csrf,
        crate::i18n::current().tag(),
        &before.map(|b| b.to_string()).unwrap_or_default(),
    ] {
        digest.update(part.as_bytes());
        digest.update([0]);
    }
    let digest = hex::encode(&digest.finalize()[..8]);
    format!("\"h{version}-{digest}\"")
}

/// True when the request names `etag` in `If-None-Match` (weak or strong: the page is equal).
fn is_current(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim().trim_start_matches("W/") == etag)
}

/// An upload with no video yet is one entry; each video it yielded is an entry of its own.
fn entries_for(upload: &Upload, photos: &[Photo], now: i64) -> Vec<Entry> {
    let status = upload.effective_status(now);
    let can_send = photos.len() < upload.max_uploads as usize
        && now <= upload.valid_until
        && matches!(
            status,
            Status::Pending | Status::Failed | Status::Uploaded | Status::Ready
        );
    let withdrawn = matches!(upload.review, Some(Review::Withdrawing | Review::Withdrawn));
    let entry = |status: Status, photo: Option<&Photo>| Entry {
        anchor: match photo {
            Some(p) if photos.len() > 1 => format!("upload-{}-{}", upload.id, p.photo_id),
            _ => format!("upload-{}", upload.id),
        },
        upload_id: upload.id,
        title: upload.metadata.title.clone(),
        status,
        status_label: status.label(),
        created_human: human_time(upload.created_at),
        created_machine: machine_time(upload.created_at),
        error_id: match (photo, &upload.error_message) {
            (None, Some(original)) => Some(ServiceError::classify(original).message_id()),
            _ => None,
        },
        photo_id: photo.map(|p| p.photo_id),
        video_url: photo
            .and_then(|p| p.video_url.clone())
            .filter(|_| !withdrawn),
        thumbnail_url: photo.and_then(|p| p.thumbnail_url.clone()),
        length: photo
            .and_then(|p| p.video_length)
            .filter(|l| *l > 0.0)
            .map(format_length),
        file: upload
            .file
            .as_ref()
            .filter(|_| photos.len() <= 1)
            .map(|f| format!("{} · {}", f.name, format_size(f.size))),
        can_send: can_send && photo.is_none(),
        can_retry: photo.is_none() && matches!(status, Status::Failed | Status::Expired),
        can_remove: photo.is_none()
            && matches!(status, Status::Pending | Status::Failed | Status::Expired),
        review: upload.review.map(|r| (r.as_str(), r.visitor_label_id())),
        can_withdraw: photo.is_some() && !withdrawn,
        withdrawal_link: None,
    };
    if photos.is_empty() {
        vec![entry(status, None)]
    } else {
        photos.iter().map(|p| entry(p.status, Some(p))).collect()
    }
}

/// Seconds as "m:ss" (or "h:mm:ss").
fn format_length(seconds: f64) -> String {
    let total = seconds.round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Bytes as the page's scripts write them (static/format.js: 1024-based, the language's decimal
/// mark and unit names), so a file reads the same while it is sent and in the history.
fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["js-unit-kb", "js-unit-mb", "js-unit-gb", "js-unit-tb"];
    let lang = crate::i18n::current();
    if bytes < 1024 {
        let count = crate::i18n::args(&[("count", bytes.to_string().into())]);
        return lang.t_args("js-bytes", &count);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let digits = usize::from(value < 10.0);
    let mut text = format!("{value:.digits$}");
    if text.ends_with(".0") {
        text.truncate(text.len() - 2);
    }
    if lang.tag() != "en" {
        text = text.replace('.', ",");
    }
    format!("{text} {}", lang.t(UNITS[unit]))
}

#[cfg(test)]
mod tests {
    use super::{format_length, format_size};

    #[test]
    fn sizes_read_like_the_pages_scripts_write_them() {
        assert_eq!(format_size(532), "532 bytes");
        assert_eq!(format_size(12_500_000), "12 MB");
        assert_eq!(format_size(1_250_000), "1.2 MB");
        assert_eq!(format_size(2 * 1024 * 1024), "2 MB");
        assert_eq!(format_size(3_400_000_000), "3.2 GB");
    }

    #[test]
    fn lengths_read_like_a_player_shows_them() {
        assert_eq!(format_length(55.248), "0:55");
        assert_eq!(format_length(65.0), "1:05");
        assert_eq!(format_length(3725.0), "1:02:05");
    }
}
