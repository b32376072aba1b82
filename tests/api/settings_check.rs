//! The admin's "Settings check": what `upload-portal check` proves, on a page in the operator's
//! language; wrong credentials and an unreachable 23 site read as such, and no secret of the
//! configuration ever shows, whatever is checked.

use std::collections::HashMap;

use scraper::{Html, Selector};
use secrecy::ExposeSecret;
use upload_portal::i18n::catalog;

use crate::admin_languages::browser_asking_for;
use crate::campaign_admin::{Operator, with_admin};
use crate::helpers::{TestApp, attr, spawn_app_with};
use crate::mail::sink::Sink;

const SESSION_SECRET: &str = "session-secret-Vb7Qm2Xc9Lp4Rt8Zw3Ny6Hd1Kf5Gs0Ja";
const SMTP_PASSWORD: &str = "Smtp-pass-Yt6Bn3Qw";
const API_TOKEN: &str = "api-token-Rk2Lm9Pz4Xv7Cq1Wn8Bd5Hs3Jf6Tg0Ua";

/// (subject, verdict, what the page says) of each check, in order.
fn checks(html: &str) -> Vec<(String, String, String)> {
    let document = Html::parse_document(html);
    let item = Selector::parse("li.settings-check").unwrap();
    let heading = Selector::parse("h2").unwrap();
    let said = Selector::parse("p").unwrap();
    document
        .select(&item)
        .map(|li| {
            let text = |s: &Selector| li.select(s).next().map(|e| e.text().collect::<String>());
            (
                text(&heading).unwrap_or_default(),
                li.value()
                    .attr("data-verdict")
                    .unwrap_or_default()
                    .to_owned(),
                text(&said).unwrap_or_default(),
            )
        })
        .collect()
}

async fn settings_page(app: &TestApp, language: &str) -> String {
    let operator = Operator {
        app,
        browser: browser_asking_for(language),
    };
    let (status, html) = operator.get("/admin/settings").await;
    assert_eq!(status, 200, "{html}");
    html
}

fn with_known_secrets(vars: &mut HashMap<String, String>, smtp_port: u16) {
    with_admin(vars);
    vars.insert("SESSION_SECRET".into(), SESSION_SECRET.into());
    vars.insert("ADMIN_API_TOKEN".into(), API_TOKEN.into());
    vars.insert(
        "SMTP_URL".into(),
        format!("smtp://mailer:{SMTP_PASSWORD}@127.0.0.1:{smtp_port}"),
    );
    vars.insert("NOTIFY_EMAIL".into(), "operator@example.com".into());
}

#[tokio::test]
async fn the_settings_check_says_in_danish_what_works_and_shows_no_secret() {
    let sink = Sink::with_login("mailer", SMTP_PASSWORD).await;
    let app = spawn_app_with(|vars| with_known_secrets(vars, sink.port)).await;

    let html = settings_page(&app, "da").await;
    let found = checks(&html);
    let da = catalog().get("da").unwrap();
    assert_eq!(found.len(), 3, "database, 23 site, mail server: {found:?}");
    for (subject, verdict, _) in &found {
        assert_eq!(verdict, "works", "{subject}: {found:?}");
    }
    assert!(found[0].0.starts_with(&da.t("admin-check-database")));
    assert_eq!(found[0].2, da.t("admin-check-database-opens"));
    assert!(found[1].2.contains(&app.site_url), "{found:?}");
    assert!(found[1].2.contains("skriverettighed"), "{found:?}");
    assert!(found[2].2.contains(&format!("127.0.0.1:{}", sink.port)));
    assert_eq!(
        attr(&html, "[aria-current=page]", "href").as_deref(),
        Some("/admin/settings")
    );
    assert_eq!(
        sink.logins().last().unwrap().1,
        SMTP_PASSWORD,
        "the login was really tried"
    );

    let credentials = &app.credentials;
    for secret in [
        credentials.consumer_secret.expose_secret(),
        credentials.token_secret.expose_secret(),
        SESSION_SECRET,
        SMTP_PASSWORD,
        API_TOKEN,
        crate::campaign_admin::PASSWORD,
    ] {
        assert!(!html.contains(secret), "the page shows a secret");
    }
}

#[tokio::test]
async fn wrong_credentials_read_as_wrong_credentials_and_their_secret_stays_hidden() {
    let sink = Sink::with_login("mailer", SMTP_PASSWORD).await;
    let wrong_secret = "wrong-consumer-secret-Pq8Zt3Lx6Vb1";
    let wrong_password = "Wrong-smtp-pass-Hj4Kd9";
    let app = spawn_app_with(|vars| {
        with_known_secrets(vars, sink.port);
        vars.insert("TWENTYTHREE_CONSUMER_SECRET".into(), wrong_secret.into());
        vars.insert(
            "SMTP_URL".into(),
            format!("smtp://mailer:{wrong_password}@127.0.0.1:{}", sink.port),
        );
    })
    .await;

    let html = settings_page(&app, "en").await;
    let found = checks(&html);
    assert_eq!(found[0].1, "works", "{found:?}");
    assert_eq!(found[1].1, "fails", "{found:?}");
    assert!(found[1].2.contains("refuses the credentials"), "{found:?}");
    assert_eq!(found[2].1, "fails", "{found:?}");
    assert!(
        found[2].2.contains("does not work with SMTP_URL"),
        "{found:?}"
    );
    assert_eq!(
        attr(&html, ".check-summary", "data-all-work").as_deref(),
        Some("false")
    );
    for secret in [wrong_secret, wrong_password, SMTP_PASSWORD, SESSION_SECRET] {
        assert!(!html.contains(secret), "the page shows a secret");
    }

    let sv = settings_page(&app, "sv").await;
    let url = url::Url::parse(&app.site_url).unwrap().to_string();
    let swedish = catalog().get("sv").unwrap().t_args(
        "admin-check-site-credentials",
        &upload_portal::i18n::args(&[("url", url.into())]),
    );
    assert_eq!(checks(&sv)[1].2, swedish);
}

#[tokio::test]
async fn an_unreachable_23_site_reads_as_unreachable() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = spawn_app_with(|vars| {
        with_admin(vars);
        vars.insert("TWENTYTHREE_URL".into(), format!("http://{closed}/"));
    })
    .await;
    let found = checks(&settings_page(&app, "de").await);
    assert_eq!(found[1].1, "fails", "{found:?}");
    let de = catalog().get("de").unwrap();
    assert!(found[1].2.contains("war nicht erreichbar"), "{found:?}");
    assert!(
        found[1].0.starts_with(&de.t("admin-check-site")),
        "{found:?}"
    );
}
