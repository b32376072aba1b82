//! Headers on every response: a strict CSP that lets only forms, images and uploads reach the
//! 23 site, the powerful browser features the portal uses (and no others), and the usual
//! hardening; HSTS when the portal is served over https.

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

/// The browser features a page of the portal may use: camera, microphone and screen capture for
/// recording, for the portal's own origin only (a frame of ours inside a host page still needs
/// the host's `allow=` too), and every other powerful feature off, for us and for anything we
/// might ever frame.
pub const PERMISSIONS_POLICY: &str = "camera=(self), microphone=(self), display-capture=(self), \
     geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), magnetometer=(), \
     gyroscope=(), accelerometer=(), screen-wake-lock=(), xr-spatial-tracking=(), \
     publickey-credentials-get=(), encrypted-media=(), idle-detection=(), local-fonts=(), \
     window-management=(), otp-credentials=(), clipboard-read=(), clipboard-write=(), \
     picture-in-picture=(), fullscreen=(self), autoplay=(self)";

/// A year, the value HSTS preload lists ask for; no `includeSubDomains`, since the portal does
/// not speak for its parent domain's other hosts.
const HSTS: &str = "max-age=31536000";

/// Headers on every response. `Cross-Origin-Opener-Policy: same-origin` keeps any other site's
/// window (an opener, a popup) from holding a reference to a top-level page of ours; browsers
/// apply it to top-level documents only, so in a host page's frame it changes nothing and the
/// frame's messages to its parent still flow (tests/browser/embed).
pub(super) fn security_headers(csp: &str, https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", csp.to_string()))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cache-Control", "no-store"))
        .add(("Permissions-Policy", PERMISSIONS_POLICY))
        .add(("Cross-Origin-Opener-Policy", "same-origin"));
    match https {
        true => headers.add(("Strict-Transport-Security", HSTS)),
        false => headers,
    }
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
    fn the_permissions_policy_allows_recording_for_the_portal_only_and_nothing_else() {
        let directives: Vec<(&str, &str)> = PERMISSIONS_POLICY
            .split(',')
            .map(|d| d.trim().split_once('=').unwrap())
            .collect();
        for feature in ["camera", "microphone", "display-capture"] {
            assert!(directives.contains(&(feature, "(self)")), "{feature}");
        }
        for powerful in [
            "geolocation",
            "payment",
            "usb",
            "serial",
            "hid",
            "midi",
            "clipboard-read",
        ] {
            assert!(directives.contains(&(powerful, "()")), "{powerful}");
        }
        assert!(
            directives
                .iter()
                .all(|(_, allow)| *allow == "()" || *allow == "(self)"),
            "no feature for another origin: {directives:?}"
        );
    }

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
