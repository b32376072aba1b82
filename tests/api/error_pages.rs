//! Error pages in the app's layout, and the no-JavaScript details form answered with a page.

use crate::helpers::{attr, spawn_app, spawn_app_with};

/// A portal served below a path, as behind a proxy that maps `/videos` to it.
const BELOW_A_PATH: &str = "http://portal.example/videos";

#[tokio::test]
async fn error_pages_link_below_a_public_url_with_a_path() {
    let app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), BELOW_A_PATH.into());
    })
    .await;
    // No route at all, a handler's own 404, and a refused callback (400).
    for path in [
        "/no-such-page",
        "/uploads/424242/send",
        "/uploads/callback/forged/forged?upload_token=x&photo_id=1",
    ] {
        let response = app.browser.get(app.url(path)).send().await.unwrap();
        let status = response.status();
        assert!(status.is_client_error(), "{path}: {status}");
        assert!(
            response.headers().contains_key("content-security-policy"),
            "{path}: the error page still gets the security headers"
        );
        let html = response.text().await.unwrap();
        assert_eq!(
            attr(&html, "link[rel=stylesheet]", "href").as_deref(),
            Some("/videos/static/style.css"),
            "{path}"
        );
        assert_eq!(
            attr(&html, "a.brand", "href").as_deref(),
            Some("/videos/"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_details_form_without_javascript_gets_a_page_when_its_token_is_stale() {
    let app = spawn_app().await;
    app.mint("Owned").await;
    let id = app.newest_upload_id().await;
    let url = app.url(&format!("/uploads/{id}/details"));
    let form = [("csrf_token", "stale"), ("title", "Changed")];

    let plain = app.browser.post(&url).form(&form).send().await.unwrap();
    assert_eq!(plain.status(), 403);
    let content_type = plain.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = plain.text().await.unwrap();
    assert!(html.contains("out of date"), "{html}");
    assert!(
        attr(&html, "link[rel=stylesheet]", "href").is_some(),
        "a page in the layout"
    );

    let scripted = app
        .browser
        .post(&url)
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(scripted.status(), 403);
    let body: serde_json::Value = scripted.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("out of date"));
    assert_eq!(
        app.sandbox.upload_tokens()[0].title,
        "Owned",
        "nothing changed"
    );
}
