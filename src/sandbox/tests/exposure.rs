//! Issue 14, "exposure": whoever reaches the sandbox cannot make it store a byte without a token.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use super::{spawn, spawn_with};

/// Opens a redeem-upload-token POST announcing `length` bytes, and sends its head: the token field
/// and the start of the file part.
async fn start_redeem(base: &str, token: &str, length: u64) -> tokio::net::TcpStream {
    let host = base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let boundary = "XyZ";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"upload_token\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    let request = format!(
        "POST /api/photo/redeem-upload-token HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n\r\n{head}"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    stream
}

/// The start of the answer, or a panic if none comes within `wait`.
async fn answer_within(stream: &mut tokio::net::TcpStream, wait: Duration) -> String {
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(wait, stream.read(&mut answer)).await;
    let n = read.expect("an answer in time").unwrap();
    String::from_utf8_lossy(&answer[..n]).into_owned()
}

/// Files anywhere under `dir`, however deep.
fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| {
                    let entry = entry.unwrap();
                    if entry.file_type().unwrap().is_dir() {
                        files_under(&entry.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn a_file_with_a_made_up_token_is_refused_before_any_of_it_reaches_the_disk() {
    let ts = spawn().await;
    // Announces 100 MB; sends the head and the first 64 KiB only, then waits.
    let mut stream = start_redeem(&ts.base, "made-up", 100_000_000).await;
    stream.write_all(&vec![b'v'; 64 * 1024]).await.unwrap();

    let answer = answer_within(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.contains("The upload token is invalid"), "{answer}");
    assert_eq!(
        files_under(&ts.storage.path().join("store")),
        0,
        "nothing stored"
    );
}

#[tokio::test]
async fn an_upload_that_goes_silent_is_abandoned_and_its_partial_file_deleted() {
    let ts = spawn_with(|s| s.upload_idle_timeout = Duration::from_secs(1)).await;
    let token = ts.upload_token(&[]).await;
    let mut stream = start_redeem(&ts.base, &token, 1_000_000).await;
    stream.write_all(&vec![b'v'; 300 * 1024]).await.unwrap();
    // The client stops sending, but keeps the connection open.

    let answer = answer_within(&mut stream, Duration::from_secs(5)).await;

    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("nothing arrived for 1 s"), "{answer}");
    assert_eq!(
        files_under(&ts.storage.path().join("store")),
        0,
        "partial file deleted"
    );
    assert!(ts.sandbox.photos().is_empty());
    let token = ts.sandbox.upload_token(&token).unwrap();
    assert_eq!(token.uses_left, 1, "the token is not spent");
}

#[tokio::test]
async fn files_that_would_pass_the_disk_quota_are_refused_and_not_kept() {
    let ts = spawn_with(|s| s.disk_quota = 100 * 1024).await;
    let first = ts.upload_token(&[]).await;
    let second = ts.upload_token(&[]).await;
    let ok = ts
        .redeem(super::upload_form(
            &first,
            super::video(vec![1u8; 60 * 1024]),
        ))
        .await;
    assert_eq!(ts.text_of(ok).await, "OK");

    let over = ts
        .redeem(super::upload_form(
            &second,
            super::video(vec![2u8; 60 * 1024]),
        ))
        .await;

    assert_ne!(ts.text_of(over).await, "OK");
    assert_eq!(ts.sandbox.photos().len(), 1, "the second file is not kept");
    assert!(files_under(&ts.storage.path().join("store")) <= 1);
}
