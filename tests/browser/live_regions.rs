//! Status changes the scripts make are announced: each new file on its way, every end a file
//! reaches on the send page (refused, cancelled, uploaded, failed) and a saved correction are
//! written into a live region that was on the page before the change (screen readers ignore
//! regions added with their text).

use serde_json::Value;

use super::files::media_file;
use super::in_flight::{FAST, SLOW};
use super::journeys::{file_rows, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app_with;

/// Records, from now on, the text of every live region whose content changes.
const LISTEN: &str = "
    window.heard = [];
    const live = '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]';
    new MutationObserver((changes) => {
      for (const change of changes) {
        const node = change.target.nodeType === Node.TEXT_NODE ? change.target.parentElement : change.target;
        const region = node && node.closest(live);
        if (region && region.textContent.trim()) window.heard.push(region.textContent.trim());
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });";

#[tokio::test]
async fn every_status_change_the_send_page_makes_is_announced_in_a_live_region() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "2".into());
        vars.insert("UPLOAD_MAX_FILE_MB".into(), "3".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let too_big = media_file(dir.path(), "too big.mov", 4 * 1024 * 1024);
    let clip = media_file(dir.path(), "first take.mp4", 2 * 1024 * 1024);
    let refused = media_file(dir.path(), "second take.mp4", 300_000);

    with_browser(
        "live-regions",
        &app.address,
        Options::default(),
        async |b| {
            super::journeys::describe_video(b, "Announced").await;
            wait_for_enhanced_form(b).await;
            let regions = b
                .run(
                    "return document.querySelectorAll('.announcer[aria-live=polite]:empty').length",
                )
                .await;
            assert_eq!(
                regions, 1,
                "the announcer is on the page, empty, before anything happens"
            );
            b.run(LISTEN).await;

            b.choose_files("#file", &[&too_big]).await;
            wait_for_rows_to_settle(b, 1).await;
            assert_heard(b, &["too big.mov"]).await;

            b.throttle(SLOW).await;
            b.choose_files("#file", &[&clip]).await;
            assert_heard(b, &["Sending “first take.mp4”"]).await;
            b.wait_for("the file to be on its way", || async {
                match file_rows(b).await.last() {
                    Some(row) if row.state == "uploading" => Ok(()),
                    other => Err(format!("{other:?}")),
                }
            })
            .await;
            b.click(".file-row:last-child button:not([hidden])").await;
            wait_for_rows_to_settle(b, 2).await;
            assert_heard(b, &["“first take.mp4” was cancelled"]).await;

            b.throttle(FAST).await;
            b.click(".file-row:last-child button:not([hidden])").await;
            let rows = wait_for_rows_to_settle(b, 2).await;
            assert_eq!(rows[1].state, "done", "{rows:?}");
            assert_heard(b, &["“first take.mp4” is uploaded"]).await;

            b.click(".edit-details summary").await;
            b.fill("#edit-title", "Announced, corrected").await;
            b.click("form.details-form button[type=submit]").await;
            b.wait_for_element(".details-message:not(:empty)").await;
            assert_heard(b, &["Saved"]).await;

            let token = b
                .find("input[name=upload_token]")
                .await
                .prop("value")
                .await
                .unwrap()
                .unwrap();
            app.sandbox.expire_token(&token);
            b.choose_files("#file", &[&refused]).await;
            let rows = wait_for_rows_to_settle(b, 3).await;
            assert_ne!(rows[2].state, "done", "{rows:?}");
            assert_heard(b, &[rows[2].status.as_str()]).await;
        },
    )
    .await;
}

/// Each of `expected` is part of something a live region said since `LISTEN`.
async fn assert_heard(b: &Browser, expected: &[&str]) {
    b.wait_for("the announcement", || async {
        let heard = b.run("return window.heard").await;
        let said = |part: &str| {
            heard
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .any(|t| t.contains(part))
        };
        match expected.iter().find(|part| !said(part)) {
            None => Ok(()),
            Some(missing) => Err(format!("not announced: {missing}; heard {heard}")),
        }
    })
    .await;
}
