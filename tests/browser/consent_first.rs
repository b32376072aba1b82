//! `/` with a consent text (`CONSENT_TEXT`) and JavaScript: a file chosen before the box is
//! ticked waits, the box says why, and sending starts the moment it is ticked.

use super::axe::assert_accessible;
use super::file_first::open_file_first;
use super::files::media_file;
use super::journeys::wait_for_rows_to_settle;
use super::session::{Options, with_browser};
use crate::helpers::spawn_app_with;

#[tokio::test]
async fn a_file_chosen_before_the_consent_box_is_ticked_waits_for_it_then_sends() {
    let app = spawn_app_with(|vars| {
        vars.insert(
            "CONSENT_TEXT".into(),
            "I agree that my video may be shown on example.com.".into(),
        );
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "my story.mp4", 300_000);
    with_browser(
        "consent-first",
        &app.address,
        Options::default(),
        async |b| {
            open_file_first(b).await;
            b.choose_files("#file", &[&clip]).await;
            let note = b.wait_for_element(".consent .consent-wait").await;
            assert!(note.text().await.unwrap().contains("Tick the box"));
            assert_accessible(b, "file chosen, consent not yet given").await;
            assert!(
                app.sandbox.upload_tokens().is_empty(),
                "no link is made before consent"
            );

            b.click("#consent").await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            assert!(!b.exists(".consent-wait").await);
            let disabled = b
                .run("return document.querySelector('#consent').disabled")
                .await;
            assert_eq!(disabled, true, "consent goes with the link");
        },
    )
    .await;
    let tokens = app.sandbox.upload_tokens();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].title, "my story");
    assert_eq!(app.sandbox.photos().len(), 1);
}
