use futures_util::future::join_all;

use crate::store::test_support::fresh_store;

const T: i64 = 1_700_000_000_000;

#[tokio::test]
async fn of_many_instances_asking_at_once_one_takes_a_job_lease_until_it_runs_out() {
    let (store, _db) = fresh_store().await;
    let holders: Vec<String> = (0..10).map(|n| format!("instance-{n}")).collect();
    let taken = join_all(
        holders
            .iter()
            .map(|holder| store.take_job_lease("reconcile", holder, T, T + 10_000)),
    )
    .await;
    let winners: Vec<&String> = holders
        .iter()
        .zip(&taken)
        .filter(|(_, taken)| *taken.as_ref().unwrap())
        .map(|(holder, _)| holder)
        .collect();
    assert_eq!(winners.len(), 1, "exactly one leader");
    let leader = winners[0];
    let other = holders.iter().find(|h| *h != leader).unwrap();

    let before_it_runs_out = store.take_job_lease("reconcile", other, T + 9_999, T + 19_999);
    assert!(!before_it_runs_out.await.unwrap());
    let other_job = store.take_job_lease("refresh", other, T, T + 10_000);
    assert!(other_job.await.unwrap(), "a lease per job");
    let once_run_out = store.take_job_lease("reconcile", other, T + 10_000, T + 20_000);
    assert!(once_run_out.await.unwrap(), "taken over once it ran out");
    let old_leader_again = store.take_job_lease("reconcile", leader, T + 10_001, T + 20_001);
    assert!(
        !old_leader_again.await.unwrap(),
        "a leader that missed its renewal has lost the lease"
    );
}

#[tokio::test]
async fn the_holder_renews_its_lease_and_a_released_lease_is_free_at_once() {
    let (store, _db) = fresh_store().await;
    assert!(
        store
            .take_job_lease("refresh", "a", T, T + 1000)
            .await
            .unwrap()
    );
    for k in 1..=5 {
        let renewed = store.take_job_lease("refresh", "a", T + k * 500, T + k * 500 + 1000);
        assert!(renewed.await.unwrap(), "renewal {k}");
        let other = store.take_job_lease("refresh", "b", T + k * 500 + 999, T + 99_999);
        assert!(!other.await.unwrap(), "renewed, so still held after {k}");
    }

    store.release_job_lease("refresh", "b").await.unwrap();
    let still_held = store.take_job_lease("refresh", "b", T + 3000, T + 4000);
    assert!(!still_held.await.unwrap(), "only the holder can give it up");
    store.release_job_lease("refresh", "a").await.unwrap();
    let free = store.take_job_lease("refresh", "b", T + 3000, T + 4000);
    assert!(
        free.await.unwrap(),
        "given up, it is free before it ran out"
    );
}
