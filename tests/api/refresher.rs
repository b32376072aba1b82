//! The encoding refresher asks 23 about many videos with one listing per round, not one call per
//! video, and still shows each video ready the round after 23 finishes it.
//!
//! One instance (jobs off) takes the uploads; a second on the same database and 23 runs only the
//! refresher, started once every video is confirmed, so each of its rounds sees all of them.

use std::time::{Duration, SystemTime};

use crate::helpers::{TestApp, base_vars, spawn_app_with, start_portal};
use upload_portal::sandbox::{ListCall, PermissionLevel};

/// A portal (jobs off) with `n` confirmed videos that 23 is still encoding.
async fn encoding_videos(n: usize) -> TestApp {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "1000".into());
        vars.insert("UPLOAD_TOKENS_PER_HOUR_PER_IP".into(), "1000".into());
    })
    .await;
    for k in 0..n {
        app.complete_upload(&format!("Encoding {k}")).await;
    }
    assert_eq!(app.sandbox.photos().len(), n);
    assert!(app.history().await.iter().all(|e| e.status == "uploaded"));
    app
}

/// Starts a second instance on `app`'s database and 23 whose refresher runs a round every
/// second (and whose reconciler stays out of the way); returns when it started.
async fn start_refresher(app: &TestApp) -> SystemTime {
    let mut vars = base_vars(app.data_dir.path(), Some(&app.site_url), &app.credentials).await;
    vars.insert("DATABASE_URL".into(), app.database_url.clone());
    vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
    let started = SystemTime::now();
    start_portal(&vars).await;
    started
}

/// Calls listing the site's videos (no `photo_id`, no `upload_token`) and calls about one
/// video, made since `since`.
fn calls_since(app: &TestApp, since: SystemTime) -> (Vec<ListCall>, Vec<ListCall>) {
    app.sandbox
        .list_calls()
        .into_iter()
        .filter(|c| c.at >= since && c.upload_token.is_none())
        .partition(|c| c.photo_id.is_none())
}

#[tokio::test]
async fn encoding_videos_cost_a_page_per_hundred_per_round_not_a_call_each() {
    // Arrange: more videos than one page of 100 holds.
    let videos = 130;
    let app = encoding_videos(videos).await;

    // Act: let the refresher run for about four rounds.
    let started = start_refresher(&app).await;
    tokio::time::sleep(Duration::from_millis(4_500)).await;
    let elapsed = started.elapsed().unwrap().as_secs_f64();

    // Assert: a round (one per second) reads ceil(130 / 100) = 2 pages of unencoded videos.
    let (listings, single) = calls_since(&app, started);
    let pages = videos.div_ceil(100);
    let rounds = elapsed.ceil() as usize + 1;
    eprintln!(
        "{videos} encoding: {} listings in {elapsed:.1} s",
        listings.len()
    );
    assert!(listings.len() >= pages, "at least one whole round");
    assert!(
        listings.len() <= rounds * pages,
        "{} listings in {elapsed:.1} s: at most {pages} in each of {rounds} rounds",
        listings.len()
    );
    assert!(
        single.is_empty(),
        "no video asked about on its own: {single:?}"
    );
    assert!(
        app.history().await.iter().all(|e| e.status == "uploaded"),
        "still encoding"
    );
}

#[tokio::test]
async fn videos_23_finishes_are_ready_by_the_next_round_through_a_listing() {
    // Arrange: the refresher has already seen all thirty still encoding.
    let app = encoding_videos(30).await;
    start_refresher(&app).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let photos = app.sandbox.photos();
    let finished: Vec<i64> = photos.iter().take(5).map(|p| p.photo_id).collect();

    // Act
    let encoded_at = SystemTime::now();
    for photo_id in &finished {
        app.sandbox.finish_encoding(*photo_id);
    }

    // Assert: ready within a few one-second rounds, with thumbnails, the others untouched.
    let history = app
        .wait_for_history(10, |h| {
            h.iter().filter(|e| e.status == "ready").count() == 5
        })
        .await;
    for entry in &history {
        let done = finished.contains(&entry.photo_id.unwrap());
        assert_eq!(entry.status == "ready", done, "{entry:?}");
    }
    let (_, single) = calls_since(&app, encoded_at);
    assert!(
        single.is_empty(),
        "the listing of encoded videos gave their thumbnails; no call per video: {single:?}"
    );
}

#[tokio::test]
async fn when_23_refuses_the_listing_each_video_is_asked_about_and_still_becomes_ready() {
    // Arrange: credentials that may no longer list unpublished videos; a video's own token still
    // opens it, as on 23.
    let app = encoding_videos(3).await;
    app.sandbox.set_permission_level(PermissionLevel::Anonymous);
    for photo in app.sandbox.photos() {
        app.sandbox.finish_encoding(photo.photo_id);
    }

    // Act
    let started = start_refresher(&app).await;

    // Assert
    app.wait_for_history(10, |h| h.iter().all(|e| e.status == "ready"))
        .await;
    let (listings, single) = calls_since(&app, started);
    assert!(!listings.is_empty(), "the listing was tried");
    assert!(
        single.len() >= 3,
        "each video was asked about on its own: {single:?}"
    );
}
