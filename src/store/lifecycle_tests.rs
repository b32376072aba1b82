use super::*;
use crate::store::{NewUpload, PhotoRecord};
use crate::uploads::{Metadata, Status, Upload, now};

async fn store() -> (Store, crate::store::test_support::TestDatabase) {
    crate::store::test_support::fresh_store().await
}

async fn upload(store: &Store, n: u32, valid_until: i64) -> Upload {
    store
        .insert_upload(&NewUpload {
            visitor_id: "alice".into(),
            nonce: format!("nonce{n:027}"),
            upload_token: format!("token{n:035}"),
            metadata: Metadata {
                title: format!("Video {n}"),
                description: String::new(),
                tags: String::new(),
                publish: true,
            },
            max_uploads: 1,
            valid_until,
        })
        .await
        .unwrap()
}

fn photo(id: i64) -> PhotoRecord {
    PhotoRecord {
        photo_id: id,
        tree_id: Some(1),
        token: Some("t".into()),
        video_url: None,
    }
}

#[tokio::test]
async fn a_due_upload_is_claimed_by_one_caller_only() {
    let (store, _dir) = store().await;
    let now = now();
    upload(&store, 1, now + 600).await;
    let (a, b) = tokio::join!(
        store.claim_uploads_to_reconcile(now, 86_400, 60, 10),
        store.claim_uploads_to_reconcile(now, 86_400, 60, 10)
    );
    assert_eq!(a.unwrap().len() + b.unwrap().len(), 1, "exactly one claim");
    assert!(
        store
            .claim_uploads_to_reconcile(now, 86_400, 60, 10)
            .await
            .unwrap()
            .is_empty(),
        "leased"
    );
    assert_eq!(
        store
            .claim_uploads_to_reconcile(now + 61, 86_400, 60, 10)
            .await
            .unwrap()
            .len(),
        1,
        "lease ran out"
    );
}

#[tokio::test]
async fn of_two_instances_that_saw_the_same_due_time_exactly_one_claims_the_upload() {
    let (store, _dir) = store().await;
    let u = upload(&store, 1, now() + 600).await;
    // Both read next_check_at = NULL ("due now"), then both try to take it.
    let first = store
        .try_claim_upload(u.id, None, now(), now() + 60)
        .await
        .unwrap();
    let second = store
        .try_claim_upload(u.id, None, now(), now() + 60)
        .await
        .unwrap();
    assert_eq!(first.map(|u| u.id), Some(u.id));
    assert!(second.is_none(), "the second instance must not get it");
}

#[tokio::test]
async fn confirmed_and_long_expired_uploads_are_not_reconciled() {
    let (store, _dir) = store().await;
    let now = now();
    let done = upload(&store, 1, now + 600).await;
    store.record_photo(done.id, &photo(10), true).await.unwrap();
    upload(&store, 2, now - 90_000).await;
    let recent = upload(&store, 3, now - 60).await;
    let claimed = store
        .claim_uploads_to_reconcile(now, 86_400, 60, 10)
        .await
        .unwrap();
    let ids: Vec<i64> = claimed.iter().map(|u| u.id).collect();
    assert_eq!(
        ids,
        vec![recent.id],
        "only the recently expired, unconfirmed one"
    );
}

#[tokio::test]
async fn overdue_pending_uploads_expire_and_others_do_not() {
    let (store, _dir) = store().await;
    let now = now();
    let overdue = upload(&store, 1, now - 1).await;
    let fresh = upload(&store, 2, now + 600).await;
    let confirmed = upload(&store, 3, now - 1).await;
    store
        .record_photo(confirmed.id, &photo(30), true)
        .await
        .unwrap();
    assert_eq!(store.expire_overdue(now).await.unwrap(), 1);
    let status = |u: &Upload| {
        let store = store.clone();
        let nonce = u.nonce.clone();
        async move { store.upload_by_nonce(&nonce).await.unwrap().unwrap().status }
    };
    assert_eq!(status(&overdue).await, Status::Expired);
    assert_eq!(status(&fresh).await, Status::Pending);
    assert_eq!(status(&confirmed).await, Status::Uploaded);
}

#[tokio::test]
async fn a_rejected_claim_is_dropped_and_the_upload_waits_again() {
    let (store, _dir) = store().await;
    let u = upload(&store, 1, now() + 600).await;
    store.record_photo(u.id, &photo(10), false).await.unwrap();
    assert_eq!(store.reject_claim(u.id, 10).await.unwrap(), Status::Pending);
    assert!(store.photos_of(u.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn encoding_makes_the_video_ready_with_its_thumbnail() {
    let (store, _dir) = store().await;
    let now = now();
    let u = upload(&store, 1, now + 600).await;
    store.record_photo(u.id, &photo(10), true).await.unwrap();
    let due = store.claim_photos_to_refresh(now, 30, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert!(
        store
            .claim_photos_to_refresh(now, 30, 10)
            .await
            .unwrap()
            .is_empty(),
        "leased"
    );

    let encoded = EncodedVideo {
        thumbnail_url: Some("https://videos.example.com/1/10/t/quad100".into()),
        video_length: Some(12.5),
        video_url: Some("https://videos.example.com/video/10".into()),
    };
    assert_eq!(
        store.record_encoded(u.id, 10, &encoded).await.unwrap(),
        Status::Ready
    );
    let stored = &store.photos_of(u.id).await.unwrap()[0];
    assert_eq!(stored.status, Status::Ready);
    assert_eq!(stored.thumbnail_url, encoded.thumbnail_url);
    assert_eq!(stored.video_length, Some(12.5));
    assert!(
        store
            .claim_photos_to_refresh(now + 100, 30, 10)
            .await
            .unwrap()
            .is_empty(),
        "ready ones rest"
    );
}
