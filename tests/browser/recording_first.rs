//! Recording on `/`, where the file comes first: a recording starts the upload as a chosen file does.

use super::journeys::{wait_for_enhanced_form, wait_for_rows_to_settle};
use super::recording::{
    assert_stored_recording_is_a_short_video, open_recorder, record_for, recording_options,
};
use super::session::with_browser;
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_recording_made_on_the_first_page_starts_the_upload_titled_by_its_file_name() {
    let app = spawn_app().await;
    with_browser("rec-first", &app.address, recording_options(), async |b| {
        b.goto("/").await;
        wait_for_enhanced_form(b).await;
        open_recorder(b, "camera").await;
        record_for(b, 3).await;
        b.click(".recorder-send").await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
        assert!(rows[0].name.starts_with("recording-"), "{rows:?}");
    })
    .await;
    assert_stored_recording_is_a_short_video(&app);
    let photo = app.sandbox.photos().remove(0);
    assert!(
        photo.title.starts_with("recording-"),
        "the provisional title is the file's name: {}",
        photo.title
    );
}
