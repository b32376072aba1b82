//! `/` with JavaScript opens on the file: sending starts as soon as one is chosen, titled by its
//! name, while the visitor describes it; a preview shows it is the right clip; a chunked send can
//! pause and resume, and survives a reload.

use std::path::{Path, PathBuf};

use super::axe::assert_accessible;
use super::files::media_file;
use super::in_flight::{FAST, SLOW};
use super::journeys::{FileRow, file_rows, wait_for_rows_to_settle};
use super::session::{Browser, Options, with_browser};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};

pub const PHONE: u32 = 390;
pub const DESKTOP: u32 = 1280;

/// Opens `/` and waits until its script has put the file first.
pub async fn open_file_first(b: &Browser) {
    b.goto("/").await;
    b.wait_for_element("form.upload-form.file-first[data-enhanced=true]")
        .await;
}

/// A real, decodable clip (VP8 in WebM, 320×240, 3 s) made with ffmpeg.
pub fn decodable_clip(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
        ])
        .arg("testsrc=duration=3:size=320x240:rate=25")
        .args(["-c:v", "libvpx", "-b:v", "300k"])
        .arg(&path)
        .status()
        .expect("ffmpeg runs (Debian's ffmpeg package)");
    assert!(status.success(), "ffmpeg made the clip");
    path
}

/// Waits for the single row to be sending in chunks with at least `percent` confirmed.
async fn wait_for_chunks_part_way(b: &Browser, percent: u32) -> FileRow {
    b.wait_for("the chunked send to be part-way", || async {
        let rows = file_rows(b).await;
        let shown = rows
            .first()
            .and_then(|r| r.percent.as_deref())
            .and_then(|p| p.parse::<u32>().ok());
        match (rows.first(), shown) {
            (Some(row), Some(p))
                if row.state == "uploading"
                    && row.transport.as_deref() == Some("chunks")
                    && (percent..100).contains(&p) =>
            {
                Ok(row.clone())
            }
            _ => Err(format!("{rows:?}")),
        }
    })
    .await
}

#[tokio::test]
async fn a_file_chosen_first_sends_at_once_titled_by_its_name_and_the_details_typed_meanwhile_reach_the_video()
 {
    for width in [DESKTOP, PHONE] {
        let app = spawn_app().await;
        let dir = tempfile::tempdir().unwrap();
        let clip = media_file(dir.path(), "the head gardener.mp4", 2 * 1024 * 1024);
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser(
            &format!("file-first-{width}"),
            &app.address,
            options,
            async |b| {
                open_file_first(b).await;
                assert_accessible(b, "file first (nothing chosen)").await;
                b.throttle(SLOW).await;
                b.choose_files("#file", &[&clip]).await;

                // Sending started with no step in between, and the address is the upload's own page.
                b.wait_for("sending to start", || async {
                    let rows = file_rows(b).await;
                    match rows.first() {
                        Some(row) if row.state == "uploading" && row.percent.is_some() => Ok(()),
                        _ => Err(format!("{rows:?}")),
                    }
                })
                .await;
                let path = b.path().await;
                assert!(
                    path.starts_with("/uploads/") && path.ends_with("/send"),
                    "{path}"
                );
                let title = b.run("return document.querySelector('#title').value").await;
                assert_eq!(title, "the head gardener", "the name without its extension");
                let token = app.sandbox.upload_tokens();
                assert_eq!(token.len(), 1);
                assert_eq!(token[0].title, "the head gardener");

                b.fill("#title", "Interview with the head gardener").await;
                b.fill("#description", "Roses in June").await;
                b.fill("#tags", "garden roses").await;
                b.wait_for("the details to be saved as typed", || async {
                    let message = b.text_now(".metadata-form .details-message").await?;
                    let token = app.sandbox.upload_tokens().remove(0);
                    if token.tags == "garden roses" && token.description == "Roses in June" {
                        Ok(())
                    } else {
                        Err(format!("{message:?} / {token:?}"))
                    }
                })
                .await;
                assert_accessible(b, "file first (sending, details saved)").await;
                b.screenshot(&format!("file-first-sending-{width}")).await;

                b.throttle(FAST).await;
                let rows = wait_for_rows_to_settle(b, 1).await;
                assert_eq!(rows[0].state, "done", "{rows:?}");
                assert_accessible(b, "file first (sent)").await;
            },
        )
        .await;

        let photos = app.sandbox.photos();
        assert_eq!(photos.len(), 1);
        assert_eq!(photos[0].title, "Interview with the head gardener");
        assert_eq!(photos[0].description, "Roses in June");
        assert_eq!(photos[0].tags, "garden roses");
    }
}

#[tokio::test]
async fn details_typed_before_the_file_become_the_uploads_details() {
    let app = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "clip.mp4", 300_000);
    with_browser(
        "file-first-typed",
        &app.address,
        Options::default(),
        async |b| {
            open_file_first(b).await;
            b.fill("#title", "Typed first").await;
            b.choose_files("#file", &[&clip]).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
        },
    )
    .await;
    assert_eq!(app.sandbox.photos()[0].title, "Typed first");
}

#[tokio::test]
async fn a_decodable_clip_shows_its_poster_length_and_resolution_and_an_undecodable_one_is_still_sent()
 {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "2".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = decodable_clip(dir.path(), "test card.webm");
    let noise = media_file(dir.path(), "noise.mp4", 200_000);
    for width in [DESKTOP, PHONE] {
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser(&format!("preview-{width}"), &app.address, options, async |b| {
            open_file_first(b).await;
            b.choose_files("#file", &[&clip, &noise]).await;
            let previews = b
                .wait_for("both previews", || async {
                    let seen = b
                        .run(
                            "return Array.from(document.querySelectorAll('.file-preview')).map(p => ({
                                state: p.dataset.preview, text: p.textContent,
                                poster: !!p.querySelector('canvas.file-poster'),
                                label: p.querySelector('canvas')?.getAttribute('aria-label') || null }))",
                        )
                        .await;
                    let states: Vec<_> = seen
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p["state"].as_str().unwrap_or("").to_owned())
                        .collect();
                    if states.len() == 2 && !states.iter().any(|s| s == "loading") {
                        Ok(seen)
                    } else {
                        Err(seen.to_string())
                    }
                })
                .await;
            assert_eq!(previews[0]["state"], "ready", "{previews}");
            assert_eq!(previews[0]["poster"], true, "{previews}");
            assert_eq!(previews[0]["label"], "Preview of test card.webm");
            let facts = previews[0]["text"].as_str().unwrap();
            assert!(facts.contains("0:03") && facts.contains("320 × 240"), "{facts}");
            assert_eq!(previews[1]["state"], "none", "{previews}");
            assert!(
                previews[1]["text"].as_str().unwrap().contains("sent all the same"),
                "{previews}"
            );
            assert_accessible(b, "file first (previews)").await;
            b.screenshot(&format!("file-first-preview-{width}")).await;
            let rows = wait_for_rows_to_settle(b, 2).await;
            assert!(rows.iter().all(|r| r.state == "done"), "{rows:?}");
        })
        .await;
    }
    let sent = app.sandbox.photos();
    assert_eq!(
        sent.iter()
            .filter(|p| p.original_filename == "noise.mp4")
            .count(),
        2,
        "the file without a preview went too, at each width"
    );
}

/// A portal whose page sends files above 1 MiB in 256 KiB chunks, so that a loopback send in a
/// throttled browser lasts long enough to pause or reload in the middle.
async fn spawn_chunking_app() -> TestApp {
    spawn_app_with(|vars| {
        vars.insert("UPLOAD_CHUNKED_ABOVE_MB".into(), "1".into());
        vars.insert("UPLOAD_CHUNK_SIZE_MB".into(), "1".into());
    })
    .await
}

#[tokio::test]
async fn a_paused_chunked_send_resumes_from_where_it_stopped_without_sending_a_chunk_twice() {
    let app = spawn_chunking_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "long walk.mp4", 8 * 1024 * 1024 + 777);
    with_browser(
        "pause-resume",
        &app.address,
        Options::default(),
        async |b| {
            open_file_first(b).await;
            b.throttle(SLOW * 4).await;
            b.choose_files("#file", &[&clip]).await;
            wait_for_chunks_part_way(b, 10).await;
            b.wait_for("two chunks to arrive", || async {
                let arrived = app.sandbox.chunk_arrivals().len();
                if arrived >= 2 {
                    Ok(())
                } else {
                    Err(format!("{arrived}"))
                }
            })
            .await;
            b.click(".file-row button[data-action=pause]").await;
            let paused = b
                .wait_for("the row to pause", || async {
                    let rows = file_rows(b).await;
                    match rows.first() {
                        Some(row) if row.state == "paused" => Ok(row.clone()),
                        _ => Err(format!("{rows:?}")),
                    }
                })
                .await;
            assert!(paused.status.contains("Resume"), "{paused:?}");
            // What 23 confirmed (a chunk of 8 is 12 %), not what the pause cut off in flight.
            let kept: u32 = paused.percent.as_deref().unwrap().parse().unwrap();
            assert!((12..90).contains(&kept), "{paused:?}");
            assert!(paused.status.contains(&format!("{kept} %")), "{paused:?}");
            assert_accessible(b, "file first (paused)").await;
            let arrived = app.sandbox.chunk_arrivals().len();
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            assert_eq!(
                app.sandbox.chunk_arrivals().len(),
                arrived,
                "nothing is sent while paused"
            );

            b.throttle(FAST).await;
            b.click(".file-row button[data-action=resume]").await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
        },
    )
    .await;
    assert_no_chunk_sent_twice_beyond_those_in_flight(&app);
    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(
        std::fs::read(&photos[0].stored_at).unwrap(),
        std::fs::read(&clip).unwrap()
    );
}

#[tokio::test]
async fn a_reload_in_the_middle_of_a_chunked_send_finishes_it_from_where_it_stopped() {
    let app = spawn_chunking_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "whole concert.mp4", 8 * 1024 * 1024 + 4321);
    with_browser(
        "reload-resume",
        &app.address,
        Options::default(),
        async |b| {
            open_file_first(b).await;
            b.throttle(SLOW * 4).await;
            b.choose_files("#file", &[&clip]).await;
            wait_for_chunks_part_way(b, 10).await;
            b.wait_for("three chunks to arrive", || async {
                let arrived = app.sandbox.chunk_arrivals().len();
                if (3..7).contains(&arrived) {
                    Ok(())
                } else {
                    Err(format!("{arrived} chunks"))
                }
            })
            .await;
            let send_path = b.path().await;

            b.client.refresh().await.unwrap();
            b.wait_for_element("form.upload-form[data-enhanced=true]")
                .await;
            assert_eq!(
                b.path().await,
                send_path,
                "the reload lands on the upload's page"
            );
            let offer = b.wait_for_element(".resume-offer").await;
            let text = offer.text().await.unwrap();
            assert!(
                text.contains("whole concert.mp4")
                    && text.contains("Choose the same file again")
                    && !text.contains('{'),
                "{text}"
            );
            assert_accessible(b, "send page (offer to continue)").await;
            b.screenshot("resume-offer-desktop").await;

            b.throttle(FAST).await;
            b.choose_files("#file", &[&clip]).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            let resumed_from = b
                .run("return document.querySelector('.file-row').dataset.resumedFrom || null")
                .await;
            let resumed_from: u32 = resumed_from.as_str().unwrap().parse().unwrap();
            assert!(resumed_from >= 20, "went on from {resumed_from} %");
            assert!(
                !b.exists(".resume-offer").await,
                "the offer went with the choice"
            );
        },
    )
    .await;
    assert_no_chunk_sent_twice_beyond_those_in_flight(&app);
    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1);
    assert_eq!(
        std::fs::read(&photos[0].stored_at).unwrap(),
        std::fs::read(&clip).unwrap(),
        "the two halves make the same file"
    );
}

#[tokio::test]
async fn a_token_that_runs_out_during_a_chunked_send_is_renewed_and_the_page_says_the_file_starts_again()
 {
    let app = spawn_chunking_app().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "night shift.mp4", 8 * 1024 * 1024 + 99);
    with_browser(
        "expired-mid-send",
        &app.address,
        Options::default(),
        async |b| {
            open_file_first(b).await;
            b.throttle(SLOW * 4).await;
            b.choose_files("#file", &[&clip]).await;
            b.wait_for("two chunks to arrive", || async {
                let arrived = app.sandbox.chunk_arrivals().len();
                if arrived >= 2 {
                    Ok(())
                } else {
                    Err(format!("{arrived}"))
                }
            })
            .await;
            let first = app.sandbox.upload_tokens().remove(0).upload_token;
            app.sandbox.expire_token(&first);
            b.throttle(FAST).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            let restarted = b
                .run("return document.querySelector('.file-row').dataset.restarted || null")
                .await;
            assert_eq!(restarted, "true", "the row says it started again");
            let photos = app.sandbox.photos();
            assert_eq!(photos.len(), 1);
            assert_ne!(photos[0].upload_token, first, "sent with the fresh token");
            assert_eq!(
                std::fs::read(&photos[0].stored_at).unwrap(),
                std::fs::read(&clip).unwrap()
            );
        },
    )
    .await;
}

/// Each chunk arrived once, except those in flight when the send stopped (the page sends up to
/// three at once; one of them may have been stored as the page stopped listening).
fn assert_no_chunk_sent_twice_beyond_those_in_flight(app: &TestApp) {
    let arrivals = app.sandbox.chunk_arrivals();
    let mut seen = std::collections::HashSet::new();
    let twice: Vec<_> = arrivals
        .iter()
        .filter(|a| !seen.insert((a.identifier.clone(), a.number)))
        .collect();
    let files: std::collections::HashSet<_> = arrivals.iter().map(|a| &a.identifier).collect();
    assert_eq!(files.len(), 1, "one resumable file: {arrivals:?}");
    assert!(twice.len() <= 3, "sent twice: {twice:?}");
}

#[tokio::test]
async fn without_javascript_the_first_page_says_which_files_are_accepted() {
    let app = spawn_app().await;
    let options = Options {
        javascript: false,
        ..Options::default()
    };
    with_browser("file-types-no-js", &app.address, options, async |b| {
        b.goto("/").await;
        let text = b.text_now(".accepted-types").await.unwrap();
        assert!(
            text.contains("MP4") && text.contains("MP3") && text.contains("MB"),
            "{text}"
        );
        let hidden = b
            .run("return document.querySelector('form.file-first').hidden")
            .await;
        assert_eq!(hidden, true, "the file-first form needs JavaScript");
    })
    .await;
}

#[tokio::test]
async fn the_new_states_have_no_accessibility_violations_in_any_language_at_phone_width() {
    let app = spawn_chunking_app().await;
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        width: PHONE,
        ..Options::default()
    };
    with_browser("file-first-languages", &app.address, options, async |b| {
        for lang in ["en", "da", "de", "sv", "nb"] {
            let clip = media_file(dir.path(), &format!("clip-{lang}.mp4"), 6 * 1024 * 1024 + 5);
            b.goto(&format!("/?lang={lang}")).await;
            b.wait_for_element(&format!("html[lang={lang}]")).await;
            open_file_first(b).await;
            assert_accessible(b, &format!("file first, nothing chosen ({lang})")).await;
            let before = app.sandbox.chunk_arrivals().len();
            b.throttle(SLOW * 4).await;
            b.choose_files("#file", &[&clip]).await;
            wait_for_chunks_part_way(b, 10).await;
            b.wait_for("a chunk to arrive", || async {
                let arrived = app.sandbox.chunk_arrivals().len() - before;
                if arrived >= 1 { Ok(()) } else { Err(format!("{arrived}")) }
            })
            .await;
            b.click(".file-row button[data-action=pause]").await;
            b.wait_for_element(".file-row[data-state=paused]").await;
            assert_accessible(b, &format!("file first, paused ({lang})")).await;
            b.wait_for(&format!("a chunk recorded to resume ({lang})"), || async {
                let kept = b
                    .run(
                        "return new Promise(r => { const q = indexedDB.open('upload-portal');
                           q.onsuccess = () => { const g = q.result.transaction('chunked-sends')
                             .objectStore('chunked-sends').count(); g.onsuccess = () => r(g.result); };
                           q.onerror = () => r(0); })",
                    )
                    .await;
                if kept.as_u64().unwrap_or(0) > 0 { Ok(()) } else { Err(kept.to_string()) }
            })
            .await;
            b.client.refresh().await.unwrap();
            b.wait_for_element(".resume-offer").await;
            assert_accessible(b, &format!("send page, offer to continue ({lang})")).await;
            b.throttle(FAST).await;
            b.choose_files("#file", &[&clip]).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{lang}: {rows:?}");
            assert_accessible(b, &format!("send page, resumed and sent ({lang})")).await;
        }
    })
    .await;
}
