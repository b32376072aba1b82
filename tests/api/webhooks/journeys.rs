//! The events of whole uploads, as the host site receives them.

use std::time::{Duration, Instant};

use super::{app_with_receiver, assert_all_verified, median_p99, outbox, types_for};

#[tokio::test]
async fn an_upload_that_is_received_and_encoded_tells_created_received_ready_in_order() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    let callback = app.complete_upload("Beach day").await;
    let upload_id = app.newest_upload_id().await;
    let photo_id = app.sandbox.photos()[0].photo_id;
    app.sandbox.finish_encoding(photo_id);

    let received = receiver
        .wait_for(20, |r| types_for(r, upload_id).len() >= 3)
        .await;

    assert_all_verified(&receiver.received());
    assert_eq!(
        types_for(&received, upload_id),
        ["upload.created", "upload.received", "video.ready"]
    );
    let data = |i: usize| received[i].body["data"].clone();
    assert_eq!(data(0)["title"], "Beach day");
    assert_eq!(data(0)["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(data(0)["status"], "pending");
    assert!(data(0)["visitor"].as_str().is_some_and(|v| !v.is_empty()));
    assert_eq!(data(1)["photo_id"], photo_id, "a JSON number");
    assert_eq!(data(1)["status"], "uploaded");
    assert!(data(1)["video_url"].as_str().is_some());
    assert_eq!(data(2)["status"], "ready");
    assert!(
        data(2)["thumbnail_url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&app.site_url))
    );
    let mut ids: Vec<&str> = received.iter().map(|r| r.webhook_id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one delivery per event");

    // A reload of the callback and later scans change nothing: no second `upload.received`.
    assert_eq!(app.follow(&callback).await.status(), 303);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(receiver.accepted().len(), 3);
    assert!(
        outbox(&app.database_url)
            .await
            .iter()
            .all(|r| r.state == "delivered")
    );
}

#[tokio::test]
async fn an_upload_23_refuses_tells_created_then_failed_with_its_message() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    let form = app.mint("Notes").await;
    let response = app
        .send_file(&form, "notes.txt", "text/plain", b"hello".to_vec())
        .await;
    let callback = response.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(app.follow(&callback).await.status(), 303);
    let upload_id = app.newest_upload_id().await;

    let received = receiver
        .wait_for(15, |r| types_for(r, upload_id).len() >= 2)
        .await;

    assert_all_verified(&received);
    assert_eq!(
        types_for(&received, upload_id),
        ["upload.created", "upload.failed"]
    );
    let data = &received[1].body["data"];
    assert_eq!(data["status"], "failed");
    assert!(
        data["error_message"]
            .as_str()
            .unwrap()
            .contains("file type"),
        "{data}"
    );
}

#[tokio::test]
async fn an_unused_token_tells_created_then_expired() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    app.mint("Never sent").await;
    let upload_id = app.newest_upload_id().await;
    receiver
        .wait_for(10, |r| types_for(r, upload_id).len() == 1)
        .await;
    app.sql("UPDATE uploads SET valid_until = 1").await;

    let received = receiver
        .wait_for(15, |r| types_for(r, upload_id).len() >= 2)
        .await;

    assert_all_verified(&received);
    assert_eq!(
        types_for(&received, upload_id),
        ["upload.created", "upload.expired"]
    );
    assert_eq!(received[1].body["data"]["status"], "expired");
}

#[tokio::test]
async fn a_callback_reaches_the_host_site_within_milliseconds_on_loopback() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    let mut took = Vec::new();
    for n in 0..30 {
        let form = app.mint(&format!("Timed {n}")).await;
        let callback = app.upload_video(&form).await;
        let upload_id = app.newest_upload_id().await;
        let started = Instant::now();
        assert_eq!(app.follow(&callback).await.status(), 303);
        let received = receiver
            .wait_for(10, |r| {
                types_for(r, upload_id).contains(&"upload.received".to_string())
            })
            .await;
        let arrived = received
            .iter()
            .find(|r| r.upload_id() == Some(upload_id) && r.event_type == "upload.received")
            .unwrap()
            .at;
        took.push(arrived.duration_since(started).as_secs_f64() * 1000.0);
    }
    let (median, p99) = median_p99(took);
    println!(
        "callback to delivery on loopback: 30 uploads, median {median:.1} ms, p99 {p99:.1} ms"
    );
    assert!(
        median < 1000.0,
        "delivered at once, not at the next poll: {median} ms"
    );
}
