//! The frame's own pages: a browser keeping no cookie, the upload events it reads, the demo.

use reqwest::redirect::Policy;

use super::{HOST, csp, embeddable_app, sign_in};
use crate::helpers::{attr, browser, text};

#[tokio::test]
async fn a_browser_that_keeps_no_cookie_in_the_frame_is_offered_a_tab_of_its_own() {
    let app = embeddable_app().await;
    let no_cookies = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let opened = no_cookies
        .post(app.url("/embed"))
        .header("origin", HOST)
        .form(&[("title", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 303);
    let start = app.url(opened.headers()["location"].to_str().unwrap());
    let page = no_cookies.get(start).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert_eq!(
        attr(&html, "a[target=_blank]", "href").as_deref(),
        Some(format!("{}/", app.address).as_str())
    );
    assert!(!html.contains("metadata-form"));
}

#[tokio::test]
async fn the_frame_reads_its_own_uploads_events_and_nobody_elses() {
    let app = embeddable_app().await;
    sign_in(&app, "").await;
    app.complete_upload("Evented").await;
    let id = app.newest_upload_id().await;
    let events: serde_json::Value = app
        .browser
        .get(app.url(&format!("/embed/uploads/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let photo_id = app.sandbox.photos()[0].photo_id;
    assert_eq!(events["upload_id"], id);
    assert_eq!(events["title"], "Evented");
    assert_eq!(events["status"], "uploaded");
    assert_eq!(events["videos"][0]["photo_id"], photo_id);
    assert!(events["videos"][0]["token"].is_string());

    let stranger = browser();
    let response = stranger
        .get(app.url(&format!("/embed/uploads/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn in_sandbox_mode_the_demo_is_a_host_page_on_a_second_origin_with_the_snippet() {
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let vars = crate::helpers::base_vars(dir.path(), None, &credentials).await;
    let (address, _) = crate::helpers::start_portal(&vars).await;
    let client = browser();

    let sent = client
        .get(format!("{address}/embed/demo"))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let demo = sent.headers()["location"].to_str().unwrap().to_string();
    let demo_origin = url::Url::parse(&demo)
        .unwrap()
        .origin()
        .ascii_serialization();
    assert_ne!(demo_origin, address, "another origin");

    let page = client.get(&demo).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let policy = csp(&page);
    assert!(policy.contains(&format!("frame-src {address}")), "{policy}");
    let html = page.text().await.unwrap();
    assert!(text(&html, ".embed-snippet").contains(&format!(
        r#"<script src="{address}/embed.js" async></script>"#
    )));
    assert_eq!(
        attr(&html, "[data-upload-portal] a", "href"),
        Some(format!("{address}/"))
    );

    // The portal's pages may be framed by the demo origin only, and its cookie stays Lax.
    let framed = client
        .get(format!("{address}/"))
        .header("sec-fetch-dest", "iframe")
        .send()
        .await
        .unwrap();
    assert!(
        csp(&framed).contains(&format!("frame-ancestors {demo_origin};")),
        "{}",
        csp(&framed)
    );
    let cookie = framed.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("SameSite=Lax") && !cookie.contains("Partitioned"),
        "{cookie}"
    );
}

#[tokio::test]
async fn data_campaign_opens_that_campaigns_page_in_the_frame_and_only_a_slug_reaches_the_path() {
    let app = embeddable_app().await;
    for (campaign, page) in [
        ("Product-1234", "/c/product-1234?"),
        ("../admin", "/?"),
        ("", "/?"),
    ] {
        let opened = app
            .browser
            .post(app.url("/embed"))
            .header("origin", HOST)
            .form(&[("title", "x"), ("campaign", campaign)])
            .send()
            .await
            .unwrap();
        assert_eq!(opened.status(), 303);
        let start = app.url(opened.headers()["location"].to_str().unwrap());
        let started = app.browser.get(start).send().await.unwrap();
        assert_eq!(started.status(), 303, "{campaign:?}");
        let location = started.headers()["location"].to_str().unwrap();
        assert!(
            location.starts_with(page),
            "{campaign:?} went to {location}"
        );
    }
}
