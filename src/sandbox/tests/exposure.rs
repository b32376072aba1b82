//! Issue 14, "exposure": whoever reaches the sandbox cannot make it store a byte without a token.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use super::spawn;

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
    let host = ts.base.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let boundary = "XyZ";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"upload_token\"\r\n\r\nmade-up\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    // Announces 100 MB; sends the head and the first 64 KiB only, then waits.
    let request = format!(
        "POST /api/photo/redeem-upload-token HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 100000000\r\n\r\n{head}"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    stream.write_all(&vec![b'v'; 64 * 1024]).await.unwrap();

    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer)).await;
    let n = read
        .expect("answered without waiting for the rest")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.contains("The upload token is invalid"), "{answer}");
    assert_eq!(
        files_under(&ts.storage.path().join("store")),
        0,
        "nothing stored"
    );
}
