//! Issue 14, "exposure": what the portal's answers let a browser do with them.

use crate::helpers::{spawn_app, with_param};

#[tokio::test]
async fn the_pages_allow_scripts_only_from_the_portals_static_folder() {
    let app = spawn_app().await;
    let response = app.browser.get(app.url("/")).send().await.unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .unwrap_or_else(|| {
            panic!("no script-src, so default-src 'self' allows the whole origin: {csp}")
        });
    assert_eq!(script_src, format!("script-src {}/static/", app.address));
}

#[tokio::test]
async fn every_answer_at_a_callback_url_sends_no_referrer() {
    let app = spawn_app().await;
    let form = app.mint("Private link").await;
    let callback = app.upload_video(&form).await;
    let altered = with_param(&callback, "upload_token", "someone-elses");
    let unknown = callback.replace("/uploads/callback/", "/uploads/callback/x");
    for (what, url, status) in [
        ("the redirect to the history", callback.as_str(), 303),
        ("an altered link's error page", altered.as_str(), 400),
        ("an unknown link's error page", unknown.as_str(), 400),
    ] {
        let response = app.follow(url).await;
        assert_eq!(response.status(), status, "{what}");
        assert_eq!(
            response.headers()["referrer-policy"],
            "no-referrer",
            "{what}"
        );
    }
    // Other pages keep the site-wide policy.
    let history = app.browser.get(app.url("/uploads")).send().await.unwrap();
    assert_eq!(history.headers()["referrer-policy"], "same-origin");
}

/// The portal in sandbox mode, keeping everything (SQLite included) under `data_dir`.
fn sandbox_mode_vars(data_dir: &std::path::Path) -> std::collections::HashMap<String, String> {
    let database = format!("sqlite://{}?mode=rwc", data_dir.join("portal.db").display());
    std::collections::HashMap::from([
        ("BIND_ADDR".to_string(), "127.0.0.1:0".to_string()),
        ("DATA_DIR".to_string(), data_dir.display().to_string()),
        ("DATABASE_URL".to_string(), database),
    ])
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_directory_and_the_files_in_it_are_private_to_the_portals_user() {
    let parent = tempfile::tempdir().unwrap();
    let data_dir = parent.path().join("data");
    let (address, _) = crate::helpers::start_portal(&sandbox_mode_vars(&data_dir)).await;
    // Something written, so SQLite has its journal files too.
    let page = reqwest::get(format!("{address}/")).await.unwrap();
    assert_eq!(page.status(), 200);

    assert_eq!(mode(&data_dir), 0o700, "DATA_DIR");
    assert_eq!(
        mode(&data_dir.join("session-secret")),
        0o600,
        "session-secret"
    );
    for name in ["portal.db", "portal.db-wal", "portal.db-shm"] {
        let file = data_dir.join(name);
        if name == "portal.db" || file.exists() {
            assert_eq!(mode(&file), 0o600, "{name}");
        }
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_session_secret_file_others_can_read_stops_the_start_with_the_fix() {
    use std::os::unix::fs::PermissionsExt as _;
    let data_dir = tempfile::tempdir().unwrap();
    let secret = data_dir.path().join("session-secret");
    std::fs::write(&secret, upload_portal::random::hex_bytes(32)).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let vars = sandbox_mode_vars(data_dir.path());
    let settings = upload_portal::config::Settings::from_lookup(|n| vars.get(n).cloned()).unwrap();

    let refused = upload_portal::startup::Application::build(settings).await;

    let error = format!("{:#}", refused.err().expect("the start is refused"));
    assert!(error.contains("can be read by other users"), "{error}");
    assert!(error.contains("chmod 600"), "{error}");
    assert!(!error.contains('\n'), "one line: {error}");
}

/// Sends a form body ten bytes a second (far below any real client) for up to 20 s, as a client
/// asking for `language`; returns the answer and how long it took to come.
async fn trickle_a_body(language: &str) -> (String, std::time::Duration) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let app = spawn_app().await;
    let host = app.address.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /uploads HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept-Language: {language}\r\nContent-Length: 4000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < std::time::Duration::from_secs(20) {
        if stream.write_all(b"title=aaaa").await.is_err() {
            break;
        }
        let read = tokio::time::timeout(std::time::Duration::from_secs(1), stream.read(&mut buf));
        match read.await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        // The whole (short) answer: its head and the sentence after it.
        if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b".") {
            break;
        }
    }
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test]
async fn a_request_body_that_trickles_in_is_cut_off_with_408() {
    let (answer, took) = trickle_a_body("en").await;

    // Assert: 408 once the grace period is over, long before the body could have finished.
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(took < std::time::Duration::from_secs(12), "{took:?}");
    assert!(
        answer.ends_with("check your connection and try again."),
        "{answer}"
    );
}

#[tokio::test]
async fn the_408_for_a_trickling_body_speaks_the_clients_language() {
    let (answer, _) = trickle_a_body("da").await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.ends_with("Tjek din forbindelse, og prøv igen."),
        "{answer}"
    );
}
