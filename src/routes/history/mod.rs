//! `GET /uploads`: the visitor's uploads, newest first. Reads the database only.
//!
//! Three ways to answer, cheapest first: `304` when the script's copy is current; the page this
//! instance rendered at the same version; else the rows: those kept from an earlier version with
//! only the changed ones rendered anew (`rows`), or all of them read and rendered.

mod entries;
mod rows;

use std::sync::Arc;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, ETAG, HeaderValue, IF_NONE_MATCH};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::page::{Layout, render_page};
use crate::routes::shared::server_timing::Stages;
use crate::session::{Visitor, csrf_token};
use crate::state::AppState;
use crate::uploads::now;

#[derive(Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub layout: Layout,
    pub csrf_token: String,
    /// Whose uploads these are: a signed-in user's, or this browser's.
    pub signed_in: bool,
    /// Each upload's entries, rendered (`templates/parts/history_upload.html`).
    pub rows: Vec<Arc<str>>,
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
        rows: Vec::new(),
        older: None,
        etag: String::new(),
    };
    let Some(visitor) = Visitor::current(&req, &session) else {
        return Ok(render_page(StatusCode::OK, &page));
    };
    stages.mark("session");
    page.signed_in = visitor.is_signed_in();
    let now = now();
    // The rows this instance kept for this page, if any: their version goes into the marker's
    // read, which then also says which uploads changed since.
    let rows_key = rows::key(&visitor.id, query.before, &page.csrf_token, &page.layout);
    let kept = rows_key
        .as_deref()
        .and_then(|key| state.history_rows.get(key));
    // Read before the page: a change committed in between shows on the page under the older
    // version, so the next poll fetches it again (never the reverse, a stale page under a new one).
    let since = state
        .store
        .history_since(&visitor.id, kept.as_ref().map(|kept| kept.version))
        .await?;
    page.etag = history_etag(&visitor.id, since.version, query.before, &page.csrf_token);
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
    let asked = rows::Asked {
        visitor_id: &visitor.id,
        version: since.version,
        before: query.before,
        csrf_token: &page.csrf_token,
        now,
    };
    let kept = kept.zip(since.changed);
    let list = rows::rows_at(&state, &page.layout, &asked, kept, rows_key, &mut stages).await?;
    page.rows = list.rows.iter().map(|row| row.html.clone()).collect();
    page.older = list.older;
    let Ok(html) = page.render() else {
        return Ok(render_page(StatusCode::OK, &page));
    };
    stages.mark("render");
    // The page reads differently once its first open token runs out, with or without a write.
    let good_until = list
        .rows
        .iter()
        .map(|row| row.good_until)
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
    // The language too: after a choice in the menu the same history reads differently. And
    // the frame's look: in a host page's frame the page has no header and its own theme.
    let look =
        crate::page::frame_look().map(|l| format!("{}{}", l.theme.as_str(), l.accent_value()));
    for part in [
        visitor,
        csrf,
        crate::i18n::current().tag(),
        look.as_deref().unwrap_or("top"),
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
