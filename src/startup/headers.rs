//! Headers on every response: a strict CSP that lets only forms, images and uploads reach the
//! 23 site, and the usual hardening.

use actix_web::middleware::DefaultHeaders;
use url::Url;

/// The CSP: our own scripts and styles only; forms, images and uploads may reach the 23 site.
pub(super) fn content_security_policy(site_url: &Url) -> String {
    let site = site_url.origin().ascii_serialization();
    format!(
        "default-src 'self'; img-src 'self' data: {site}; media-src 'self' {site}; connect-src 'self' {site}; \
         form-action 'self' {site}; frame-src 'self' {site}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Headers on every response.
pub(super) fn security_headers(csp: &str) -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", csp.to_string()))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cache-Control", "no-store"))
}

/// The CSP with the operator's `LOGO_URL` origin allowed as an image source (when it is set).
pub(super) fn allow_logo(csp: String, logo: Option<&Url>) -> String {
    match logo {
        Some(url) => csp.replacen(
            "img-src ",
            &format!("img-src {} ", url.origin().ascii_serialization()),
            1,
        ),
        None => csp,
    }
}
