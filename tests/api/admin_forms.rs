//! Every form of /admin refuses a cross-site request: the operator's browser sends the Basic
//! credentials (and the session cookie) with a forged POST too, so each form needs the page's
//! CSRF token and a same-site origin. Each attack is tried on each form; nothing changes.

use std::time::Duration;

use crate::helpers::{TestApp, attr, browser, spawn_app_with, text};

const USER: &str = "operator";
const PASSWORD: &str = "correct horse battery";

fn admin_with_approval(vars: &mut std::collections::HashMap<String, String>) {
    vars.insert("ADMIN_USERNAME".into(), USER.into());
    vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
    vars.insert("MODERATION".into(), "on".into());
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let response = client
        .get(app.url(path))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn token_of(client: &reqwest::Client, app: &TestApp) -> String {
    let html = get(client, app, "/admin/campaigns/new").await;
    attr(&html, "input[name=csrf_token]", "value").unwrap()
}

/// Makes a campaign through the operator's own form (the control: a genuine post works).
async fn campaign(client: &reqwest::Client, app: &TestApp, slug: &str, opens_at: &str) -> String {
    let token = token_of(client, app).await;
    let response = client
        .post(app.url("/admin/campaigns"))
        .basic_auth(USER, Some(PASSWORD))
        .header("origin", app.address.as_str())
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", slug),
            ("slug", slug),
            ("opens_at", opens_at),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    location.split('?').next().unwrap().to_string()
}

/// What is wrong with a forged post: its name, the token it carries, the headers its browser adds.
type Attack<'a> = (&'a str, Option<&'a str>, Vec<(&'a str, &'a str)>);

#[tokio::test]
async fn every_admin_form_refuses_a_cross_site_post_and_nothing_changes() {
    let app = spawn_app_with(admin_with_approval).await;
    let operator = browser();
    let open = campaign(&operator, &app, "open-one", "").await;
    let later = campaign(&operator, &app, "later-one", "2099-01-01T00:00").await;
    app.complete_upload("Waiting").await;
    let upload_id = app.newest_upload_id().await;

    let approve = format!("approve:{upload_id}");
    let forms: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/admin/campaigns".into(),
            vec![("name", "Forged"), ("slug", "forged")],
        ),
        (open.clone(), vec![("name", "Forged"), ("slug", "open-one")]),
        (format!("{open}/close"), vec![]),
        (format!("{later}/open"), vec![]),
        ("/admin/approval".into(), vec![("one", approve.as_str())]),
        ("/admin/webhooks/1/retry".into(), vec![]),
    ];
    let token = token_of(&operator, &app).await;
    // A token the attacker got from a session of their own.
    let attackers = browser();
    attackers.get(app.url("/")).send().await.unwrap();
    let attackers_token = token_of(&attackers, &app).await;
    assert_ne!(token, attackers_token);

    let attacks: [Attack; 5] = [
        ("no token", None, vec![]),
        ("another session's token", Some(&attackers_token), vec![]),
        (
            "another site's origin",
            Some(&token),
            vec![("origin", "https://evil.example")],
        ),
        (
            "a cross-site fetch",
            Some(&token),
            vec![("sec-fetch-site", "cross-site")],
        ),
        ("an opaque origin", Some(&token), vec![("origin", "null")]),
    ];
    for (path, fields) in &forms {
        for (attack, csrf, headers) in &attacks {
            let mut form: Vec<(&str, &str)> = fields.clone();
            if let Some(csrf) = csrf {
                form.push(("csrf_token", csrf));
            }
            let mut request = operator
                .post(app.url(path))
                .basic_auth(USER, Some(PASSWORD));
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let response = request.form(&form).send().await.unwrap();
            assert_eq!(response.status(), 403, "{path} with {attack}");
        }
    }

    let list = get(&operator, &app, "/admin/campaigns").await;
    assert_eq!(
        crate::helpers::count(&list, "tr[data-slug]"),
        2,
        "no campaign made"
    );
    assert!(!list.contains("Forged"), "no campaign renamed");
    assert_eq!(
        attr(&list, "tr[data-slug=open-one]", "data-state").as_deref(),
        Some("open"),
        "not closed"
    );
    assert_eq!(
        attr(&list, "tr[data-slug=later-one]", "data-state").as_deref(),
        Some("not-yet-open"),
        "not opened"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(app.sandbox.photo_calls().is_empty(), "23 was never asked");
    let queue = get(&operator, &app, "/admin/approval").await;
    assert_eq!(
        attr(
            &queue,
            &format!("[data-upload-id=\"{upload_id}\"]"),
            "data-review"
        )
        .as_deref(),
        Some("waiting")
    );
    assert!(
        text(&queue, "[role=status]").is_empty(),
        "no decision noted"
    );
}
