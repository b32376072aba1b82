//! Recording on the send page with Chromium's fake camera, microphone and screen: the recording
//! goes out through the same rows as a chosen file, and the sandbox stores a file `ffprobe`
//! reads as video of the length recorded.

use std::time::Duration;

use super::journeys::{describe_video, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::media_probe::probe;
use super::session::{Browser, Options, WAIT, with_browser};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};

/// A fake camera (a moving test pattern) and microphone (a beep), allowed without a prompt.
/// `--auto-accept-this-tab-capture` with the fake UI lets getDisplayMedia share a fake screen.
pub const FAKE_MEDIA: &[&str] = &[
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--auto-accept-this-tab-capture",
    "--autoplay-policy=no-user-gesture-required",
];

/// Every camera and microphone request refused, as a visitor pressing "Block" would.
pub const REFUSING_MEDIA: &[&str] = &[
    "--use-fake-device-for-media-stream",
    "--deny-permission-prompts",
];

pub fn recording_options() -> Options {
    Options {
        chromium_args: FAKE_MEDIA,
        ..Options::default()
    }
}

/// Opens the recorder of `source` ("camera" or "screen") and waits until it shows a preview.
pub async fn open_recorder(b: &Browser, source: &str) {
    b.wait_for_element(".recorder-sources[data-ready=true]")
        .await;
    b.click(&format!(".recorder-open-{source}")).await;
    wait_for_recorder_state(b, "ready").await;
}

pub async fn wait_for_recorder_state(b: &Browser, state: &str) {
    b.wait_for(&format!("the recorder to be {state}"), || async {
        let now = b
            .run("const r = document.querySelector('.recorder'); return r ? r.dataset.state : 'none';")
            .await;
        let problem = b
            .run("return document.querySelector('.recorder-problem')?.textContent || '';")
            .await;
        if now == state {
            Ok(())
        } else {
            Err(format!("{now} {problem}"))
        }
    })
    .await
}

/// Records for at least `seconds` (after the countdown), then stops; returns the length the
/// recorder measured, in milliseconds.
pub async fn record_for(b: &Browser, seconds: u64) -> u64 {
    b.click(".recorder-start").await;
    wait_for_recorder_state(b, "recording").await;
    b.wait_for("the recording to run", || async {
        let elapsed = b
            .run("return Number(document.querySelector('.recorder').dataset.elapsed || 0);")
            .await
            .as_u64()
            .unwrap_or(0);
        if elapsed >= seconds {
            Ok(())
        } else {
            Err(format!("{elapsed} s"))
        }
    })
    .await;
    b.click(".recorder-stop").await;
    wait_for_recorder_state(b, "review").await;
    b.run("return Number(document.querySelector('.recorder').dataset.durationMs);")
        .await
        .as_u64()
        .unwrap()
}

/// The one file the sandbox stored, probed: a video between 2 and 5 seconds long, with sound.
pub fn assert_stored_recording_is_a_short_video(app: &TestApp) {
    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1, "one recording arrived");
    let photo = &photos[0];
    assert!(
        photo.content_type.starts_with("video/"),
        "sent with the recorder's own type: {}",
        photo.content_type
    );
    let probe = probe(&photo.stored_at);
    assert!(probe.video_codec.is_some(), "a video stream: {probe:?}");
    assert!(
        probe.audio_codec.is_some(),
        "the microphone's sound: {probe:?}"
    );
    eprintln!("stored recording: {} {probe:?}", photo.content_type);
    assert!(
        (2.0..=5.0).contains(&probe.seconds),
        "a 3-second recording plays 2 to 5 seconds: {probe:?}"
    );
}

#[tokio::test]
async fn a_camera_recording_of_three_seconds_is_reviewed_sent_and_arrives_as_video() {
    let app = spawn_app().await;
    with_browser("rec-camera", &app.address, recording_options(), async |b| {
        describe_video(b, "Recorded testimonial").await;
        wait_for_enhanced_form(b).await;
        open_recorder(b, "camera").await;
        let duration_ms = record_for(b, 3).await;
        assert!(
            (2500..=5000).contains(&duration_ms),
            "the recorder measured {duration_ms} ms"
        );
        let playback_src = b
            .run("return document.querySelector('.recorder-playback').src;")
            .await;
        assert!(
            playback_src.as_str().unwrap_or("").starts_with("blob:"),
            "the review plays the recording: {playback_src}"
        );
        b.click(".recorder-send").await;

        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
        let name = &rows[0].name;
        assert!(
            name.starts_with("recording-") && (name.ends_with(".webm") || name.ends_with(".mp4")),
            "a clear name whose extension follows the type: {name}"
        );
        assert!(
            !b.exists(".recorder").await,
            "the recorder closed once the recording was handed over"
        );
    })
    .await;
    assert_stored_recording_is_a_short_video(&app);

    // The sandbox's video page plays what it stored.
    let photo = app.sandbox.photos().remove(0);
    let page = reqwest::get(format!("{}/video/{}", app.site_url, photo.photo_id))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<video id=\"stored-file\""), "{page}");
    let file = reqwest::get(format!("{}/video/{}/file", app.site_url, photo.photo_id))
        .await
        .unwrap();
    assert_eq!(
        file.headers()["content-type"].to_str().unwrap(),
        photo.content_type
    );
    assert_eq!(file.bytes().await.unwrap().len() as u64, photo.size);
}

#[tokio::test]
async fn a_screen_recording_with_the_microphone_is_sent_and_arrives_as_video() {
    let app = spawn_app().await;
    with_browser("rec-screen", &app.address, recording_options(), async |b| {
        describe_video(b, "Recorded screen").await;
        wait_for_enhanced_form(b).await;
        open_recorder(b, "screen").await;
        let duration_ms = record_for(b, 3).await;
        assert!((2500..=5000).contains(&duration_ms), "{duration_ms} ms");
        b.click(".recorder-send").await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
    })
    .await;
    assert_stored_recording_is_a_short_video(&app);
}

#[tokio::test]
async fn the_maximum_length_stops_the_recording_by_itself_and_says_so() {
    let app = spawn_app_with(|vars| {
        vars.insert("RECORD_MAX_SECONDS".into(), "5".into());
    })
    .await;
    with_browser("rec-limit", &app.address, recording_options(), async |b| {
        describe_video(b, "Too long").await;
        wait_for_enhanced_form(b).await;
        open_recorder(b, "camera").await;
        b.click(".recorder-start").await;
        wait_for_recorder_state(b, "recording").await;
        // Nobody presses Stop: the limit does.
        b.wait_for_within(WAIT, "the limit to stop the recording", || async {
            let state = b
                .run("return document.querySelector('.recorder').dataset.state;")
                .await;
            if state == "review" {
                Ok(())
            } else {
                Err(state.to_string())
            }
        })
        .await;
        let (limit, status, duration) = (
            b.run("return document.querySelector('.recorder').dataset.limitReached;")
                .await,
            b.text_now(".recorder-status").await.unwrap(),
            b.run("return Number(document.querySelector('.recorder').dataset.durationMs);")
                .await
                .as_u64()
                .unwrap(),
        );
        assert_eq!(limit, "true");
        assert!(
            status.contains("limit") && status.contains("0:05"),
            "the page says why it stopped: {status}"
        );
        assert!(
            (4500..=5000).contains(&duration),
            "stopped at the limit: {duration}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_refused_camera_says_so_and_a_file_can_still_be_chosen_and_sent() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let file = super::files::media_file(dir.path(), "instead.mp4", 300_000);
    let options = Options {
        chromium_args: REFUSING_MEDIA,
        ..Options::default()
    };
    with_browser("rec-refused", &app.address, options, async |b| {
        describe_video(b, "Refused camera").await;
        wait_for_enhanced_form(b).await;
        b.wait_for_element(".recorder-sources[data-ready=true]")
            .await;
        b.click(".recorder-open-camera").await;
        wait_for_recorder_state(b, "failed").await;
        let problem = b.text_now(".recorder-problem").await.unwrap();
        assert!(
            problem.contains("not allowed") && problem.contains("choose a file"),
            "{problem}"
        );
        b.choose_files("#file", &[&file]).await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(
            (rows[0].name.as_str(), rows[0].state.as_str()),
            ("instead.mp4", "done")
        );
    })
    .await;
    assert_eq!(app.sandbox.photos().len(), 1);
}

#[tokio::test]
async fn a_recording_interrupted_by_a_reload_is_offered_and_sent_after_it() {
    // Room for a second file, so the page still offers recording once the first is in.
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "2".into());
    })
    .await;
    with_browser("rec-reload", &app.address, recording_options(), async |b| {
        let send_page = describe_video(b, "Interrupted").await;
        wait_for_enhanced_form(b).await;
        open_recorder(b, "camera").await;
        b.click(".recorder-start").await;
        wait_for_recorder_state(b, "recording").await;
        // Four seconds: a crash may lose the last slice (one second) of it.
        b.wait_for("four seconds recorded", || async {
            let elapsed = b
                .run("return Number(document.querySelector('.recorder').dataset.elapsed || 0);")
                .await
                .as_u64()
                .unwrap_or(0);
            if elapsed >= 4 {
                Ok(())
            } else {
                Err(format!("{elapsed} s"))
            }
        })
        .await;
        // The tab reloads mid-recording (WebDriver accepts the "leave page?" question).
        b.client.refresh().await.unwrap();
        let _ = b.client.accept_alert().await;
        let offer = b.wait_for_element(".recorder-kept").await;
        let text = offer.text().await.unwrap();
        assert!(text.contains("was not sent"), "{text}");
        b.click(".recorder-send-kept").await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "done", "{rows:?}");
        assert!(rows[0].name.starts_with("recording-"), "{rows:?}");

        // Sent, it is not offered again.
        b.goto(&send_page).await;
        b.wait_for_element(".recorder-sources[data-ready=true]")
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(!b.exists(".recorder-kept").await, "offered only until sent");
    })
    .await;
    assert_stored_recording_is_a_short_video(&app);
}

fn phone(javascript: bool) -> Options {
    Options {
        javascript,
        width: 390,
        height: 844,
        phone: true,
        ..Options::default()
    }
}

/// The phone's camera input and the plain one, as the page shows them.
async fn camera_choices(b: &Browser) -> (bool, Option<String>, Option<String>) {
    let camera = b.find("#camera-file").await;
    let shown = camera.is_displayed().await.unwrap()
        || b.find("label[for=camera-file]")
            .await
            .is_displayed()
            .await
            .unwrap();
    (
        shown,
        camera.attr("capture").await.unwrap(),
        b.find("#file").await.attr("capture").await.unwrap(),
    )
}

#[tokio::test]
async fn on_a_phone_the_camera_choice_is_a_capture_input_beside_the_plain_one_and_its_video_is_sent()
 {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = super::files::media_file(dir.path(), "VID_20261207.mp4", 300_000);
    with_browser("rec-phone", &app.address, phone(true), async |b| {
        describe_video(b, "From the phone").await;
        wait_for_enhanced_form(b).await;
        let (shown, capture, plain) = camera_choices(b).await;
        assert!(shown, "a phone sees the camera choice");
        assert_eq!(capture.as_deref(), Some("user"));
        assert_eq!(plain, None, "the plain choice keeps the gallery");
        let accept = b.find("#camera-file").await.attr("accept").await.unwrap();
        assert_eq!(accept.as_deref(), Some("video/*"));

        b.choose_files("#camera-file", &[&clip]).await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(
            (rows[0].name.as_str(), rows[0].state.as_str()),
            ("VID_20261207.mp4", "done")
        );
    })
    .await;
    assert_eq!(app.sandbox.photos().len(), 1);
}

#[tokio::test]
async fn without_javascript_a_phone_still_gets_the_camera_choice_and_its_form_posts_to_23() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = super::files::media_file(dir.path(), "VID_20261207.mp4", 300_000);
    with_browser("rec-phone-no-js", &app.address, phone(false), async |b| {
        describe_video(b, "From the phone, no JavaScript").await;
        let (shown, capture, _) = camera_choices(b).await;
        assert!(shown, "the camera choice needs no script");
        assert_eq!(capture.as_deref(), Some("user"));
        b.choose_files("#camera-file", &[&clip]).await;
        b.click("form.camera-capture button[type=submit]").await;
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
    assert_eq!(photos[0].original_filename, "VID_20261207.mp4");
}

#[tokio::test]
async fn on_a_desktop_the_phone_camera_choice_stays_out_of_sight() {
    let app = spawn_app().await;
    with_browser("rec-desktop", &app.address, Options::default(), async |b| {
        describe_video(b, "From a desktop").await;
        wait_for_enhanced_form(b).await;
        let (shown, _, _) = camera_choices(b).await;
        assert!(!shown, "a mouse and a camera app do not go together");
    })
    .await;
}

#[tokio::test]
async fn formats_prefer_h264_mp4_then_webm_and_names_follow_the_reported_type() {
    let app = spawn_app().await;
    with_browser("rec-formats", &app.address, Options::default(), async |b| {
        b.goto("/").await;
        let result = b
            .run(
                "return import('/static/recorder/formats.js').then(m => ({
                    safari: m.pickFormat(t => t.startsWith('video/mp4;codecs=avc1')),
                    chromium: m.pickFormat(t => t.startsWith('video/webm') || t === 'video/mp4'),
                    old: m.pickFormat(t => t === 'video/webm;codecs=vp8,opus'),
                    none: m.pickFormat(() => false),
                    mkv: m.extensionFor('video/x-matroska;codecs=avc1'),
                    type: m.fileType('video/x-matroska;codecs=avc1', 'video/webm'),
                    fallback: m.fileType('', 'video/webm;codecs=vp9,opus'),
                    name: m.recordingName(new Date(2026, 11, 7, 14, 32), 'video/mp4'),
                }))",
            )
            .await;
        assert_eq!(
            result,
            serde_json::json!({
                "safari": "video/mp4;codecs=avc1.42E01F,mp4a.40.2",
                "chromium": "video/webm;codecs=vp9,opus",
                "old": "video/webm;codecs=vp8,opus",
                "none": "",
                "mkv": "mkv",
                "type": "video/x-matroska",
                "fallback": "video/webm",
                "name": "recording-2026-12-07-1432.mp4",
            })
        );
    })
    .await;
}
