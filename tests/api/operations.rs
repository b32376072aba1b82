//! Operations: readiness, metrics and graceful shutdown.

use std::time::{Duration, Instant};

use upload_portal::config::Settings;
use upload_portal::shutdown::Stopper;
use upload_portal::startup::Application;
use upload_portal::store::{NewUpload, Store};
use upload_portal::twentythree::oauth::Credentials;
use upload_portal::uploads::{Metadata, now};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{TestApp, base_vars, spawn_app, spawn_app_with};

const TOKEN: &str = "metrics-token-0123456789";

async fn readyz(app: &TestApp) -> (u16, serde_json::Value) {
    let response = reqwest::get(app.url("/readyz")).await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn readyz_reports_the_database_and_23_and_fails_when_the_schema_is_broken() {
    let app = spawn_app().await;
    let (status, body) = readyz(&app).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ready"], true);
    assert_eq!(body["database"], "ok");
    assert_eq!(body["twentythree"]["reachable"], true, "probed: {body}");
    assert!(body["twentythree"]["last_success"].is_string());

    app.sql("DROP TABLE photos").await;
    let (status, body) = readyz(&app).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["ready"], false);
    assert_eq!(body["database"], "unavailable");
}

#[tokio::test]
async fn readyz_names_the_last_23_failure_without_failing_on_it() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_23 = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = spawn_app_with(|vars| {
        vars.insert("TWENTYTHREE_URL".into(), dead_23);
    })
    .await;
    let (status, body) = readyz(&app).await;
    assert_eq!(status, 200, "every instance shares 23: {body}");
    assert_eq!(body["twentythree"]["reachable"], false);
    assert!(body["twentythree"]["last_failure"].is_string(), "{body}");
    assert!(body["twentythree"]["last_success"].is_null());
}

async fn scrape(app: &TestApp) -> String {
    let response = reqwest::Client::new()
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    response.text().await.unwrap()
}

/// The value of the sample named exactly `series` (name and labels), 0 when absent.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_a_mint_a_callback_the_request_and_the_23_calls() {
    let app = spawn_app_with(|vars| {
        vars.insert("METRICS_TOKEN".into(), TOKEN.into());
    })
    .await;
    let before = scrape(&app).await;
    app.complete_upload("Counted").await;
    let after = scrape(&app).await;

    let delta = |series: &str| value(&after, series) - value(&before, series);
    assert_eq!(delta("upload_portal_upload_tokens_minted_total"), 1.0);
    assert_eq!(
        delta(r#"upload_portal_callbacks_total{outcome="confirmed"}"#),
        1.0
    );
    let callback_requests = r#"upload_portal_http_requests_total{route="/uploads/callback/{nonce}/{tag}",method="GET",status="303"}"#;
    assert_eq!(delta(callback_requests), 1.0);
    let mint_calls = r#"upload_portal_twentythree_request_duration_seconds_count{endpoint="/api/photo/get-upload-token"}"#;
    assert_eq!(delta(mint_calls), 1.0);
    assert_eq!(
        value(&after, r#"upload_portal_uploads{status="uploaded"}"#),
        1.0
    );
    assert!(after.contains("# TYPE upload_portal_uploads_due_for_reconcile gauge"));
    assert!(!after.contains("Counted"), "no visitor data in metrics");
}

#[tokio::test]
async fn metrics_need_the_token_or_else_the_operator_login_and_are_off_without_either() {
    let with_token = spawn_app_with(|vars| {
        vars.insert("METRICS_TOKEN".into(), TOKEN.into());
    })
    .await;
    let client = reqwest::Client::new();
    let url = with_token.url("/metrics");
    assert_eq!(client.get(&url).send().await.unwrap().status(), 401);
    let wrong = client
        .get(&url)
        .bearer_auth("metrics-token-wrong-000")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(
        wrong.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );

    let with_admin = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), "operator".into());
        vars.insert("ADMIN_PASSWORD".into(), "correct horse battery".into());
    })
    .await;
    let url = with_admin.url("/metrics");
    assert_eq!(client.get(&url).send().await.unwrap().status(), 401);
    let operator = client
        .get(&url)
        .basic_auth("operator", Some("correct horse battery"));
    assert_eq!(operator.send().await.unwrap().status(), 200);

    let neither = spawn_app().await;
    assert_eq!(
        client
            .get(neither.url("/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

/// A portal run as `main` runs it, with a handle to stop it, against `twentythree`.
struct Running {
    address: String,
    stopper: Stopper,
    finished: tokio::task::JoinHandle<std::io::Result<()>>,
    _dir: tempfile::TempDir,
}

async fn run_against(
    twentythree: &MockServer,
    customize: impl FnOnce(&mut std::collections::HashMap<String, String>),
    before_start: impl AsyncFnOnce(&Store),
) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let mut vars = base_vars(
        dir.path(),
        Some(&twentythree.uri()),
        &Credentials::generate(),
    )
    .await;
    customize(&mut vars);
    before_start(&Store::connect(&vars["DATABASE_URL"]).await.unwrap()).await;
    let settings = Settings::from_lookup(|name| vars.get(name).cloned()).unwrap();
    let app = Application::build(settings).await.unwrap();
    Running {
        address: format!("http://127.0.0.1:{}", app.port()),
        stopper: app.stopper(),
        finished: tokio::spawn(app.run_until_stopped()),
        _dir: dir,
    }
}

/// Waits until 23 has received `n` requests.
async fn wait_for_requests(twentythree: &MockServer, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while twentythree.received_requests().await.unwrap().len() < n {
        assert!(Instant::now() < deadline, "23 never received {n} requests");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn slow_23(delay: Duration) -> Mock {
    Mock::given(path("/api/photo/list")).respond_with(ResponseTemplate::new(200).set_delay(delay))
}

#[tokio::test]
async fn a_graceful_stop_lets_the_request_in_flight_finish_then_refuses_new_ones() {
    let twentythree = MockServer::start().await;
    slow_23(Duration::from_millis(1000))
        .mount(&twentythree)
        .await;
    let portal = run_against(&twentythree, |_| {}, async |_| {}).await;
    // /readyz asks 23 itself when it has heard nothing yet: a request that takes a second.
    let in_flight = tokio::spawn(reqwest::get(format!("{}/readyz", portal.address)));
    wait_for_requests(&twentythree, 1).await;

    portal.stopper.stop().await;
    let response = in_flight
        .await
        .unwrap()
        .expect("the request in flight was answered");
    assert_eq!(response.status(), 200);
    portal.finished.await.unwrap().unwrap();
    assert!(
        reqwest::get(format!("{}/healthz", portal.address))
            .await
            .is_err(),
        "a stopped portal takes no new requests"
    );
}

#[tokio::test]
async fn a_graceful_stop_lets_the_jobs_finish_the_item_in_hand_and_start_no_other() {
    let twentythree = MockServer::start().await;
    slow_23(Duration::from_millis(1000))
        .mount(&twentythree)
        .await;
    let portal = run_against(
        &twentythree,
        |vars| {
            vars.insert("RECONCILE_INTERVAL_SECS".into(), "1".into());
        },
        async |store| {
            for n in 0..3 {
                store.insert_upload(&pending(n)).await.unwrap();
            }
        },
    )
    .await;
    wait_for_requests(&twentythree, 1).await;

    let stopping = Instant::now();
    portal.stopper.stop().await;
    portal.finished.await.unwrap().unwrap();
    assert!(
        stopping.elapsed() >= Duration::from_millis(500),
        "stopping waited for the 23 call in hand"
    );
    assert_eq!(
        twentythree.received_requests().await.unwrap().len(),
        1,
        "no other item was started"
    );
}

fn pending(n: u32) -> NewUpload {
    NewUpload {
        visitor_id: "visitor".into(),
        nonce: format!("nonce-{n}"),
        upload_token: format!("token-{n}"),
        metadata: Metadata {
            title: format!("Video {n}"),
            description: String::new(),
            tags: String::new(),
            publish: true,
        },
        max_uploads: 1,
        valid_until: now() + 3600,
    }
}
