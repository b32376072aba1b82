//! Floods of requests that each make the portal call 23: checks and callbacks on one upload cost
//! 23 one call per budget period, and one instance never has more than its cap of calls in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::future::join_all;

use crate::helpers::{spawn_app_with, with_param};

#[tokio::test]
async fn a_flood_of_checks_and_bogus_callbacks_costs_23_one_call_per_budget() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_CHECK_EVERY_SECS".into(), "3".into());
    })
    .await;
    let form = app.mint("Flooded").await;
    let callback = app.upload_video(&form).await;
    let id = app.newest_upload_id().await;
    let token = app.csrf_token().await;
    let before = app.sandbox.api_calls();
    let checks = join_all((0..20).map(|_| {
        app.browser
            .post(app.url(&format!("/uploads/{id}/check")))
            .header("x-csrf-token", token.as_str())
            .send()
    }))
    .await;
    assert!(checks.iter().all(|r| r.as_ref().unwrap().status() == 200));
    let after_checks = app.sandbox.api_calls();
    println!(
        "20 parallel checks of one upload: {} calls to 23",
        after_checks - before
    );
    assert!(
        after_checks - before <= 1,
        "one check reached 23 per budget period"
    );

    // The same upload's return link, naming photos 23 never made: the budget is spent, so these
    // wait for it once; one of them gets the next period's call, the rest ask 23 nothing.
    let started = Instant::now();
    let bogus = join_all((0..10).map(|i| {
        let url = with_param(&callback, "photo_id", &(900_000 + i).to_string());
        reqwest::Client::new().get(url).send()
    }))
    .await;
    assert!(bogus.iter().all(|r| r.is_ok()));
    println!(
        "10 bogus callbacks: {} calls to 23 in {:?}",
        app.sandbox.api_calls() - after_checks,
        started.elapsed()
    );
    assert!(
        app.sandbox.api_calls() - after_checks <= 1,
        "one call to 23 per budget period"
    );
}

/// A "23 site" that accepts connections and never answers; counts the connections.
async fn black_hole() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    (url, accepted)
}

#[tokio::test]
async fn a_burst_beyond_the_in_flight_cap_gets_a_quick_503_and_never_reaches_23() {
    let (hole, accepted) = black_hole().await;
    let app = spawn_app_with(|vars| {
        vars.insert("TWENTYTHREE_URL".into(), hole.clone());
        vars.insert("TWENTYTHREE_MAX_IN_FLIGHT".into(), "2".into());
        vars.insert("TWENTYTHREE_QUEUE_WAIT_SECS".into(), "0".into());
    })
    .await;
    let token = app.csrf_token().await;
    let started = Instant::now();
    let answers = join_all((0..20).map(|_| async {
        let response = app
            .browser
            .post(app.url("/uploads"))
            .form(&[("title", "Burst"), ("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), started.elapsed())
    }))
    .await;
    let quick = answers
        .iter()
        .filter(|(status, at)| *status == 503 && *at < Duration::from_secs(2))
        .count();
    println!(
        "20 parallel mints, cap 2, 23 hanging: {} connections to 23, {quick} quick 503s",
        accepted.load(Ordering::SeqCst)
    );
    assert!(
        answers.iter().all(|(status, _)| *status == 503),
        "{answers:?}"
    );
    assert!(
        accepted.load(Ordering::SeqCst) <= 2,
        "only the cap's calls reached 23"
    );
    assert!(quick >= 18, "the rest were refused at once: {answers:?}");
}
