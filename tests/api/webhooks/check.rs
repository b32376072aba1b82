//! `upload-portal check` sends the host site a signed `ping` and reports what it answered.

use upload_portal::webhooks::SigningKey;

use super::receiver::Receiver;
use super::{assert_all_verified, webhook_vars};
use crate::helpers::base_vars;

async fn run_check(receiver: &Receiver, secret: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let mut vars = base_vars(dir.path(), None, &credentials).await;
    webhook_vars(&mut vars, receiver, secret);
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
async fn check_pings_the_receiver_signed_and_reports_its_answer() {
    let secret = SigningKey::generate();
    let receiver = Receiver::start(&secret);

    let (ok, text) = run_check(&receiver, &secret).await;
    assert!(ok, "{text}");
    assert!(text.contains("accepted a signed ping (HTTP 200"), "{text}");
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_all_verified(&received);
    assert_eq!(received[0].event_type, "ping");

    receiver.answer(&[401]);
    let (ok, text) = run_check(&receiver, &secret).await;
    assert!(!ok, "a refusal fails the check: {text}");
    assert!(
        text.contains("WEBHOOK_URL") && text.contains("HTTP 401"),
        "{text}"
    );
    assert!(!text.contains(&secret[6..]), "the secret is never printed");
}

#[tokio::test]
async fn a_webhook_url_without_its_secret_stops_start_up_naming_the_variable() {
    let secret = SigningKey::generate();
    let receiver = Receiver::down(&secret);
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let mut vars = base_vars(dir.path(), None, &credentials).await;
    webhook_vars(&mut vars, &receiver, &secret);
    vars.remove("WEBHOOK_SECRET");
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_upload-portal"))
        .env_clear()
        .envs(vars)
        .current_dir(dir.path())
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("WEBHOOK_SECRET: is required with WEBHOOK_URL"),
        "{stderr}"
    );
}

#[tokio::test]
async fn check_refuses_a_plain_http_webhook_url_to_another_machine_unless_allowed() {
    let secret = SigningKey::generate();
    let receiver = Receiver::down(&secret);
    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let mut vars = base_vars(dir.path(), None, &credentials).await;
    webhook_vars(&mut vars, &receiver, &secret);
    // A documentation address (RFC 5737): another machine, never reached by this test.
    vars.insert("WEBHOOK_URL".into(), "http://192.0.2.10/hooks".into());
    let run = |vars: std::collections::HashMap<String, String>| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_upload-portal"))
            .arg("check")
            .env_clear()
            .envs(vars)
            .current_dir(dir.path())
            .output()
    };
    let output = run(vars.clone()).await.unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("WEBHOOK_URL: is plain http://")
            && stderr.contains("WEBHOOK_ALLOW_PLAIN_HTTP=1"),
        "{stderr}"
    );

    // Allowed explicitly, start-up goes on (the check then fails only at the unreachable ping).
    vars.insert("WEBHOOK_ALLOW_PLAIN_HTTP".into(), "1".into());
    vars.insert("WEBHOOK_TIMEOUT_SECS".into(), "1".into());
    let output = run(vars).await.unwrap();
    let text = String::from_utf8_lossy(&output.stderr).to_string()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("is plain http://"), "{text}");
}
