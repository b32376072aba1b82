//! Issue 14, "exposure": what the portal's answers let a browser do with them.

use crate::helpers::{spawn_app, with_param};

#[tokio::test]
async fn the_pages_allow_scripts_only_from_the_portals_static_folder() {
    let app = spawn_app().await;
    let response = app.browser.get(app.url("/")).send().await.unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| {
            panic!("no script-src, so default-src 'self' allows the whole origin: {csp}")
        });
    assert_eq!(script_src, format!("script-src {}/static/", app.address));
}

#[tokio::test]
async fn every_answer_at_a_callback_url_sends_no_referrer() {
    let app = spawn_app().await;
    let form = app.mint("Private link").await;
    let callback = app.upload_video(&form).await;
    let altered = with_param(&callback, "upload_token", "someone-elses");
    let unknown = callback.replace("/uploads/callback/", "/uploads/callback/x");
    for (what, url, status) in [
        ("the redirect to the history", callback.as_str(), 303),
        ("an altered link's error page", altered.as_str(), 400),
        ("an unknown link's error page", unknown.as_str(), 400),
    ] {
        let response = app.follow(url).await;
        assert_eq!(response.status(), status, "{what}");
        assert_eq!(
            response.headers()["referrer-policy"],
            "no-referrer",
            "{what}"
        );
    }
    // Other pages keep the site-wide policy.
    let history = app.browser.get(app.url("/uploads")).send().await.unwrap();
    assert_eq!(history.headers()["referrer-policy"], "same-origin");
}
