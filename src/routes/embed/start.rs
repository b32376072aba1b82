//! `GET /embed/frame`: the frame's first page, which takes the host's identity token by message
//! and sends it with a form post from the portal's own origin to `POST /embed` (never a URL, so
//! the token stays out of addresses and histories); `GET /embed/start` then checks the browser
//! kept the cookie and continues to the new-upload form.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use super::look;
use super::sign_in::{opener, sign_in};
use crate::embed::visitor;
use crate::error::AppError;
use crate::page::{FrameLook, Layout, render_page, see_other};
use crate::state::AppState;

/// Follows the reason a host page's sign-in was refused.
const RELOAD_TO_RETRY: &str = "Reload the page you came from to try again.";

#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    identity: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    tags: String,
    /// The host page's origin as the frame page's script heard it (see `sign_in::opener`).
    #[serde(default)]
    host_origin: String,
    /// `data-campaign`: the frame opens that campaign's page instead of `/`.
    #[serde(default)]
    campaign: String,
    /// `data-theme` and `data-accent`, as `/embed/frame` checked them (and checked again here).
    #[serde(default)]
    theme: String,
    #[serde(default)]
    accent: String,
}

/// `data-theme` and `data-accent` in the frame's address, as `static/embed.js` puts them.
#[derive(Deserialize)]
pub struct LookQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    accent: String,
}

/// `data-title` and `data-tags`, carried to the form (the frame's script fills them in).
#[derive(Deserialize, Serialize)]
pub struct Prefill {
    #[serde(default)]
    title: String,
    #[serde(default)]
    tags: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    campaign: String,
}

/// A page in the frame that says why the uploader cannot go on, and what to do.
#[derive(Template)]
#[template(path = "embed/notice.html")]
pub struct NoticePage {
    pub layout: Layout,
    pub title: &'static str,
    pub message: String,
    /// Where to open the portal as a site of its own (a new tab), if that helps.
    pub open_url: Option<String>,
}

/// The frame's first page: nothing to read until its script has the host's message. Already
/// in the host's look (checked from its address), which its opening form carries to `/embed`.
#[derive(Template)]
#[template(path = "embed/frame.html")]
pub struct FramePage {
    pub layout: Layout,
    pub look: FrameLook,
}

pub async fn frame_page(
    state: web::Data<AppState>,
    query: web::Query<LookQuery>,
) -> Result<HttpResponse, AppError> {
    if !state.embed.is_enabled() {
        return Err(AppError::NotFound);
    }
    let look = FrameLook::from_host(&query.theme, &query.accent);
    let mut layout = state.layout();
    layout.frame = Some(look.clone());
    Ok(render_page(StatusCode::OK, &FramePage { layout, look }))
}

pub async fn open_frame(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    form: web::Form<OpenForm>,
) -> Result<HttpResponse, AppError> {
    if !state.embed.is_enabled() {
        return Err(AppError::NotFound);
    }
    let origin = req.headers().get("origin").and_then(|v| v.to_str().ok());
    if opener(&req, &state, &form.host_origin).is_none() {
        tracing::warn!(
            origin,
            "refused to open the frame for a page not in EMBED_ORIGINS"
        );
        let page = notice(
            &state,
            "This page may not show the uploader",
            "Only the sites this uploader's operator lists may show it in their pages.".into(),
            None,
        );
        return Ok(render_page(StatusCode::FORBIDDEN, &page));
    }
    let look = FrameLook::from_host(&form.theme, &form.accent);
    let signed_in = sign_in(&state, &session, form.identity.trim()).await?;
    look::remember(&session, &look);
    if let Err(error) = signed_in {
        tracing::warn!(reason = ?error, "refused the host page's identity token");
        // Translated here, in two sentences the catalog knows; the page shows it as it is.
        let lang = crate::i18n::current();
        let message = format!(
            "{} {}",
            lang.text(&error.to_string()),
            lang.text(RELOAD_TO_RETRY)
        );
        let mut page = notice(&state, "We could not sign you in", message, None);
        page.layout.frame = Some(look);
        return Ok(render_page(StatusCode::FORBIDDEN, &page));
    }
    visitor::mark_cookie_check(&session);
    let prefill = Prefill {
        title: form.title.chars().take(200).collect(),
        tags: form.tags.chars().take(500).collect(),
        campaign: Some(form.campaign.trim().to_ascii_lowercase())
            .filter(|slug| crate::uploads::campaign::is_slug(slug))
            .unwrap_or_default(),
    };
    let query = serde_urlencoded::to_string(&prefill).unwrap_or_default();
    Ok(see_other(&state.path(&format!("/embed/start?{query}"))))
}

pub async fn frame_start(
    state: web::Data<AppState>,
    session: Session,
    prefill: web::Query<Prefill>,
) -> HttpResponse {
    if !state.embed.is_enabled() {
        return see_other(&state.path("/"));
    }
    if !visitor::cookie_was_kept(&session) {
        // Third-party cookies are blocked outright: without one, no form of ours can be trusted
        // (CSRF) and no upload found again, so say so instead of failing at the first click.
        tracing::info!("a frame opened in a browser that blocks its cookie");
        let page = notice(
            &state,
            "Open the uploader in its own tab",
            "Your browser does not let this uploader keep track of your upload while it is shown \
             inside another site. It works the same in a tab of its own."
                .into(),
            Some(state.public_url.to_string()),
        );
        return render_page(StatusCode::OK, &page);
    }
    let prefill = prefill.into_inner();
    // Only a slug reaches the path (checked when the frame was opened, and again here).
    let page = match prefill.campaign.as_str() {
        slug if crate::uploads::campaign::is_slug(slug) => format!("/c/{slug}"),
        _ => "/".to_string(),
    };
    let query = serde_urlencoded::to_string(&Prefill {
        campaign: String::new(),
        ..prefill
    })
    .unwrap_or_default();
    see_other(&state.path(&format!("{page}?{query}")))
}

fn notice(
    state: &AppState,
    title: &'static str,
    message: String,
    open_url: Option<String>,
) -> NoticePage {
    NoticePage {
        layout: state.layout(),
        title,
        message,
        open_url,
    }
}
