//! An event is committed with the change that causes it, or neither is: no change without its
//! event, no event without its change.

use super::{app_with_receiver, outbox, types_for};

#[tokio::test]
async fn when_the_event_cannot_be_written_the_change_is_not_written_either() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    let form = app.mint("All or nothing").await;
    let callback = app.upload_video(&form).await;
    let upload_id = app.newest_upload_id().await;
    receiver.wait_for(10, |r| r.len() == 1).await;

    // The outbox is gone (as a full disk or a broken schema would make it): the callback's
    // change rolls back with it and the visitor is asked to try again.
    app.sql("ALTER TABLE webhook_deliveries RENAME TO outbox_away")
        .await;
    let refused = app.follow(&callback).await;
    app.sql("ALTER TABLE outbox_away RENAME TO webhook_deliveries")
        .await;

    assert_eq!(
        refused.status(),
        503,
        "a calm 'try again', not a half-done change"
    );
    assert_eq!(
        app.history().await[0].status,
        "pending",
        "the video was not recorded"
    );
    assert_eq!(app.history().await[0].photo_id, None);
    assert_eq!(
        outbox(&app.database_url).await.len(),
        1,
        "only upload.created"
    );

    // Once the outbox is back, the same callback records the change and its event together.
    assert_eq!(app.follow(&callback).await.status(), 303);
    let received = receiver.wait_for(10, |r| r.len() == 2).await;
    assert_eq!(
        types_for(&received, upload_id),
        ["upload.created", "upload.received"]
    );
    assert_eq!(app.history().await[0].status, "uploaded");
}
