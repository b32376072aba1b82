//! `NOTIFY_MODE=hourly`: one mail for the uploads of an hour.

use super::{app_with_sink, wait_for_outbox};

#[tokio::test]
async fn the_hourly_digest_sends_one_mail_for_several_uploads() {
    let (app, sink) = app_with_sink(|vars| {
        vars.insert("NOTIFY_MODE".into(), "hourly".into());
    })
    .await;
    for title in ["First of three", "Second of three", "Third of three"] {
        app.complete_upload(title).await;
    }
    wait_for_outbox(&app, 10, |rows| rows.len() == 3).await;
    assert!(sink.mails().is_empty(), "nothing before the hour is up");

    // The hour passes (for the oldest upload, and so for the digest).
    app.sql("UPDATE mail_notices SET created_at = created_at - 3600000")
        .await;
    let mails = sink.wait_for(1, 30).await;
    let rows = wait_for_outbox(&app, 10, |rows| rows.iter().all(|r| r.state == "sent")).await;
    assert_eq!(rows.len(), 3);

    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].header("Subject").as_deref(), Some("3 new videos"));
    let body = mails[0].body();
    for title in ["First of three", "Second of three", "Third of three"] {
        assert!(body.contains(&format!("Title: {title}")), "{body}");
    }
    assert_eq!(body.matches("/admin?before=").count(), 3, "{body}");
}
