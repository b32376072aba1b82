//! Guessing the operator's password: failed logins on `/admin` and `/metrics` lock the client
//! address out for longer and longer, without touching other addresses, on every instance that
//! shares the database.

use crate::helpers::{spawn_app_with, spawn_two_instances_with};

const PASSWORD: &str = "correct horse battery";

async fn get(client: &reqwest::Client, url: &str, from: &str, password: &str) -> reqwest::Response {
    client
        .get(url)
        .basic_auth("operator", Some(password))
        .header("x-forwarded-for", from)
        .send()
        .await
        .unwrap()
}

/// Six wrong passwords from `from`, alternating between `first` and `second`: their statuses.
async fn six_guesses(client: &reqwest::Client, first: &str, second: &str, from: &str) -> Vec<u16> {
    let mut statuses = Vec::new();
    for attempt in 0..6 {
        let url = if attempt % 2 == 0 { first } else { second };
        statuses.push(get(client, url, from, "guess").await.status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn failed_logins_lock_the_address_out_and_leave_others_alone() {
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), "operator".into());
        vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
        vars.insert("TRUSTED_PROXIES".into(), "127.0.0.1".into());
    })
    .await;
    let client = reqwest::Client::new();
    let admin = app.url("/admin");
    let metrics = app.url("/metrics");
    let statuses = six_guesses(&client, &admin, &metrics, "203.0.113.5").await;
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 429, 429],
        "three free, then locked out"
    );
    let locked = get(&client, &admin, "203.0.113.5", PASSWORD).await;
    assert_eq!(
        locked.status(),
        429,
        "even the right password waits out the lockout"
    );
    let wait: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=2).contains(&wait),
        "the lockout doubles from one second: {wait}"
    );

    let elsewhere = get(&client, &admin, "198.51.100.9", PASSWORD).await;
    assert_eq!(elsewhere.status(), 200, "another address is not locked out");

    tokio::time::sleep(std::time::Duration::from_secs(wait + 1)).await;
    let later = get(&client, &metrics, "203.0.113.5", PASSWORD).await;
    assert_eq!(later.status(), 200, "after the wait the right login works");
    let forgiven = get(&client, &admin, "203.0.113.5", "guess").await;
    assert_eq!(forgiven.status(), 401, "a success starts the count afresh");
}

#[tokio::test]
async fn a_lockout_earned_on_one_instance_holds_on_another_sharing_the_database() {
    let (app, b) = spawn_two_instances_with(
        |_| {},
        |vars| {
            vars.insert("ADMIN_USERNAME".into(), "operator".into());
            vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
            vars.insert("TRUSTED_PROXIES".into(), "127.0.0.1".into());
        },
    )
    .await;
    // Started before the guesses: a restarted instance does not forgive either.
    let restarted = app
        .another_instance(|vars| {
            vars.insert("ADMIN_USERNAME".into(), "operator".into());
            vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
            vars.insert("TRUSTED_PROXIES".into(), "127.0.0.1".into());
        })
        .await;
    let client = reqwest::Client::new();
    let on_a = app.url("/admin");
    let on_b = format!("{b}/metrics");
    // A load balancer spreading the guesses over both instances.
    let statuses = six_guesses(&client, &on_a, &on_b, "203.0.113.7").await;
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 429, 429],
        "counted across instances"
    );
    let locked = get(&client, &on_b, "203.0.113.7", PASSWORD).await;
    assert_eq!(
        locked.status(),
        429,
        "B honours the lockout A's failures earned"
    );
    assert_eq!(
        get(&client, &on_b, "198.51.100.9", PASSWORD).await.status(),
        200,
        "another address is not locked out"
    );

    let after_restart = get(
        &client,
        &format!("{restarted}/admin"),
        "203.0.113.7",
        PASSWORD,
    )
    .await;
    assert_eq!(
        after_restart.status(),
        429,
        "nor does a third, later instance"
    );
}
