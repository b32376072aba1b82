//! The error table: each way 23 or the database can fail, what the visitor sees (calm, input
//! kept, no internals) and what the operator is told (`upload-portal check` prints the same hint
//! the portal logs).

use std::time::Duration;

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{attr, base_vars, spawn_app, spawn_app_with};

fn envelope_error(code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(format!(
        r#"<response status="error" code="{code}" message="{message}" permission_level="none"/>"#
    ))
}

struct Row {
    name: &'static str,
    answer: ResponseTemplate,
    status: u16,
    visitor_sees: &'static str,
    operator_hint: &'static str,
}

fn table() -> Vec<Row> {
    vec![
        Row {
            name: "invalid_signature",
            answer: envelope_error("invalid_signature", "The API signature is invalid."),
            status: 502,
            visitor_sees: "refused to start this upload",
            operator_hint: "rejected the OAuth signature",
        },
        Row {
            name: "permission_denied",
            answer: envelope_error(
                "permission_denied",
                "You don't have the necessary permissions",
            ),
            status: 502,
            visitor_sees: "refused to start this upload",
            operator_hint: "lack write permission",
        },
        Row {
            name: "timeout",
            answer: ResponseTemplate::new(200).set_delay(Duration::from_secs(4)),
            status: 503,
            visitor_sees: "not answering right now",
            operator_hint: "did not answer within TWENTYTHREE_TIMEOUT_SECS",
        },
        Row {
            name: "HTTP 500",
            answer: ResponseTemplate::new(500).set_body_string("Internal Server Error"),
            status: 503,
            visitor_sees: "not answering right now",
            operator_hint: "is failing",
        },
        Row {
            name: "malformed answer",
            answer: ResponseTemplate::new(200)
                .set_body_string("<html><body>Please log in</body></html>"),
            status: 502,
            visitor_sees: "refused to start this upload",
            operator_hint: "not a 23 API response",
        },
    ]
}

#[tokio::test]
async fn every_23_failure_gives_the_visitor_a_calm_page_and_the_operator_a_precise_hint() {
    for row in table() {
        // Arrange: a 23 site that fails this way on every call.
        let site = MockServer::start().await;
        Mock::given(path("/api/photo/get-upload-token"))
            .respond_with(row.answer.clone())
            .mount(&site)
            .await;
        Mock::given(path("/api/photo/list"))
            .respond_with(row.answer.clone())
            .mount(&site)
            .await;
        let app = spawn_app_with(|vars| {
            vars.insert("TWENTYTHREE_URL".into(), site.uri());
            vars.insert("TWENTYTHREE_TIMEOUT_SECS".into(), "1".into());
        })
        .await;

        // Act
        let response = app
            .post_new_upload(&[("title", "Kept title"), ("description", "Kept text")])
            .await;

        // Assert: the visitor's side.
        assert_eq!(response.status(), row.status, "{}", row.name);
        let html = response.text().await.unwrap();
        assert!(html.contains(row.visitor_sees), "{}: {html}", row.name);
        assert_eq!(
            attr(&html, "input[name=title]", "value").as_deref(),
            Some("Kept title"),
            "{}",
            row.name
        );
        assert!(html.contains("Kept text"), "{}", row.name);
        assert!(
            !html.contains("Please log in") && !html.contains("signature is invalid"),
            "{}: no raw answer",
            row.name
        );
        assert!(
            app.history().await.is_empty(),
            "{}: nothing recorded",
            row.name
        );

        // Assert: the operator's side.
        let (ok, output) = run_check(&app.data_dir, &site.uri()).await;
        assert!(!ok, "{}: check must fail", row.name);
        assert!(output.contains(row.operator_hint), "{}: {output}", row.name);
    }
}

#[tokio::test]
async fn check_passes_against_a_working_23_site_and_fails_on_an_unreachable_one() {
    let app = spawn_app().await;
    let (ok, output) = run_check_with(&app, &app.site_url).await;
    assert!(ok, "{output}");
    assert!(
        output.contains("accepts the credentials with write permission"),
        "{output}"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (ok, output) = run_check_with(&app, &format!("http://{closed}")).await;
    assert!(!ok);
    assert!(output.contains("could not be reached"), "{output}");
}

#[tokio::test]
async fn check_warns_that_visitors_cannot_record_when_the_public_url_is_plain_http_on_a_public_name()
 {
    let app = spawn_app().await;
    let mut vars = base_vars(app.data_dir.path(), Some(&app.site_url), &app.credentials).await;
    vars.insert("PUBLIC_URL".into(), "http://videos.example.com/".into());
    let (ok, output) = run(vars.clone()).await;
    assert!(ok, "a warning, not a failure: {output}");
    assert!(
        output.contains("warning: PUBLIC_URL") && output.contains("cannot record"),
        "{output}"
    );

    vars.insert("PUBLIC_URL".into(), "https://videos.example.com/".into());
    let (ok, output) = run(vars).await;
    assert!(ok, "{output}");
    assert!(!output.contains("cannot record"), "{output}");
}

#[tokio::test]
async fn a_broken_database_gives_a_calm_503_and_no_internals() {
    let app = spawn_app().await;
    app.mint("Before").await;
    app.sql("DROP TABLE photos").await;

    let (status, html) = app.get_html("/uploads").await;
    assert_eq!(status, 503);
    assert!(html.contains("reload this page"), "{html}");
    assert!(
        !html.to_lowercase().contains("sqlite") && !html.contains("photos"),
        "no internals: {html}"
    );

    // Renamed rather than dropped: PostgreSQL refuses to drop a table others still reference
    // (answers, decisions), and a missing table is the fault either way.
    app.sql("ALTER TABLE uploads RENAME TO uploads_lost").await;
    let response = app.post_new_upload(&[("title", "During the outage")]).await;
    assert_eq!(response.status(), 503);
    let html = response.text().await.unwrap();
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some("During the outage")
    );
}

/// Runs `upload-portal check` against `site` with the test's (valid) credentials.
async fn run_check_with(app: &crate::helpers::TestApp, site: &str) -> (bool, String) {
    let mut vars = base_vars(app.data_dir.path(), Some(site), &app.credentials).await;
    vars.insert("TWENTYTHREE_TIMEOUT_SECS".into(), "1".into());
    run(vars).await
}

/// Runs `upload-portal check` against `site` with throwaway credentials.
async fn run_check(dir: &tempfile::TempDir, site: &str) -> (bool, String) {
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let mut vars = base_vars(dir.path(), Some(site), &credentials).await;
    vars.insert("TWENTYTHREE_TIMEOUT_SECS".into(), "1".into());
    run(vars).await
}

async fn run(vars: std::collections::HashMap<String, String>) -> (bool, String) {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_upload-portal"))
        .arg("check")
        .env_clear()
        .envs(vars)
        .current_dir(std::env::temp_dir())
        .output()
        .await
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}
