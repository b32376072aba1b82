//! Two portal instances on one database (PostgreSQL in production; the suite runs this on both
//! backends) deliver each event once between them.

use std::collections::HashSet;

use upload_portal::webhooks::SigningKey;

use super::receiver::Receiver;
use super::{assert_all_verified, outbox, types_for, webhook_vars};
use crate::helpers::spawn_two_instances_with;

#[tokio::test]
async fn two_instances_deliver_each_event_once_between_them() {
    // Arrange: two instances sharing a database, a session secret and a receiver.
    let secret = SigningKey::generate();
    let mut receiver = Receiver::down(&secret);
    let (app, b) =
        spawn_two_instances_with(|_| {}, |vars| webhook_vars(vars, &receiver, &secret)).await;
    let a = app.address.clone();

    // Act: uploads through both instances while the receiver is down, so both instances' jobs
    // find the whole backlog at once when it comes back.
    for n in 0..10 {
        let form = app.mint(&format!("Shared {n}")).await;
        let callback = app.upload_video(&form).await;
        let on = if n % 2 == 0 { &a } else { &b };
        let callback = callback.replacen(&a, on, 1);
        assert_eq!(app.follow(&callback).await.status(), 303);
    }
    receiver.come_up();
    let rows = outbox(&app.database_url).await;
    assert_eq!(rows.len(), 20);
    let accepted = receiver
        .wait_for(30, |r| {
            let got: HashSet<&str> = r.iter().map(|x| x.webhook_id.as_str()).collect();
            got.len() == rows.len()
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;

    // Assert: each event once, under its id, and each upload's events in order.
    let accepted_now = receiver.accepted();
    assert_all_verified(&receiver.received());
    assert_eq!(accepted_now.len(), rows.len(), "no event delivered twice");
    assert_eq!(accepted.len(), rows.len());
    for upload_id in rows.iter().map(|r| r.upload_id) {
        assert_eq!(
            types_for(&accepted_now, upload_id),
            ["upload.created", "upload.received"]
        );
    }
    println!(
        "two instances, one database: {} events, each delivered once",
        rows.len()
    );
}
