//! The API calls against a wiremock 23: what each sends, signed, and what it makes of the answer.

use std::io::Write;
use std::sync::{Arc, Mutex};

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::twentythree::client::tests::*;

#[tokio::test]
async fn get_upload_token_posts_a_signed_form_under_the_base_path() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/sandbox-23/api/photo/get-upload-token"))
        .respond_with(xml(TOKEN_XML))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server, "/sandbox-23/", Duration::from_secs(5));

    let token = client.get_upload_token(&token_request()).await.unwrap();

    assert_eq!(
        token.upload_token,
        "022fe6e3fb42758d6147c539727c5358af3524b1"
    );
    assert_eq!(token.title, "Summer & sea");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        request.url.query(),
        None,
        "no parameters in the URL of a POST"
    );
    let body = form(request);
    let expected: Vec<(String, String)> = [
        ("title", "Summer & sea = 100% fun+"),
        ("description", "Ünïcode and spaces"),
        ("tags", "beach holiday"),
        ("publish", "0"),
        ("album_id", "123"),
        ("valid_minutes", "15"),
        ("max_uploads", "1"),
        ("return_url", "https://portal.example/callback?n=abc"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(body, expected);
    assert!(body.iter().all(|(k, _)| !k.starts_with("oauth_")));
    assert!(signature_verifies(request, &body));
    // The body really is covered by the signature: a changed title no longer verifies.
    let mut tampered = body.clone();
    tampered[0].1 = "Other title".into();
    assert!(!signature_verifies(request, &tampered));
}

#[tokio::test]
async fn photo_list_sends_a_signed_get_with_the_filters_in_the_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/photo/list"))
        .respond_with(xml(LIST_XML))
        .mount(&server)
        .await;
    let query = PhotoListQuery {
        upload_token: Some("022fe6e3".into()),
        include_unpublished: true,
        video_encoded: Some(false),
        size: Some(5),
        ..Default::default()
    };

    let list = client(&server).photo_list(&query).await.unwrap();

    assert_eq!((list.total_count, list.photos[0].photo_id), (1, 60433));
    assert_eq!(list.photos[0].tree_id, Some(7340));
    let request = &server.received_requests().await.unwrap()[0];
    let sent: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected: Vec<(String, String)> = [
        ("upload_token", "022fe6e3"),
        ("include_unpublished_p", "1"),
        ("video_encoded_p", "0"),
        ("size", "5"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(sent, expected);
    assert!(request.body.is_empty());
    assert!(signature_verifies(request, &[]));
}

#[tokio::test]
async fn update_upload_token_posts_only_the_fields_that_change() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/photo/update-upload-token"))
        .respond_with(xml(
            r#"<response status="ok" message="The token information was updated"/>"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let update = UploadTokenUpdate {
        upload_token: "022fe6e3".into(),
        title: Some("New title".into()),
        description: None,
        tags: None,
    };

    client(&server).update_upload_token(&update).await.unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    let body = form(request);
    assert_eq!(
        body,
        vec![
            ("upload_token".to_string(), "022fe6e3".to_string()),
            ("title".to_string(), "New title".to_string()),
        ]
    );
    assert!(signature_verifies(request, &body));
}

#[tokio::test]
async fn check_credentials_accepts_write_and_above() {
    for level in ["write", "admin", "super"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/photo/list"))
            .respond_with(xml(&format!(
                r#"<response status="ok" permission_level="{level}" total_count="0"/>"#
            )))
            .expect(1)
            .mount(&server)
            .await;

        assert_eq!(client(&server).check_credentials().await, Ok(()), "{level}");
        let request = &server.received_requests().await.unwrap()[0];
        assert!(signature_verifies(request, &[]));
    }
}

#[tokio::test]
async fn check_credentials_refuses_read_only_credentials_as_permission_denied() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(xml(
            r#"<response status="ok" permission_level="read" total_count="0"/>"#,
        ))
        .mount(&server)
        .await;

    let error = client(&server).check_credentials().await.unwrap_err();

    assert!(matches!(&error, ApiError::Api { code, .. } if code == "permission_denied"));
    assert_eq!(
        error.operator_hint(),
        "The credentials lack write permission on this 23 site"
    );
}

#[derive(Clone, Default)]
struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Checklist O6 for the client's own log lines.
#[tokio::test]
async fn debug_logs_name_each_call_but_never_a_full_upload_token_or_a_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(xml(TOKEN_XML))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let logs = CapturedLogs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // With a single registered dispatcher, tracing-core caches each callsite's interest from
    // whichever thread reaches it first; tests on other threads have no subscriber and would
    // switch the client's log lines off for this one too. A second dispatcher makes it ask
    // every thread's subscriber instead.
    let _second_dispatcher = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let _guard = tracing::subscriber::set_default(subscriber);
    let full_token = "022fe6e3fb42758d6147c539727c5358af3524b1";

    let client = client(&server);
    client.get_upload_token(&token_request()).await.unwrap();
    let query = PhotoListQuery {
        upload_token: Some(full_token.into()),
        ..Default::default()
    };
    client.photo_list(&query).await.unwrap_err();

    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("/api/photo/get-upload-token"), "{logs}");
    assert!(logs.contains("/api/photo/list"), "{logs}");
    assert!(
        logs.contains("022fe6"),
        "a short prefix identifies the token: {logs}"
    );
    for secret in [full_token, CONSUMER_SECRET, TOKEN_SECRET, "oauth_signature"] {
        assert!(!logs.contains(secret), "{secret} leaked into: {logs}");
    }
}

#[tokio::test]
async fn album_exists_asks_signed_for_that_album_hidden_ones_included_and_reads_the_list() {
    let server = MockServer::start().await;
    let listed = r#"<response status="ok" permission_level="write" p="1" size="1" total_count="1">
        <album album_id="42" title="Testimonials" hide_p="1"><content/></album></response>"#;
    Mock::given(method("GET"))
        .and(path("/api/album/list"))
        .and(wiremock::matchers::query_param("album_id", "42"))
        .respond_with(xml(listed))
        .mount(&server)
        .await;
    let empty =
        r#"<response status="ok" permission_level="write" p="1" size="1" total_count="0"/>"#;
    Mock::given(method("GET"))
        .and(path("/api/album/list"))
        .and(wiremock::matchers::query_param("album_id", "7"))
        .respond_with(xml(empty))
        .mount(&server)
        .await;
    let refused = r#"<response status="error" code="no_such_album" message="No such album" permission_level="write"/>"#;
    Mock::given(method("GET"))
        .and(path("/api/album/list"))
        .and(wiremock::matchers::query_param("album_id", "8"))
        .respond_with(xml(refused))
        .mount(&server)
        .await;
    let client = client(&server);

    assert_eq!(client.album_exists("42").await, Ok(true));
    assert_eq!(client.album_exists("7").await, Ok(false), "an empty list");
    assert_eq!(client.album_exists("8").await, Ok(false), "no_such_album");
    let request = &server.received_requests().await.unwrap()[0];
    let sent: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected: Vec<(String, String)> =
        [("album_id", "42"), ("include_hidden_p", "1"), ("size", "1")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    assert_eq!(sent, expected);
    assert!(signature_verifies(request, &[]));
}

#[tokio::test]
async fn album_exists_reports_a_failing_23_rather_than_a_missing_album() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/album/list"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = client(&server).album_exists("42").await.unwrap_err();
    assert_eq!(error, ApiError::HttpStatus(503));
}
