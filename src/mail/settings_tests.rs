use std::collections::HashMap;
use std::time::Duration;

use secrecy::ExposeSecret as _;

use super::*;

fn parse(pairs: &[(&'static str, &str)]) -> Result<Option<MailSettings>, ConfigError> {
    let vars: HashMap<&str, String> = pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
    from_vars(&|name| vars.get(name).cloned(), Some("videos.example.com"))
}

fn with_url(url: &str) -> Result<Option<MailSettings>, ConfigError> {
    parse(&[("SMTP_URL", url), ("NOTIFY_EMAIL", "op@example.com")])
}

#[test]
fn no_notify_email_means_no_mail() {
    assert!(parse(&[]).unwrap().is_none());
}

#[test]
fn smtps_starttls_and_plain_urls_choose_their_protection_and_default_port() {
    let cases = [
        (
            "smtps://u%40x.com:p%3Ass@mail.example.com",
            Security::Tls,
            465,
        ),
        (
            "smtp://u:p@mail.example.com?tls=starttls",
            Security::StartTls,
            587,
        ),
        (
            "smtp://u:p@mail.example.com:2525?tls=required",
            Security::StartTls,
            2525,
        ),
        ("smtp://relay.internal", Security::Plain, 25),
        ("smtp://u:p@127.0.0.1:2525", Security::Plain, 2525),
    ];
    for (url, security, port) in cases {
        let settings = with_url(url).unwrap().unwrap();
        assert_eq!(settings.server.security, security, "{url}");
        assert_eq!(settings.server.port, port, "{url}");
    }
    let decoded = with_url("smtps://u%40x.com:p%3Ass@mail.example.com")
        .unwrap()
        .unwrap();
    assert_eq!(decoded.server.username.as_deref(), Some("u@x.com"));
    assert_eq!(
        decoded.server.password.as_ref().unwrap().expose_secret(),
        "p:ss"
    );
    assert_eq!(decoded.from.email.to_string(), "u@x.com", "the login sends");
}

#[test]
fn a_password_in_the_clear_to_another_machine_is_refused() {
    for url in [
        "smtp://u:hunter2-secret@mail.example.com",
        "smtp://u:hunter2-secret@mail.example.com?tls=opportunistic",
    ] {
        let error = with_url(url).unwrap_err();
        assert_eq!(error.variable, "SMTP_URL");
        assert!(error.problem.contains("unencrypted"), "{error:?}");
        assert!(
            !error.problem.contains("hunter2"),
            "the value is never repeated"
        );
    }
}

#[test]
fn bad_urls_name_the_variable_without_repeating_the_password() {
    for url in [
        "http://u:hunter2-secret@mail.example.com",
        "smtps://u:hunter2-secret@mail.example.com?tls=starttls",
        "smtp://u:hunter2-secret@mail.example.com?tls=maybe",
        "smtps://u:hunter2-secret@mail.example.com/path",
        "smtps://:hunter2-secret@mail.example.com",
        "not a url hunter2-secret",
    ] {
        let error = with_url(url).unwrap_err();
        assert_eq!(error.variable, "SMTP_URL", "{url}");
        assert!(!error.problem.contains("hunter2"), "{url}: {error:?}");
    }
}

#[test]
fn each_half_of_the_pair_asks_for_the_other() {
    let error = parse(&[("SMTP_URL", "smtp://localhost")]).unwrap_err();
    assert_eq!(error.variable, "NOTIFY_EMAIL");
    let error = parse(&[("NOTIFY_EMAIL", "op@example.com")]).unwrap_err();
    assert_eq!(error.variable, "SMTP_URL");
    let error = parse(&[("SMTP_URL", "smtp://localhost"), ("NOTIFY_EMAIL", "op")]).unwrap_err();
    assert_eq!(error.variable, "NOTIFY_EMAIL");
}

#[test]
fn the_sender_defaults_to_the_public_host_and_may_be_set() {
    let settings = with_url("smtp://localhost").unwrap().unwrap();
    assert_eq!(
        settings.from.email.to_string(),
        "upload-portal@videos.example.com"
    );
    let settings = parse(&[
        ("SMTP_URL", "smtp://localhost"),
        ("NOTIFY_EMAIL", "a@example.com, b@example.com"),
        ("NOTIFY_FROM", "Portal <portal@example.org>"),
        ("NOTIFY_MODE", "hourly"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(settings.from.to_string(), "Portal <portal@example.org>");
    assert_eq!(settings.to.len(), 2);
    assert_eq!(settings.mode, NotifyMode::Hourly);
    let error = parse(&[
        ("SMTP_URL", "smtp://localhost"),
        ("NOTIFY_EMAIL", "a@example.com"),
        ("NOTIFY_MODE", "daily"),
    ])
    .unwrap_err();
    assert_eq!(error.variable, "NOTIFY_MODE");
}

#[test]
fn retries_double_from_the_first_wait_up_to_an_hour() {
    let mut settings = with_url("smtp://localhost").unwrap().unwrap();
    settings.first_retry = Duration::from_secs(30);
    let waits: Vec<u64> = (1..=9).map(|n| settings.retry_after(n).as_secs()).collect();
    assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    assert_eq!(settings.retry_after(u32::MAX), MAX_RETRY_WAIT);
}
