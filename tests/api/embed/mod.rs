//! Embedding over HTTP: who may frame the portal, the frame's cookie and CSRF with a host page
//! in the picture, the frame's events and the sandbox demo; `identity`: the host's tokens. The
//! browser journeys are in the browser test target (`tests/browser/embed/`).

mod frame;
mod identity;
mod look;
mod opening;
mod sign_out;

use crate::helpers::{TestApp, attr, spawn_app, spawn_app_with};

pub const HOST: &str = "http://localhost:4321";
pub const SECRET: &str = "the host site's identity secret, 32+ bytes";

/// The portal with embedding on, and a browser whose requests are made inside the frame.
pub async fn embeddable_app() -> TestApp {
    embeddable_app_with(|_| {}).await
}

pub async fn embeddable_app_with(
    customize: impl FnOnce(&mut std::collections::HashMap<String, String>),
) -> TestApp {
    let mut app = spawn_app_with(|vars| {
        vars.insert(
            "EMBED_ORIGINS".into(),
            format!("{HOST} https://intranet.example"),
        );
        vars.insert("EMBED_IDENTITY_SECRET".into(), SECRET.into());
        customize(vars);
    })
    .await;
    app.browser = frame_browser();
    app
}

/// A browser inside the host page's frame: every navigation says so (`Sec-Fetch-Dest: iframe`,
/// which pages cannot set), as Chromium's do; a request may still say otherwise.
pub fn frame_browser() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("sec-fetch-dest", "iframe".parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// embed.js's form post that opens the frame, from `origin`; returns the response.
pub async fn open_frame(app: &TestApp, origin: &str, identity: &str) -> reqwest::Response {
    app.browser
        .post(app.url("/embed"))
        .header("origin", origin)
        .header("sec-fetch-site", "cross-site")
        .header("sec-fetch-dest", "iframe")
        .form(&[
            ("identity", identity),
            ("title", "From the host"),
            ("tags", ""),
        ])
        .send()
        .await
        .unwrap()
}

/// Opens the frame as `identity` and follows it to the new-upload form.
pub async fn sign_in(app: &TestApp, identity: &str) {
    let opened = open_frame(app, HOST, identity).await;
    assert_eq!(opened.status(), 303, "the frame opens");
    let start = app.url(opened.headers()["location"].to_str().unwrap());
    let started = app.browser.get(start).send().await.unwrap();
    assert_eq!(started.status(), 303, "the cookie was kept");
    let form = started.headers()["location"].to_str().unwrap().to_string();
    assert!(form.starts_with("/?title=From+the+host"), "{form}");
}

pub fn csp(response: &reqwest::Response) -> String {
    response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn only_pages_loaded_into_a_frame_may_be_framed_and_only_by_the_listed_origins() {
    let app = embeddable_app().await;
    let framed = app
        .browser
        .get(app.url("/"))
        .header("sec-fetch-dest", "iframe")
        .send()
        .await
        .unwrap();
    assert!(
        csp(&framed).contains(&format!("frame-ancestors {HOST} https://intranet.example;")),
        "{}",
        csp(&framed)
    );
    assert!(framed.headers().get("x-frame-options").is_none());

    let top_level = app
        .browser
        .get(app.url("/"))
        .header("sec-fetch-dest", "document")
        .send()
        .await
        .unwrap();
    assert!(
        csp(&top_level).contains("frame-ancestors 'none'"),
        "{}",
        csp(&top_level)
    );
    assert_eq!(top_level.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn without_embed_origins_nothing_may_frame_the_portal_and_the_embed_routes_are_absent() {
    let app = spawn_app().await;
    let framed = app
        .browser
        .get(app.url("/"))
        .header("sec-fetch-dest", "iframe")
        .send()
        .await
        .unwrap();
    assert!(
        csp(&framed).contains("frame-ancestors 'none'"),
        "{}",
        csp(&framed)
    );
    assert_eq!(framed.headers()["x-frame-options"], "DENY");
    let cookie = framed.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("SameSite=Lax") && !cookie.contains("Partitioned"),
        "{cookie}"
    );
    let (_, html) = app.get_html("/").await;
    assert!(
        !html.contains("embed-frame.js"),
        "no frame script without embedding"
    );
    for path in ["/embed.js", "/embed/uploads/1", "/embed/demo"] {
        let (status, _) = app.get_html(path).await;
        assert_eq!(status, 404, "{path}");
    }
    assert_eq!(open_frame(&app, HOST, "").await.status(), 404);
}

#[tokio::test]
async fn the_session_cookie_is_partitioned_for_cross_site_frames() {
    let app = embeddable_app().await;
    let response = app.browser.get(app.url("/")).send().await.unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    for attribute in ["SameSite=None", "Secure", "Partitioned", "HttpOnly"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    let script = app.browser.get(app.url("/embed.js")).send().await.unwrap();
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let (_, html) = app.get_html("/").await;
    assert_eq!(
        attr(&html, "meta[name=upload-portal-embed-origins]", "content").as_deref(),
        Some("http://localhost:4321 https://intranet.example")
    );
}

#[tokio::test]
async fn a_page_of_an_origin_not_listed_cannot_open_the_frame() {
    let app = embeddable_app().await;
    for origin in [
        "http://localhost:4322",
        "https://evil.example",
        "https://localhost:4321",
    ] {
        let response = open_frame(&app, origin, "").await;
        assert_eq!(response.status(), 403, "{origin}");
    }
    let post = |origin: Option<&'static str>, dest: &'static str| {
        let mut request = app
            .browser
            .post(app.url("/embed"))
            .header("sec-fetch-dest", dest);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.form(&[("title", "x")]).send()
    };
    assert_eq!(
        post(None, "iframe").await.unwrap().status(),
        403,
        "no Origin"
    );
    assert_eq!(
        post(Some("null"), "document").await.unwrap().status(),
        403,
        "top-level, opaque"
    );
    // An opaque-origin document (a sandboxed frame, a data: frame) inside a listed page sends
    // `Origin: null` too, so it says nothing about who asks: refused even in a frame. A listed
    // page with a strict Referrer-Policy opens the frame through /embed/frame instead.
    assert_eq!(
        post(Some("null"), "iframe").await.unwrap().status(),
        403,
        "framed, opaque"
    );
}

#[tokio::test]
async fn the_frames_own_form_is_accepted_and_the_host_page_posting_directly_is_refused() {
    let app = embeddable_app().await;
    sign_in(&app, "").await;
    let csrf = app.csrf_token().await;
    // Even holding a valid token (say, read from a leaked page), the host page is another site.
    let from_host = app
        .browser
        .post(app.url("/uploads"))
        .header("origin", HOST)
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf_token", csrf.as_str()), ("title", "Posted")])
        .send()
        .await
        .unwrap();
    assert_eq!(from_host.status(), 403);
    let from_frame = app
        .browser
        .post(app.url("/uploads"))
        .header("origin", app.address.as_str())
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf_token", csrf.as_str()), ("title", "Posted")])
        .send()
        .await
        .unwrap();
    assert_eq!(from_frame.status(), 303, "the frame's own post mints");
}
