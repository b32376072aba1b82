//! Response headers for embedding: who may frame a page, and a cookie a cross-site frame keeps.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_SECURITY_POLICY, HeaderMap, HeaderValue, SET_COOKIE};
use actix_web::middleware::Next;
use actix_web::web;

use super::EmbedSettings;

/// The `frame-ancestors` sources: the embedding origins, or `'none'` when there are none.
pub fn frame_ancestors(settings: &EmbedSettings) -> String {
    let origins: Vec<&str> = settings.all_origins().collect();
    if origins.is_empty() {
        "'none'".to_string()
    } else {
        origins.join(" ")
    }
}

/// Middleware (outside the security headers and the session): a page loaded into a frame
/// (`Sec-Fetch-Dest: iframe`) may be framed by the embedding origins; every other response keeps
/// `frame-ancestors 'none'` and `X-Frame-Options: DENY`, so top-level pages and scripts' requests
/// stay as locked down as without embedding. With the cross-site cookie on, the session cookie
/// is partitioned (actix-session has no such option).
pub async fn embed_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let settings = req.app_data::<web::Data<EmbedSettings>>().cloned();
    let framed = req
        .headers()
        .get("sec-fetch-dest")
        .is_some_and(|dest| dest == "iframe");
    let mut response = next.call(req).await?;
    if let Some(settings) = settings {
        if framed && settings.is_enabled() {
            allow_framing(response.headers_mut(), &settings);
        }
        if settings.cross_site_cookie() {
            partition_cookies(response.headers_mut());
        }
    }
    Ok(response)
}

/// Replaces the CSP's `frame-ancestors` with the embedding origins and drops `X-Frame-Options`
/// (which cannot name an origin; browsers that know `frame-ancestors` ignore it anyway).
pub fn allow_framing(headers: &mut HeaderMap, settings: &EmbedSettings) {
    let Some(csp) = headers
        .get(CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let directives: Vec<String> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            if d.starts_with("frame-ancestors") {
                format!("frame-ancestors {}", frame_ancestors(settings))
            } else {
                d.to_string()
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&directives.join("; ")) {
        headers.insert(CONTENT_SECURITY_POLICY, value);
        headers.remove("x-frame-options");
    }
}

/// Adds `Partitioned` to every `SameSite=None` cookie: browsers that partition third-party
/// cookies (CHIPS) then keep it for this host site only; others ignore the attribute.
pub fn partition_cookies(headers: &mut HeaderMap) {
    let cookies: Vec<HeaderValue> = headers.get_all(SET_COOKIE).cloned().collect();
    if cookies.is_empty() {
        return;
    }
    headers.remove(SET_COOKIE);
    for cookie in cookies {
        let text = cookie.to_str().unwrap_or_default().to_ascii_lowercase();
        let needs = text.contains("samesite=none") && !text.contains("partitioned");
        let value = match needs {
            true => {
                HeaderValue::from_str(&format!("{}; Partitioned", cookie.to_str().unwrap_or("")))
                    .unwrap_or(cookie)
            }
            false => cookie,
        };
        headers.append(SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn settings(origins: &[&str]) -> EmbedSettings {
        EmbedSettings {
            origins: origins.iter().map(|o| o.to_string()).collect(),
            ..EmbedSettings::default()
        }
    }

    #[test]
    fn only_the_frame_ancestors_directive_changes_and_x_frame_options_goes() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'; base-uri 'none'"),
        );
        headers.insert(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        );
        allow_framing(
            &mut headers,
            &settings(&["https://a.example", "https://b.example"]),
        );
        assert_eq!(
            headers.get(CONTENT_SECURITY_POLICY).unwrap(),
            "default-src 'self'; frame-ancestors https://a.example https://b.example; base-uri 'none'"
        );
        assert!(!headers.contains_key("x-frame-options"));
    }

    #[test]
    fn without_origins_frame_ancestors_stays_none() {
        assert_eq!(frame_ancestors(&settings(&[])), "'none'");
    }

    #[test]
    fn only_samesite_none_cookies_are_partitioned_and_only_once() {
        let mut headers = HeaderMap::new();
        for cookie in [
            "a=1; Path=/; SameSite=None; Secure",
            "b=2; Path=/; SameSite=Lax",
            "c=3; SameSite=None; Secure; Partitioned",
        ] {
            headers.append(SET_COOKIE, HeaderValue::from_static(cookie));
        }
        partition_cookies(&mut headers);
        let cookies: Vec<_> = headers
            .get_all(SET_COOKIE)
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(
            cookies,
            [
                "a=1; Path=/; SameSite=None; Secure; Partitioned",
                "b=2; Path=/; SameSite=Lax",
                "c=3; SameSite=None; Secure; Partitioned"
            ]
        );
    }
}
