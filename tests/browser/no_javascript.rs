//! With JavaScript off, the plain HTML form uploads straight to 23 and 23 sends the visitor back.

use super::files::media_file;
use super::journeys::describe_video;
use super::session::{Options, with_browser};
use super::under_path::spawn_app_under_path;
use crate::helpers::{TestApp, spawn_app};

#[tokio::test]
async fn without_javascript_the_plain_form_uploads_the_file_and_lands_on_the_history() {
    upload_without_javascript(spawn_app().await).await;
}

/// The same, with the portal below a path (`PUBLIC_URL` ending in `/portal`).
#[tokio::test]
async fn without_javascript_the_plain_form_uploads_below_a_path_prefix() {
    upload_without_javascript(spawn_app_under_path().await).await;
}

async fn upload_without_javascript(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "holiday.mp4", 300_000);
    let options = Options {
        javascript: false,
        ..Options::default()
    };

    with_browser("no-javascript", &app.address, options, async |b| {
        describe_video(b, "Without JavaScript").await;
        assert!(
            !b.exists("form.upload-form[data-enhanced]").await,
            "JavaScript is off, so the page script must not have run"
        );
        b.click(".edit-details summary").await;
        b.fill("#edit-title", "Without JavaScript, corrected").await;
        b.click("form.details-form button[type=submit]").await;
        b.wait_for("the corrected title on the send page", || async {
            let summary = b.text_now("dl.summary").await?;
            if summary.contains("corrected") {
                Ok(())
            } else {
                Err(summary)
            }
        })
        .await;
        b.screenshot("send-without-javascript-desktop").await;

        let submit = b.find("form.upload-form button[type=submit]").await;
        assert!(
            submit.is_displayed().await.unwrap(),
            "the plain submit button shows"
        );

        b.choose_files("#file", &[&clip]).await;
        submit.click().await.unwrap();

        b.wait_for_path("/uploads").await;
        let entry = b.wait_for_element("li[data-status]").await;
        assert_eq!(
            entry.attr("data-status").await.unwrap().as_deref(),
            Some("uploaded")
        );
        assert!(
            entry
                .text()
                .await
                .unwrap()
                .contains("Without JavaScript, corrected")
        );
    })
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1, "23 received the file once");
    assert_eq!(photos[0].size, 300_000);
    assert_eq!(photos[0].original_filename, "holiday.mp4");
}
