use super::HistorySince;
use crate::store::PhotoRecord;
use crate::store::test_support::{execute, fresh_store, new_upload};
use crate::uploads::now;

fn photo(id: i64) -> PhotoRecord {
    PhotoRecord {
        photo_id: id,
        tree_id: Some(1),
        token: None,
        video_url: None,
    }
}

#[tokio::test]
async fn the_marker_tells_which_uploads_changed_since_a_kept_version() {
    let (store, _db) = fresh_store().await;
    let first = store
        .insert_upload(&new_upload(1, now() + 3600))
        .await
        .unwrap();
    let second = store
        .insert_upload(&new_upload(2, now() + 3600))
        .await
        .unwrap();
    let kept = store.history_version("alice").await.unwrap();
    store.record_photo(first.id, &photo(7), true).await.unwrap();
    let since = store.history_since("alice", Some(kept)).await.unwrap();
    assert!(since.version > kept);
    assert_eq!(since.changed, Some(vec![first.id]));
    let none = store
        .history_since("alice", Some(since.version))
        .await
        .unwrap();
    assert_eq!(
        none,
        HistorySince {
            version: since.version,
            changed: Some(vec![])
        }
    );
    // A retry is about the upload it folds too.
    store
        .mark_retry(second.id, first.id, "alice")
        .await
        .unwrap();
    let retry = store
        .history_since("alice", Some(since.version))
        .await
        .unwrap();
    assert_eq!(retry.changed, Some(vec![first.id, second.id]));
    assert_eq!(
        store.history_since("alice", None).await.unwrap().changed,
        None,
        "no kept version, nothing to compare"
    );
}

#[tokio::test]
async fn a_kept_version_older_than_the_log_reaches_asks_for_the_whole_page() {
    let (store, _db) = fresh_store().await;
    let upload = store
        .insert_upload(&new_upload(1, now() + 3600))
        .await
        .unwrap();
    let kept = store.history_version("alice").await.unwrap();
    for n in 0..70 {
        let valid_until = now() + 7200 + n;
        let sql = format!(
            "UPDATE uploads SET valid_until = {valid_until} WHERE id = {}",
            upload.id
        );
        execute(&store, sql).await;
    }
    let since = store.history_since("alice", Some(kept)).await.unwrap();
    assert!(since.version >= kept + 70);
    assert_eq!(since.changed, None, "the log keeps the last 64 versions");
    let recent = store
        .history_since("alice", Some(since.version - 3))
        .await
        .unwrap();
    assert_eq!(recent.changed, Some(vec![upload.id]));
}
