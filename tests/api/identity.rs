//! Identity from the host site: a header set by the operator's proxy names the visitor.

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::redirect::Policy;

use crate::helpers::{TestApp, spawn_app_with};

const HEADER: &str = "X-Forwarded-User";

async fn app_trusting_header() -> TestApp {
    spawn_app_with(|vars| {
        vars.insert("TRUSTED_USER_HEADER".into(), HEADER.into());
        vars.insert("ADMIN_USERNAME".into(), "operator".into());
        vars.insert("ADMIN_PASSWORD".into(), "correct horse battery".into());
    })
    .await
}

/// A browser of its own (own cookies) on the same portal, whose requests carry `user` in the
/// trusted header, as the operator's proxy would add it.
fn device(app: &TestApp, user: Option<&str>) -> TestApp {
    let mut headers = HeaderMap::new();
    if let Some(user) = user {
        headers.insert(HEADER, HeaderValue::from_str(user).unwrap());
    }
    TestApp {
        address: app.address.clone(),
        site_url: app.site_url.clone(),
        sandbox: app.sandbox.clone(),
        credentials: app.credentials.clone(),
        browser: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .default_headers(headers)
            .build()
            .unwrap(),
        data_dir: tempfile::tempdir().unwrap(),
        database_url: app.database_url.clone(),
    }
}

fn titles(history: &[crate::helpers::HistoryEntry]) -> Vec<&str> {
    history.iter().map(|e| e.title.as_str()).collect()
}

#[tokio::test]
async fn the_same_user_sees_the_same_history_on_two_devices() {
    let app = app_trusting_header().await;
    let laptop = device(&app, Some("alice"));
    let phone = device(&app, Some("alice"));
    laptop.complete_upload("From the laptop").await;
    phone.mint("From the phone").await;

    for history in [laptop.history().await, phone.history().await] {
        assert_eq!(titles(&history), ["From the phone", "From the laptop"]);
    }
    let upload_id = laptop.newest_upload_id().await;
    let (status, _) = phone.get_html(&format!("/uploads/{upload_id}/send")).await;
    assert_eq!(
        status, 200,
        "the phone may send the file the laptop described"
    );
}

#[tokio::test]
async fn another_user_and_an_anonymous_browser_see_none_of_it() {
    let app = app_trusting_header().await;
    device(&app, Some("alice")).mint("Alice's").await;
    assert!(device(&app, Some("bob")).history().await.is_empty());
    assert!(device(&app, None).history().await.is_empty());
}

#[tokio::test]
async fn without_the_header_a_browser_keeps_its_anonymous_cookie_identity() {
    let app = app_trusting_header().await;
    let anonymous = device(&app, None);
    anonymous.mint("Anonymous").await;
    assert_eq!(titles(&anonymous.history().await), ["Anonymous"]);
    assert!(device(&app, Some("alice")).history().await.is_empty());
}

#[tokio::test]
async fn the_header_is_ignored_unless_configured() {
    let app = spawn_app_with(|_| {}).await;
    device(&app, Some("alice")).mint("Alice's").await;
    assert!(
        device(&app, Some("alice")).history().await.is_empty(),
        "a header the operator did not name identifies no one"
    );
}

#[tokio::test]
async fn header_identities_are_namespaced_apart_from_cookie_ids() {
    let app = app_trusting_header().await;
    device(&app, Some("alice")).mint("Alice's").await;
    let html = reqwest::Client::new()
        .get(app.url("/admin"))
        .basic_auth("operator", Some("correct horse battery"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        crate::helpers::text(&html, "tr[data-upload-id] code"),
        "user:alice"
    );
}

#[tokio::test]
async fn a_user_header_sent_twice_or_with_several_values_is_refused() {
    let app = app_trusting_header().await;
    // A proxy that appends its header to the client's own copy sends both.
    let twice = reqwest::Client::new()
        .get(app.url("/uploads"))
        .header(HEADER, "mallory")
        .header(HEADER, "alice")
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 400);
    let listed = reqwest::Client::new()
        .get(app.url("/uploads"))
        .header(HEADER, "alice, mallory")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 400);
    let html = listed.text().await.unwrap();
    assert!(!html.contains("alice"), "the refusal names no one");
    let once = reqwest::Client::new()
        .get(app.url("/uploads"))
        .header(HEADER, "alice")
        .send()
        .await
        .unwrap();
    assert_eq!(once.status(), 200);
}
