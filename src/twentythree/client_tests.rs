use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::*;
use crate::twentythree::oauth;
use crate::twentythree::{CallObserver, PhotoListQuery, UploadTokenRequest, UploadTokenUpdate};

const CONSUMER_SECRET: &str = "consumer-secret-value";
const TOKEN_SECRET: &str = "token-secret-value";

const TOKEN_XML: &str = r#"<response status="ok" permission_level="write" message="The upload token is ready to use" cached="0">
  <upload_token>022fe6e3fb42758d6147c539727c5358af3524b1</upload_token>
  <title>Summer &amp; sea</title><publish>0</publish><max_uploads>1</max_uploads>
  <valid_minutes>15</valid_minutes><valid_until>1266711372</valid_until>
  <return_url>https://portal.example/callback?n=abc</return_url>
</response>"#;

const LIST_XML: &str = r#"<response status="ok" permission_level="write" total_count="1" p="1" size="20">
  <photo photo_id="60433" token="zoy" title="My upload" published_p="0" video_encoded_p="0"
         quad100_download="/7340/60433/zoy/quad100"/>
</response>"#;

fn credentials() -> Credentials {
    Credentials {
        consumer_key: "ck-portal".into(),
        consumer_secret: SecretString::from(CONSUMER_SECRET),
        token: "tok-portal".into(),
        token_secret: SecretString::from(TOKEN_SECRET),
    }
}

fn client_for(server: &MockServer, prefix: &str, timeout: Duration) -> Client {
    let base = Url::parse(&format!("{}{prefix}", server.uri())).unwrap();
    Client::new(base, credentials(), timeout).unwrap()
}

fn client(server: &MockServer) -> Client {
    client_for(server, "", Duration::from_secs(5))
}

fn xml(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "text/xml; charset=utf-8")
}

fn token_request() -> UploadTokenRequest {
    UploadTokenRequest {
        title: "Summer & sea = 100% fun+".into(),
        description: "Ünïcode and spaces".into(),
        tags: "beach holiday".into(),
        publish: false,
        album_id: Some("123".into()),
        valid_minutes: Some(15),
        max_uploads: Some(1),
        return_url: "https://portal.example/callback?n=abc".into(),
    }
}

fn form(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect()
}

/// Checklist O5: recomputes the signature from the request exactly as the server received it.
fn signature_verifies(request: &Request, body_params: &[(String, String)]) -> bool {
    let header = request.headers["authorization"].to_str().unwrap();
    let protocol = oauth::parse_authorization_header(header).expect("an OAuth header");
    let received = protocol
        .iter()
        .find(|(k, _)| k == "oauth_signature")
        .map(|(_, v)| v.clone())
        .expect("a signature");
    let mut signed: Vec<_> = protocol
        .into_iter()
        .filter(|(k, _)| k != "oauth_signature" && k != "realm")
        .collect();
    assert!(signed.contains(&("oauth_consumer_key".into(), "ck-portal".into())));
    assert!(signed.contains(&("oauth_token".into(), "tok-portal".into())));
    signed.extend_from_slice(body_params);
    // wiremock records the URL as `http://localhost/…`; a server rebuilds it from Host, as here.
    let mut url = request.url.clone();
    let host = request.headers["host"].to_str().unwrap();
    url.set_host(Some(host.split(':').next().unwrap())).unwrap();
    url.set_port(host.split(':').nth(1).map(|p| p.parse().unwrap()))
        .unwrap();
    let base = oauth::signature_base_string(request.method.as_str(), &url, &signed);
    oauth::signatures_match(
        &oauth::sign(&base, CONSUMER_SECRET, TOKEN_SECRET),
        &received,
    )
}

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
async fn a_23_error_envelope_on_http_200_becomes_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(xml(
            r#"<response status="error" code="invalid_signature" message="The API signature is invalid."/>"#,
        ))
        .mount(&server)
        .await;

    let error = client(&server)
        .get_upload_token(&token_request())
        .await
        .unwrap_err();

    assert_eq!(
        error,
        ApiError::Api {
            code: "invalid_signature".into(),
            message: "The API signature is invalid.".into()
        }
    );
    assert!(error.is_credentials_problem());
}

#[tokio::test]
async fn http_500_becomes_http_status_and_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .photo_list(&PhotoListQuery::default())
        .await
        .unwrap_err();

    assert_eq!(error, ApiError::HttpStatus(500));
}

#[tokio::test]
async fn a_garbage_body_with_http_200_becomes_malformed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html><body>Login</body></html>"))
        .mount(&server)
        .await;

    let error = client(&server)
        .get_upload_token(&token_request())
        .await
        .unwrap_err();

    assert!(matches!(error, ApiError::Malformed(_)), "{error:?}");
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused() {
    let server = MockServer::start().await;
    let huge = format!(
        r#"<response status="ok">{}</response>"#,
        " ".repeat(2 * 1024 * 1024)
    );
    Mock::given(method("GET"))
        .respond_with(xml(&huge))
        .mount(&server)
        .await;

    let error = client(&server)
        .photo_list(&PhotoListQuery::default())
        .await
        .unwrap_err();

    assert!(matches!(error, ApiError::Malformed(m) if m.contains("1 MiB")));
}

#[tokio::test]
async fn a_redirect_is_reported_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/photo/list"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/elsewhere"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .photo_list(&PhotoListQuery::default())
        .await
        .unwrap_err();

    assert_eq!(error, ApiError::HttpStatus(301));
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_becomes_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(xml(TOKEN_XML).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = client_for(&server, "", Duration::from_millis(200));

    let started = Instant::now();
    let error = client.get_upload_token(&token_request()).await.unwrap_err();

    assert_eq!(error, ApiError::Timeout);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_closed_loopback_port_is_unreachable_and_the_error_hides_the_query() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = Client::new(base, credentials(), Duration::from_secs(5)).unwrap();
    let query = PhotoListQuery {
        upload_token: Some("SECRETUPLOADTOKEN".into()),
        ..Default::default()
    };

    let error = client.photo_list(&query).await.unwrap_err();

    assert!(matches!(error, ApiError::Unreachable(_)), "{error:?}");
    assert!(error.to_string().contains(&format!("127.0.0.1:{port}")));
    assert!(!error.to_string().contains("SECRETUPLOADTOKEN"));
}

#[tokio::test]
async fn photo_list_is_retried_once_after_a_503_with_a_fresh_signature() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(xml(LIST_XML))
        .expect(1)
        .mount(&server)
        .await;

    let list = client(&server)
        .photo_list(&PhotoListQuery::default())
        .await
        .unwrap();

    assert_eq!(list.photos.len(), 1);
    let requests = server.received_requests().await.unwrap();
    assert_ne!(
        requests[0].headers["authorization"], requests[1].headers["authorization"],
        "each attempt carries its own nonce"
    );
    assert!(signature_verifies(&requests[1], &[]));
}

#[tokio::test]
async fn photo_list_gives_up_after_the_second_503() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .expect(2)
        .mount(&server)
        .await;

    let error = client(&server)
        .photo_list(&PhotoListQuery::default())
        .await
        .unwrap_err();

    assert_eq!(error, ApiError::HttpStatus(503));
}

#[tokio::test]
async fn get_upload_token_is_never_retried_after_a_503() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .get_upload_token(&token_request())
        .await
        .unwrap_err();

    assert_eq!(error, ApiError::HttpStatus(503));
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

#[test]
fn a_base_url_that_is_not_http_is_refused() {
    let base = Url::parse("file:///tmp/23").unwrap();
    let result = Client::new(base, credentials(), Duration::from_secs(1));
    assert!(matches!(result, Err(ApiError::Unreachable(_))));
}

#[test]
fn an_endpoint_keeps_the_base_path_and_drops_any_query() {
    let base = Url::parse("http://127.0.0.1:8080/sandbox-23/?x=1").unwrap();
    let client = Client::new(base, credentials(), Duration::from_secs(1)).unwrap();
    assert_eq!(
        client.endpoint("/api/photo/list").as_str(),
        "http://127.0.0.1:8080/sandbox-23/api/photo/list"
    );
}

/// What an observer was told: endpoint and error (if any) of each call.
#[derive(Default)]
struct Recorded(Mutex<Vec<(&'static str, Option<String>)>>);

impl CallObserver for Recorded {
    fn observe(&self, endpoint: &'static str, _: Duration, result: Result<(), &ApiError>) {
        let error = result.err().map(ToString::to_string);
        self.0.lock().unwrap().push((endpoint, error));
    }
}

#[tokio::test]
async fn the_observer_is_told_of_each_call_once_with_its_outcome_retries_included() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/photo/list"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let recorded = Arc::new(Recorded::default());
    let client = client(&server).with_observer(recorded.clone());
    let query = PhotoListQuery::default();
    assert!(client.photo_list(&query).await.is_err());
    let calls = recorded.0.lock().unwrap().clone();
    assert_eq!(
        calls.len(),
        1,
        "one report for the call and its retry: {calls:?}"
    );
    assert_eq!(calls[0].0, "/api/photo/list");
    assert!(calls[0].1.is_some(), "the failure is reported");
}

#[tokio::test]
async fn a_credentials_check_abandoned_at_its_limit_is_reported_as_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/photo/list"))
        .respond_with(
            xml(r#"<response status="ok" permission_level="write" total_count="0"/>"#)
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let recorded = Arc::new(Recorded::default());
    let client = client(&server).with_observer(recorded.clone());
    let result = client
        .check_credentials_within(Duration::from_millis(200))
        .await;
    assert!(matches!(result, Err(ApiError::Timeout)));
    let calls = recorded.0.lock().unwrap().clone();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].0, "/api/photo/list");
    assert_eq!(calls[0].1, Some(ApiError::Timeout.to_string()));
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

#[test]
fn client_debug_output_hides_the_credential_secrets() {
    let base = Url::parse("https://videos.example.com").unwrap();
    let client = Client::new(base, credentials(), Duration::from_secs(1)).unwrap();
    let shown = format!("{client:?}");
    assert!(shown.contains("ck-portal"));
    assert!(!shown.contains(CONSUMER_SECRET) && !shown.contains(TOKEN_SECRET));
}
