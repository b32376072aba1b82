//! Attacks on the portal that the other suites do not already try: open redirects, session
//! fixation, oversized and malformed requests, CSRF on every route, markup and Unicode tricks,
//! security headers, and secrets in pages and logs. Each test asserts the safe outcome.

mod csrf;
mod exposure;
mod headers;
mod limits;
mod malformed;
mod markup;
pub mod process;
mod redirects;
mod secrets;
mod sessions;
mod survival;

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long any refusal may take: "quickly" means well under a human's patience and far under
/// any timeout a slow-loris attacker could exploit.
pub const QUICK: Duration = Duration::from_secs(2);

/// What a raw HTTP exchange produced.
#[derive(Debug)]
pub struct RawAnswer {
    /// The status line's code, or `None` when the server closed without answering.
    pub status: Option<u16>,
    pub head: String,
    pub elapsed: Duration,
}

/// Sends `request` byte for byte (so it can be malformed in ways reqwest refuses to produce)
/// and reads the answer's head.
pub async fn raw_request(address: &str, request: &[u8]) -> RawAnswer {
    let host = address.trim_start_matches("http://");
    let started = Instant::now();
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    // The server may answer and close before reading everything; a broken pipe is not a failure.
    let _ = stream.write_all(request).await;
    let mut answer = Vec::new();
    let mut buf = [0u8; 8192];
    let deadline = started + Duration::from_secs(10);
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => answer.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    let head = String::from_utf8_lossy(&answer).into_owned();
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok());
    RawAnswer {
        status,
        head,
        elapsed: started.elapsed(),
    }
}

/// Asserts the response has a `Location` header and that it is a path on this site: not absolute,
/// not protocol-relative. A missing header fails: a redirect that lost its target proves nothing.
pub fn assert_local_location(response: &reqwest::Response) {
    let location = response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("a {} with no Location header", response.status()));
    let location = location.to_str().expect("an ASCII Location");
    assert!(
        location.starts_with('/')
            && !location.starts_with("//")
            && !location.starts_with("/\\")
            && !location.contains("evil"),
        "Location must be one of our paths, not {location}"
    );
}
