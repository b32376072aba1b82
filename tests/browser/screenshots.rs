//! Screenshots of the main pages at desktop and phone widths, saved under
//! `target/screenshots/` for a reviewer, with checks a screenshot cannot make on its own.

use super::files::media_file;
use super::journeys::{describe_video, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app_with;

const WIDTHS: [(&str, u32); 2] = [("desktop", 1280), ("phone", 375)];

#[tokio::test]
async fn the_main_pages_fit_desktop_and_phone_widths_label_every_field_and_are_saved_as_screenshots()
 {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "3".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(
        dir.path(),
        "Interview with the head gardener.mp4",
        4_500_000,
    );
    let slides = media_file(dir.path(), "slides.pdf", 80_000);

    for (label, width) in WIDTHS {
        let options = Options {
            width,
            height: 900,
            ..Options::default()
        };
        with_browser(
            &format!("screens-{label}"),
            &app.address,
            options,
            async |b| {
                b.goto("/").await;
                check_page(b, width).await;
                capture(b, &format!("new-upload-{label}"), width).await;

                describe_video(b, "Interview with the head gardener").await;
                wait_for_enhanced_form(b).await;
                check_page(b, width).await;
                capture(b, &format!("send-{label}"), width).await;

                b.choose_files("#file", &[&clip, &slides]).await;
                wait_for_rows_to_settle(b, 2).await;
                check_page(b, width).await;
                capture(b, &format!("send-finished-{label}"), width).await;

                b.goto("/uploads").await;
                b.wait_for_element("li[data-status]").await;
                check_page(b, width).await;
                capture(b, &format!("history-{label}"), width).await;
            },
        )
        .await;
    }
}

/// Nothing sticks out sideways, and every visible form control has a label.
async fn check_page(b: &Browser, width: u32) {
    let widths = b
        .run("const d = document.documentElement; return [window.innerWidth, d.clientWidth, d.scrollWidth]")
        .await;
    assert_eq!(
        widths[1], widths[2],
        "the page scrolls sideways at {width} px: {widths}"
    );
    assert_eq!(widths[0].as_u64(), Some(u64::from(width)), "window width");
    let unlabelled = b
        .run(
            "return Array.from(document.querySelectorAll('input:not([type=hidden]), textarea, select, button'))
               .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                            && !e.textContent.trim())
               .map(e => e.outerHTML)",
        )
        .await;
    assert_eq!(
        unlabelled,
        serde_json::json!([]),
        "controls without a label"
    );
}

async fn capture(b: &Browser, name: &str, width: u32) {
    b.fit_page_height(width).await;
    b.screenshot(name).await;
    b.client.set_window_size(width, 900).await.unwrap();
}
