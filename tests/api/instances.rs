//! Several portal instances behind a load balancer share one database (PostgreSQL in production;
//! the suite runs this on both backends): any instance can finish what another started, and the
//! background jobs never do the same work twice.

use std::time::Duration;

use crate::helpers::{TestApp, param, spawn_two_instances_with};

/// Two instances on one database with one session secret, and the 23 sandbox they share.
async fn two_instances(encoding_delay: Duration, fast_jobs: bool) -> (TestApp, String) {
    spawn_two_instances_with(
        |sandbox| sandbox.encoding_delay = encoding_delay,
        |vars| {
            if fast_jobs {
                vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
                vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
            }
        },
    )
    .await
}

#[tokio::test]
async fn a_token_minted_on_one_instance_is_called_back_and_shown_on_another() {
    let (a, b) = two_instances(Duration::from_secs(3600), false).await;
    let form = a.mint("Load balanced").await;
    let callback = a.upload_video(&form).await;

    // The load balancer sends the browser's return to the other instance.
    let on_b = callback.replacen(&a.address, &b, 1);
    assert_ne!(on_b, callback);
    let response = a.browser.get(&on_b).send().await.unwrap();
    assert_eq!(response.status(), 303);

    let on_b = a.history_on(&b).await;
    assert_eq!(on_b.len(), 1, "the session cookie works on B");
    assert_eq!(on_b[0].status, "uploaded");
    assert_eq!(
        a.history().await,
        on_b,
        "both instances show the same history"
    );
}

#[tokio::test]
async fn a_history_kept_by_one_instance_shows_a_change_made_through_another() {
    let (a, b) = two_instances(Duration::from_secs(3600), false).await;
    let form = a.mint("Seen twice").await;
    // A reads (and keeps) the page while the upload is pending, twice to be sure it is kept.
    for _ in 0..2 {
        assert_eq!(a.history().await[0].status, "pending");
    }
    let callback = a.upload_video(&form).await;
    let on_b = callback.replacen(&a.address, &b, 1);
    assert_eq!(a.browser.get(&on_b).send().await.unwrap().status(), 303);
    // The change went through B; A's next view reads the shared marker and the new page.
    assert_eq!(a.history().await[0].status, "uploaded");
}

#[tokio::test]
async fn background_jobs_on_two_instances_process_each_upload_once() {
    // Arrange: two instances with fast jobs; videos encode three seconds after upload.
    let (app, _b) = two_instances(Duration::from_secs(3), true).await;
    let mut tokens = Vec::new();
    for n in 0..6 {
        let form = app.mint(&format!("Lost callback {n}")).await;
        let callback = app.upload_video(&form).await; // never followed
        tokens.push((
            form.upload_token,
            param(&callback, "photo_id")
                .unwrap()
                .parse::<i64>()
                .unwrap(),
        ));
    }

    // Act: the reconcilers find every upload, the refreshers see every video encoded.
    app.wait_for_history(60, |h| {
        h.len() == 6 && h.iter().all(|e| e.status == "ready")
    })
    .await;

    // Assert: once the answer existed, exactly one instance asked for it.
    let calls = app.sandbox.list_calls();
    let photos = app.sandbox.photos();
    for (token, photo_id) in &tokens {
        let photo = photos.iter().find(|p| p.photo_id == *photo_id).unwrap();
        let found_by = calls
            .iter()
            .filter(|c| {
                c.upload_token.as_deref() == Some(token.as_str()) && c.at >= photo.created_at
            })
            .count();
        assert_eq!(
            found_by, 1,
            "reconciliations of {photo_id} after it existed"
        );
        let encoded_at = photo.encoded_at.max(photo.created_at);
        let refreshed_after = calls
            .iter()
            .filter(|c| c.photo_id == Some(*photo_id) && c.at >= encoded_at)
            .count();
        assert!(
            refreshed_after <= 1,
            "{photo_id} was refreshed {refreshed_after} times after encoding"
        );
    }
}
