//! With JavaScript on: progress, several files, the CORS-refused fallback, chunks with a retry,
//! and files refused before anything is sent.

use super::files::media_file;
use super::journeys::{describe_video, file_rows, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Options, with_browser};
use super::under_path::spawn_app_under_path;
use crate::helpers::{TestApp, spawn_app, spawn_app_with};

#[tokio::test]
async fn several_files_upload_in_one_go_each_in_its_own_row_and_extras_beyond_the_limit_are_refused()
 {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "3".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let files = [
        media_file(dir.path(), "one.mp4", 400_000),
        media_file(dir.path(), "two.mov", 500_000),
        media_file(dir.path(), "three.mp3", 600_000),
        media_file(dir.path(), "four.mp4", 700_000),
    ];

    with_browser("js-several", &app.address, Options::default(), async |b| {
        describe_video(b, "Several files").await;
        wait_for_enhanced_form(b).await;
        let paths: Vec<_> = files.iter().map(|p| p.as_path()).collect();
        b.choose_files("#file", &paths).await;

        let rows = wait_for_rows_to_settle(b, 4).await;
        let states: Vec<_> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.state.as_str()))
            .collect();
        assert_eq!(
            states,
            [
                ("one.mp4", "done"),
                ("two.mov", "done"),
                ("three.mp3", "done"),
                ("four.mp4", "rejected")
            ]
        );
        assert_eq!(
            rows[3].status, "Not sent: this upload takes only 3 more files, already chosen above.",
            "the row says why, without repeating the name it shows"
        );
        assert!(
            b.find(".upload-complete")
                .await
                .is_displayed()
                .await
                .unwrap()
        );
    })
    .await;

    let mut sizes: Vec<u64> = app.sandbox.photos().iter().map(|p| p.size).collect();
    sizes.sort();
    assert_eq!(sizes, [400_000, 500_000, 600_000]);
    let history = app.history().await;
    assert!(
        history.is_empty(),
        "another browser (the test's client) sees none of them"
    );
}

#[tokio::test]
async fn when_23_refuses_cross_origin_uploads_the_file_goes_by_a_form_post_in_a_hidden_frame() {
    let app = spawn_app().await;
    app.sandbox.set_cross_origin_uploads(false);
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "no-cors.mp4", 800_000);

    with_browser(
        "js-cors-refused",
        &app.address,
        Options::default(),
        async |b| {
            let send_path = describe_video(b, "Without CORS").await;
            wait_for_enhanced_form(b).await;
            b.choose_files("#file", &[&clip]).await;

            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            assert_eq!(
                rows[0].transport.as_deref(),
                Some("form"),
                "fell back to a form post"
            );
            assert_eq!(b.path().await, send_path, "the visitor never left the page");

            b.goto("/uploads").await;
            let entry = b.wait_for_element("li[data-status]").await;
            assert_eq!(
                entry.attr("data-status").await.unwrap().as_deref(),
                Some("uploaded")
            );
        },
    )
    .await;

    assert_eq!(
        app.sandbox.photos().len(),
        1,
        "sent once, not once per attempt"
    );
}

#[tokio::test]
async fn a_big_file_goes_in_chunks_and_a_chunk_that_fails_is_sent_again() {
    upload_in_chunks(spawn_app().await).await;
}

/// The same, with the portal below a path (`PUBLIC_URL` ending in `/portal`).
#[tokio::test]
async fn a_big_file_goes_in_chunks_below_a_path_prefix() {
    upload_in_chunks(spawn_app_under_path().await).await;
}

async fn upload_in_chunks(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let size = 2 * 1024 * 1024 + 123_457; // ten 256 KiB chunks, the last one longer
    let clip = media_file(dir.path(), "long take.mp4", size);

    with_browser("js-chunks", &app.address, Options::default(), async |b| {
        describe_video(b, "In chunks").await;
        wait_for_enhanced_form(b).await;
        // What the operator's chunk settings would put on the form.
        b.run(
            "const f = document.querySelector('form.upload-form');
               f.dataset.chunkThreshold = 1048576; f.dataset.chunkSize = 262144;",
        )
        .await;
        app.sandbox.fail_next_chunks(1, 503);
        b.choose_files("#file", &[&clip]).await;

        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
        assert_eq!(rows[0].transport.as_deref(), Some("chunks"));
        assert_eq!(
            rows[0].retries.as_deref(),
            Some("1"),
            "the failed chunk was sent again"
        );
    })
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    let stored = std::fs::read(&photos[0].stored_at).unwrap();
    assert_eq!(
        stored,
        std::fs::read(&clip).unwrap(),
        "the chunks reassemble to the file"
    );
}

#[tokio::test]
async fn a_file_that_is_not_video_or_audio_is_refused_before_anything_is_sent() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let notes = media_file(dir.path(), "notes.txt", 2_000);

    with_browser(
        "js-wrong-type",
        &app.address,
        Options::default(),
        async |b| {
            describe_video(b, "Wrong type").await;
            wait_for_enhanced_form(b).await;
            b.choose_files("#file", &[&notes]).await;

            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "rejected");
            assert_eq!(
                rows[0].status, "Not sent: it is not a video or audio file.",
                "the row shows the name once, above its reason"
            );
            assert_eq!(rows[0].name, "notes.txt");
            let announced = b
                .run("return document.querySelector('.announcer').textContent")
                .await;
            assert_eq!(
                announced.as_str().unwrap(),
                "“notes.txt” was not sent: it is not a video or audio file.",
                "screen readers hear which file it was"
            );
            assert_eq!(file_rows(b).await.len(), 1);

            // Dismissed, the row goes and the keyboard is back on the file choice.
            b.click(".file-row button[data-action=dismiss]").await;
            assert_eq!(file_rows(b).await.len(), 0);
            let focused = b.run("return document.activeElement.id").await;
            assert_eq!(focused.as_str(), Some("file"));
        },
    )
    .await;

    assert!(app.sandbox.photos().is_empty(), "nothing reached 23");
}

#[tokio::test]
async fn files_dropped_on_the_zone_upload_like_chosen_ones() {
    let app = spawn_app().await;

    with_browser("js-drop", &app.address, Options::default(), async |b| {
        describe_video(b, "Dropped").await;
        wait_for_enhanced_form(b).await;
        // WebDriver cannot drag from the desktop; the drop event carries a file made in the page.
        b.run(
            "const transfer = new DataTransfer();
             transfer.items.add(new File([new Uint8Array(300000)], 'dropped.webm', { type: 'video/webm' }));
             const zone = document.querySelector('.dropzone');
             for (const type of ['dragenter', 'dragover', 'drop']) {
               zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
             }",
        )
        .await;

        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].name, "dropped.webm");
        assert_eq!(rows[0].state, "done", "{rows:?}");
    })
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].original_filename, "dropped.webm");
}
