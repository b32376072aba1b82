//! What every page shares: the layout data, rendering through askama, and time formats.
//! Below routes and `error`, so any layer that answers with a page can use it.

mod cache;
mod frame_look;
mod kept_rows;
mod layout_text;
mod recent;
mod time_format;

pub use cache::RenderedPages;
pub use frame_look::{FrameLook, Theme, current as frame_look, looking};
pub use kept_rows::{KeptList, KeptRow, RenderedRows};

pub use time_format::{human_time, machine_time};

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use askama::Template;

use crate::config::Brand;
use crate::i18n::Lang;

/// Data the shared layout (`templates/base.html`) needs on every page.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Show the "sandbox" banner.
    pub sandbox: bool,
    /// The path the portal is served under (e.g. `/portal`), empty at the root; links start with it.
    pub base: String,
    /// The visitor's language: every text of the page comes from it (`layout_text`).
    pub lang: Lang,
    pub brand: Brand,
    /// Origins that may frame the page (space-separated), for `static/embed-frame.js`; empty
    /// when embedding is off.
    pub embed_origins: String,
    /// Inside a host page's frame: its theme and accent; the page then has no header or footer
    /// of its own (`templates/base.html`). `None` on the portal's own pages.
    pub frame: Option<FrameLook>,
}

impl Layout {
    /// The stylesheet that gives the page its accent colour, if it has one of its own: the
    /// operator's `BRAND_COLOR`, or a campaign's colour in its place. The colour travels in the
    /// address (`/brand.css?accent=1f5fd1`), so one route serves both and a changed colour is a
    /// new address; `routes::brand` parses it again before it writes any CSS.
    pub fn brand_css(&self) -> Option<String> {
        // In a frame the host's `data-accent` wins over the campaign's: the host page is where
        // the visitor is, and its operator chose the colour for it.
        let accent = self.frame.as_ref().and_then(|f| f.accent.as_deref());
        let color = accent.or(self.brand.color.as_deref())?;
        Some(format!(
            "{}/brand.css?accent={}",
            self.base,
            color.trim_start_matches('#')
        ))
    }

    /// Whether the page is shown inside a host page's frame.
    pub fn in_frame(&self) -> bool {
        self.frame.is_some()
    }

    /// For pages rendered without app state: only when the request never reached the app
    /// (the middleware in `routes::error_pages` re-renders errors with the app's layout).
    pub fn plain() -> Layout {
        Layout {
            lang: crate::i18n::current(),
            ..Layout::default()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub title: &'static str,
    pub message: &'static str,
    pub operator_hint: Option<&'static str>,
}

/// Renders a page; if the template itself fails, a plain sentence rather than a raw error.
pub fn render_page(status: StatusCode, page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type(ContentType::html())
            .body(html),
        Err(e) => {
            tracing::error!(error = %e, "could not render a page");
            HttpResponse::InternalServerError()
                .content_type(ContentType::plaintext())
                .body("Something went wrong on our side. Please try again.")
        }
    }
}

/// [`render_page`] for a page whose language may not be the request's (a campaign's own):
/// `Content-Language` names the page's, and `routes::language` leaves it as set.
pub fn render_page_in(status: StatusCode, page: &impl Template, lang: Lang) -> HttpResponse {
    let mut response = render_page(status, page);
    if let Ok(tag) = actix_web::http::header::HeaderValue::from_str(lang.tag()) {
        response
            .headers_mut()
            .insert(actix_web::http::header::CONTENT_LANGUAGE, tag);
    }
    response
}

/// A file size limit as pages state it: `500 MB`, or `2 GB` when whole gigabytes (binary units,
/// as the scripts count them; the five languages write MB and GB alike).
pub fn size_limit_label(mb: u32) -> String {
    if mb >= 1024 && mb.is_multiple_of(1024) {
        format!("{} GB", mb / 1024)
    } else {
        format!("{mb} MB")
    }
}

/// `303 See Other` to a path of ours (never a URL taken from the request).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_limit_reads_in_gigabytes_only_when_whole() {
        assert_eq!(size_limit_label(50), "50 MB");
        assert_eq!(size_limit_label(1536), "1536 MB");
        assert_eq!(size_limit_label(4096), "4 GB");
    }

    #[test]
    fn the_brand_stylesheet_carries_the_pages_colour_under_the_base_path() {
        let mut layout = Layout {
            base: "/portal".into(),
            ..Layout::default()
        };
        assert_eq!(layout.brand_css(), None, "no colour, no stylesheet");
        layout.brand.color = Some("#1d7a3e".into());
        assert_eq!(
            layout.brand_css().as_deref(),
            Some("/portal/brand.css?accent=1d7a3e")
        );
        layout.frame = Some(FrameLook::from_host("dark", "#6a1b9a"));
        assert_eq!(
            layout.brand_css().as_deref(),
            Some("/portal/brand.css?accent=6a1b9a"),
            "the host's accent wins in its frame"
        );
    }
}
