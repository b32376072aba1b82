//! Every upload accounted for from mint to encoded: lost callbacks, expiry, retries, encoding.

use crate::helpers::{attr, browser, param, spawn_app_with};

fn fast_jobs(vars: &mut std::collections::HashMap<String, String>) {
    vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
    vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
}

#[tokio::test]
async fn an_upload_whose_tab_closed_before_the_redirect_still_reaches_the_history() {
    // Arrange
    let app = spawn_app_with(fast_jobs).await;
    let form = app.mint("Closed tab").await;

    // Act: the file reaches 23, but the browser never follows the redirect back.
    let callback = app.upload_video(&form).await;
    let photo_id: i64 = param(&callback, "photo_id").unwrap().parse().unwrap();

    // Assert: the reconciler finds it.
    let history = app
        .wait_for_history(15, |h| h[0].status == "uploaded")
        .await;
    assert_eq!(history[0].photo_id, Some(photo_id));
    // And the late callback changes nothing.
    assert_eq!(app.follow(&callback).await.status(), 303);
    assert_eq!(app.history().await.len(), 1);
}

#[tokio::test]
async fn an_unused_token_past_its_deadline_ends_expired_and_try_again_mints_a_fresh_one() {
    let app = spawn_app_with(fast_jobs).await;
    let form = app
        .post_new_upload(&[
            ("title", "Late"),
            ("description", "Kept"),
            ("tags", "one two"),
            ("publish", "0"),
        ])
        .await;
    assert_eq!(form.status(), 303);
    app.sql("UPDATE uploads SET valid_until = 1").await;

    app.wait_for_history(15, |h| h[0].status == "expired").await;
    let (_, html) = app.get_html("/uploads").await;
    let retry = attr(&html, "form[action$='/renew']", "action").expect("a Try again button");
    let csrf = attr(
        &html,
        "form[action$='/renew'] input[name=csrf_token]",
        "value",
    )
    .unwrap();

    let response = app
        .browser
        .post(app.url(&retry))
        .form(&[("csrf_token", csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let send_page = app.url(response.headers()["location"].to_str().unwrap());
    let html = app
        .browser
        .get(&send_page)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = attr(&html, "input[name=upload_token]", "value").expect("a fresh upload form");
    let minted = app.sandbox.upload_token(&token).unwrap();
    assert_eq!(
        (minted.title.as_str(), minted.description.as_str()),
        ("Late", "Kept")
    );
    assert_eq!(minted.tags, "one two");
    assert!(!minted.publish);
    let history = app.history().await;
    let statuses: Vec<&str> = history.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["pending"],
        "the retry takes the place of the expired upload it retries"
    );
}

#[tokio::test]
async fn an_expired_upload_page_offers_a_fresh_link_instead_of_23s_error() {
    let app = spawn_app_with(|_| {}).await;
    let form = app.mint("Old page").await;
    app.sql("UPDATE uploads SET valid_until = 1").await;
    let html = app
        .browser
        .get(&form.page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        attr(&html, "form.upload-form", "action").is_none(),
        "no form that 23 would refuse"
    );
    assert!(
        attr(&html, "form[action$='/renew']", "action").is_some(),
        "a way to a fresh token"
    );
}

#[tokio::test]
async fn encoding_finishes_and_the_history_shows_the_video_ready_with_its_thumbnail() {
    let app = spawn_app_with(fast_jobs).await;
    app.complete_upload("Encoded").await;
    let photo_id = app.sandbox.photos()[0].photo_id;
    assert_eq!(
        app.history().await[0].status,
        "uploaded",
        "processing at first"
    );

    app.sandbox.finish_encoding(photo_id);

    app.wait_for_history(15, |h| h[0].status == "ready").await;
    let (_, html) = app.get_html("/uploads").await;
    let thumbnail = attr(&html, "[data-status=ready] img", "src").expect("a thumbnail");
    assert!(
        thumbnail.starts_with(&app.site_url),
        "absolute, on the 23 site: {thumbnail}"
    );
    let image = reqwest::get(&thumbnail).await.unwrap();
    assert_eq!(image.status(), 200);
    assert!(
        image.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/")
    );
}

#[tokio::test]
async fn the_history_page_makes_no_call_to_23() {
    let app = spawn_app_with(|_| {}).await;
    app.complete_upload("Quiet").await;
    let before = app.sandbox.api_calls();
    for _ in 0..5 {
        app.history().await;
    }
    assert_eq!(
        app.sandbox.api_calls(),
        before,
        "rendering history read the database only"
    );
}

#[tokio::test]
async fn check_now_finds_an_upload_whose_redirect_the_browser_could_not_follow() {
    let app = spawn_app_with(|_| {}).await;
    let form = app.mint("Cross-origin").await;
    app.upload_video(&form).await; // the redirect is lost, as with a cross-origin XHR
    let id = app.newest_upload_id().await;
    let csrf = app.csrf_token().await;

    let status: serde_json::Value = app
        .browser
        .post(app.url(&format!("/uploads/{id}/check")))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    assert_eq!(status["status"], "uploaded");
    assert_eq!(
        status["videos"][0]["photo_id"],
        app.sandbox.photos()[0].photo_id
    );
    assert_eq!(app.history().await[0].status, "uploaded");
}

#[tokio::test]
async fn status_and_check_belong_to_the_owner_and_check_needs_the_csrf_token() {
    let app = spawn_app_with(|_| {}).await;
    app.mint("Mine").await;
    let id = app.newest_upload_id().await;
    let stranger = browser();
    stranger.get(app.url("/")).send().await.unwrap();
    let status = stranger
        .get(app.url(&format!("/uploads/{id}/status")))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 404);
    let check = app
        .browser
        .post(app.url(&format!("/uploads/{id}/check")))
        .send()
        .await
        .unwrap();
    assert_eq!(check.status(), 403, "no CSRF token");
    let own = app
        .browser
        .get(app.url(&format!("/uploads/{id}/status")))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    let own: serde_json::Value = own.json().await.unwrap();
    assert_eq!(own["status"], "pending");
    assert_eq!(own["remaining"], 1);
}

#[tokio::test]
async fn details_corrected_while_uploading_reach_23_and_the_history() {
    let app = spawn_app_with(|_| {}).await;
    let form = app.mint("Tpyo").await;
    let callback = app.upload_video(&form).await;
    let id = app.newest_upload_id().await;
    let csrf = app.csrf_token().await;

    let response = app
        .browser
        .post(app.url(&format!("/uploads/{id}/details")))
        .header("x-csrf-token", csrf)
        .header("accept", "application/json")
        .form(&[
            ("title", "Typo fixed"),
            ("description", "Better words"),
            ("tags", "fixed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    assert_eq!(
        app.sandbox.upload_token(&form.upload_token).unwrap().title,
        "Typo fixed"
    );
    assert_eq!(
        app.sandbox.photos()[0].title,
        "Typo fixed",
        "the video already made follows"
    );
    app.follow(&callback).await;
    assert_eq!(app.history().await[0].title, "Typo fixed");
}

#[tokio::test]
async fn renewing_as_json_returns_a_fresh_token_for_the_page_to_use() {
    let app = spawn_app_with(|_| {}).await;
    let old = app.mint("Renew me").await;
    let id = app.newest_upload_id().await;
    let csrf = app.csrf_token().await;
    let fresh: serde_json::Value = app
        .browser
        .post(app.url(&format!("/uploads/{id}/renew")))
        .header("x-csrf-token", csrf)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = fresh["upload_token"].as_str().unwrap();
    assert_ne!(token, old.upload_token);
    assert_eq!(app.sandbox.upload_token(token).unwrap().title, "Renew me");
    assert!(fresh["send_url"].as_str().unwrap().ends_with("/send"));
}

#[tokio::test]
async fn a_visitor_over_the_hourly_limit_is_told_to_wait_and_keeps_their_input() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "2".into());
    })
    .await;
    app.mint("One").await;
    app.mint("Two").await;
    let response = app.post_new_upload(&[("title", "Three")]).await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let html = response.text().await.unwrap();
    assert!(html.contains("wait a few minutes"));
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some("Three")
    );
    assert_eq!(app.sandbox.upload_tokens().len(), 2, "no third token");
}
