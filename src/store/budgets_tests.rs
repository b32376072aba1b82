use futures_util::future::join_all;

use crate::store::test_support::{fresh_store, new_upload};
use crate::uploads::now;

#[tokio::test]
async fn fifty_simultaneous_edits_take_no_more_than_the_budget_then_a_new_window_opens() {
    let (store, _db) = fresh_store().await;
    let upload = store
        .insert_upload(&new_upload(1, now() + 600))
        .await
        .unwrap();
    let t = now();
    let taken = join_all((0..50).map(|_| store.take_edit_budget(upload.id, t, 60, 5))).await;
    let granted = taken.into_iter().filter(|r| *r.as_ref().unwrap()).count();
    assert_eq!(granted, 5, "exactly the budget, however many ask at once");
    assert!(
        !store
            .take_edit_budget(upload.id, t + 59, 60, 5)
            .await
            .unwrap()
    );
    assert!(
        store
            .take_edit_budget(upload.id, t + 60, 60, 5)
            .await
            .unwrap(),
        "the window is over"
    );
}

#[tokio::test]
async fn failed_logins_count_up_per_address_lock_out_and_are_forgiven_or_forgotten() {
    let (store, _db) = fresh_store().await;
    let t = 1_000_000;
    for expected in 1..=3 {
        let n = store.count_login_failure("203.0.113.5", t, t - 3_600_000);
        assert_eq!(n.await.unwrap(), expected);
    }
    assert_eq!(store.login_failures("198.51.100.1").await.unwrap(), None);
    store.lock_out_login("203.0.113.5", t + 4000).await.unwrap();
    store.lock_out_login("203.0.113.5", t + 2000).await.unwrap();
    let on_record = store.login_failures("203.0.113.5").await.unwrap().unwrap();
    assert_eq!((on_record.count, on_record.locked_until_ms), (3, t + 4000));

    let much_later = t + 7_200_000;
    let again = store.count_login_failure("203.0.113.5", much_later, much_later - 3_600_000);
    assert_eq!(
        again.await.unwrap(),
        1,
        "an old run of failures is forgotten"
    );
    store.forgive_login_failures("203.0.113.5").await.unwrap();
    assert_eq!(store.login_failures("203.0.113.5").await.unwrap(), None);

    store.count_login_failure("a", t, 0).await.unwrap();
    store.count_login_failure("b", much_later, 0).await.unwrap();
    assert_eq!(store.forget_login_failures(t + 1).await.unwrap(), 1);
    assert!(store.login_failures("b").await.unwrap().is_some());
}
