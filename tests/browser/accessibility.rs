//! The accessibility audit of every page and state, at desktop and phone widths: axe-core finds
//! no WCAG 2.2 A or AA violation on the new-upload form (empty, with errors, refused with 429),
//! the send page (idle, uploading, cancelled, refused, failed, finished), an expired link, the
//! history with every status, the error pages and the operator view.

use super::axe::{assert_accessible, audit, describe};
use super::files::media_file;
use super::journeys::{describe_video, file_rows, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Browser, Options, with_browser};
use crate::helpers::{TestApp, spawn_app_with};

const OPERATOR: &str = "operator";
const OPERATOR_PASSWORD: &str = "a long operator password";
/// Slow enough that a 900 kB file is still on its way while axe audits the page.
const CRAWL: u64 = 64 * 1024;
const FAST: u64 = 1024 * 1024 * 1024;

#[tokio::test]
async fn every_page_and_state_has_no_wcag_2_2_aa_violation_at_desktop_and_phone_widths() {
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), OPERATOR.into());
        vars.insert("ADMIN_PASSWORD".into(), OPERATOR_PASSWORD.into());
        vars.insert("UPLOAD_MAX_FILE_MB".into(), "1".into());
        // Each browser starts four uploads below; the fifth is refused, for the 429 page.
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "4".into());
        // The history's statuses are written below; the jobs must leave them as they are.
        vars.insert("RECONCILE_INTERVAL_SECS".into(), "3600".into());
        vars.insert("REFRESH_INTERVAL_SECS".into(), "3600".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "Interview.mp4", 900_000);
    let too_big = media_file(dir.path(), "Four hours of raw footage.mov", 1_200_000);
    let mut rules = 0;

    for width in [1280, 375] {
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser(&format!("axe-{width}"), &app.address, options, async |b| {
            rules = rules.max(new_upload_form(b).await);
            send_page(b, &clip, &too_big).await;
            failed_upload(b, &app, &clip).await;
            expired_link(b, &app).await;
            history_with_every_status(b, &app, width).await;
            error_pages_and_operator_view(b, &app, width).await;
        })
        .await;
    }
    println!("axe: {rules} WCAG 2.2 A/AA rules ran on each page, no violations");
}

async fn new_upload_form(b: &Browser) -> usize {
    b.goto("/").await;
    let rules = assert_accessible(b, "new upload (empty)").await;
    b.click("form.metadata-form button[type=submit]").await;
    b.wait_for_element(".field-error").await;
    assert_accessible(b, "new upload (with errors)").await;
    rules
}

async fn send_page(b: &Browser, clip: &std::path::Path, too_big: &std::path::Path) {
    describe_video(b, "Audited while it travels").await;
    wait_for_enhanced_form(b).await;
    assert_accessible(b, "choose file (idle)").await;

    b.choose_files("#file", &[too_big]).await;
    wait_for_rows_to_settle(b, 1).await;
    assert_accessible(b, "choose file (file refused)").await;

    b.throttle(CRAWL).await;
    b.choose_files("#file", &[clip]).await;
    b.wait_for("the file to be on its way", || async {
        let rows = file_rows(b).await;
        match rows.last() {
            Some(row) if row.state == "uploading" && row.percent.is_some() => Ok(()),
            _ => Err(format!("{rows:?}")),
        }
    })
    .await;
    assert_accessible(b, "choose file (uploading)").await;
    b.click(".file-row:last-child .file-actions button:not([hidden])")
        .await;
    let rows = wait_for_rows_to_settle(b, 2).await;
    assert_eq!(rows[1].state, "cancelled", "{rows:?}");
    assert_accessible(b, "choose file (cancelled)").await;

    b.throttle(FAST).await;
    b.click(".file-row:last-child .file-actions button:not([hidden])")
        .await;
    let rows = wait_for_rows_to_settle(b, 2).await;
    assert_eq!(rows[1].state, "done", "{rows:?}");
    assert_accessible(b, "choose file (finished)").await;
}

/// 23 refuses the file (its token was revoked meanwhile): the row says it failed.
async fn failed_upload(b: &Browser, app: &TestApp, clip: &std::path::Path) {
    describe_video(b, "Refused by 23").await;
    wait_for_enhanced_form(b).await;
    let token = b
        .find("input[name=upload_token]")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    app.sandbox.expire_token(&token);
    b.choose_files("#file", &[clip]).await;
    let rows = wait_for_rows_to_settle(b, 1).await;
    assert_ne!(rows[0].state, "done", "{rows:?}");
    assert_accessible(b, &format!("choose file ({})", rows[0].state)).await;
}

async fn expired_link(b: &Browser, app: &TestApp) {
    let path = describe_video(b, "Left too long").await;
    let id = path
        .trim_start_matches("/uploads/")
        .trim_end_matches("/send");
    app.sql(&format!(
        "UPDATE uploads SET valid_until = 1 WHERE id = {id}"
    ))
    .await;
    b.goto(&path).await;
    b.wait_for_element(".notice-warning").await;
    assert_accessible(b, "expired upload link").await;
}

/// Adds one upload per status to this browser's visitor, then audits the history.
async fn history_with_every_status(b: &Browser, app: &TestApp, width: u32) {
    let path = describe_video(b, "Waiting for its file").await;
    let id = path
        .trim_start_matches("/uploads/")
        .trim_end_matches("/send");
    let photo = |status: &str, n: i64, extra: &str| {
        format!(
            "INSERT INTO photos (upload_id, photo_id, status, video_url, thumbnail_url, video_length, \
             next_refresh_at, created_at, updated_at) SELECT id, {n}, '{status}', {extra}, 4102444800, \
             1764633600, 1764633600 FROM uploads WHERE nonce = 'a11y-{width}-{status}'"
        )
    };
    for (status, error) in [
        ("uploaded", "NULL"),
        ("ready", "NULL"),
        ("failed", "'The file is not a video 23 can read'"),
        ("expired", "NULL"),
        ("unverified", "NULL"),
    ] {
        app.sql(&format!(
            "INSERT INTO uploads (visitor_id, nonce, upload_token, title, description, tags, publish, \
             status, error_message, max_uploads, valid_until, created_at, updated_at, next_check_at) \
             SELECT visitor_id, 'a11y-{width}-{status}', 'a11y-{width}-{status}', 'A video {status}', '', '', \
             1, '{status}', {error}, 1, 1, 1764633600, 1764633600, 4102444800 FROM uploads WHERE id = {id}"
        ))
        .await;
    }
    let site = &app.site_url;
    let n = i64::from(width) * 10;
    for (status, extra) in [
        ("uploaded", "NULL, NULL, NULL".to_string()),
        (
            "ready",
            format!("'{site}/video/{n}', '{site}/thumbnail/{n}.jpg', 83.5"),
        ),
        ("unverified", "NULL, NULL, NULL".to_string()),
    ] {
        app.sql(&photo(status, n + status.len() as i64, &extra))
            .await;
    }
    b.goto("/uploads").await;
    b.wait_for_element("li[data-status=unverified]").await;
    let shown = b
        .run("return Array.from(document.querySelectorAll('li[data-status]'), li => li.dataset.status)")
        .await;
    for status in [
        "pending",
        "uploaded",
        "ready",
        "failed",
        "expired",
        "unverified",
    ] {
        assert!(
            shown.as_array().unwrap().iter().any(|s| s == status),
            "the history shows {status}: {shown}"
        );
    }
    assert_accessible(b, "history with every status").await;
}

async fn error_pages_and_operator_view(b: &Browser, app: &TestApp, width: u32) {
    b.goto("/no-such-page").await;
    b.wait_for_element(".problem").await;
    assert_accessible(b, "error page (404)").await;
    b.goto("/uploads/callback/forged/forged?upload_token=x&photo_id=1")
        .await;
    b.wait_for_element(".problem").await;
    assert_accessible(b, "error page (refused callback)").await;
    b.goto("/").await;
    b.fill("#title", "One too many").await;
    b.click("form.metadata-form button[type=submit]").await;
    b.wait_for_element(".notice-error").await;
    assert_accessible(b, "new upload (too many uploads, 429)").await;

    let with_login = app.address.replacen(
        "http://",
        &format!(
            "http://{OPERATOR}:{}@",
            OPERATOR_PASSWORD.replace(' ', "%20")
        ),
        1,
    );
    b.client.goto(&format!("{with_login}/admin")).await.unwrap();
    b.wait_for_element("table.admin-uploads").await;
    if width >= 1280 {
        assert_accessible(b, "operator view").await;
    } else {
        operator_view_on_a_phone(b).await;
    }
}

/// On a phone the table scrolls sideways inside its focusable region (a data table may: WCAG
/// 1.4.10), and axe cannot measure the contrast of cells scrolled out of view. Those, and only
/// those, may stay undecided here: the same cells, with the same colours, pass at 1280 px.
async fn operator_view_on_a_phone(b: &Browser) {
    let report = audit(b).await;
    println!(
        "axe: operator view at 375 px: {} rules run, {} violations, needs review: cells scrolled out of view",
        report.rules_run,
        report.violations.len()
    );
    assert!(
        report.violations.is_empty(),
        "accessibility violations on the operator view at 375 px:\n{}",
        describe(&report.violations)
    );
    for item in &report.incomplete {
        assert_eq!(
            item["id"],
            "color-contrast",
            "{}",
            describe(&report.incomplete)
        );
        for node in item["nodes"].as_array().unwrap() {
            let in_table = b
                .client
                .execute(
                    "return !!document.querySelector(arguments[0])?.closest('.table-scroll')",
                    vec![node["target"][0].clone()],
                )
                .await
                .unwrap();
            assert_eq!(in_table, true, "{}", describe(&report.incomplete));
        }
    }
}
