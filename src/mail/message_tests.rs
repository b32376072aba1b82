use std::time::Duration;

use super::*;
use crate::mail::settings::{NotifyMode, Security, SmtpServer};

fn settings() -> MailSettings {
    MailSettings {
        server: SmtpServer {
            host: "localhost".into(),
            port: 25,
            security: Security::Plain,
            username: None,
            password: None,
        },
        to: vec!["Operator <op@example.com>".parse().unwrap()],
        from: "Upload portal <portal@example.com>".parse().unwrap(),
        mode: NotifyMode::EachUpload,
        first_retry: Duration::from_secs(30),
    }
}

fn notice(id: i64, title: &str) -> Notice {
    Notice {
        upload_id: id,
        title: title.into(),
        description: String::new(),
        campaign: None,
        answers: Vec::new(),
        videos: 1,
        waiting_for_approval: false,
    }
}

fn public() -> Url {
    Url::parse("https://videos.example.com/portal").unwrap()
}

/// The message as it goes over the wire, split at the blank line after the headers.
fn wire(notices: &[Notice]) -> (String, String) {
    let bytes = compose(&settings(), &public(), notices)
        .unwrap()
        .formatted();
    let text = String::from_utf8(bytes).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (head.to_string(), body.to_string())
}

#[test]
fn the_mail_names_the_campaign_the_answers_and_links_to_the_upload_in_the_admin() {
    let mut one = notice(41, "How we use it");
    one.campaign = Some("Product 1234".into());
    one.answers = vec![
        ("Your company".into(), "Acme".into()),
        ("What changed".into(), "Faster\nand cheaper".into()),
    ];
    one.waiting_for_approval = true;
    let text = body(&public(), &[one]);
    for line in [
        "Title: How we use it",
        "Campaign: Product 1234",
        "Your company: Acme",
        "What changed: Faster\n  and cheaper",
        "Waiting for your approval.",
        "In the admin: https://videos.example.com/portal/admin?before=42#upload-41",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
}

#[test]
fn a_title_with_line_breaks_stays_inside_the_subject() {
    let attack = "Hello\r\nBcc: victim@example.net\r\n\r\nInjected body";
    let (head, _) = wire(&[notice(1, attack)]);
    let headers: Vec<&str> = head.split("\r\n").collect();
    assert!(
        !headers
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("bcc")),
        "{head}"
    );
    assert!(
        head.contains("Subject: New video: Hello Bcc: victim@example.net Injected body"),
        "{head}"
    );
    assert!(
        head.contains("Content-Type: text/plain; charset=utf-8"),
        "{head}"
    );
}

#[test]
fn a_long_title_is_cut_in_the_subject_but_whole_in_the_body() {
    let long = "ø".repeat(200);
    let subject = subject(&[notice(1, &long)]);
    assert_eq!(subject.chars().count(), "New video: ".len() + 80 + 1);
    assert!(body(&public(), &[notice(1, &long)]).contains(&long));
}

#[test]
fn a_digest_counts_its_uploads_and_lists_each() {
    let notices = [notice(1, "One"), notice(2, "Two"), notice(3, "")];
    assert_eq!(subject(&notices), "3 new videos");
    let text = body(&public(), &notices);
    assert!(text.contains("Title: One") && text.contains("Title: Two"));
    assert!(text.contains("Title: (untitled)"));
    assert_eq!(text.matches("In the admin: ").count(), 3);
}
