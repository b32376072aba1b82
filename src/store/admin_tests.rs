use super::*;
use crate::store::{NewUpload, PhotoRecord};
use crate::uploads::{Metadata, Upload, now};

async fn store() -> (Store, crate::store::test_support::TestDatabase) {
    crate::store::test_support::fresh_store().await
}

/// Runs a statement straight on the test database (to move time or break the schema).
async fn execute(store: &Store, sql: &'static str, id: Option<i64>) {
    on_pool!(store, |pool| {
        let mut query = sqlx::query(sql);
        if let Some(id) = id {
            query = query.bind(id);
        }
        query.execute(pool).await.unwrap();
    })
}

async fn upload(store: &Store, visitor: &str, title: &str) -> Upload {
    let n = crate::random::token(12);
    store
        .insert_upload(&NewUpload {
            visitor_id: visitor.into(),
            nonce: format!("nonce{n}"),
            upload_token: format!("token{n}"),
            metadata: Metadata {
                title: title.into(),
                description: String::new(),
                tags: String::new(),
                publish: true,
            },
            max_uploads: 1,
            valid_until: now() + 3600,
        })
        .await
        .unwrap()
}

async fn titles(store: &Store, filter: &AdminFilter) -> Vec<String> {
    let page = store.admin_uploads(filter, None, 100).await.unwrap();
    page.items
        .into_iter()
        .map(|(u, _)| u.metadata.title)
        .collect()
}

#[tokio::test]
async fn the_list_holds_every_visitors_uploads_newest_first() {
    let (store, _dir) = store().await;
    upload(&store, "alice", "First").await;
    upload(&store, "bob", "Second").await;
    let all = titles(&store, &AdminFilter::default()).await;
    assert_eq!(all, ["Second", "First"]);
}

#[tokio::test]
async fn status_date_and_search_filters_combine() {
    let (store, _dir) = store().await;
    let old = upload(&store, "alice", "Old holiday").await;
    let failed = upload(&store, "bob", "Holiday fail").await;
    upload(&store, "bob", "Cats").await;
    let sql = "UPDATE uploads SET created_at = 1000 WHERE id = $1";
    execute(&store, sql, Some(old.id)).await;
    store.record_failure(failed.id, "Bad format").await.unwrap();

    let search = |s: &str| AdminFilter {
        search: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(
        titles(&store, &search("HOLIDAY")).await,
        ["Holiday fail", "Old holiday"],
        "title search ignores case"
    );
    let failed_only = AdminFilter {
        status: Some(Status::Failed),
        ..search("holiday")
    };
    assert_eq!(titles(&store, &failed_only).await, ["Holiday fail"]);
    let recent = AdminFilter {
        created_from: Some(2_000),
        ..search("holiday")
    };
    assert_eq!(titles(&store, &recent).await, ["Holiday fail"]);
    let early = AdminFilter {
        created_before: Some(2_000),
        ..Default::default()
    };
    assert_eq!(titles(&store, &early).await, ["Old holiday"]);
}

#[tokio::test]
async fn like_wildcards_in_a_search_match_only_themselves() {
    let (store, _dir) = store().await;
    upload(&store, "alice", "100% real").await;
    upload(&store, "alice", "1000 real").await;
    upload(&store, "alice", "a_b").await;
    upload(&store, "alice", "axb").await;
    let search = |s: &str| AdminFilter {
        search: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(titles(&store, &search("0%")).await, ["100% real"]);
    assert_eq!(titles(&store, &search("a_b")).await, ["a_b"]);
}

#[tokio::test]
async fn a_number_finds_the_upload_that_made_that_photo() {
    let (store, _dir) = store().await;
    let with_photo = upload(&store, "alice", "Has a video").await;
    upload(&store, "alice", "No video").await;
    let photo = PhotoRecord {
        photo_id: 987_654,
        tree_id: None,
        token: None,
        video_url: None,
    };
    store
        .record_photo(with_photo.id, &photo, true)
        .await
        .unwrap();
    let filter = AdminFilter {
        search: Some("987654".into()),
        ..Default::default()
    };
    let page = store.admin_uploads(&filter, None, 10).await.unwrap();
    assert_eq!(page.items.len(), 1);
    let (found, photos) = &page.items[0];
    assert_eq!(found.id, with_photo.id);
    assert_eq!(photos[0].photo_id, 987_654);
}

#[tokio::test]
async fn pages_follow_the_id_cursor_without_gaps_or_repeats() {
    let (store, _dir) = store().await;
    for n in 0..5 {
        upload(&store, "alice", &format!("Video {n}")).await;
    }
    let filter = AdminFilter::default();
    let first = store.admin_uploads(&filter, None, 2).await.unwrap();
    let second = store.admin_uploads(&filter, first.older, 2).await.unwrap();
    let third = store.admin_uploads(&filter, second.older, 2).await.unwrap();
    let seen: Vec<String> = [first, second, third.clone()]
        .into_iter()
        .flat_map(|p| p.items.into_iter().map(|(u, _)| u.metadata.title))
        .collect();
    assert_eq!(
        seen,
        ["Video 4", "Video 3", "Video 2", "Video 1", "Video 0"]
    );
    assert_eq!(
        third.older, None,
        "the last page says there is nothing older"
    );
}

#[tokio::test]
async fn counts_per_status_ignore_the_status_filter_but_not_the_others() {
    let (store, _dir) = store().await;
    let a = upload(&store, "alice", "Dog").await;
    upload(&store, "alice", "Dog two").await;
    upload(&store, "alice", "Cat").await;
    store.record_failure(a.id, "nope").await.unwrap();
    let filter = AdminFilter {
        status: Some(Status::Failed),
        search: Some("dog".into()),
        ..Default::default()
    };
    let counts = store.admin_status_counts(&filter).await.unwrap();
    assert_eq!(counts, [(Status::Pending, 1), (Status::Failed, 1)]);
}

#[tokio::test]
async fn recent_failures_list_the_reasons_newest_first() {
    let (store, _dir) = store().await;
    let first = upload(&store, "alice", "One").await;
    let second = upload(&store, "bob", "Two").await;
    upload(&store, "bob", "Fine").await;
    store.record_failure(first.id, "Too large").await.unwrap();
    store.record_failure(second.id, "Bad format").await.unwrap();
    let sql = "UPDATE uploads SET updated_at = updated_at - 60 WHERE id = $1";
    execute(&store, sql, Some(first.id)).await;
    let failures = store.recent_failures(10).await.unwrap();
    let reasons: Vec<&str> = failures.iter().map(|f| f.error_message.as_str()).collect();
    assert_eq!(reasons, ["Bad format", "Too large"]);
    assert_eq!(failures[0].visitor_id, "bob");
}

#[tokio::test]
async fn queue_sizes_count_what_the_jobs_would_claim() {
    let (store, _dir) = store().await;
    let due = upload(&store, "alice", "Due").await;
    let later = upload(&store, "alice", "Later").await;
    store
        .schedule_next_check(later.id, now() + 600, 1)
        .await
        .unwrap();
    let photo = PhotoRecord {
        photo_id: 5,
        tree_id: None,
        token: None,
        video_url: None,
    };
    store.record_photo(due.id, &photo, true).await.unwrap();
    let sizes = store.queue_sizes(now(), 24 * 3600).await.unwrap();
    assert_eq!(
        sizes.uploads_due_for_reconcile, 0,
        "uploaded and scheduled ones are not due"
    );
    assert_eq!(sizes.videos_due_for_refresh, 1);
    assert_eq!(
        sizes.uploads_by_status,
        [("pending".to_string(), 1), ("uploaded".to_string(), 1)]
    );
}

#[tokio::test]
async fn a_dropped_table_makes_the_store_not_ready() {
    let (store, _dir) = store().await;
    assert!(store.is_ready().await);
    execute(&store, "DROP TABLE photos", None).await;
    assert!(!store.is_ready().await);
}
