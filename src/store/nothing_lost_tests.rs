//! Issue 14, "nothing lost": a failure report never writes over an upload that moved on, and a
//! failed upload whose token still takes files keeps being reconciled while the token is valid.

use crate::store::test_support::{fresh_store, new_upload};
use crate::store::{EncodedVideo, NewUpload, PhotoRecord, Store};
use crate::uploads::{Status, Upload, now};

fn photo(id: i64) -> PhotoRecord {
    PhotoRecord {
        photo_id: id,
        tree_id: Some(1),
        token: Some("t".into()),
        video_url: None,
    }
}

async fn insert(store: &Store, n: u32, valid_until: i64, max_uploads: u32) -> Upload {
    let upload = NewUpload {
        max_uploads,
        ..new_upload(n, valid_until)
    };
    store.insert_upload(&upload).await.unwrap()
}

async fn stored(store: &Store, u: &Upload) -> Upload {
    store.upload_by_nonce(&u.nonce).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_failure_report_changes_only_a_pending_upload() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let uploaded = insert(&store, 1, now + 600, 1).await;
    store
        .record_photo(uploaded.id, &photo(10), true)
        .await
        .unwrap();
    let ready = insert(&store, 2, now + 600, 1).await;
    store
        .record_photo(ready.id, &photo(20), true)
        .await
        .unwrap();
    let encoded = EncodedVideo {
        thumbnail_url: None,
        video_length: Some(1.0),
        video_url: None,
    };
    store.record_encoded(ready.id, 20, &encoded).await.unwrap();
    let expired = insert(&store, 3, now - 1, 1).await;
    store.expire_overdue(now).await.unwrap();
    let failed = insert(&store, 4, now + 600, 1).await;
    store
        .record_failure(failed.id, "first reason")
        .await
        .unwrap();
    let unverified = insert(&store, 5, now + 600, 1).await;
    store
        .record_photo(unverified.id, &photo(50), false)
        .await
        .unwrap();

    let cases = [
        (&uploaded, Status::Uploaded, None),
        (&ready, Status::Ready, None),
        (&expired, Status::Expired, None),
        (&failed, Status::Failed, Some("first reason")),
        (&unverified, Status::Unverified, None),
    ];
    for (upload, status, message) in cases {
        let answered = store
            .record_failure(upload.id, "forged: <b>your video was deleted</b>")
            .await
            .unwrap();
        let after = stored(&store, upload).await;
        assert_eq!(answered, status, "{status}");
        assert_eq!(after.status, status, "{status}");
        assert_eq!(after.error_message.as_deref(), message, "{status}");
    }

    let pending = insert(&store, 6, now + 600, 1).await;
    store.record_failure(pending.id, "too large").await.unwrap();
    let after = stored(&store, &pending).await;
    assert_eq!(after.status, Status::Failed);
    assert_eq!(after.error_message.as_deref(), Some("too large"));
}

#[tokio::test]
async fn a_failed_upload_with_room_is_reconciled_only_while_its_token_is_valid() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let with_room = insert(&store, 1, now + 600, 3).await;
    let single = insert(&store, 2, now + 600, 1).await;
    let out_of_time = insert(&store, 3, now + 600, 3).await;
    for u in [&with_room, &single, &out_of_time] {
        store.record_failure(u.id, "corrupt file").await.unwrap();
    }
    // The third token ran out a minute ago: no file can arrive on it any more.
    crate::store::on_pool!(&store, |pool| sqlx::query(
        "UPDATE uploads SET valid_until = $1 WHERE id = $2"
    )
    .bind(now - 60)
    .bind(out_of_time.id)
    .execute(pool)
    .await
    .map(|done| done.rows_affected()))
    .unwrap();

    let claimed = store
        .claim_uploads_to_reconcile(now, 86_400, 60, 10)
        .await
        .unwrap();
    let ids: Vec<i64> = claimed.iter().map(|u| u.id).collect();
    assert_eq!(ids, vec![with_room.id], "only the failed upload with room");
    assert_eq!(
        store
            .queue_sizes(now + 61, 86_400)
            .await
            .unwrap()
            .uploads_due_for_reconcile,
        1
    );

    // A later file on it is found and outranks the failure.
    store
        .record_photo(with_room.id, &photo(11), true)
        .await
        .unwrap();
    assert_eq!(stored(&store, &with_room).await.status, Status::Uploaded);
}
