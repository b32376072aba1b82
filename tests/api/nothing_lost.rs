//! Issue 14, "nothing lost": a failure callback never writes over an upload that has moved on, and
//! a failed upload whose token still takes files keeps being reconciled.

use crate::helpers::{param, spawn_app_with};

/// The return link 23 would use to report `error_message` for the upload this callback names.
fn failure_callback(callback: &str, error_message: &str) -> String {
    let mut url = url::Url::parse(callback).unwrap();
    let token = param(callback, "upload_token").unwrap();
    url.query_pairs_mut()
        .clear()
        .append_pair("upload_token", &token)
        .append_pair("error_message", error_message);
    url.to_string()
}

#[tokio::test]
async fn a_failure_callback_after_the_video_arrived_changes_nothing() {
    // Arrange: a confirmed upload.
    let app = spawn_app_with(|_| {}).await;
    let callback = app.complete_upload("Kept").await;
    assert_eq!(app.history().await[0].status, "uploaded");

    // Act: a failure report for the same upload (replayed, or forged by whoever saw the link).
    let forged = failure_callback(&callback, "Your video was rejected, upload it elsewhere");
    app.follow(&forged).await;

    // Assert: still uploaded, and the message appears nowhere.
    let history = app.history().await;
    assert_eq!(history[0].status, "uploaded");
    assert!(!history[0].text.contains("rejected"), "{}", history[0].text);
    assert_eq!(app.history().await.len(), 1);
}

#[tokio::test]
async fn a_later_file_on_a_failed_upload_with_room_is_recorded_though_its_callback_is_lost() {
    // Arrange: a token that takes two files; the first one fails.
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "2".into());
        vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
    })
    .await;
    let form = app.mint("Second try").await;
    let refused = app
        .send_file(&form, "notes.txt", "text/plain", b"hello".to_vec())
        .await;
    let failure = refused.headers()["location"].to_str().unwrap().to_string();
    assert!(param(&failure, "error_message").is_some(), "{failure}");
    assert_eq!(app.follow(&failure).await.status(), 303);
    assert_eq!(app.history().await[0].status, "failed");

    // Act: the second file reaches 23, but the browser never comes back.
    let callback = app.upload_video(&form).await;
    let photo_id: i64 = param(&callback, "photo_id").unwrap().parse().unwrap();

    // Assert: the reconciler finds it.
    let history = app
        .wait_for_history(20, |h| h[0].status == "uploaded")
        .await;
    assert_eq!(history[0].photo_id, Some(photo_id));
}
