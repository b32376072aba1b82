//! A 1 GiB video sent to the sandbox process, whole (one multipart POST, as the plain HTML form
//! does) or in Resumable.js chunks (as 23's uploader script does).

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use upload_portal::twentythree::oauth::Credentials;
use upload_portal::twentythree::{Client, UploadTokenRequest};

pub const SIZE: u64 = 1 << 30;
const CHUNK: u64 = 16 << 20;
const BOUNDARY: &str = "benchmarkboundary7MA4YWxkTrZu0gW";

/// A fresh upload token from the sandbox, signed as the portal would sign it.
pub async fn mint(sandbox: &str, credentials: &Credentials) -> String {
    let client = Client::new(
        sandbox.parse().unwrap(),
        credentials.clone(),
        Duration::from_secs(10),
    )
    .unwrap();
    let request = UploadTokenRequest {
        title: "One gibibyte".into(),
        description: String::new(),
        tags: String::new(),
        publish: false,
        album_id: None,
        valid_minutes: Some(60),
        max_uploads: Some(1),
        return_url: "http://127.0.0.1:9/uploads/callback/x/y".into(),
    };
    client
        .get_upload_token(&request)
        .await
        .unwrap()
        .upload_token
}

/// Streams the whole file in one request over a raw socket (so the client holds 1 MiB at a
/// time); returns the answer's status and how long it took.
pub async fn whole_file(sandbox: &str, token: &str) -> (u16, Duration) {
    let head_of_body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"upload_token\"\r\n\r\n{token}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    let tail = format!("\r\n--{BOUNDARY}--\r\n");
    let length = head_of_body.len() as u64 + SIZE + tail.len() as u64;
    let host = sandbox.trim_start_matches("http://");
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /api/photo/redeem-upload-token HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n\
         Connection: close\r\n\r\n{head_of_body}"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let block = vec![b'v'; 1 << 20];
    for _ in 0..SIZE / block.len() as u64 {
        stream.write_all(&block).await.unwrap();
    }
    stream.write_all(tail.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = stream.read(&mut answer).await.unwrap();
    let status = String::from_utf8_lossy(&answer[..n])
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, started.elapsed())
}

/// Sends the file as 64 Resumable.js chunks of 16 MiB, one after the other; returns the last
/// chunk's status (301 back to `return_url`) and the time taken.
pub async fn chunked(sandbox: &str, token: &str) -> (u16, Duration) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let chunks = SIZE / CHUNK;
    let started = Instant::now();
    let mut last = 0;
    for number in 1..=chunks {
        let part = reqwest::multipart::Part::bytes(vec![b'c'; CHUNK as usize])
            .file_name("big.mp4")
            .mime_str("video/mp4")
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("upload_token", token.to_string())
            .text("resumableChunkNumber", number.to_string())
            .text("resumableChunkSize", CHUNK.to_string())
            .text("resumableTotalSize", SIZE.to_string())
            .text("resumableIdentifier", "benchmark-1gib")
            .text("resumableFilename", "big.mp4")
            .text("resumableType", "video/mp4")
            .part("file", part);
        let response = client
            .post(format!("{sandbox}/api/photo/redeem-upload-token"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        last = response.status().as_u16();
        if number < chunks {
            assert_eq!(last, 200, "chunk {number}");
        }
    }
    (last, started.elapsed())
}
