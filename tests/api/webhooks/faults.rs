//! Receivers that fail, receivers that are down, and a portal killed mid-delivery: every event
//! arrives, under one id, in order.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use upload_portal::twentythree::oauth::Credentials;
use upload_portal::webhooks::SigningKey;

use super::receiver::Receiver;
use super::{app_with_receiver, assert_all_verified, outbox, types_for, webhook_vars};
use crate::helpers::{TestApp, base_vars, browser, start_sandbox};
use crate::security::process::PortalProcess;

#[tokio::test]
async fn a_receiver_answering_500_twice_gets_the_event_on_the_third_attempt_with_the_same_id() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    receiver.answer(&[500, 500]);

    app.mint("Retried").await;
    let accepted = receiver.wait_for(15, |r| !r.is_empty()).await;

    let attempts = receiver.received();
    assert_eq!(
        attempts.iter().map(|r| r.answered).collect::<Vec<_>>(),
        [500, 500, 200]
    );
    assert!(
        attempts
            .iter()
            .all(|r| r.webhook_id == accepted[0].webhook_id),
        "one id on every attempt"
    );
    assert_all_verified(&attempts);
    let gap = attempts[1].at.duration_since(attempts[0].at);
    assert!(
        gap >= Duration::from_millis(900),
        "the schedule's 1 s wait: {gap:?}"
    );
    let rows = outbox(&app.database_url).await;
    assert_eq!((rows[0].state.as_str(), rows[0].attempts), ("delivered", 3));
    println!("receiver answering 500, 500, 200: 1 event delivered, 3 attempts, 1 id");
}

#[tokio::test]
async fn events_wait_while_the_receiver_is_down_and_arrive_in_order_once_it_is_back() {
    let (app, mut receiver) = app_with_receiver(|_| {}).await;
    app.complete_upload("Before").await;
    receiver.wait_for(10, |r| r.len() == 2).await;

    receiver.go_down().await;
    for n in 0..3 {
        app.complete_upload(&format!("While down {n}")).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rows = outbox(&app.database_url).await;
    assert_eq!(rows.len(), 8, "created and received for each upload");
    let waiting = rows.iter().filter(|r| r.state == "pending").count();
    assert_eq!(waiting, 6, "{rows:?}");

    receiver.come_up();
    let accepted = receiver.wait_for(20, |r| r.len() >= 8).await;

    assert_all_verified(&accepted);
    let sent: HashSet<&str> = rows.iter().map(|r| r.webhook_id.as_str()).collect();
    let got: HashSet<&str> = accepted.iter().map(|r| r.webhook_id.as_str()).collect();
    assert_eq!(sent, got, "every event, under the id it was given");
    assert_eq!(accepted.len(), 8, "each once");
    for upload_id in rows.iter().map(|r| r.upload_id) {
        assert_eq!(
            types_for(&accepted, upload_id),
            ["upload.created", "upload.received"]
        );
    }
    let attempts: Vec<i64> = outbox(&app.database_url)
        .await
        .iter()
        .map(|r| r.attempts)
        .collect();
    println!(
        "receiver down ~3 s: 8 events delivered (6 once it was back), attempts per event {attempts:?}"
    );
}

#[tokio::test]
async fn a_portal_killed_with_deliveries_pending_sends_them_after_restart_under_the_same_ids() {
    // Arrange: the portal binary, six uploads made while the receiver is down, so all twelve
    // events are pending; the receiver then comes up slow (each answer takes 500 ms).
    let dir = tempfile::tempdir().unwrap();
    let credentials = Credentials::generate();
    let (sandbox, site_url) = start_sandbox(&credentials, dir.path());
    let secret = SigningKey::generate();
    let mut receiver = Receiver::down(&secret);
    receiver.delay(Duration::from_millis(500));
    let mut vars: HashMap<String, String> =
        base_vars(dir.path(), Some(&site_url), &credentials).await;
    webhook_vars(&mut vars, &receiver, &secret);
    // Well above the receiver's 500 ms, so on a loaded machine an answer is not mistaken for a
    // timeout (which would rightly be retried and look like a duplicate without a crash); the
    // lease (timeout + 10 s) still runs out well inside the 40 s the restart gets.
    vars.insert("WEBHOOK_TIMEOUT_SECS".into(), "5".into());
    let portal = PortalProcess::start(&vars, dir.path());
    let app = TestApp {
        address: portal.address.clone(),
        site_url,
        sandbox,
        credentials,
        browser: browser(),
        database_url: vars["DATABASE_URL"].clone(),
        data_dir: dir,
    };
    for n in 0..6 {
        app.complete_upload(&format!("Crash {n}")).await;
    }

    // Act: SIGKILL once two have been answered (others are mid-answer or not sent yet), then
    // start again.
    receiver.come_up();
    receiver.wait_for(20, |r| r.len() >= 2).await;
    let killed_at = std::time::Instant::now();
    let old_log = portal.kill();
    let rows = outbox(&app.database_url).await;
    let pending = rows.iter().filter(|r| r.state == "pending").count();
    assert!(pending > 0, "the kill left deliveries pending");
    let restarted = PortalProcess::start(&vars, app.data_dir.path());

    // Assert: the restarted portal records every event delivered (taking over the leases of
    // the attempts the kill interrupted); none arrived under an id the outbox does not hold.
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    while outbox(&app.database_url)
        .await
        .iter()
        .any(|r| r.state != "delivered")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "not all delivered after the restart"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let accepted = receiver.accepted();
    assert_all_verified(&accepted);
    let sent: HashSet<&str> = rows.iter().map(|r| r.webhook_id.as_str()).collect();
    assert!(
        accepted
            .iter()
            .all(|r| sent.contains(r.webhook_id.as_str())),
        "no id invented"
    );
    for r in &accepted {
        let row = rows
            .iter()
            .find(|row| row.webhook_id == r.webhook_id)
            .unwrap();
        let stored: serde_json::Value = serde_json::from_str(&row.payload).unwrap();
        assert_eq!(stored, r.body, "the same body under the same id");
    }
    // A duplicate has one cause here: an attempt the kill cut off after it reached the receiver
    // (the old portal never recorded the answer). So an id arrives at most once more than the
    // restarted portal sent it, and that portal sends an id again only after an attempt it
    // recorded as failed (a timeout: the receiver may have had it). Counted from the restarted
    // portal's own log lines, not from times, which a loaded machine blurs.
    let new_log = restarted.output();
    let mut duplicates = 0;
    for id in &sent {
        let arrivals = accepted.iter().filter(|r| r.webhook_id == *id).count();
        let lines = |what: &str| {
            new_log
                .lines()
                .filter(|l| l.contains(id) && l.contains(what))
                .count()
        };
        let (delivered, retried) = (lines("webhook delivered"), lines("will retry"));
        let context = || {
            let mut all: Vec<&str> = old_log.lines().chain(new_log.lines()).collect();
            all.retain(|l| l.contains(id));
            all.join("\n")
        };
        assert!(
            delivered <= 1,
            "{id} recorded delivered twice:\n{}",
            context()
        );
        let sent_after_restart = delivered + retried;
        if arrivals > 1 {
            duplicates += arrivals - 1;
            assert!(
                arrivals == sent_after_restart + 1 || retried > 0,
                "{id} arrived {arrivals} times; the restarted portal sent it \
                 {sent_after_restart} times, none of them failed:\n{}",
                context()
            );
        }
        assert!(
            arrivals <= sent_after_restart + 1,
            "{id} arrived {arrivals} times, sent {sent_after_restart} times after the restart"
        );
    }
    for upload_id in rows.iter().map(|r| r.upload_id) {
        let mut types = types_for(&accepted, upload_id);
        types.dedup();
        assert_eq!(types, ["upload.created", "upload.received"], "in order");
    }
    let before_kill = accepted.iter().filter(|r| r.at < killed_at).count();
    let after_kill: HashSet<&str> = accepted
        .iter()
        .filter(|r| r.at > killed_at)
        .map(|r| r.webhook_id.as_str())
        .collect();
    println!(
        "SIGKILL with {pending} of {} events pending ({before_kill} attempts had reached the \
         receiver by then): all {} delivered, {} of them after the restart; {duplicates} sent twice \
         (cut off by the kill after reaching the receiver, same id and body); 0 lost, 0 new ids",
        rows.len(),
        sent.len(),
        after_kill.len()
    );
}
