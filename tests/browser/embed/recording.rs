//! Recording inside the embedded frame: embed.js gives its frame the camera, microphone and
//! screen (`allow`), the portal's page allows them for itself, and a recording made there is
//! sent like a file, the host page hearing of it.

use super::host::start_host_site;
use super::{describe_in_frame, embeddable_app, in_host, open_embedded, wait_for_event};
use crate::journeys::wait_for_rows_to_settle;
use crate::recording::{
    assert_stored_recording_is_a_short_video, open_recorder, record_for, recording_options,
};
use crate::session::with_browser;

#[tokio::test]
async fn a_camera_recording_made_in_the_embedded_frame_is_sent_and_arrives_as_video() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    with_browser(
        "embed-record",
        &host.allowed,
        recording_options(),
        async |b| {
            open_embedded(b, &app.address, "").await;
            let allow = in_host(
                b,
                "return document.querySelector('[data-upload-portal] iframe').allow",
            )
            .await;
            assert_eq!(allow, "camera; microphone; display-capture");
            describe_in_frame(b, "Recorded in the frame").await;

            open_recorder(b, "camera").await;
            let duration_ms = record_for(b, 3).await;
            assert!((2500..=5000).contains(&duration_ms), "{duration_ms} ms");
            b.click(".recorder-send").await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            assert!(rows[0].name.starts_with("recording-"), "{rows:?}");

            let received = wait_for_event(b, "received").await;
            assert_eq!(received["photo_id"], app.sandbox.photos()[0].photo_id);
        },
    )
    .await;
    assert_stored_recording_is_a_short_video(&app);
}
