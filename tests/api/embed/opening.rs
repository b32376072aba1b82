//! Who may open the frame and for which requests its identity counts: the attacks of issue 23 §4
//! (an opaque-origin document planting its own identity or signing the visitor out, a frame
//! identity leaking into top-level pages), each tried.

use super::{HOST, SECRET, embeddable_app, open_frame, sign_in};
use crate::helpers::{TestApp, identity_token, identity_token_with, text};

/// `POST /embed` as the portal's own frame page sends it: from the portal's origin, naming the
/// host page's origin as its script heard it.
async fn open_through_frame_page(
    app: &TestApp,
    site: &str,
    host_origin: &str,
    identity: &str,
) -> reqwest::Response {
    app.browser
        .post(app.url("/embed"))
        .header("origin", app.address.as_str())
        .header("sec-fetch-site", site)
        .form(&[
            ("identity", identity),
            ("title", "From the host"),
            ("tags", ""),
            ("host_origin", host_origin),
        ])
        .send()
        .await
        .unwrap()
}

async fn titles(app: &TestApp) -> Vec<String> {
    app.history().await.into_iter().map(|e| e.title).collect()
}

#[tokio::test]
async fn an_opaque_origin_document_can_neither_plant_its_identity_nor_sign_the_visitor_out() {
    let app = embeddable_app().await;
    sign_in(&app, &identity_token(&app.address, "victim", 600, SECRET)).await;
    app.complete_upload("The victim's video").await;

    // A sandboxed frame inside the listed page posts the attacker's own valid token...
    let attacker = identity_token(&app.address, "attacker", 600, SECRET);
    let planted = open_frame(&app, "null", &attacker).await;
    assert_eq!(planted.status(), 403);
    // ...or an empty one, to sign the victim out.
    let emptied = open_frame(&app, "null", "").await;
    assert_eq!(emptied.status(), 403);
    assert_eq!(
        titles(&app).await,
        ["The victim's video"],
        "still the victim, in their own history"
    );
}

#[tokio::test]
async fn the_frame_page_opens_the_frame_for_a_listed_host_origin_only() {
    let app = embeddable_app().await;
    let token = identity_token(&app.address, "alice", 600, SECRET);
    let opened = open_through_frame_page(&app, "same-origin", HOST, &token).await;
    assert_eq!(opened.status(), 303);
    let start = app.url(opened.headers()["location"].to_str().unwrap());
    assert_eq!(app.browser.get(start).send().await.unwrap().status(), 303);

    for (site, host_origin) in [
        ("same-origin", "null"),
        ("same-origin", "https://evil.example"),
        ("same-origin", ""),
        // Our origin in `Origin` but the browser says another site sent it: not our page.
        ("cross-site", HOST),
    ] {
        let response = open_through_frame_page(&app, site, host_origin, &token).await;
        assert_eq!(response.status(), 403, "{site} {host_origin}");
    }
}

#[tokio::test]
async fn the_frame_identity_counts_inside_the_frame_only_never_on_top_level_pages() {
    let app = embeddable_app().await;
    sign_in(&app, &identity_token(&app.address, "alice", 600, SECRET)).await;
    app.complete_upload("Alice's video").await;
    assert_eq!(titles(&app).await, ["Alice's video"], "in the frame");

    // The same browser, the same cookie, at the top level: the visitor's own (empty) history.
    for headers in [
        &[
            ("sec-fetch-dest", "document"),
            ("sec-fetch-mode", "navigate"),
        ][..],
        &[("sec-fetch-dest", "document"), ("sec-fetch-site", "none")][..],
    ] {
        let mut request = app.browser.get(app.url("/uploads"));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let html = request.send().await.unwrap().text().await.unwrap();
        assert!(
            !html.contains("Alice's video"),
            "{headers:?}: a top-level page shows the frame's user"
        );
    }
    // The frame page's own script asking about the upload still counts as the frame.
    let id = app.newest_upload_id().await;
    let events = app
        .browser
        .get(app.url(&format!("/embed/uploads/{id}")))
        .header("sec-fetch-dest", "empty")
        .header("sec-fetch-mode", "cors")
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
}

#[tokio::test]
async fn a_token_meant_for_another_service_or_for_none_is_refused() {
    let app = embeddable_app().await;
    let now = upload_portal::uploads::now();
    for aud in [
        serde_json::json!("https://another-service.example/"),
        serde_json::Value::Null,
    ] {
        let mut claims = serde_json::json!({"sub": "alice", "iat": now, "exp": now + 600});
        if !aud.is_null() {
            claims["aud"] = aud.clone();
        }
        let response = open_frame(&app, HOST, &identity_token_with(claims, SECRET)).await;
        assert_eq!(response.status(), 403, "{aud}");
        let html = response.text().await.unwrap();
        assert!(
            text(&html, "[role=alert]").contains("meant for another service"),
            "{aud}: {}",
            text(&html, "[role=alert]")
        );
    }
}

#[tokio::test]
async fn a_fresh_token_renews_the_frame_session_only_through_the_frames_own_page() {
    let app = embeddable_app().await;
    sign_in(&app, &identity_token(&app.address, "alice", 60, SECRET)).await;
    app.complete_upload("Alice's video").await;
    let renew = |origin: &str, token: &str| {
        app.browser
            .post(app.url("/embed/identity"))
            .header("origin", origin)
            .header("sec-fetch-site", "same-origin")
            .form(&[("identity", token), ("host_origin", HOST)])
            .send()
    };
    let fresh = identity_token(&app.address, "alice", 3000, SECRET);
    // The host page itself (or anyone else) cannot post a token here.
    assert_eq!(renew(HOST, &fresh).await.unwrap().status(), 403);
    assert_eq!(renew("null", &fresh).await.unwrap().status(), 403);
    assert_eq!(
        renew(&app.address, &fresh).await.unwrap().status(),
        204,
        "renewed"
    );
    assert_eq!(titles(&app).await, ["Alice's video"]);

    // A refused token ends the session: the frame never goes on as someone it cannot vouch for.
    let expired = identity_token(&app.address, "alice", -300, SECRET);
    let refused = renew(&app.address, &expired).await.unwrap();
    assert_eq!(refused.status(), 403);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("expired"),
        "{body}"
    );
    assert!(titles(&app).await.is_empty(), "signed out");
}
