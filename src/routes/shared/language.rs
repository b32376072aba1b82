//! Every request speaks one language: `?lang=xx` (the language menu) is kept in the visitor's
//! cookie, then that choice, then `Accept-Language`, then `DEFAULT_LANGUAGE`. Pages, error pages
//! and JSON messages rendered inside the request all read it from `i18n::current`.
//!
//! The operator's pages keep a choice of their own: an operator who reads the admin in Danish
//! still sees the visitor's pages as visitors do, and the other way round.

use actix_session::SessionExt;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, HeaderValue, VARY};
use actix_web::middleware::Next;
use actix_web::web;

use crate::i18n::{self, catalog, negotiate};
use crate::state::AppState;

const LANGUAGE_KEY: &str = "lang";
const ADMIN_LANGUAGE_KEY: &str = "admin-lang";

/// Wrap the app with `from_fn(language)` outside `error_pages` (so error pages speak it too) and
/// inside the session middleware (which keeps the choice).
pub async fn language(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let default = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.default_language)
        .unwrap_or_default();
    let session = req.get_session();
    let key = choice_key(req.path());
    if let Some(lang) = asked_for(req.query_string()).and_then(|tag| catalog().get(&tag)) {
        let _ = session.insert(key, lang.tag());
    }
    let chosen: Option<String> = session.get(key).ok().flatten();
    let accept = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = negotiate(chosen.as_deref(), accept, default);
    let mut response = i18n::speaking(lang, next.call(req)).await?;
    let headers = response.headers_mut();
    // A page in another language than the request's (a campaign's own) has said so already.
    if let Ok(tag) = HeaderValue::from_str(lang.tag())
        && !headers.contains_key(CONTENT_LANGUAGE)
    {
        headers.insert(CONTENT_LANGUAGE, tag);
    }
    // The same URL answers in another language for another browser or choice.
    headers.append(VARY, HeaderValue::from_static("accept-language"));
    Ok(response)
}

/// Where the choice is kept: the operator's pages (not the JSON API) have their own.
fn choice_key(path: &str) -> &'static str {
    let admin = path == "/admin" || path.starts_with("/admin/");
    match admin && !path.starts_with("/admin/api/") {
        true => ADMIN_LANGUAGE_KEY,
        false => LANGUAGE_KEY,
    }
}

/// Whether the visitor chose a language in the menu (now or on an earlier page): that choice
/// wins over a campaign's own language.
pub fn has_chosen_language(session: &actix_session::Session) -> bool {
    session
        .get::<String>(LANGUAGE_KEY)
        .ok()
        .flatten()
        .is_some_and(|tag| catalog().get(&tag).is_some())
}

/// The `lang` of a query string, if any.
fn asked_for(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "lang")
        .map(|(_, value)| value.into_owned())
}
