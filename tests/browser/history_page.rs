//! The history page follows an upload to its end without a reload, and says so to screen readers.

use super::journeys::describe_video;
use super::session::{Options, with_browser};
use super::under_path::spawn_app_under_path;
use crate::helpers::{SendForm, TestApp, spawn_app};

#[tokio::test]
async fn the_history_shows_an_upload_finishing_elsewhere_without_a_reload() {
    history_follows_an_upload(spawn_app().await).await;
}

/// The same, with the portal below a path (`PUBLIC_URL` ending in `/portal`).
#[tokio::test]
async fn the_history_follows_an_upload_below_a_path_prefix() {
    history_follows_an_upload(spawn_app_under_path().await).await;
}

async fn history_follows_an_upload(app: TestApp) {
    with_browser(
        "history-live",
        &app.address,
        Options::default(),
        async |b| {
            let send_path = describe_video(b, "Sent from a phone").await;
            let form = SendForm {
                page_url: b.url(&send_path),
                action: b
                    .find("form.upload-form")
                    .await
                    .attr("action")
                    .await
                    .unwrap()
                    .unwrap(),
                upload_token: b
                    .find("input[name=upload_token]")
                    .await
                    .prop("value")
                    .await
                    .unwrap()
                    .unwrap(),
            };
            b.goto("/uploads").await;
            let entry = b.wait_for_element("li[data-status]").await;
            assert_eq!(
                entry.attr("data-status").await.unwrap().as_deref(),
                Some("pending")
            );
            b.run("window.sameDocument = true").await;

            // The file arrives from somewhere else (another device, a closed tab): 23 sends the
            // callback, which the portal records; this page only polls.
            let callback = app
                .send_file(&form, "phone.mp4", "video/mp4", vec![7; 50_000])
                .await;
            let location = callback.headers()["location"].to_str().unwrap().to_string();
            assert_eq!(app.follow(&location).await.status(), 303);

            b.wait_for("the entry to turn uploaded", || async {
                // Read in one step: the entry is swapped for the server's new rendering meanwhile.
                let status = b
                    .run("return document.querySelector('li[data-status]')?.dataset.status")
                    .await;
                if status == "uploaded" {
                    Ok(())
                } else {
                    Err(status.to_string())
                }
            })
            .await;
            assert_eq!(
                b.run("return window.sameDocument === true").await,
                true,
                "updated in place, not by reloading"
            );
            let announced = b
                .run("return document.querySelector('.announcer').textContent")
                .await;
            assert!(
                announced.as_str().unwrap().contains("Sent from a phone"),
                "screen readers hear which upload changed: {announced}"
            );
        },
    )
    .await;
}
