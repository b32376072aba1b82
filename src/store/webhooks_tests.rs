use super::*;

async fn store() -> (Store, crate::store::test_support::TestDatabase) {
    crate::store::test_support::fresh_store().await
}

fn event(n: u32, upload_id: i64, at: i64) -> NewDelivery {
    NewDelivery {
        webhook_id: format!("msg_{n:024}"),
        event_type: "upload.created".into(),
        upload_id,
        payload: format!(r#"{{"n":{n}}}"#),
        created_at_ms: at,
    }
}

/// Claims what is due now, as one instance's job would.
async fn claim_all(store: &Store, now: i64) -> Vec<Delivery> {
    let mut claimed = Vec::new();
    for (id, due) in store.due_deliveries(now, 25).await.unwrap() {
        if let Some(d) = store
            .try_claim_delivery(id, due, now + 60_000)
            .await
            .unwrap()
        {
            claimed.push(d);
        }
    }
    claimed
}

#[tokio::test]
async fn each_due_delivery_is_claimed_once_between_two_callers() {
    let (store, _db) = store().await;
    for n in 0..5 {
        store
            .insert_delivery(&event(n, i64::from(n), 1_000))
            .await
            .unwrap();
    }
    let (a, b) = tokio::join!(claim_all(&store, 2_000), claim_all(&store, 2_000));
    let mut ids: Vec<i64> = a.iter().chain(&b).map(|d| d.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(a.len() + b.len(), 5, "every delivery claimed exactly once");
    assert_eq!(ids.len(), 5);
    assert!(a.iter().chain(&b).all(|d| d.attempts == 1));
    assert!(
        claim_all(&store, 2_000).await.is_empty(),
        "leased until 62 s"
    );
    assert_eq!(
        claim_all(&store, 62_000).await.len(),
        5,
        "a dead instance's lease runs out"
    );
}

#[tokio::test]
async fn an_uploads_later_event_waits_until_the_earlier_one_is_settled() {
    let (store, _db) = store().await;
    store.insert_delivery(&event(1, 7, 1_000)).await.unwrap();
    store.insert_delivery(&event(2, 7, 1_001)).await.unwrap();
    store.insert_delivery(&event(3, 8, 1_002)).await.unwrap();
    let first = claim_all(&store, 2_000).await;
    let names: Vec<&str> = first.iter().map(|d| d.webhook_id.as_str()).collect();
    assert_eq!(
        names,
        [event(1, 7, 0).webhook_id, event(3, 8, 0).webhook_id]
    );

    // A retry keeps the later event waiting; delivering the first releases it.
    let retry = AttemptOutcome::RetryAt(3_000);
    assert!(
        store
            .finish_attempt(&first[0], 2_100, Some(500), Some("oops"), &retry)
            .await
            .unwrap()
    );
    assert!(
        claim_all(&store, 2_500).await.is_empty(),
        "event 2 waits behind event 1"
    );
    let again = claim_all(&store, 3_000).await;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2, "the same row, a second attempt");
    assert_eq!(again[0].last_status, Some(500));
    let done = AttemptOutcome::Delivered;
    assert!(
        store
            .finish_attempt(&again[0], 3_100, Some(200), None, &done)
            .await
            .unwrap()
    );
    let next = claim_all(&store, 3_200).await;
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].webhook_id, event(2, 7, 0).webhook_id);
}

#[tokio::test]
async fn a_late_finish_after_a_takeover_changes_nothing() {
    let (store, _db) = store().await;
    store.insert_delivery(&event(1, 1, 1_000)).await.unwrap();
    let stale = claim_all(&store, 1_000).await.remove(0);
    let current = claim_all(&store, 61_000).await.remove(0);
    assert_eq!(current.attempts, 2);
    let late = store
        .finish_attempt(
            &stale,
            61_500,
            None,
            Some("timed out"),
            &AttemptOutcome::GaveUp,
        )
        .await
        .unwrap();
    assert!(!late, "the first instance's lease had run out");
    assert!(
        store
            .finish_attempt(
                &current,
                61_600,
                Some(204),
                None,
                &AttemptOutcome::Delivered
            )
            .await
            .unwrap()
    );
    let rows = store.deliveries_of(1).await.unwrap();
    assert_eq!(rows[0].state, "delivered");
    assert_eq!(rows[0].delivered_at, Some(61_600));
}

#[tokio::test]
async fn a_failed_delivery_is_listed_and_can_be_sent_again_with_the_same_id() {
    let (store, _db) = store().await;
    store.insert_delivery(&event(1, 1, 1_000)).await.unwrap();
    store.insert_delivery(&event(2, 2, 1_000)).await.unwrap();
    let claimed = claim_all(&store, 1_000).await;
    store
        .finish_attempt(
            &claimed[0],
            1_100,
            None,
            Some("could not connect"),
            &AttemptOutcome::GaveUp,
        )
        .await
        .unwrap();
    store
        .finish_attempt(
            &claimed[1],
            1_100,
            Some(200),
            None,
            &AttemptOutcome::Delivered,
        )
        .await
        .unwrap();

    let failed = store.deliveries(true, None, 10).await.unwrap().items;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].last_error.as_deref(), Some("could not connect"));
    assert_eq!(
        store.deliveries(false, None, 10).await.unwrap().items.len(),
        2
    );
    assert_eq!(store.delivery_counts().await.unwrap(), (0, 1));

    assert!(store.retry_delivery(failed[0].id, 5_000).await.unwrap());
    assert!(
        !store.retry_delivery(claimed[1].id, 5_000).await.unwrap(),
        "delivered ones stay"
    );
    let again = claim_all(&store, 5_000).await;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].webhook_id, failed[0].webhook_id);
    assert_eq!(again[0].attempts, 1, "a fresh schedule");
}

#[tokio::test]
async fn pages_of_deliveries_go_from_newest_to_oldest() {
    let (store, _db) = store().await;
    for n in 0..5 {
        store.insert_delivery(&event(n, 1, 1_000)).await.unwrap();
    }
    let first = store.deliveries(false, None, 2).await.unwrap();
    assert_eq!(first.items.len(), 2);
    let second = store.deliveries(false, first.older, 2).await.unwrap();
    let third = store.deliveries(false, second.older, 2).await.unwrap();
    assert_eq!(third.items.len(), 1);
    assert_eq!(third.older, None);
    assert!(first.items[0].id > second.items[0].id);
}
