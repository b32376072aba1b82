//! `cargo run` with no 23 site: the sandbox is served by the portal itself, on the same origin,
//! so the page's uploads are same-origin requests whose redirects the browser follows.

use upload_portal::twentythree::oauth::Credentials;

use super::files::media_file;
use super::journeys::{describe_video, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Options, with_browser};
use crate::helpers::{base_vars, start_portal};

#[tokio::test]
async fn in_sandbox_mode_whole_and_chunked_uploads_both_end_uploaded() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut vars = base_vars(data_dir.path(), None, &Credentials::generate()).await;
    vars.insert("UPLOAD_MAX_FILES".into(), "2".into());
    let (address, sandbox) = start_portal(&vars).await;
    let sandbox = sandbox.expect("sandbox mode has a built-in sandbox");
    let files = [
        media_file(data_dir.path(), "whole.mp4", 700_000),
        media_file(data_dir.path(), "in pieces.mp4", 1_500_000),
    ];

    with_browser(
        "built-in-sandbox",
        &address,
        Options::default(),
        async |b| {
            describe_video(b, "Sandboxed").await;
            wait_for_enhanced_form(b).await;
            super::axe::assert_accessible(b, "choose file (sandbox-mode banner)").await;
            b.run(
                "const f = document.querySelector('form.upload-form');
             f.dataset.chunkThreshold = 1048576; f.dataset.chunkSize = 262144;",
            )
            .await;
            b.choose_files("#file", &[&files[0], &files[1]]).await;

            let rows = wait_for_rows_to_settle(b, 2).await;
            let outcome: Vec<_> = rows
                .iter()
                .map(|r| (r.state.as_str(), r.transport.as_deref()))
                .collect();
            assert_eq!(
                outcome,
                [("done", Some("xhr")), ("done", Some("chunks"))],
                "{rows:?}"
            );
            b.screenshot("send-sandbox-mode-desktop").await;
        },
    )
    .await;

    let mut sizes: Vec<u64> = sandbox.photos().iter().map(|p| p.size).collect();
    sizes.sort();
    assert_eq!(sizes, [700_000, 1_500_000]);
}
