//! A dropped connection in the middle of a chunked upload: the chunks 23 already accepted are
//! kept, and the upload carries on from there once the network is back.

use super::files::media_file;
use super::in_flight::{FAST, SLOW, wait_until_part_way};
use super::journeys::{describe_video, file_rows, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Options, with_browser};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_chunked_upload_cut_off_by_a_lost_connection_resumes_where_it_stopped() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "through the tunnel.mp4", 3 * 1024 * 1024 + 4321);

    with_browser(
        "offline-resume",
        &app.address,
        Options::default(),
        async |b| {
            describe_video(b, "Through the tunnel").await;
            wait_for_enhanced_form(b).await;
            b.run(
                "const f = document.querySelector('form.upload-form');
             f.dataset.chunkThreshold = 1048576; f.dataset.chunkSize = 262144;",
            )
            .await;
            b.throttle(SLOW).await;
            b.choose_files("#file", &[&clip]).await;
            let before = wait_until_part_way(b, 30).await;
            assert_eq!(before.transport.as_deref(), Some("chunks"));

            b.go_offline().await;
            let waiting = b
                .wait_for("a chunk to fail and wait for a retry", || async {
                    let rows = file_rows(b).await;
                    if rows[0].status.contains("did not get through") {
                        Ok(rows[0].clone())
                    } else {
                        Err(format!("{rows:?}"))
                    }
                })
                .await;
            let kept: u32 = waiting.percent.as_deref().unwrap().parse().unwrap();
            assert!(kept >= 25, "the accepted chunks still count: {waiting:?}");

            b.throttle(FAST).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
        },
    )
    .await;

    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    let stored = std::fs::read(&photos[0].stored_at).unwrap();
    assert_eq!(
        stored,
        std::fs::read(&clip).unwrap(),
        "resumed into the same file"
    );
}
