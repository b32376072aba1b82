//! The default campaign's consent (`CONSENT_TEXT` behind `/`), and renewals that stay in their
//! campaign: a retried upload keeps its album, its policy, its answers and its consent.

use serde_json::json;

use crate::helpers::{TestApp, attr, spawn_app_with, text};

const CONSENT: &str = "I agree that my video may be shown on example.com.";
const TOKEN: &str = "consent-api-token-0123456789abcdef";

async fn app() -> TestApp {
    spawn_app_with(|vars| {
        vars.insert("CONSENT_TEXT".into(), CONSENT.into());
        vars.insert(
            "CONSENT_TERMS_URL".into(),
            "https://example.com/terms".into(),
        );
        vars.insert("ADMIN_API_TOKEN".into(), TOKEN.into());
    })
    .await
}

async fn consents(app: &TestApp) -> Vec<(Option<i64>, Option<String>, Option<String>)> {
    app.rows(
        "SELECT campaign_id, consent_version, consent_visitor FROM upload_answers \
         ORDER BY upload_id",
    )
    .await
}

#[tokio::test]
async fn with_a_consent_text_the_first_page_asks_for_it_and_mints_nothing_without_it() {
    let app = app().await;
    let (_, html) = app.get_html("/").await;
    assert!(text(&html, ".consent").contains(CONSENT), "{html}");
    assert!(attr(&html, "input[name=consent]", "required").is_some());
    assert_eq!(
        attr(&html, ".consent a", "href").as_deref(),
        Some("https://example.com/terms")
    );

    // A hand-made POST without the box: a message, the input kept, nothing minted or stored.
    let response = app.post_new_upload(&[("title", "No consent")]).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(text(&html, "#consent-error").contains("tick the box to agree"));
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some("No consent")
    );
    // The file-first page asks as JSON and gets the same refusal.
    let csrf = app.csrf_token().await;
    let refused = app
        .browser
        .post(app.url("/uploads"))
        .header("accept", "application/json")
        .form(&[("csrf_token", csrf.as_str()), ("title", "Still none")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("tick the box"));
    assert!(app.sandbox.upload_tokens().is_empty());
    assert!(consents(&app).await.is_empty());

    let response = app
        .post_new_upload(&[("title", "With consent"), ("consent", "1")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.sandbox.upload_tokens().len(), 1);
    let stored = consents(&app).await;
    assert_eq!(stored.len(), 1);
    let (campaign, version, visitor) = &stored[0];
    assert_eq!(*campaign, None, "the default campaign");
    assert_eq!(version.as_ref().map(String::len), Some(16));
    assert!(visitor.as_ref().is_some_and(|v| !v.is_empty()));
}

#[tokio::test]
async fn a_changed_consent_text_gives_later_uploads_another_version() {
    let first = app().await;
    first
        .post_new_upload(&[("title", "One"), ("consent", "1")])
        .await;
    let changed = spawn_app_with(|vars| {
        vars.insert(
            "CONSENT_TEXT".into(),
            format!("{CONSENT} And on social media."),
        );
    })
    .await;
    changed
        .post_new_upload(&[("title", "Two"), ("consent", "1")])
        .await;
    let (a, b) = (consents(&first).await, consents(&changed).await);
    assert!(a[0].1.is_some() && b[0].1.is_some());
    assert_ne!(a[0].1, b[0].1);
}

#[tokio::test]
async fn a_renewed_campaign_upload_keeps_its_album_policy_answers_and_consent() {
    let app = app().await;
    let made = reqwest::Client::new()
        .post(app.url("/admin/api/campaigns"))
        .bearer_auth(TOKEN)
        .json(&json!({
            "slug": "stories",
            "name": "Stories",
            "album_id": "42",
            "publish_policy": "approval_first",
            "fields": [{ "id": "email", "label": "E-mail", "kind": "email", "required": true }],
            "consent_text": "I agree to the campaign's terms."
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let (_, html) = app.get_html("/c/stories").await;
    let csrf = attr(&html, "input[name=csrf_token]", "value").unwrap();
    let posted = app
        .browser
        .post(app.url("/c/stories"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("title", "My story"),
            ("publish", "1"),
            ("field_email", "ann@example.com"),
            ("consent", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    let id = app.newest_upload_id().await;

    let renewed: serde_json::Value = app
        .browser
        .post(app.url(&format!("/uploads/{id}/renew")))
        .header("x-csrf-token", app.csrf_token().await)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = app
        .sandbox
        .upload_token(renewed["upload_token"].as_str().unwrap())
        .expect("the sandbox minted the renewal");
    assert_eq!(token.album_id, "42", "still the campaign's album");
    assert!(!token.publish, "approval first: still sent unpublished");
    let stored = consents(&app).await;
    assert_eq!(stored.len(), 2, "the retry carries the answers and consent");
    assert_eq!(stored[0], stored[1]);
    assert!(stored[1].0.is_some(), "and stays in the campaign");
}
