//! Headers on every response: a strict CSP that lets only forms, images and uploads reach the
//! 23 site, and the usual hardening.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{DefaultHeaders, Next};
use url::Url;

/// The CSP: our own scripts and styles only; forms, images and uploads may reach the 23 site.
pub(super) fn content_security_policy(site_url: &Url, public_url: &Url) -> String {
    let site = site_url.origin().ascii_serialization();
    let scripts = script_source(public_url);
    format!(
        "default-src 'self'; script-src {scripts}; img-src 'self' data: {site}; media-src 'self' blob: {site}; connect-src 'self' {site}; \
         form-action 'self' {site}; frame-src 'self' {site}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Scripts come only from the portal's own `/static/` folder: anything else the origin answers
/// with (the built-in sandbox's JSONP, a callback page) cannot be loaded as a script, even if
/// markup were ever injected. A source with a path needs the origin spelled out.
fn script_source(public_url: &Url) -> String {
    let origin = public_url.origin().ascii_serialization();
    let base = public_url.path().trim_end_matches('/');
    format!("{origin}{base}/static/")
}

/// Every answer at a callback URL, error pages included: that address carries the upload's token
/// and nonce, which must not travel on as a `Referer` (to the history page, or wherever a link
/// leads). Wrapped outside `security_headers`, so it replaces that default.
pub(super) async fn no_referrer_on_callbacks(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let callback = req.path().starts_with("/uploads/callback/");
    let mut response = next.call(req).await?;
    if callback {
        response.headers_mut().insert(
            header::REFERRER_POLICY,
            header::HeaderValue::from_static("no-referrer"),
        );
    }
    Ok(response)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_allowed_only_from_the_static_folder_below_the_public_url() {
        let site = Url::parse("https://videos.example.com").unwrap();
        for (public, expected) in [
            (
                "http://127.0.0.1:8080",
                "script-src http://127.0.0.1:8080/static/;",
            ),
            (
                "https://example.com/portal/",
                "script-src https://example.com/portal/static/;",
            ),
        ] {
            let csp = content_security_policy(&site, &Url::parse(public).unwrap());
            assert!(csp.contains(expected), "{csp}");
            assert!(!csp.contains("script-src 'self'"), "{csp}");
        }
    }
}
