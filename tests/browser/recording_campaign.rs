//! Recording in a campaign (`/c/<slug>`): the campaign's prompt stays in sight beside the
//! recorder's picture while the visitor records and reviews, and the campaign's own length limit
//! is the recorder's.

use serde_json::json;

use super::axe::assert_accessible_with_own_videos;
use super::campaign_look::describe_in_campaign;
use super::journeys::{wait_for_enhanced_form, wait_for_rows_to_settle};
use super::recording::{
    assert_stored_recording_is_a_short_video, open_recorder, recording_options,
    wait_for_recorder_state,
};
use super::session::{Browser, with_browser};
use crate::helpers::TestApp;

/// The camera's live picture and the review: the recorder's own videos, which need no captions.
const OWN_VIDEOS: &[&str] = &[".recorder-preview", ".recorder-playback"];
const QUESTION: &str = "What made you choose us over the others?";

async fn campaign_app() -> TestApp {
    super::campaign_look::campaign_app(|_| {
        json!({
            "slug": "why-us",
            "name": "Why us",
            "prompt": format!("{QUESTION}\n\nHalf a minute is plenty."),
            "publish_policy": "visitor_chooses",
            "max_recording_secs": 120,
        })
    })
    .await
}

/// Where the recorder's copy of the prompt is: shown, and wholly inside the window.
async fn prompt_in_sight(b: &Browser) -> serde_json::Value {
    b.run(
        "const p = document.querySelector('.recorder .recorder-prompt');
         if (!p) return { found: false };
         const r = p.getBoundingClientRect();
         return {
           found: true,
           text: p.textContent,
           visible: p.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }),
           inside: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
         };",
    )
    .await
}

fn assert_in_sight(seen: &serde_json::Value, when: &str) {
    assert_eq!(seen["found"], true, "{when}: the recorder shows the prompt");
    assert!(
        seen["text"].as_str().unwrap_or("").contains(QUESTION),
        "{when}: {seen}"
    );
    assert_eq!(seen["visible"], true, "{when}: not hidden: {seen}");
    assert_eq!(seen["inside"], true, "{when}: in the window: {seen}");
}

#[tokio::test]
async fn a_campaigns_prompt_stays_in_sight_while_recording_and_reviewing_there() {
    let app = campaign_app().await;
    with_browser(
        "rec-campaign",
        &app.address,
        recording_options(),
        async |b| {
            describe_in_campaign(b, "why-us", "Why I chose you").await;
            wait_for_enhanced_form(b).await;
            let page_prompt = b.text_now(".campaign-prompt").await.unwrap();
            assert!(page_prompt.contains(QUESTION), "{page_prompt}");
            let limit = b
                .run("return document.querySelector('.recorder-sources').dataset.recordMaxSeconds;")
                .await;
            assert_eq!(limit, "120", "the campaign's own length limit");

            open_recorder(b, "camera").await;
            b.click(".recorder-start").await;
            wait_for_recorder_state(b, "recording").await;
            b.wait_for("two seconds recorded", || async {
                let elapsed = b
                    .run("return Number(document.querySelector('.recorder').dataset.elapsed || 0);")
                    .await
                    .as_u64()
                    .unwrap_or(0);
                if elapsed >= 3 {
                    Ok(())
                } else {
                    Err(format!("{elapsed} s"))
                }
            })
            .await;
            assert_in_sight(&prompt_in_sight(b).await, "while recording");
            assert_accessible_with_own_videos(b, "recording with a campaign prompt", OWN_VIDEOS)
                .await;
            let clock = b.text_now(".recorder-clock").await.unwrap();
            assert!(clock.contains("1:5"), "counts down from 2:00: {clock}");

            b.click(".recorder-stop").await;
            wait_for_recorder_state(b, "review").await;
            assert_in_sight(&prompt_in_sight(b).await, "in review");

            b.click(".recorder-send").await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
        },
    )
    .await;
    assert_stored_recording_is_a_short_video(&app);
}
