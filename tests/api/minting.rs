//! Asking 23 for a token: only from our own form, with valid input, and calmly when 23 fails.

use secrecy::ExposeSecret;

use crate::helpers::{attr, count, spawn_app, spawn_app_with, text};

#[tokio::test]
async fn minting_without_a_csrf_token_is_refused_and_nothing_reaches_23() {
    let app = spawn_app().await;
    app.csrf_token().await; // the visitor has a session, but the form lacks the token
    let response = app
        .post_new_upload(&[("title", "Sneaky"), ("csrf_token", "")])
        .await;
    assert_eq!(response.status(), 403);
    let html = response.text().await.unwrap();
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some("Sneaky"),
        "the input is kept"
    );
    assert!(
        app.sandbox.upload_tokens().is_empty(),
        "no token was minted"
    );
}

#[tokio::test]
async fn minting_with_another_sessions_csrf_token_is_refused() {
    let app = spawn_app().await;
    let attacker = crate::helpers::browser();
    let html = attacker
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let attackers_token = attr(&html, "input[name=csrf_token]", "value").unwrap();
    let response = app
        .post_new_upload(&[("title", "Sneaky"), ("csrf_token", &attackers_token)])
        .await;
    assert_eq!(response.status(), 403);
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn a_cross_site_post_is_refused_even_with_the_cookie_and_token() {
    let app = spawn_app().await;
    let token = app.csrf_token().await;
    for (header, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = app
            .browser
            .post(app.url("/uploads"))
            .header(header, value)
            .form(&[("title", "Forged"), ("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{header}: {value}");
    }
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn a_missing_title_is_asked_for_and_the_rest_of_the_input_is_kept() {
    let app = spawn_app().await;
    let response = app
        .post_new_upload(&[
            ("title", "  "),
            ("description", "Kept <b>text</b>"),
            ("tags", "x y"),
        ])
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Give your video a title."));
    assert_eq!(
        text(&html, "textarea[name=description]"),
        "Kept <b>text</b>",
        "kept, as text"
    );
    assert_eq!(count(&html, "textarea b"), 0, "not as markup");
    assert_eq!(
        attr(&html, "input[name=tags]", "value").as_deref(),
        Some("x y")
    );
    assert_eq!(
        attr(&html, "input[name=title]", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn an_unreachable_23_site_gives_a_calm_page_that_keeps_the_input() {
    // A port that was just free: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = spawn_app_with(|vars| {
        vars.insert("TWENTYTHREE_URL".into(), format!("http://{closed}"));
    })
    .await;
    let response = app
        .post_new_upload(&[("title", "Waiting"), ("description", "still here")])
        .await;
    assert_eq!(response.status(), 503);
    let html = response.text().await.unwrap();
    assert!(html.contains("not answering"), "says what happened");
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some("Waiting")
    );
    assert!(html.contains("still here"));
    assert!(app.history().await.is_empty(), "nothing was recorded");
}

#[tokio::test]
async fn wrong_credentials_are_refused_without_leaking_any_secret() {
    let app = spawn_app_with(|vars| {
        vars.insert(
            "TWENTYTHREE_CONSUMER_SECRET".into(),
            "not-the-right-secret-at-all".into(),
        );
    })
    .await;
    let response = app.post_new_upload(&[("title", "Denied")]).await;
    assert_eq!(response.status(), 502);
    let html = response.text().await.unwrap();
    assert!(html.contains("refused"), "says 23 refused");
    assert!(!html.contains("not-the-right-secret-at-all"));
    assert!(!html.contains(app.credentials.token_secret.expose_secret()));
    assert!(
        !html.contains("For the operator"),
        "operator details stay in the log outside sandbox mode"
    );
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some("Denied")
    );
}
