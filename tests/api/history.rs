//! The history belongs to the browser that made the uploads.

use crate::helpers::{TestApp, attr, browser, count, history_entries, spawn_app};

#[tokio::test]
async fn a_new_visitor_sees_an_empty_history_with_a_way_to_upload() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/uploads").await;
    assert_eq!(status, 200);
    assert!(history_entries(&html).is_empty());
    assert!(html.contains("No uploads yet"));
}

#[tokio::test]
async fn the_history_lists_uploads_newest_first_with_their_states() {
    let app = spawn_app().await;
    app.complete_upload("Older").await;
    app.mint("Newer, not sent yet").await;
    let history = app.history().await;
    let summary: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.title.as_str(), e.status.as_str()))
        .collect();
    assert_eq!(
        summary,
        [("Newer, not sent yet", "pending"), ("Older", "uploaded")]
    );
    assert!(history[0].photo_id.is_none());
    assert!(history[1].photo_id.is_some());
}

#[tokio::test]
async fn another_browser_sees_none_of_the_visitors_uploads() {
    let app = spawn_app().await;
    let form = app.mint("Private").await;
    app.follow(&app.upload_video(&form).await).await;

    let stranger = browser();
    let html = stranger
        .get(app.url("/uploads"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(history_entries(&html).is_empty());
    assert!(!html.contains("Private"));
    let send_page = stranger.get(&form.page_url).send().await.unwrap();
    assert_eq!(
        send_page.status(),
        404,
        "another visitor's upload form is not found"
    );
    assert!(!send_page.text().await.unwrap().contains(&form.upload_token));
}

#[tokio::test]
async fn titles_with_markup_are_shown_as_text() {
    let app = spawn_app().await;
    app.mint("<script>alert('x')</script> \"quoted\"").await;
    let (_, html) = app.get_html("/uploads").await;
    assert_eq!(
        count(&html, "main script"),
        0,
        "markup is escaped, not injected"
    );
    assert_eq!(
        app.history().await[0].title,
        "<script>alert('x')</script> \"quoted\""
    );
}

#[tokio::test]
async fn a_malformed_history_query_gets_a_calm_400() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/uploads?before=yesterday").await;
    assert_eq!(status, 400);
    assert!(html.contains("<html"));
}

/// The history's `ETag`, and the status of asking again with it in `If-None-Match`.
async fn etag_and_recheck(app: &TestApp) -> (String, u16) {
    let first = app.browser.get(app.url("/uploads")).send().await.unwrap();
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let again = app
        .browser
        .get(app.url("/uploads"))
        .header("If-None-Match", &etag);
    (etag, again.send().await.unwrap().status().as_u16())
}

#[tokio::test]
async fn polling_an_unchanged_history_is_answered_304_until_something_shown_changes() {
    let app = spawn_app().await;
    let form = app.mint("Polled").await;
    let (etag, status) = etag_and_recheck(&app).await;
    assert_eq!(status, 304, "nothing changed since {etag}");

    // A job's bookkeeping is not something the page shows.
    app.sql("UPDATE uploads SET next_check_at = 12345, check_attempts = 3")
        .await;
    let (after_bookkeeping, status) = etag_and_recheck(&app).await;
    assert_eq!(status, 304);

    // The video arrives: the same version is now answered with the new page.
    app.follow(&app.upload_video(&form).await).await;
    let changed = app
        .browser
        .get(app.url("/uploads"))
        .header("If-None-Match", &after_bookkeeping)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let new_tag = changed.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(new_tag, after_bookkeeping);
    let html = changed.text().await.unwrap();
    assert_eq!(history_entries(&html)[0].status, "uploaded");
    assert_eq!(
        attr(&html, "ol.uploads", "data-version").as_deref(),
        Some(new_tag.as_str()),
        "the page carries its version for the script"
    );

    // A change made by SQL elsewhere (another instance) counts the same.
    app.sql("UPDATE photos SET status = 'ready'").await;
    let later = app
        .browser
        .get(app.url("/uploads"))
        .header("If-None-Match", &new_tag);
    assert_eq!(later.send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn another_visitor_never_gets_304_for_a_version_they_did_not_see() {
    let app = spawn_app().await;
    app.mint("Mine").await;
    let (etag, _) = etag_and_recheck(&app).await;
    let stranger = browser();
    stranger.get(app.url("/")).send().await.unwrap();
    let answer = stranger
        .get(app.url("/uploads"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(!answer.text().await.unwrap().contains("Mine"));
}

#[tokio::test]
async fn a_history_kept_for_reloads_still_shows_a_token_running_out_without_any_write() {
    // No reconciler: nothing writes the expiry, only time passes.
    let app = crate::helpers::spawn_app_with(|vars| {
        vars.insert("RECONCILE_INTERVAL_SECS".into(), "3600".into());
    })
    .await;
    app.mint("Running out").await;
    let soon = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 2;
    app.sql(&format!("UPDATE uploads SET valid_until = {soon}"))
        .await;
    // Rendered and kept while the token is open; a reload is answered from what was kept.
    for _ in 0..2 {
        assert_eq!(app.history().await[0].status, "pending");
    }
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(app.history().await[0].status, "expired");
}
