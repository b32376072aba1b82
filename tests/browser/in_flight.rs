//! What the visitor sees and can do while a file is on its way: progress with speed, cancel and
//! try again, and a token renewed when it is about to expire. The browser's network is slowed
//! (chromedriver's network conditions) so that a loopback upload lasts long enough to watch.

use super::files::media_file;
use super::journeys::{
    FileRow, describe_video, file_rows, wait_for_enhanced_form, wait_for_rows_to_settle,
};
use super::session::{Browser, Options, with_browser};
use super::under_path::spawn_app_under_path;
use crate::helpers::{TestApp, spawn_app};

pub const SLOW: u64 = 512 * 1024;
pub const FAST: u64 = 1024 * 1024 * 1024;

/// Waits for the single row to be part-way through sending, with at least `percent` done.
pub async fn wait_until_part_way(b: &Browser, percent: u32) -> FileRow {
    b.wait_for("the upload to be part-way", || async {
        let rows = file_rows(b).await;
        let shown = rows
            .first()
            .and_then(|r| r.percent.as_deref())
            .and_then(|p| p.parse::<u32>().ok());
        match (rows.first(), shown) {
            (Some(row), Some(p)) if row.state == "uploading" && (percent..100).contains(&p) => {
                Ok(row.clone())
            }
            _ => Err(format!("{rows:?}")),
        }
    })
    .await
}

#[tokio::test]
async fn a_file_uploads_with_percent_and_speed_shown_and_ends_uploaded_without_leaving_the_page() {
    upload_with_progress(spawn_app().await).await;
}

/// The same, with the portal below a path (`PUBLIC_URL` ending in `/portal`).
#[tokio::test]
async fn a_file_uploads_with_progress_below_a_path_prefix() {
    upload_with_progress(spawn_app_under_path().await).await;
}

async fn upload_with_progress(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "garden party.mp4", 2 * 1024 * 1024);

    with_browser("progress", &app.address, Options::default(), async |b| {
        let send_path = describe_video(b, "With progress").await;
        wait_for_enhanced_form(b).await;
        b.throttle(SLOW).await;
        b.choose_files("#file", &[&clip]).await;

        let midway = wait_until_part_way(b, 10).await;
        assert_eq!(
            midway.transport.as_deref(),
            Some("xhr"),
            "sent with progress"
        );
        assert!(
            midway.status.contains("% · ") && midway.status.contains("/s"),
            "percent and speed are shown: {}",
            midway.status
        );
        b.screenshot("send-uploading-desktop").await;

        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
        assert_eq!(rows[0].percent.as_deref(), Some("100"));
        assert!(rows[0].status.starts_with("Uploaded"), "{rows:?}");
        assert_eq!(b.path().await, send_path, "the visitor never left the page");

        b.throttle(FAST).await;
        b.click(".file-row .file-link").await;
        b.wait_for_path("/uploads").await;
        let entry = b.wait_for_element("li[data-status]").await;
        assert_eq!(
            entry.attr("data-status").await.unwrap().as_deref(),
            Some("uploaded")
        );
    })
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].size, 2 * 1024 * 1024);
}

#[tokio::test]
async fn a_cancelled_upload_sends_nothing_more_and_try_again_sends_it_whole() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "second thoughts.mp4", 2 * 1024 * 1024);

    with_browser("cancel", &app.address, Options::default(), async |b| {
        describe_video(b, "Cancelled once").await;
        wait_for_enhanced_form(b).await;
        b.throttle(SLOW).await;
        b.choose_files("#file", &[&clip]).await;
        wait_until_part_way(b, 5).await;

        b.click(".file-row .file-actions button:not([hidden])")
            .await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "cancelled", "{rows:?}");
        assert!(
            app.sandbox.photos().is_empty(),
            "the cut-off file was not kept"
        );

        b.throttle(FAST).await;
        b.click(".file-row .file-actions button:not([hidden])")
            .await;
        let rows = b
            .wait_for("the second try to finish", || async {
                let rows = file_rows(b).await;
                if rows[0].state == "done" {
                    Ok(rows)
                } else {
                    Err(format!("{rows:?}"))
                }
            })
            .await;
        assert_eq!(rows.len(), 1, "the same row was used again");
    })
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].size, 2 * 1024 * 1024);
}

#[tokio::test]
async fn a_token_about_to_expire_is_renewed_before_the_file_is_sent() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "just in time.mp4", 500_000);

    with_browser("renewal", &app.address, Options::default(), async |b| {
        let first_path = describe_video(b, "Renewed").await;
        wait_for_enhanced_form(b).await;
        let first_token = b
            .find("input[name=upload_token]")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap();
        // The page was left open: one minute of the token's life is left, and 23 already
        // refuses it, so only a renewed token can carry the file.
        b.run(
            "document.querySelector('form.upload-form').dataset.expiresAt =
               new Date(Date.now() + 60000).toISOString()",
        )
        .await;
        app.sandbox.expire_token(&first_token);

        b.choose_files("#file", &[&clip]).await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");

        let photos = app.sandbox.photos();
        assert_eq!(photos.len(), 1);
        assert_ne!(
            photos[0].upload_token, first_token,
            "sent with a fresh token"
        );
        let new_path = b.path().await;
        assert_ne!(new_path, first_path, "the address names the renewed upload");
        assert!(new_path.ends_with("/send"), "{new_path}");
    })
    .await;
}

#[tokio::test]
async fn the_title_corrected_while_the_file_is_on_its_way_is_the_one_the_video_gets() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "typo.mp4", 2 * 1024 * 1024);

    with_browser(
        "edit-details",
        &app.address,
        Options::default(),
        async |b| {
            describe_video(b, "Teh garden").await;
            wait_for_enhanced_form(b).await;
            b.throttle(SLOW).await;
            b.choose_files("#file", &[&clip]).await;
            wait_until_part_way(b, 5).await;

            b.click(".edit-details summary").await;
            b.fill("#edit-title", "The garden").await;
            b.click("form.details-form button[type=submit]").await;
            b.wait_for("the details to be saved", || async {
                let message = b.text_now(".details-message").await?;
                if message.starts_with("Saved") {
                    Ok(())
                } else {
                    Err(message)
                }
            })
            .await;
            let summary = b.text_now("dl.summary").await.unwrap();
            assert!(summary.contains("The garden"), "{summary}");
            let row = file_rows(b).await.remove(0);
            assert!(
                matches!(row.state.as_str(), "uploading" | "confirming" | "done"),
                "the upload carried on: {row:?}"
            );

            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
        },
    )
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].title, "The garden");
}
