//! The first history view after a change renders only the rows that changed (issue 23 §2):
//! whatever the change, the page an instance brings up to date from the rows it kept reads
//! exactly as the same page read and rendered whole.
//!
//! Only the first page is kept, so `?before=<largest id>` (the same uploads, never kept) is the
//! page rendered whole to compare with; `Server-Timing` tells which way each page was made.

use crate::helpers::{TestApp, spawn_app_with};

const WHOLE: &str = "/uploads?before=9223372036854775807";

fn portal_with_timing(vars: &mut std::collections::HashMap<String, String>) {
    vars.insert("SERVER_TIMING".into(), "1".into());
}

/// The first page and how it was made (its `Server-Timing` stage names).
async fn first_page(app: &TestApp) -> (String, Vec<String>) {
    let response = app.browser.get(app.url("/uploads")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let stages = response
        .headers()
        .get("server-timing")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
        .split(',')
        .filter_map(|stage| stage.split(';').next())
        .map(|name| name.trim().to_string())
        .collect();
    (response.text().await.unwrap(), stages)
}

/// The page without what differs between the two addresses by design: its version and the
/// address itself (in the language menu's return links).
fn comparable(html: &str) -> String {
    const VERSION: &str = " data-version=\"";
    let mut out = html.replace("?before=9223372036854775807", "");
    if let Some(start) = out.find(VERSION) {
        let value = start + VERSION.len();
        let end = value + out[value..].find('"').unwrap();
        out.replace_range(start..=end, "");
    }
    out
}

/// Asserts the first page matches the page rendered whole; returns how it was made.
async fn matches_whole(app: &TestApp, step: &str) -> Vec<String> {
    let (first, stages) = first_page(app).await;
    let (_, whole) = app.get_html(WHOLE).await;
    assert_eq!(comparable(&first), comparable(&whole), "after {step}");
    stages
}

fn brought_up_to_date(stages: &[String]) -> bool {
    stages.iter().any(|s| s == "rows") && !stages.iter().any(|s| s == "query")
}

async fn post(app: &TestApp, path: &str) -> reqwest::StatusCode {
    let form = [("csrf_token", app.csrf_token().await)];
    let response = app.browser.post(app.url(path)).form(&form).send().await;
    response.unwrap().status()
}

#[tokio::test]
async fn each_change_renders_only_its_rows_and_the_page_reads_as_if_rendered_whole() {
    let app = spawn_app_with(portal_with_timing).await;
    app.mint("Waiting").await;
    app.complete_upload("Sent").await;
    let sent = app.newest_upload_id().await;
    app.failed_upload("Refused").await;
    let failed = app.newest_upload_id().await;
    let stages = matches_whole(&app, "the first uploads").await;
    assert!(!brought_up_to_date(&stages), "nothing kept yet: {stages:?}");

    app.mint("Newest").await;
    let stages = matches_whole(&app, "a new upload").await;
    assert!(brought_up_to_date(&stages), "{stages:?}");

    assert_eq!(post(&app, &format!("/uploads/{failed}/renew")).await, 303);
    let stages = matches_whole(&app, "a retry, which folds the upload it retries").await;
    assert!(brought_up_to_date(&stages), "{stages:?}");
    let retry = app.newest_upload_id().await;
    assert_ne!(retry, failed);

    assert_eq!(post(&app, &format!("/uploads/{retry}/remove")).await, 303);
    let (page, stages) = first_page(&app).await;
    assert!(brought_up_to_date(&stages), "{stages:?}");
    assert!(page.contains(&format!("id=\"upload-{failed}\"")), "{page}");
    matches_whole(
        &app,
        "the retry taken off, which brings back what it retried",
    )
    .await;

    app.sql(&format!(
        "UPDATE photos SET status = 'ready', video_length = 65.0, \
         thumbnail_url = 'https://example.com/t.jpg' WHERE upload_id = {sent}"
    ))
    .await;
    let (page, stages) = first_page(&app).await;
    assert!(brought_up_to_date(&stages), "{stages:?}");
    assert!(page.contains("1:05"), "the new length shows: {page}");
    matches_whole(&app, "a video done encoding").await;
}

#[tokio::test]
async fn a_token_running_out_shows_without_any_write_on_the_kept_rows() {
    let app = spawn_app_with(portal_with_timing).await;
    app.mint("Runs out").await;
    app.complete_upload("Stays").await;
    let id = app.newest_upload_id().await - 1;
    let soon = upload_portal::uploads::now() + 2;
    app.sql(&format!(
        "UPDATE uploads SET valid_until = {soon} WHERE id = {id}"
    ))
    .await;
    let (page, _) = first_page(&app).await;
    assert!(page.contains("data-status=\"pending\""), "{page}");
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let (page, stages) = first_page(&app).await;
    assert!(brought_up_to_date(&stages), "{stages:?}");
    assert!(page.contains("data-status=\"expired\""), "{page}");
    assert!(!page.contains("data-status=\"pending\""), "{page}");
    matches_whole(&app, "the token ran out").await;
}

#[tokio::test]
async fn many_changes_at_once_and_a_full_page_losing_a_row_still_read_right() {
    let app = spawn_app_with(|vars| {
        portal_with_timing(vars);
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "100".into());
    })
    .await;
    for n in 0..51 {
        app.mint(&format!("Upload {n}")).await;
    }
    matches_whole(&app, "a full page with an older one behind it").await;
    for n in 0..9 {
        app.mint(&format!("Burst {n}")).await;
    }
    matches_whole(&app, "more changes than are read at once").await;
    let newest = app.newest_upload_id().await;
    assert_eq!(post(&app, &format!("/uploads/{newest}/remove")).await, 303);
    let (page, _) = first_page(&app).await;
    assert_eq!(page.matches("class=\"upload status-").count(), 50, "{page}");
    assert!(
        page.contains("uploads?before="),
        "the older page stays linked"
    );
    matches_whole(&app, "a row gone from a full page").await;
}
