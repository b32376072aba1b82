//! The whole flow by keyboard alone: Tab, typing, Enter and nothing else (the file dialog, which
//! the browser owns, is stood in for by typing the path into the focused file field). At every
//! stop the focused control shows a visible focus ring.

use fantoccini::key::Key;
use serde_json::Value;

use super::files::media_file;
use super::in_flight::{FAST, SLOW};
use super::journeys::{file_rows, wait_for_rows_to_settle, wait_for_send_page};
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app;

/// More Tab presses than any page here needs to reach a control; beyond it the control is
/// unreachable.
const MAX_TABS: usize = 40;

#[tokio::test]
async fn the_whole_flow_works_by_keyboard_alone_with_a_visible_focus_ring_at_every_step() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "keyboard only.mp4", 2 * 1024 * 1024);

    with_browser("keyboard", &app.address, Options::default(), async |b| {
        // The file comes first on `/`: chosen by keyboard, it is on its way at once.
        b.goto("/").await;
        b.wait_for_element("form.upload-form.file-first[data-enhanced=true]")
            .await;
        tab_to(b, "a.skip-link").await;
        press(b, &Key::Enter).await;
        b.throttle(SLOW).await;
        tab_to(b, "#file").await;
        press(b, &clip.display().to_string()).await;
        b.wait_for("the file to be on its way", || async {
            match file_rows(b).await.first() {
                Some(row) if row.state == "uploading" => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
        .await;
        tab_to(b, ".file-row button:not([hidden])").await;
        assert_focused_text(b, "Cancel").await;
        press(b, &Key::Enter).await;
        let rows = wait_for_rows_to_settle(b, 1).await;
        assert_eq!(rows[0].state, "cancelled", "{rows:?}");

        // The pressed Cancel button is gone: focus moved to "Try again" in its place, rather than
        // dropping the keyboard user to the top of the page.
        b.throttle(FAST).await;
        assert_focus_on(b, ".file-row button:not([hidden])").await;
        assert_focused_text(b, "Try again").await;
        press(b, &Key::Enter).await;
        b.wait_for("the second try to finish", || async {
            match file_rows(b).await.first() {
                Some(row) if row.state == "done" => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
        .await;
        tab_to(b, ".file-row a.file-link").await;
        press(b, &Key::Enter).await;
        b.wait_for_path("/uploads").await;
        b.wait_for_element("li[data-status]").await;
    })
    .await;
    assert_eq!(app.sandbox.photos().len(), 1, "the file arrived once");
}

/// A failed upload's "Try again" in the history, reached and pressed by keyboard.
#[tokio::test]
async fn try_again_in_the_history_is_reached_and_pressed_by_keyboard() {
    let app = spawn_app().await;
    with_browser(
        "keyboard-retry",
        &app.address,
        Options::default(),
        async |b| {
            super::journeys::describe_video(b, "Failed once").await;
            app.sql("UPDATE uploads SET status = 'failed', error_message = 'Not a video'")
                .await;
            b.goto("/").await;
            tab_to(b, "nav a[href$='/uploads']").await;
            press(b, &Key::Enter).await;
            b.wait_for_path("/uploads").await;
            // The token still takes a file, so the one way to try again is the send page's link.
            tab_to(b, "li[data-status=failed] a[href$='/send']").await;
            assert_focused_text(b, "Try again").await;
            press(b, &Key::Enter).await;
            wait_for_send_page(b).await;
        },
    )
    .await;
}

/// Types `keys` into whatever has focus, as a keyboard does.
async fn press(b: &Browser, keys: &str) {
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Presses Tab until the focused element matches `css`, checking the focus ring at every stop.
async fn tab_to(b: &Browser, css: &str) {
    for _ in 0..MAX_TABS {
        press(b, &Key::Tab).await;
        let focused = focus_report(b, css).await;
        assert_eq!(
            focused["ring"], true,
            "no visible focus ring on {} (tabbing to {css})",
            focused["html"]
        );
        if focused["matches"] == true {
            return;
        }
    }
    panic!("{css} was not reached with {MAX_TABS} presses of Tab");
}

/// What has focus, whether it matches `css`, and whether a focus ring shows: the element's own
/// outline (or shadow), or, for a visually hidden native input, that of the control drawn for it;
/// an outline must contrast 3:1 with the background around it (WCAG 1.4.11).
async fn focus_report(b: &Browser, css: &str) -> Value {
    b.client
        .execute(FOCUS_REPORT, vec![Value::from(css)])
        .await
        .unwrap()
}

const FOCUS_REPORT: &str = "
    const e = document.activeElement;
    if (!e || e === document.body) return { matches: false, ring: false, html: 'the page itself' };
    const shown = e.getBoundingClientRect().width > 1 ? e : e.nextElementSibling || e;
    const s = getComputedStyle(shown);
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const luminance = (c) => 0.05 + rgb(c).slice(0, 3)
        .map((v) => v / 255).map((v) => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    let around = shown.parentElement;
    while (around && (rgb(getComputedStyle(around).backgroundColor)[3] ?? 1) === 0) around = around.parentElement;
    const background = around ? getComputedStyle(around).backgroundColor : 'rgb(255, 255, 255)';
    const [a, b] = [luminance(s.outlineColor), luminance(background)];
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
        && Math.max(a, b) / Math.min(a, b) >= 3;
    const ring = e.matches(':focus-visible') && (outline || s.boxShadow !== 'none');
    return { matches: e.matches(arguments[0]), ring, html: e.outerHTML.slice(0, 200) };";

async fn assert_focus_on(b: &Browser, css: &str) {
    let focused = focus_report(b, css).await;
    assert_eq!(
        focused["matches"], true,
        "{css} has focus, not {}",
        focused["html"]
    );
    assert_eq!(
        focused["ring"], true,
        "no visible focus ring on {}",
        focused["html"]
    );
}

async fn assert_focused_text(b: &Browser, expected: &str) {
    let text = b
        .run("return document.activeElement.textContent.trim()")
        .await;
    assert!(
        text.as_str().unwrap_or("").starts_with(expected),
        "the focused control says {expected}: {text}"
    );
}
