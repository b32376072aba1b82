//! The consumer secret, the token secret and the session secret never appear in a page, a
//! header or a log line; neither do the per-upload capabilities (nonce, upload_token, token)
//! that callback URLs carry. Logs are read from the real binary's stdout and stderr.

use std::collections::HashMap;
use std::process::Command;

use secrecy::ExposeSecret;

use crate::helpers::{TestApp, base_vars, browser, param, start_sandbox, with_param};
use crate::security::process::PortalProcess;

/// The portal binary, logging at debug level, against an in-process sandbox.
async fn start(
    log_format: &str,
    tweak: impl FnOnce(&mut HashMap<String, String>),
) -> (TestApp, PortalProcess, HashMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let (sandbox, site_url) = start_sandbox(&credentials, dir.path());
    let mut vars = base_vars(dir.path(), Some(&site_url), &credentials).await;
    vars.insert("RUST_LOG".into(), "debug".into());
    vars.insert("LOG_FORMAT".into(), log_format.into());
    tweak(&mut vars);
    let process = PortalProcess::start(&vars, dir.path());
    let app = TestApp {
        address: process.address.clone(),
        site_url,
        sandbox,
        credentials,
        browser: browser(),
        database_url: vars["DATABASE_URL"].clone(),
        data_dir: dir,
    };
    (app, process, vars)
}

/// The three configured secrets.
/// The configured secrets: always the three, and the operator's when set.
fn secrets(vars: &HashMap<String, String>) -> Vec<(&'static str, String)> {
    [
        "TWENTYTHREE_CONSUMER_SECRET",
        "TWENTYTHREE_ACCESS_TOKEN_SECRET",
        "SESSION_SECRET",
        "ADMIN_PASSWORD",
        "METRICS_TOKEN",
    ]
    .into_iter()
    .filter_map(|name| vars.get(name).map(|value| (name, value.clone())))
    .collect()
}

const ADMIN_PASSWORD: &str = "operator-password-Kq3v9";
const METRICS_TOKEN: &str = "metrics-token-4c1d8e77a0b2";

/// A page as a visitor receives it: status line, headers and body.
async fn fetch(app: &TestApp, request: reqwest::RequestBuilder) -> String {
    let response = request.send().await.unwrap();
    let mut seen = format!("{} {}\n", response.status(), response.url());
    for (name, value) in response.headers() {
        seen.push_str(&format!("{name}: {}\n", value.to_str().unwrap_or("")));
    }
    seen + &response.text().await.unwrap() + &format!("\n(from {})\n", app.address)
}

fn assert_absent(haystack: &str, needles: &[(&str, String)], place: &str) {
    for (name, value) in needles {
        assert!(!value.is_empty());
        assert!(
            !haystack.contains(value.as_str()),
            "{name} appears in {place}"
        );
    }
}

#[tokio::test]
async fn no_secret_or_callback_capability_reaches_a_page_or_the_log() {
    let (app, process, vars) = start("text", |vars| {
        vars.insert("ADMIN_USERNAME".into(), "operator".into());
        vars.insert("ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into());
        vars.insert("METRICS_TOKEN".into(), METRICS_TOKEN.into());
    })
    .await;
    let mut pages = Vec::new();
    let form = app.mint("Secretive").await;
    pages.push(fetch(&app, app.browser.get(app.url("/"))).await);
    pages.push(fetch(&app, app.browser.get(&form.page_url)).await);
    let callback = app.upload_video(&form).await;
    let forged = with_param(&callback, "photo_id", "424242");
    pages.push(fetch(&app, app.browser.get(&forged)).await);
    pages.push(
        fetch(
            &app,
            app.browser
                .get(with_param(&callback, "upload_token", "0f0f")),
        )
        .await,
    );
    pages.push(fetch(&app, app.browser.get(&callback)).await);
    pages.push(fetch(&app, app.browser.get(app.url("/uploads"))).await);
    pages.push(
        fetch(
            &app,
            app.browser
                .post(app.url("/uploads"))
                .form(&[("title", "x"), ("csrf_token", "no")]),
        )
        .await,
    );
    pages.push(
        fetch(
            &app,
            app.browser.get(app.url("/uploads/1/../../etc/passwd")),
        )
        .await,
    );
    let operator = browser();
    for (path, password) in [
        ("/admin", "wrong"),
        ("/admin", ADMIN_PASSWORD),
        ("/admin/uploads.csv", ADMIN_PASSWORD),
    ] {
        let request = operator
            .get(app.url(path))
            .basic_auth("operator", Some(password));
        pages.push(fetch(&app, request).await);
    }
    for token in ["wrong-token", METRICS_TOKEN] {
        pages.push(fetch(&app, operator.get(app.url("/metrics")).bearer_auth(token)).await);
    }
    assert!(
        pages
            .iter()
            .any(|p| p.contains("Secretive") && p.starts_with("200")),
        "the admin page was seen"
    );
    let log = process.kill();

    let secrets = secrets(&vars);
    for (i, page) in pages.iter().enumerate() {
        assert_absent(page, &secrets, &format!("page {i}"));
    }
    assert_absent(&log, &secrets, "the log");
    let url = url::Url::parse(&callback).unwrap();
    let nonce = url.path_segments().unwrap().nth(2).unwrap().to_string();
    let capabilities = vec![
        ("the return URL's nonce", nonce),
        ("the upload_token", form.upload_token.clone()),
        ("the video's token", param(&callback, "token").unwrap()),
    ];
    assert_absent(&log, &capabilities, "the log");
    // The log was really captured: it holds the events this journey caused.
    for event in [
        "minted an upload token",
        "callback refused",
        "refused a new-upload form",
    ] {
        assert!(log.contains(event), "the log lacks '{event}':\n{log}");
    }
}

#[tokio::test]
async fn a_refused_signature_is_logged_for_the_operator_without_the_secrets() {
    let (app, process, vars) = start("json", |vars| {
        vars.insert(
            "TWENTYTHREE_CONSUMER_SECRET".into(),
            "wrong-consumer-secret-0123456789".into(),
        );
    })
    .await;
    let page = fetch(
        &app,
        app.browser.post(app.url("/uploads")).form(&[
            ("title", "Refused"),
            ("csrf_token", app.csrf_token().await.as_str()),
        ]),
    )
    .await;
    assert!(page.starts_with("502"), "{page}");
    let log = process.kill();
    let mut secrets = secrets(&vars);
    secrets.push((
        "the sandbox's consumer secret",
        app.credentials.consumer_secret.expose_secret().to_string(),
    ));
    assert_absent(&page, &secrets, "the 502 page");
    assert_absent(&log, &secrets, "the log");
    assert!(log.contains("23 refused a call"), "{log}");
}

#[tokio::test]
async fn a_configuration_error_names_the_variable_but_never_echoes_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let mut vars = base_vars(dir.path(), Some("http://127.0.0.1:9"), &credentials).await;
    vars.insert("SESSION_SECRET".into(), "short-but-secret-Zq9".into());
    let output = Command::new(env!("CARGO_BIN_EXE_upload-portal"))
        .env_clear()
        .envs(&vars)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("SESSION_SECRET"), "{text}");
    assert_absent(&text, &secrets(&vars), "the start-up error");
}

/// Not a secret, but the same log file: with stdout a pipe (as under a service manager), text
/// logs are plain, without the ANSI colour codes a terminal gets.
#[tokio::test]
async fn text_logs_written_to_a_pipe_carry_no_colour_codes() {
    let (app, process, _) = start("text", |_| {}).await;
    let page = app.browser.get(app.url("/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let log = process.kill();
    assert!(
        log.contains("INFO") && log.contains("request handled"),
        "{log}"
    );
    assert!(!log.contains('\u{1b}'), "escape codes in the log: {log:?}");
}
