//! Every write of more than one statement is all or nothing: a trigger makes its second
//! statement fail, and nothing of the first may remain.

use crate::store::test_support::{fail_updates, fresh_store, new_upload, read_i64};
use crate::store::{EncodedVideo, PhotoRecord, Store};
use crate::uploads::{Status, Upload, now};

fn photo(id: i64) -> PhotoRecord {
    PhotoRecord {
        photo_id: id,
        tree_id: Some(1),
        token: Some("t".into()),
        video_url: None,
    }
}

async fn upload(store: &Store, n: u32) -> Upload {
    store
        .insert_upload(&new_upload(n, now() + 600))
        .await
        .unwrap()
}

async fn status(store: &Store, u: &Upload) -> Status {
    store
        .upload_by_nonce(&u.nonce)
        .await
        .unwrap()
        .unwrap()
        .status
}

/// From here on, changing an upload's status fails.
async fn break_status_changes(store: &Store) {
    fail_updates(store, "uploads", "status", "TRUE").await;
}

#[tokio::test]
async fn a_failure_whose_status_change_fails_leaves_no_error_message() {
    let (store, _db) = fresh_store().await;
    let u = upload(&store, 1).await;
    break_status_changes(&store).await;
    assert!(store.record_failure(u.id, "too large").await.is_err());
    let stored = store.upload_by_nonce(&u.nonce).await.unwrap().unwrap();
    assert_eq!(stored.error_message, None);
    assert_eq!(stored.status, Status::Pending);
}

#[tokio::test]
async fn a_video_whose_status_change_fails_is_not_recorded() {
    let (store, _db) = fresh_store().await;
    let u = upload(&store, 1).await;
    break_status_changes(&store).await;
    for confirmed in [true, false] {
        assert!(
            store
                .record_photo(u.id, &photo(10), confirmed)
                .await
                .is_err()
        );
        assert!(store.photos_of(u.id).await.unwrap().is_empty());
    }
    assert_eq!(status(&store, &u).await, Status::Pending);
}

#[tokio::test]
async fn a_rejection_whose_status_change_fails_keeps_the_claim() {
    let (store, _db) = fresh_store().await;
    let u = upload(&store, 1).await;
    store.record_photo(u.id, &photo(10), false).await.unwrap();
    break_status_changes(&store).await;
    assert!(store.reject_claim(u.id, 10).await.is_err());
    let photos = store.photos_of(u.id).await.unwrap();
    assert_eq!(photos.len(), 1, "the claim is still there");
    assert_eq!(photos[0].status, Status::Unverified);
    assert_eq!(status(&store, &u).await, Status::Unverified);
}

#[tokio::test]
async fn an_encoding_whose_status_change_fails_leaves_the_video_as_it_was() {
    let (store, _db) = fresh_store().await;
    let u = upload(&store, 1).await;
    store.record_photo(u.id, &photo(10), true).await.unwrap();
    break_status_changes(&store).await;
    let encoded = EncodedVideo {
        thumbnail_url: Some("https://videos.example.com/t".into()),
        video_length: Some(3.0),
        video_url: None,
    };
    assert!(store.record_encoded(u.id, 10, &encoded).await.is_err());
    let stored = &store.photos_of(u.id).await.unwrap()[0];
    assert_eq!(stored.status, Status::Uploaded);
    assert_eq!(stored.thumbnail_url, None);
    assert_eq!(stored.video_length, None);
}

#[tokio::test]
async fn expiry_that_fails_on_the_second_upload_expires_neither() {
    let (store, _db) = fresh_store().await;
    let first = store
        .insert_upload(&new_upload(1, now() - 5))
        .await
        .unwrap();
    let second = store
        .insert_upload(&new_upload(2, now() - 5))
        .await
        .unwrap();
    let when = format!("NEW.id = {}", second.id);
    fail_updates(&store, "uploads", "status", &when).await;
    assert!(store.expire_overdue(now()).await.is_err());
    assert_eq!(status(&store, &first).await, Status::Pending);
}

const NEXT_CHECK: &str = "SELECT next_check_at FROM uploads WHERE id = $1";

#[tokio::test]
async fn a_batch_of_upload_claims_that_fails_on_the_second_leases_none() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let first = upload(&store, 1).await;
    let second = upload(&store, 2).await;
    // Due times fix the order of the batch: `first`, then `second`.
    store
        .schedule_next_check(first.id, now - 20, 0)
        .await
        .unwrap();
    store
        .schedule_next_check(second.id, now - 10, 0)
        .await
        .unwrap();
    let when = format!("NEW.id = {}", second.id);
    fail_updates(&store, "uploads", "next_check_at", &when).await;
    assert!(
        store
            .claim_uploads_to_reconcile(now, 86_400, 60, 10)
            .await
            .is_err()
    );
    assert_eq!(read_i64(&store, NEXT_CHECK, first.id).await, Some(now - 20));
}

const NEXT_REFRESH: &str = "SELECT next_refresh_at FROM photos WHERE photo_id = $1";

#[tokio::test]
async fn a_batch_of_video_claims_that_fails_on_the_second_leases_none() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let u = upload(&store, 1).await;
    for (id, due) in [(10, now - 20), (11, now - 10)] {
        store.record_photo(u.id, &photo(id), true).await.unwrap();
        store.schedule_next_refresh(u.id, id, due, 0).await.unwrap();
    }
    fail_updates(&store, "photos", "next_refresh_at", "NEW.photo_id = 11").await;
    assert!(store.claim_photos_to_refresh(now, 30, 10).await.is_err());
    assert_eq!(read_i64(&store, NEXT_REFRESH, 10).await, Some(now - 20));
}

#[tokio::test]
async fn a_transaction_dropped_before_commit_leaves_nothing_of_its_writes() {
    let (store, _db) = fresh_store().await;
    let u = upload(&store, 1).await;
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        tx.record_photo(u.id, &photo(10), true).await.unwrap(),
        Status::Uploaded
    );
    tx.record_failure(u.id, "late").await.unwrap();
    drop(tx);
    assert!(store.photos_of(u.id).await.unwrap().is_empty());
    let stored = store.upload_by_nonce(&u.nonce).await.unwrap().unwrap();
    assert_eq!(
        (stored.status, stored.error_message),
        (Status::Pending, None)
    );

    let mut tx = store.begin().await.unwrap();
    tx.record_photo(u.id, &photo(10), true).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(status(&store, &u).await, Status::Uploaded);
}
