use super::*;
use crate::store::test_support::{fresh_store, new_upload};
use crate::store::{NewUpload, PhotoRecord};
use crate::uploads::{Upload, now};

async fn upload_of(store: &Store, visitor: &str, n: u32, title: &str) -> Upload {
    let mut upload = NewUpload {
        visitor_id: visitor.into(),
        max_uploads: 1,
        ..new_upload(n, now() + 3600)
    };
    upload.metadata.title = title.into();
    store.insert_upload(&upload).await.unwrap()
}

fn scope(now: i64, title: Option<&str>) -> SweepScope<'_> {
    SweepScope {
        now,
        forget_after: 86_400,
        // The uploads are inserted at the real clock, which may have moved on since `now`.
        created_by: now + 60,
        unchecked_since: now * 1000,
        title,
    }
}

#[tokio::test]
async fn one_visitors_many_due_uploads_do_not_hold_back_anothers() {
    let (store, _db) = fresh_store().await;
    for n in 0..30 {
        upload_of(&store, "hoarder", n, "Same").await;
    }
    let other = upload_of(&store, "bob", 100, "Same").await;
    // All due at once, the hoarder's first: an oldest-first batch of 25 would leave bob out.
    store.schedule_new_uploads(10_800, 600).await.unwrap();
    store.mark_sweep(&scope(now(), None), 5, 120).await.unwrap();
    store
        .schedule_next_check(other.id, now() - 1, 0)
        .await
        .unwrap();

    let batch = store
        .claim_uploads_to_reconcile(now(), 86_400, 120, 2)
        .await
        .unwrap();

    let visitors: Vec<&str> = batch.iter().map(|u| u.visitor_id.as_str()).collect();
    assert_eq!(visitors.len(), 2);
    assert!(visitors.contains(&"bob"), "{visitors:?}");
}

#[tokio::test]
async fn new_uploads_wait_for_the_safety_net_and_marks_make_them_due() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let mine = upload_of(&store, "alice", 1, "Holiday").await;
    upload_of(&store, "bob", 2, "Other").await;
    assert_eq!(store.schedule_new_uploads(10_800, 600).await.unwrap(), 2);
    let claim = || store.claim_uploads_to_reconcile(now, 86_400, 120, 25);
    assert!(claim().await.unwrap().is_empty(), "nothing due yet");
    // A check that answered a moment before the video was seen, in the same second, has not
    // covered it.
    store.note_checked(mine.id, now * 1000 - 1).await.unwrap();

    // A video titled "Holiday" appears that nobody claimed.
    let holiday = scope(now, Some("Holiday"));
    assert_eq!(store.count_in_sweep(&holiday).await.unwrap(), 1);
    assert_eq!(store.mark_sweep(&holiday, now, 120).await.unwrap(), 1);
    let claimed = claim().await.unwrap();
    assert_eq!(claimed.iter().map(|u| u.id).collect::<Vec<_>>(), [mine.id]);

    // Its check is in flight: counted as still to do, but never marked again meanwhile.
    assert_eq!(store.count_in_sweep(&holiday).await.unwrap(), 1);
    assert_eq!(store.mark_sweep(&holiday, now, 120).await.unwrap(), 0);
    // Once a check that started after the sighting has answered, the token is out of scope.
    store.note_checked(mine.id, now * 1000 + 1).await.unwrap();
    store
        .schedule_next_check(mine.id, now + 10_800, 0)
        .await
        .unwrap();
    assert_eq!(store.count_in_sweep(&holiday).await.unwrap(), 0);
    assert_eq!(store.count_in_sweep(&scope(now, None)).await.unwrap(), 1);
}

#[tokio::test]
async fn a_sweep_leaves_out_tokens_made_after_the_video_and_finished_ones() {
    let (store, _db) = fresh_store().await;
    let finished = upload_of(&store, "alice", 1, "Done").await;
    let photo = PhotoRecord {
        photo_id: 77,
        tree_id: Some(1),
        token: Some("t".into()),
        video_url: None,
    };
    store.record_photo(finished.id, &photo, true).await.unwrap();
    upload_of(&store, "bob", 2, "Open").await;
    let mut before_both = scope(now(), None);
    before_both.created_by = now() - 3600;
    assert_eq!(store.count_in_sweep(&before_both).await.unwrap(), 0);
    assert_eq!(store.count_in_sweep(&scope(now(), None)).await.unwrap(), 1);
    assert_eq!(store.recorded_photo_ids(70, 80).await.unwrap(), [77]);
}

#[tokio::test]
async fn without_the_detector_uploads_not_asked_about_for_a_minute_are_due() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let asked = upload_of(&store, "alice", 1, "A").await;
    let stale = upload_of(&store, "alice", 2, "B").await;
    let failing = upload_of(&store, "alice", 3, "C").await;
    store.schedule_new_uploads(10_800, 600).await.unwrap();
    store
        .note_checked(asked.id, (now - 5) * 1000)
        .await
        .unwrap();
    store
        .note_checked(stale.id, (now - 61) * 1000)
        .await
        .unwrap();
    // Its last check failed: its backoff holds even though it is stale.
    store
        .schedule_next_check(failing.id, now + 40, 2)
        .await
        .unwrap();

    let claimed = store
        .claim_stale_uploads(now, 86_400, (60, 600), 120, 25)
        .await
        .unwrap();

    assert_eq!(claimed.iter().map(|u| u.id).collect::<Vec<_>>(), [stale.id]);
}

#[tokio::test]
async fn an_unverified_claim_is_asked_about_a_minute_after_its_last_answer_whatever_its_schedule() {
    let (store, _db) = fresh_store().await;
    let now = now();
    let claimed = upload_of(&store, "alice", 1, "Claimed").await;
    let photo = PhotoRecord {
        photo_id: 5,
        tree_id: None,
        token: None,
        video_url: None,
    };
    store.record_photo(claimed.id, &photo, false).await.unwrap();
    store.schedule_new_uploads(10_800, 600).await.unwrap();
    store
        .note_checked(claimed.id, (now - 61) * 1000)
        .await
        .unwrap();
    let claim = || store.claim_uploads_to_reconcile(now, 86_400, 120, 25);
    assert_eq!(
        claim().await.unwrap().len(),
        1,
        "a minute since its last answer"
    );
    assert!(claim().await.unwrap().is_empty(), "in flight");

    // Its check answered half a minute ago (still unverified): it waits.
    store
        .note_checked(claimed.id, (now - 30) * 1000)
        .await
        .unwrap();
    store
        .schedule_next_check(claimed.id, now + 10_800, 0)
        .await
        .unwrap();
    assert!(claim().await.unwrap().is_empty());
}
