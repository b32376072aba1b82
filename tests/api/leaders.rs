//! One leader per background job (issue 23): of the instances sharing a database, one runs each
//! job's rounds; its `/metrics` says so, the followers stay ready, and when the leader is killed
//! another takes over and finds what the dead one would have.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use upload_portal::twentythree::oauth::Credentials;

use crate::helpers::{TestApp, base_vars, browser, spawn_app_with, start_portal, start_sandbox};
use crate::security::process::PortalProcess;

const TOKEN: &str = "metrics-token-leaders-0123";
const JOBS: [&str; 2] = ["reconcile", "refresh"];

/// Jobs every second, and metrics behind a token.
fn fast_jobs(vars: &mut HashMap<String, String>) {
    vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
    vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
    vars.insert("METRICS_TOKEN".into(), TOKEN.into());
}

/// Whether the instance at `address` says it leads `job` (None: it could not be asked).
async fn leads(address: &str, job: &str) -> Option<bool> {
    let response = reqwest::Client::new()
        .get(format!("{address}/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .ok()?;
    let text = response.text().await.ok()?;
    let series = format!("upload_portal_job_leader{{job=\"{job}\"}} ");
    let value = text.lines().find_map(|l| l.strip_prefix(series.as_str()))?;
    Some(value.trim() == "1")
}

/// Waits until the instance at `address` leads every one of `JOBS`.
async fn wait_until_leading(address: &str, seconds: u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    for job in JOBS {
        while leads(address, job).await != Some(true) {
            assert!(Instant::now() < deadline, "{address} never led {job}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn ready(address: &str) -> bool {
    let response = reqwest::get(format!("{address}/readyz")).await.unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    body["ready"] == true
}

#[tokio::test]
async fn of_three_instances_one_leads_each_job_and_the_followers_stay_ready() {
    let app = spawn_app_with(fast_jobs).await;
    let others = [
        app.another_instance(fast_jobs).await,
        app.another_instance(fast_jobs).await,
    ];
    let instances: Vec<&str> = std::iter::once(app.address.as_str())
        .chain(others.iter().map(String::as_str))
        .collect();
    // A few rounds: every instance has tried for the leases several times.
    tokio::time::sleep(Duration::from_secs(3)).await;

    for job in JOBS {
        let mut leaders = Vec::new();
        for address in &instances {
            if leads(address, job).await.expect("metrics answer") {
                leaders.push(*address);
            }
        }
        assert_eq!(leaders.len(), 1, "{job} is led by {leaders:?}");
    }
    for address in &instances {
        assert!(ready(address).await, "{address} is ready, leader or not");
    }
}

#[tokio::test]
async fn when_the_leader_is_killed_another_instance_takes_over_and_finds_a_lost_callback() {
    // Arrange: two portal processes on one database, jobs every second; the first leads.
    let dir = tempfile::tempdir().unwrap();
    let credentials = Credentials::generate();
    let (sandbox, site_url) = start_sandbox(&credentials, dir.path());
    let mut vars = base_vars(dir.path(), Some(&site_url), &credentials).await;
    fast_jobs(&mut vars);
    let leader = PortalProcess::start(&vars, dir.path());
    wait_until_leading(&leader.address, 20).await;
    let follower = PortalProcess::start(&vars, dir.path());
    tokio::time::sleep(Duration::from_secs(2)).await;
    for job in JOBS {
        assert_eq!(leads(&follower.address, job).await, Some(false), "{job}");
    }
    assert!(ready(&follower.address).await, "a follower is ready");
    let app = TestApp {
        address: follower.address.clone(),
        site_url,
        sandbox,
        credentials,
        browser: browser(),
        database_url: vars["DATABASE_URL"].clone(),
        data_dir: dir,
    };

    // Act: SIGKILL the leader (its leases stay in the table, unreleased), then a visitor's
    // file reaches 23 and its callback is lost.
    let killed = Instant::now();
    leader.kill();
    let form = app.mint("Lost while the leader died").await;
    let _lost = app.upload_video(&form).await; // never followed

    // Assert: the follower takes both jobs over and its reconciler finds the video.
    wait_until_leading(&follower.address, 20).await;
    let took_over = killed.elapsed();
    let history = app
        .wait_for_history(30, |h| h.len() == 1 && h[0].status != "pending")
        .await;
    assert_eq!(history[0].status, "uploaded");
    assert!(history[0].photo_id.is_some());
    // An instance started now is a follower: the survivor renews what it took.
    let newcomer = start_portal(&vars).await.0;
    tokio::time::sleep(Duration::from_secs(2)).await;
    for job in JOBS {
        assert_eq!(leads(&newcomer, job).await, Some(false), "{job}");
        assert_eq!(leads(&follower.address, job).await, Some(true), "{job}");
    }
    println!(
        "leader SIGKILLed: the follower led both jobs {:.1} s later (rounds of 1 s), and found \
         the lost callback",
        took_over.as_secs_f64()
    );
}
