//! The operator's view: who may see it, what it shows, and the CSV export.

use crate::helpers::{TestApp, browser, count, spawn_app, spawn_app_with, text};

const USER: &str = "operator";
const PASSWORD: &str = "correct horse battery";

async fn app_with_admin() -> TestApp {
    spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), USER.into());
        vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
    })
    .await
}

/// GET as the operator (a client of its own, so no visitor cookie is involved).
async fn as_operator(app: &TestApp, path: &str) -> reqwest::Response {
    browser()
        .get(app.url(path))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap()
}

async fn admin_html(app: &TestApp, path: &str) -> String {
    let response = as_operator(app, path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.unwrap()
}

/// The titles of the list's rows, in order.
fn listed_titles(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("tr[data-upload-id] td.title").unwrap();
    document
        .select(&selector)
        .map(|e| e.text().collect())
        .collect()
}

#[tokio::test]
async fn with_no_credentials_configured_the_operator_pages_do_not_exist() {
    let app = spawn_app().await;
    for path in ["/admin", "/admin/uploads.csv"] {
        let response = as_operator(&app, path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(response.headers().get("www-authenticate").is_none());
    }
}

#[tokio::test]
async fn without_or_with_wrong_credentials_the_operator_is_refused_and_sees_nothing() {
    let app = app_with_admin().await;
    app.mint("Private title").await;
    let attempts = [
        browser().get(app.url("/admin")),
        browser()
            .get(app.url("/admin"))
            .basic_auth(USER, Some("wrong password!")),
        browser()
            .get(app.url("/admin"))
            .basic_auth("someone", Some(PASSWORD)),
        browser().get(app.url("/admin/uploads.csv")),
        browser().get(app.url("/admin")).bearer_auth(PASSWORD),
    ];
    for request in attempts {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        let challenge = response.headers()["www-authenticate"].to_str().unwrap();
        assert!(challenge.starts_with("Basic realm="), "{challenge}");
        assert_eq!(response.headers()["cache-control"], "no-store");
        assert!(!response.text().await.unwrap().contains("Private title"));
    }
}

#[tokio::test]
async fn the_operator_sees_every_visitors_uploads_newest_first_and_pages_are_not_cached() {
    let app = app_with_admin().await;
    app.mint("Alice's clip").await;
    let bob = another_browser(&app);
    bob.complete_upload("Bob's clip").await;

    let response = as_operator(&app, "/admin").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    assert_eq!(listed_titles(&html), ["Bob's clip", "Alice's clip"]);
    assert_eq!(count(&html, "tr[data-status=uploaded]"), 1);
    assert_eq!(
        count(&html, "[data-status-count=pending][data-count='1']"),
        1
    );
    assert_eq!(count(&html, "[data-status-count=''][data-count='2']"), 1);
}

#[tokio::test]
async fn filters_narrow_the_list_and_the_last_errors_give_23s_reasons() {
    let app = app_with_admin().await;
    app.mint("Holiday in Rome").await;
    app.failed_upload("Holiday notes").await;
    app.mint("Cats").await;

    let html = admin_html(&app, "/admin?q=holiday").await;
    assert_eq!(listed_titles(&html), ["Holiday notes", "Holiday in Rome"]);
    let html = admin_html(&app, "/admin?q=HOLIDAY&status=failed").await;
    assert_eq!(listed_titles(&html), ["Holiday notes"]);
    let html = admin_html(&app, "/admin?from=2000-01-01&to=2000-12-31").await;
    assert!(listed_titles(&html).is_empty(), "nothing was made in 2000");

    let reason = text(&html, ".failures li .reason");
    assert!(!reason.trim().is_empty(), "23's error message is shown");
    assert!(text(&html, ".failures li").contains("Holiday notes"));
}

#[tokio::test]
async fn a_photo_id_finds_the_upload_that_made_it() {
    let app = app_with_admin().await;
    app.complete_upload("Found by id").await;
    app.mint("Other").await;
    let photo_id = app.sandbox.photos()[0].photo_id;
    let html = admin_html(&app, &format!("/admin?q={photo_id}")).await;
    assert_eq!(listed_titles(&html), ["Found by id"]);
}

#[tokio::test]
async fn malformed_filters_get_a_calm_400() {
    let app = app_with_admin().await;
    for path in [
        "/admin?status=lost",
        "/admin?from=yesterday",
        "/admin?before=x",
    ] {
        assert_eq!(as_operator(&app, path).await.status(), 400, "{path}");
    }
}

#[tokio::test]
async fn the_list_pages_along_an_id_cursor() {
    let app = app_with_admin().await;
    for n in 0..52 {
        app.sql(&format!(
            "INSERT INTO uploads (visitor_id, nonce, upload_token, title, description, tags, publish, \
             status, max_uploads, valid_until, created_at, updated_at) \
             VALUES ('v', 'n{n}', 't{n}', 'Video {n}', '', '', 1, 'pending', 1, 0, 0, 0)"
        ))
        .await;
    }
    let first = admin_html(&app, "/admin").await;
    assert_eq!(listed_titles(&first).len(), 50);
    let older = crate::helpers::attr(&first, "a[rel=next]", "href").expect("a link to older");
    let second = admin_html(&app, &older).await;
    assert_eq!(listed_titles(&second), ["Video 1", "Video 0"]);
    assert_eq!(count(&second, "a[rel=next]"), 0);
}

#[tokio::test]
async fn the_csv_export_holds_the_filtered_list_with_formulas_defused() {
    let app = app_with_admin().await;
    app.mint("=HYPERLINK(\"http://evil.example\",\"click\")")
        .await;
    app.mint("Plain, with a comma").await;
    app.mint("Not exported").await;

    let response = as_operator(&app, "/admin/uploads.csv?q=%2C").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("id,created_at,status,title,"));
    assert_eq!(
        lines.len(),
        3,
        "header plus the two titles with a comma: {csv}"
    );
    assert!(
        lines[1].contains(",\"Plain, with a comma\","),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(r#","'=HYPERLINK(""http://evil.example"",""click"")","#),
        "{}",
        lines[2]
    );
}

/// Another visitor's browser on the same portal and 23.
fn another_browser(app: &TestApp) -> TestApp {
    TestApp {
        address: app.address.clone(),
        site_url: app.site_url.clone(),
        sandbox: app.sandbox.clone(),
        credentials: app.credentials.clone(),
        browser: browser(),
        data_dir: tempfile::tempdir().unwrap(),
        database_url: app.database_url.clone(),
    }
}
