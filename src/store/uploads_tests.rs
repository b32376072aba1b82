use super::*;
use crate::uploads::{Metadata, Status};

async fn store() -> (Store, crate::store::test_support::TestDatabase) {
    crate::store::test_support::fresh_store().await
}

fn new_upload(visitor: &str, n: u32) -> NewUpload {
    NewUpload {
        visitor_id: visitor.into(),
        nonce: format!("nonce{n:027}"),
        upload_token: format!("token{n:035}"),
        metadata: Metadata {
            title: format!("Video {n}"),
            description: String::new(),
            tags: "a b".into(),
            publish: true,
        },
        max_uploads: 2,
        valid_until: now() + 3600,
    }
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
async fn a_stored_upload_reads_back_by_nonce_and_only_for_its_visitor() {
    let (store, _dir) = store().await;
    let upload = store.insert_upload(&new_upload("alice", 1)).await.unwrap();
    assert_eq!(upload.status, Status::Pending);
    assert_eq!(
        store.upload_by_nonce(&upload.nonce).await.unwrap(),
        Some(upload.clone())
    );
    assert!(
        store
            .upload_for_visitor(upload.id, "alice")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .upload_for_visitor(upload.id, "mallory")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn recording_the_same_video_twice_keeps_one_row() {
    let (store, _dir) = store().await;
    let upload = store.insert_upload(&new_upload("alice", 1)).await.unwrap();
    for _ in 0..3 {
        assert_eq!(
            store
                .record_photo(upload.id, &photo(10), true)
                .await
                .unwrap(),
            Status::Uploaded
        );
    }
    assert_eq!(store.photos_of(upload.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn one_token_can_yield_several_videos() {
    let (store, _dir) = store().await;
    let upload = store.insert_upload(&new_upload("alice", 1)).await.unwrap();
    store
        .record_photo(upload.id, &photo(10), true)
        .await
        .unwrap();
    store
        .record_photo(upload.id, &photo(11), true)
        .await
        .unwrap();
    let ids: Vec<i64> = store
        .photos_of(upload.id)
        .await
        .unwrap()
        .iter()
        .map(|p| p.photo_id)
        .collect();
    assert_eq!(ids, vec![10, 11]);
}

#[tokio::test]
async fn a_claim_is_upgraded_by_a_later_confirmation_but_never_downgraded() {
    let (store, _dir) = store().await;
    let upload = store.insert_upload(&new_upload("alice", 1)).await.unwrap();
    assert_eq!(
        store
            .record_photo(upload.id, &photo(10), false)
            .await
            .unwrap(),
        Status::Unverified
    );
    assert_eq!(
        store.photos_of(upload.id).await.unwrap()[0].status,
        Status::Unverified
    );
    assert_eq!(
        store
            .record_photo(upload.id, &photo(10), true)
            .await
            .unwrap(),
        Status::Uploaded
    );
    assert_eq!(
        store
            .record_photo(upload.id, &photo(10), false)
            .await
            .unwrap(),
        Status::Uploaded
    );
    assert_eq!(
        store.photos_of(upload.id).await.unwrap()[0].status,
        Status::Uploaded
    );
}

#[tokio::test]
async fn a_failure_keeps_its_message_and_does_not_undo_a_confirmed_video() {
    let (store, _dir) = store().await;
    let first = store.insert_upload(&new_upload("alice", 1)).await.unwrap();
    assert_eq!(
        store
            .record_failure(first.id, "The file type isn't supported")
            .await
            .unwrap(),
        Status::Failed
    );
    let stored = store.upload_by_nonce(&first.nonce).await.unwrap().unwrap();
    assert_eq!(
        stored.error_message.as_deref(),
        Some("The file type isn't supported")
    );

    let second = store.insert_upload(&new_upload("alice", 2)).await.unwrap();
    store
        .record_photo(second.id, &photo(20), true)
        .await
        .unwrap();
    assert_eq!(
        store
            .record_failure(second.id, "second file broke")
            .await
            .unwrap(),
        Status::Uploaded
    );
}

#[tokio::test]
async fn concurrent_confirmations_of_one_video_record_it_once() {
    let (store, _dir) = store().await;
    let upload = store.insert_upload(&new_upload("alice", 1)).await.unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .record_photo(upload.id, &photo(10), true)
                    .await
                    .unwrap()
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), Status::Uploaded);
    }
    assert_eq!(store.photos_of(upload.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn history_is_newest_first_paged_and_private_to_the_visitor() {
    let (store, _dir) = store().await;
    for n in 0..5 {
        let upload = store.insert_upload(&new_upload("alice", n)).await.unwrap();
        store
            .record_photo(upload.id, &photo(100 + i64::from(n)), true)
            .await
            .unwrap();
    }
    store.insert_upload(&new_upload("bob", 99)).await.unwrap();

    let first = store.history("alice", None, 3).await.unwrap();
    let titles: Vec<&str> = first
        .items
        .iter()
        .map(|(u, _)| u.metadata.title.as_str())
        .collect();
    assert_eq!(titles, ["Video 4", "Video 3", "Video 2"]);
    assert_eq!(first.items[0].1[0].photo_id, 104);
    let second = store.history("alice", first.older, 3).await.unwrap();
    let titles: Vec<&str> = second
        .items
        .iter()
        .map(|(u, _)| u.metadata.title.as_str())
        .collect();
    assert_eq!(titles, ["Video 1", "Video 0"]);
    assert_eq!(second.older, None);
    assert_eq!(second.items[1].1[0].photo_id, 100);
    assert!(
        store
            .history("nobody", None, 3)
            .await
            .unwrap()
            .items
            .is_empty()
    );
}

#[tokio::test]
async fn a_history_page_counts_uploads_not_videos_and_keeps_each_uploads_videos_together() {
    let (store, _dir) = store().await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let mut new = new_upload("carol", n);
        new.max_uploads = 3;
        ids.push(store.insert_upload(&new).await.unwrap().id);
    }
    // The middle upload yielded three videos (recorded out of order), the newest none yet.
    for photo_id in [203, 201, 202] {
        store
            .record_photo(ids[1], &photo(photo_id), true)
            .await
            .unwrap();
    }
    store.record_photo(ids[0], &photo(100), true).await.unwrap();

    let first = store.history("carol", None, 2).await.unwrap();
    let shape: Vec<(i64, Vec<i64>)> = first
        .items
        .iter()
        .map(|(u, photos)| (u.id, photos.iter().map(|p| p.photo_id).collect()))
        .collect();
    assert_eq!(shape, [(ids[2], vec![]), (ids[1], vec![201, 202, 203])]);
    assert_eq!(first.older, Some(ids[1]));
    let second = store.history("carol", first.older, 2).await.unwrap();
    assert_eq!(second.items.len(), 1);
    assert_eq!(second.items[0].0.id, ids[0]);
    assert_eq!(second.items[0].1[0].photo_id, 100);
    assert_eq!(second.older, None);
}

#[tokio::test]
async fn the_history_marker_moves_with_what_the_page_shows_and_not_with_bookkeeping() {
    let (store, _dir) = store().await;
    assert_eq!(store.history_version("dave").await.unwrap(), 0);
    let upload = store.insert_upload(&new_upload("dave", 1)).await.unwrap();
    let minted = store.history_version("dave").await.unwrap();
    assert!(minted > 0);
    store
        .schedule_next_check(upload.id, 12_345, 2)
        .await
        .unwrap();
    assert_eq!(store.history_version("dave").await.unwrap(), minted);
    store
        .record_photo(upload.id, &photo(7), true)
        .await
        .unwrap();
    let received = store.history_version("dave").await.unwrap();
    assert!(received > minted);
    assert_eq!(store.history_version("erin").await.unwrap(), 0);
}
