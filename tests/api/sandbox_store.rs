//! The built-in sandbox keeps its stored files below `SANDBOX_STORE_MAX_MB`, letting the oldest
//! go (its video page says so calmly), and serves a stored file in parts for players that seek.

use reqwest::header::{ACCEPT_RANGES, CONTENT_RANGE, RANGE};

use crate::helpers::{TestApp, base_vars, browser, start_portal};
use upload_portal::twentythree::oauth::Credentials;

const KIB: usize = 1024;

async fn sandbox_mode_app(store_max_mb: &str) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let mut vars = base_vars(data_dir.path(), None, &Credentials::generate()).await;
    vars.insert("SANDBOX_STORE_MAX_MB".into(), store_max_mb.into());
    let (address, sandbox) = start_portal(&vars).await;
    TestApp {
        site_url: format!("{address}/sandbox-23"),
        address,
        sandbox: sandbox.expect("sandbox mode has a built-in sandbox"),
        credentials: Credentials::generate(),
        browser: browser(),
        database_url: vars["DATABASE_URL"].clone(),
        data_dir,
    }
}

/// `n` bytes that differ from file to file, so a part read back can be told apart.
fn contents(seed: u8, n: usize) -> Vec<u8> {
    (0..n).map(|i| (i as u8).wrapping_mul(31) ^ seed).collect()
}

/// Sends a file of these bytes through a fresh upload; returns its photo id.
async fn store(app: &TestApp, name: &str, bytes: Vec<u8>) -> i64 {
    let form = app.mint(name).await;
    let response = app.send_file(&form, name, "video/webm", bytes).await;
    assert_eq!(response.status(), 301, "the sandbox took {name}");
    app.sandbox.photos().last().unwrap().photo_id
}

fn bytes_under(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => bytes_under(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[tokio::test]
async fn past_its_store_cap_the_sandbox_lets_the_oldest_files_go_and_the_newest_still_plays() {
    let app = sandbox_mode_app("1").await;
    let mut ids = Vec::new();
    for (seed, name) in [(1, "first.webm"), (2, "second.webm"), (3, "third.webm")] {
        ids.push(store(&app, name, contents(seed, 400 * KIB)).await);
    }
    let newest_bytes = contents(4, 400 * KIB);
    ids.push(store(&app, "fourth.webm", newest_bytes.clone()).await);

    let stored = bytes_under(&app.data_dir.path().join("sandbox"));
    assert!(
        stored <= 1024 * 1024,
        "the sandbox keeps at most 1 MiB: {stored}"
    );

    let client = reqwest::Client::new();
    let oldest = client
        .get(format!("{}/video/{}", app.site_url, ids[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(oldest.status(), 200, "the video is still listed");
    let page = oldest.text().await.unwrap();
    assert!(
        page.contains("no longer keeps this file") && page.contains("SANDBOX_STORE_MAX_MB"),
        "says why, calmly: {page}"
    );
    assert!(
        !page.contains("<video"),
        "no player for a file that is gone"
    );
    assert!(page.contains("first.webm"), "its details stay: {page}");
    let gone = client
        .get(format!("{}/video/{}/file", app.site_url, ids[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 410);

    let newest = client
        .get(format!("{}/video/{}", app.site_url, ids[3]))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(newest.contains("<video id=\"stored-file\""), "{newest}");
    let file = client
        .get(format!("{}/video/{}/file", app.site_url, ids[3]))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()[ACCEPT_RANGES], "bytes");
    assert_eq!(file.bytes().await.unwrap().to_vec(), newest_bytes);

    let kept: Vec<bool> = app.sandbox.photos().iter().map(|p| p.file_kept).collect();
    assert_eq!(kept, [false, false, true, true]);
}

#[tokio::test]
async fn a_stored_file_is_served_in_the_range_a_player_asks_for_and_refuses_one_past_its_end() {
    let app = sandbox_mode_app("10").await;
    let bytes = contents(7, 100 * KIB);
    let id = store(&app, "seekable.webm", bytes.clone()).await;
    let url = format!("{}/video/{id}/file", app.site_url);
    let client = reqwest::Client::new();
    let size = bytes.len();

    let part = |range: &'static str| client.get(&url).header(RANGE, range).send();
    let first = part("bytes=0-9").await.unwrap();
    assert_eq!(first.status(), 206);
    assert_eq!(
        first.headers()[CONTENT_RANGE].to_str().unwrap(),
        format!("bytes 0-9/{size}")
    );
    assert_eq!(first.bytes().await.unwrap().to_vec(), bytes[..10]);

    let middle = part("bytes=50000-").await.unwrap();
    assert_eq!(middle.status(), 206);
    assert_eq!(
        middle.headers()[CONTENT_RANGE].to_str().unwrap(),
        format!("bytes 50000-{}/{size}", size - 1)
    );
    assert_eq!(middle.bytes().await.unwrap().to_vec(), bytes[50000..]);

    let last = part("bytes=-16").await.unwrap();
    assert_eq!(last.status(), 206);
    assert_eq!(last.bytes().await.unwrap().to_vec(), bytes[size - 16..]);

    let past = client
        .get(&url)
        .header(RANGE, format!("bytes={size}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(past.status(), 416);
    assert_eq!(
        past.headers()[CONTENT_RANGE].to_str().unwrap(),
        format!("bytes */{size}")
    );
}
