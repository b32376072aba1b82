//! The page says where the visitor is: the heading follows the file (choosing, sending, sent),
//! "Keep this page open" shows only while something is sending (plural only when several files
//! are allowed), and the tab title shows the progress.

use super::file_first::open_file_first;
use super::files::media_file;
use super::in_flight::{FAST, SLOW};
use super::journeys::wait_for_rows_to_settle;
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app_with;

async fn heading_title_and_help(b: &Browser) -> (String, String, String) {
    let v = b
        .run(
            "return [document.querySelector('.card h1').textContent.trim(), document.title, \
             document.querySelector('#file-help').textContent]",
        )
        .await;
    let s = |i: usize| v[i].as_str().unwrap_or_default().to_string();
    (s(0), s(1), s(2))
}

#[tokio::test]
async fn the_heading_help_and_tab_title_follow_the_send_from_choosing_to_sent() {
    for (max_files, keep_open) in [
        ("1", "Keep this page open until your file is sent."),
        ("3", "Keep this page open until your files are sent."),
    ] {
        let app = spawn_app_with(|vars| {
            vars.insert("UPLOAD_MAX_FILES".into(), max_files.into());
        })
        .await;
        let dir = tempfile::tempdir().unwrap();
        let clip = media_file(dir.path(), "garden.mp4", 2 * 1024 * 1024);
        with_browser(
            &format!("journey-state-{max_files}"),
            &app.address,
            Options::default(),
            async |b| {
                open_file_first(b).await;
                let (heading, idle_title, help) = heading_title_and_help(b).await;
                assert_eq!(heading, "Upload a video");
                assert!(!help.contains("Keep this page open"), "{help}");

                b.throttle(SLOW).await;
                b.choose_files("#file", &[&clip]).await;
                b.wait_for("the page to say it is sending", || async {
                    let (heading, title, help) = heading_title_and_help(b).await;
                    let percent = title.strip_suffix(" % · Sending").map(str::parse::<u32>);
                    if heading == "Sending your video"
                        && matches!(percent, Some(Ok(0..=100)))
                        && help == keep_open
                    {
                        Ok(())
                    } else {
                        Err(format!("{heading:?} / {title:?} / {help:?}"))
                    }
                })
                .await;

                b.throttle(FAST).await;
                let rows = wait_for_rows_to_settle(b, 1).await;
                assert_eq!(rows[0].state, "done", "{rows:?}");
                b.wait_for("the page to say it is sent", || async {
                    let (heading, title, help) = heading_title_and_help(b).await;
                    if heading == "Your video is sent"
                        && title == idle_title
                        && !help.contains("Keep this page open")
                    {
                        Ok(())
                    } else {
                        Err(format!("{heading:?} / {title:?} / {help:?}"))
                    }
                })
                .await;
            },
        )
        .await;
    }
}
