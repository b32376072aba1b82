//! The history belongs to the browser that made the uploads.

use crate::helpers::{browser, count, history_entries, spawn_app};

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
