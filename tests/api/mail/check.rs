//! The SMTP login: `upload-portal check` says whether the mail server takes it, in plain words,
//! and neither the check nor the portal's log ever shows the password.

use std::collections::HashMap;

use super::sink::Sink;
use super::{OPERATOR, outbox};
use crate::helpers::{TestApp, base_vars, browser, start_sandbox};
use crate::security::process::PortalProcess;

const PASSWORD: &str = "Sm7p-pass-Wq4zR8";
const WRONG: &str = "Wrong-pass-Jx2vN5";

fn smtp_url(port: u16, password: &str) -> String {
    format!("smtp://mailer:{password}@127.0.0.1:{port}")
}

async fn run_check(smtp_url: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let mut vars = base_vars(dir.path(), None, &credentials).await;
    vars.insert("SMTP_URL".into(), smtp_url.into());
    vars.insert("NOTIFY_EMAIL".into(), OPERATOR.into());
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_upload-portal"))
        .arg("check")
        .env_clear()
        .envs(vars)
        .current_dir(dir.path())
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

#[tokio::test]
async fn check_says_whether_the_mail_server_takes_the_login_without_showing_the_password() {
    let sink = Sink::with_login("mailer", PASSWORD).await;

    let (ok, text) = run_check(&smtp_url(sink.port, PASSWORD)).await;
    assert!(ok, "{text}");
    assert!(
        text.contains(&format!(
            "the mail server at 127.0.0.1:{} accepts the login",
            sink.port
        )),
        "{text}"
    );
    assert!(sink.mails().is_empty(), "the check sends no mail");

    let (ok, text) = run_check(&smtp_url(sink.port, WRONG)).await;
    assert!(!ok, "{text}");
    assert!(
        text.contains("SMTP_URL") && text.contains("refused the login"),
        "{text}"
    );
    assert_eq!(
        sink.logins().last().unwrap().1,
        WRONG,
        "the login was really tried"
    );

    let down = Sink::unused_port();
    let (ok, text) = run_check(&smtp_url(down, WRONG)).await;
    assert!(!ok, "{text}");
    assert!(
        text.contains(&format!(
            "could not talk to the mail server at 127.0.0.1:{down}"
        )),
        "{text}"
    );
    for (_, text) in [
        run_check(&smtp_url(sink.port, PASSWORD)).await,
        run_check(&smtp_url(sink.port, WRONG)).await,
    ] {
        assert!(!text.contains(PASSWORD) && !text.contains(WRONG), "{text}");
    }
}

#[tokio::test]
async fn the_smtp_password_never_reaches_the_log_when_the_server_refuses_it() {
    let sink = Sink::with_login("mailer", PASSWORD).await;
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let (sandbox, site_url) = start_sandbox(&credentials, dir.path());
    let mut vars: HashMap<String, String> =
        base_vars(dir.path(), Some(&site_url), &credentials).await;
    vars.insert("RUST_LOG".into(), "debug".into());
    vars.insert("SMTP_URL".into(), smtp_url(sink.port, WRONG));
    vars.insert("NOTIFY_EMAIL".into(), OPERATOR.into());
    vars.insert("SMTP_RETRY_SECS".into(), "1".into());
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

    app.complete_upload("Told with a wrong login").await;
    super::wait_for_outbox(&app, 30, |rows| {
        rows.first().is_some_and(|r| r.attempts >= 2)
    })
    .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !process.output().contains("could not mail the operator") {
        assert!(std::time::Instant::now() < deadline, "{}", process.output());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let log = process.kill();

    assert!(log.contains("refused the login"), "{log}");
    assert!(!log.contains(WRONG), "the password is in the log:\n{log}");
    assert!(sink.mails().is_empty());
    let rows = outbox(&app.database_url).await;
    assert_eq!(rows[0].state, "pending", "kept for when the login is fixed");
    assert!(
        !rows[0]
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains(WRONG)
    );
}
