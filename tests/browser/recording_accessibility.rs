//! The recorder by keyboard alone, in every state axe-core can see (ready, recording, paused,
//! review, refused), in all five languages: no WCAG 2.2 A/AA violation, and each state change
//! is said in a live region.

use fantoccini::key::Key;

use super::axe::{assert_accessible, assert_accessible_with_own_videos};
use super::journeys::{describe_video, wait_for_enhanced_form};
use super::recording::{REFUSING_MEDIA, recording_options, wait_for_recorder_state};
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app;

/// The camera's live picture and the review of the recording just made.
const OWN_VIDEOS: &[&str] = &[".recorder-preview", ".recorder-playback"];

/// Presses Enter on whatever has the focus, as a keyboard user would.
async fn press_enter(b: &Browser) {
    let focused = b.client.active_element().await.unwrap();
    focused.send_keys(&Key::Enter.to_string()).await.unwrap();
}

async fn focused_class(b: &Browser) -> String {
    b.run("return document.activeElement.className")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn live_status(b: &Browser) -> String {
    b.run("const s = document.querySelector('.recorder-status'); return s.getAttribute('role') + ' ' + s.textContent;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn the_recorder_works_by_keyboard_announces_its_states_and_passes_axe_in_every_language() {
    let app = spawn_app().await;
    for tag in ["en", "da", "de", "sv", "nb"] {
        with_browser(
            &format!("rec-axe-{tag}"),
            &app.address,
            recording_options(),
            async |b| {
                b.goto(&format!("/?lang={tag}")).await;
                b.wait_for_element(&format!("html[lang={tag}]")).await;
                describe_video(b, "Keyboard only").await;
                wait_for_enhanced_form(b).await;
                b.wait_for_element(".recorder-sources[data-ready=true]")
                    .await;
                b.run("document.querySelector('.recorder-open-camera').focus()")
                    .await;
                press_enter(b).await;
                wait_for_recorder_state(b, "ready").await;
                assert!(
                    focused_class(b).await.contains("recorder-start"),
                    "focus on Start"
                );
                assert_accessible_with_own_videos(
                    b,
                    &format!("recorder ready ({tag})"),
                    OWN_VIDEOS,
                )
                .await;

                press_enter(b).await;
                wait_for_recorder_state(b, "recording").await;
                assert!(live_status(b).await.starts_with("status "), "a live region");
                assert!(
                    focused_class(b).await.contains("recorder-stop"),
                    "focus on Stop"
                );
                assert_accessible_with_own_videos(
                    b,
                    &format!("recorder recording ({tag})"),
                    OWN_VIDEOS,
                )
                .await;

                b.run("document.querySelector('.recorder-pause').focus()")
                    .await;
                press_enter(b).await;
                wait_for_recorder_state(b, "paused").await;
                assert_accessible_with_own_videos(
                    b,
                    &format!("recorder paused ({tag})"),
                    OWN_VIDEOS,
                )
                .await;
                press_enter(b).await; // focus moved to Resume
                wait_for_recorder_state(b, "recording").await;
                b.wait_for("a second recorded", || async {
                    let elapsed = b
                    .run("return Number(document.querySelector('.recorder').dataset.elapsed || 0);")
                    .await
                    .as_u64()
                    .unwrap_or(0);
                    if elapsed >= 2 {
                        Ok(())
                    } else {
                        Err(format!("{elapsed} s"))
                    }
                })
                .await;
                b.run("document.querySelector('.recorder-stop').focus()")
                    .await;
                press_enter(b).await;
                wait_for_recorder_state(b, "review").await;
                let said = live_status(b).await;
                assert!(
                    said.len() > "status ".len() + 5,
                    "the stop is announced: {said}"
                );
                assert!(
                    focused_class(b).await.contains("recorder-send"),
                    "focus on Send"
                );
                assert_accessible_with_own_videos(
                    b,
                    &format!("recorder review ({tag})"),
                    OWN_VIDEOS,
                )
                .await;
            },
        )
        .await;
    }
}

#[tokio::test]
async fn a_refused_camera_passes_axe_and_its_message_is_an_alert() {
    let app = spawn_app().await;
    let options = Options {
        chromium_args: REFUSING_MEDIA,
        ..Options::default()
    };
    with_browser("rec-axe-refused", &app.address, options, async |b| {
        describe_video(b, "Refused").await;
        wait_for_enhanced_form(b).await;
        b.wait_for_element(".recorder-sources[data-ready=true]")
            .await;
        b.click(".recorder-open-camera").await;
        wait_for_recorder_state(b, "failed").await;
        let role = b
            .find(".recorder-problem")
            .await
            .attr("role")
            .await
            .unwrap();
        assert_eq!(role.as_deref(), Some("alert"));
        assert_accessible(b, "recorder refused").await;
    })
    .await;
}
