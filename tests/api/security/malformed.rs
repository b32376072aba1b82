//! Oversized and malformed requests are answered with a 4xx, quickly, and change nothing.

use std::time::Duration;

use crate::helpers::{TestApp, spawn_app};
use crate::security::{QUICK, RawAnswer, raw_request};

fn assert_quick_4xx(answer: &RawAnswer, what: &str) {
    let status = answer.status.unwrap_or_else(|| {
        panic!("{what}: closed without an answer: {:?}", answer.head);
    });
    assert!(
        (400..500).contains(&status),
        "{what}: {status}\n{}",
        answer.head
    );
    assert!(answer.elapsed < QUICK, "{what}: took {:?}", answer.elapsed);
}

/// A valid callback path for the upload this app just minted.
async fn callback_path(app: &TestApp) -> String {
    let form = app.mint("Target").await;
    let callback = app.upload_video(&form).await;
    let url = url::Url::parse(&callback).unwrap();
    url.path().to_string()
}

/// actix-web reads at most 128 KiB of request head; a query that fits is parsed normally
/// (unknown parameters ignored), a longer one is refused before any handler runs.
#[tokio::test]
async fn huge_query_strings_are_refused_quickly() {
    let app = spawn_app().await;
    for size in [200 * 1024, 1024 * 1024, 16 * 1024 * 1024] {
        let request = format!(
            "GET /uploads?before=1&pad={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "a".repeat(size)
        );
        let answer = raw_request(&app.address, request.as_bytes()).await;
        assert_quick_4xx(&answer, &format!("{size}-byte query"));
    }
    let digits = "9".repeat(5000);
    let (status, _) = app.get_html(&format!("/uploads?before={digits}")).await;
    assert_eq!(status, 400, "an out-of-range number is a calm 400");
}

#[tokio::test]
async fn huge_headers_and_too_many_headers_are_refused_quickly() {
    let app = spawn_app().await;
    let big = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(200_000)
    );
    assert_quick_4xx(
        &raw_request(&app.address, big.as_bytes()).await,
        "one huge header",
    );
    let many: String = (0..500).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: x\r\n{many}Connection: close\r\n\r\n");
    assert_quick_4xx(
        &raw_request(&app.address, many.as_bytes()).await,
        "500 headers",
    );
}

#[tokio::test]
async fn a_huge_form_body_is_refused_quickly_without_being_read() {
    let app = spawn_app().await;
    // Announced as 10 GiB but never sent: the answer must not wait for it.
    let announced = "POST /uploads HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                     Content-Length: 10737418240\r\nConnection: close\r\n\r\ntitle=";
    assert_quick_4xx(
        &raw_request(&app.address, announced.as_bytes()).await,
        "10 GiB Content-Length",
    );
    // Chunked, so no length is announced: refused once past the limit.
    let chunk = "a".repeat(64 * 1024);
    let chunked = format!(
        "POST /uploads HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n6\r\ntitle=\r\n{len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    );
    assert_quick_4xx(
        &raw_request(&app.address, chunked.as_bytes()).await,
        "128 KiB chunked form",
    );
    let one_mib = app
        .post_new_upload(&[("title", &"t".repeat(1024 * 1024))])
        .await;
    assert!(one_mib.status().is_client_error(), "{}", one_mib.status());
    assert!(app.sandbox.upload_tokens().is_empty(), "nothing was minted");
}

#[tokio::test]
async fn a_huge_callback_body_is_refused_quickly() {
    let app = spawn_app().await;
    let path = callback_path(&app).await;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 10737418240\r\nConnection: close\r\n\r\nupload_token="
    );
    assert_quick_4xx(
        &raw_request(&app.address, request.as_bytes()).await,
        "10 GiB callback",
    );
    assert!(app.history().await.iter().all(|e| e.photo_id.is_none()));
}

#[tokio::test]
async fn a_slow_client_is_cut_off_within_a_bounded_time() {
    let app = spawn_app().await;
    let host = app.address.trim_start_matches("http://").to_string();
    let started = std::time::Instant::now();
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // Never finish the head: the server must give up on its own.
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "still connected after 15 s");
    let head = String::from_utf8_lossy(&buf);
    assert!(
        buf.is_empty() || head.starts_with("HTTP/1.1 408"),
        "closed or 408, not {head}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn invalid_utf8_in_queries_and_callbacks_is_a_400() {
    let app = spawn_app().await;
    let (status, _) = app.get_html("/uploads?before=%FF%FE").await;
    assert_eq!(status, 400);
    let path = callback_path(&app).await;
    for query in [
        "upload_token=%FF%FE&photo_id=1",
        "upload_token=a&photo_id=%C0%AF",
    ] {
        let response = app.follow(&app.url(&format!("{path}?{query}"))).await;
        assert_eq!(response.status(), 400, "{query}");
    }
    // Raw non-ASCII bytes in the request line, which no browser sends.
    let raw = [
        &b"GET /uploads?before=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
        &b"GET /\xc0\xaf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
    ];
    for request in raw {
        assert_quick_4xx(
            &raw_request(&app.address, request).await,
            "raw bytes in the URL",
        );
    }
    assert!(app.history().await.iter().all(|e| e.photo_id.is_none()));
}

#[tokio::test]
async fn invalid_utf8_in_the_form_never_reaches_23_as_raw_bytes() {
    // application/x-www-form-urlencoded decodes bytes that are not UTF-8 to U+FFFD (the WHATWG
    // URL standard, which browsers follow), so the form is either refused or stored as text.
    let app = spawn_app().await;
    let csrf = app.csrf_token().await;
    let body = format!("title=%FF%FEabc%C0&description=%ED%A0%80&csrf_token={csrf}");
    let response = app
        .browser
        .post(app.url("/uploads"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(
        response.status() == 303 || response.status().is_client_error(),
        "{}",
        response.status()
    );
    for token in app.sandbox.upload_tokens() {
        assert_eq!(token.title, "\u{FFFD}\u{FFFD}abc\u{FFFD}");
        assert!(
            token.description.chars().all(|c| c == '\u{FFFD}'),
            "{:?}",
            token.description
        );
    }
}

#[tokio::test]
async fn multipart_and_other_bodies_are_refused_by_our_form_route() {
    let app = spawn_app().await;
    let csrf = app.csrf_token().await;
    let multipart = reqwest::multipart::Form::new()
        .text("title", "Multipart")
        .text("csrf_token", csrf.clone());
    let response = app
        .browser
        .post(app.url("/uploads"))
        .multipart(multipart)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    for (content_type, body) in [
        (
            "multipart/form-data; boundary=x",
            "--x\r\nbroken".to_string(),
        ),
        ("multipart/form-data", format!("title=A&csrf_token={csrf}")),
        ("text/plain", format!("title=A&csrf_token={csrf}")),
        (
            "application/json",
            format!(r#"{{"title":"A","csrf_token":"{csrf}"}}"#),
        ),
    ] {
        let response = app
            .browser
            .post(app.url("/uploads"))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_client_error(),
            "{content_type}: {}",
            response.status()
        );
    }
    assert!(app.sandbox.upload_tokens().is_empty(), "nothing was minted");
}

#[tokio::test]
async fn oversized_or_odd_path_segments_are_refused_quickly() {
    let app = spawn_app().await;
    let long = "a".repeat(8000);
    for path in [
        format!("/uploads/callback/{long}/{long}"),
        "/uploads/callback/%00/%00".to_string(),
        "/uploads/99999999999999999999999/send".to_string(),
        "/uploads/-1/send".to_string(),
        "/static/..%2F..%2FCargo.toml".to_string(),
        "/static/%2e%2e/Cargo.toml".to_string(),
    ] {
        let started = std::time::Instant::now();
        let response = app.browser.get(app.url(&path)).send().await.unwrap();
        assert!(
            response.status().is_client_error(),
            "{path:.60}: {}",
            response.status()
        );
        assert!(started.elapsed() < QUICK);
        assert!(!response.text().await.unwrap().contains("[package]"));
    }
}
