//! Old data does not grow without bound: an hourly job, run by whichever instance takes its lease,
//! deletes uploads that expired long ago without a file, and keeps everything with a video.

use std::time::Duration;

use crate::helpers::spawn_two_instances_with;

const LONG_AGO: i64 = 40 * 86_400;

#[tokio::test]
async fn one_instance_prunes_long_expired_empty_uploads_once_an_hour_and_keeps_videos() {
    // Arrange: two instances whose jobs look for work every second.
    let (app, _b) = spawn_two_instances_with(
        |_| {},
        |vars| {
            vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
        },
    )
    .await;
    app.mint("Never sent").await;
    app.complete_upload("Sent long ago").await;
    app.mint("Expires later").await;
    // Forty days pass, and with them any lease a tick took while the test was setting up.
    let long_ago = upload_portal::uploads::now() - LONG_AGO;
    app.sql(&format!(
        "UPDATE uploads SET status = 'expired', valid_until = {long_ago} \
         WHERE title IN ('Never sent', 'Sent long ago'); DELETE FROM job_leases"
    ))
    .await;

    // Act and assert: within a few ticks the empty one is gone, the one with a video kept.
    let history = app
        .wait_for_history(15, |h| h.iter().all(|e| e.title != "Never sent"))
        .await;
    let titles: Vec<&str> = history.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Expires later", "Sent long ago"]);

    // The hour's lease is taken: an upload that becomes prunable now waits for the next hour,
    // however many ticks either instance runs meanwhile.
    app.sql(&format!(
        "UPDATE uploads SET status = 'expired', valid_until = {long_ago} \
         WHERE title = 'Expires later'"
    ))
    .await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let titles: Vec<String> = app.history().await.into_iter().map(|e| e.title).collect();
    assert_eq!(
        titles,
        ["Expires later", "Sent long ago"],
        "pruned once an hour"
    );
}
