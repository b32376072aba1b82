//! A history that stays tidy (issue 21 §6): one action per entry, a retry in place of what it
//! retries, removable entries without a video, the chosen file's name and size.

use crate::helpers::{TestApp, attr, browser, count, spawn_app, spawn_app_with};

async fn post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    form.push(("csrf_token".into(), app.csrf_token().await));
    app.browser
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_failed_entry_offers_exactly_one_way_to_try_again() {
    let app = spawn_app().await;
    app.failed_upload("Refused notes").await;
    let (_, html) = app.get_html("/uploads").await;
    let entry = "li[data-status=failed] .upload-actions";
    assert_eq!(count(&html, &format!("{entry} a.button")), 1, "{html}");
    assert_eq!(count(&html, &format!("{entry} form[action$='/renew']")), 0);
    assert_eq!(count(&html, &format!("{entry} form[action$='/remove']")), 1);
}

#[tokio::test]
async fn a_retry_takes_the_place_of_the_failed_entry_it_retries() {
    let app = spawn_app().await;
    app.failed_upload("Second chance").await;
    let failed = app.newest_upload_id().await;
    let renewed = post(&app, &format!("/uploads/{failed}/renew"), &[]).await;
    assert_eq!(renewed.status(), 303);
    let history = app.history().await;
    let titles: Vec<_> = history.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Second chance"], "the same title is listed once");
    assert_eq!(history[0].status, "pending");
}

#[tokio::test]
async fn an_entry_without_a_video_can_be_removed_and_one_with_a_video_cannot() {
    let app = spawn_app().await;
    app.complete_upload("Keep me").await;
    let sent = app.newest_upload_id().await;
    app.mint("Never sent").await;
    let waiting = app.newest_upload_id().await;

    let refused = post(&app, &format!("/uploads/{sent}/remove"), &[]).await;
    assert_eq!(refused.status(), 400);
    let removed = post(&app, &format!("/uploads/{waiting}/remove"), &[]).await;
    assert_eq!(removed.status(), 303);
    let titles: Vec<_> = app.history().await.into_iter().map(|e| e.title).collect();
    assert_eq!(titles, ["Keep me"]);

    // Without the page's CSRF token nothing is removed.
    app.mint("Still here").await;
    let forged = app.newest_upload_id().await;
    let response = app
        .browser
        .post(app.url(&format!("/uploads/{forged}/remove")))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(app.history().await.len(), 2);
}

#[tokio::test]
async fn another_browser_cannot_remove_a_visitors_upload() {
    let app = spawn_app().await;
    app.mint("Mine").await;
    let id = app.newest_upload_id().await;
    let stranger = browser();
    let page = stranger.get(app.url("/")).send().await.unwrap();
    let token = attr(
        &page.text().await.unwrap(),
        "input[name=csrf_token]",
        "value",
    )
    .unwrap();
    let response = stranger
        .post(app.url(&format!("/uploads/{id}/remove")))
        .form(&[("csrf_token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(app.history().await.len(), 1);
}

#[tokio::test]
async fn the_history_shows_the_chosen_files_name_and_size() {
    let app = spawn_app().await;
    app.mint("With a file").await;
    let id = app.newest_upload_id().await;
    let response = post(
        &app,
        &format!("/uploads/{id}/file"),
        &[("name", "harbour.mp4"), ("size", "12500000")],
    )
    .await;
    assert_eq!(response.status(), 204);
    let history = app.history().await;
    assert!(
        history[0].text.contains("harbour.mp4 · 12 MB"),
        "{}",
        history[0].text
    );
}

/// A real three-second clip, made with ffmpeg (installed for the recording tests).
fn three_second_clip(dir: &std::path::Path, name: &str, codec: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let made = std::process::Command::new("ffmpeg")
        .args(["-loglevel", "error", "-f", "lavfi", "-i"])
        .arg("testsrc=duration=3:size=64x48:rate=10")
        .args(codec)
        .arg(&path)
        .status()
        .expect("ffmpeg runs (scripts/test.sh installs it)");
    assert!(made.success());
    std::fs::read(path).unwrap()
}

#[tokio::test]
async fn once_encoded_an_entry_shows_the_length_of_the_video_sent() {
    let app = spawn_app_with(|vars| {
        vars.insert("REFRESH_INTERVAL_SECS".into(), "1".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    for (title, name, mime, codec) in [
        (
            "An mp4",
            "clip.mp4",
            "video/mp4",
            &["-pix_fmt", "yuv420p"][..],
        ),
        (
            "A webm",
            "clip.webm",
            "video/webm",
            &["-c:v", "libvpx-vp9"][..],
        ),
    ] {
        let form = app.mint(title).await;
        let bytes = three_second_clip(dir.path(), name, codec);
        let response = app.send_file(&form, name, mime, bytes).await;
        let callback = response.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(app.follow(&callback).await.status(), 303);
    }
    for photo in app.sandbox.photos() {
        app.sandbox.finish_encoding(photo.photo_id);
    }
    app.wait_for_history(15, |h| h.iter().all(|e| e.status == "ready"))
        .await;
    let (_, html) = app.get_html("/uploads").await;
    assert_eq!(html.matches(" · 0:03").count(), 2, "{html}");
}
