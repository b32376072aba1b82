//! Shared fixtures of the client's tests (a wiremock 23 and signature checks), and the tests of
//! the client itself: its base URL, its observer, its Debug output.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::*;
use crate::twentythree::oauth;
use crate::twentythree::{CallObserver, PhotoListQuery, UploadTokenRequest};
use secrecy::SecretString;

pub(in crate::twentythree) const CONSUMER_SECRET: &str = "consumer-secret-value";
pub(in crate::twentythree) const TOKEN_SECRET: &str = "token-secret-value";

pub(in crate::twentythree) const TOKEN_XML: &str = r#"<response status="ok" permission_level="write" message="The upload token is ready to use" cached="0">
  <upload_token>022fe6e3fb42758d6147c539727c5358af3524b1</upload_token>
  <title>Summer &amp; sea</title><publish>0</publish><max_uploads>1</max_uploads>
  <valid_minutes>15</valid_minutes><valid_until>1266711372</valid_until>
  <return_url>https://portal.example/callback?n=abc</return_url>
</response>"#;

pub(in crate::twentythree) const LIST_XML: &str = r#"<response status="ok" permission_level="write" total_count="1" p="1" size="20">
  <photo photo_id="60433" token="zoy" title="My upload" published_p="0" video_encoded_p="0"
         quad100_download="/7340/60433/zoy/quad100"/>
</response>"#;

pub(in crate::twentythree) fn credentials() -> Credentials {
    Credentials {
        consumer_key: "ck-portal".into(),
        consumer_secret: SecretString::from(CONSUMER_SECRET),
        token: "tok-portal".into(),
        token_secret: SecretString::from(TOKEN_SECRET),
    }
}

pub(in crate::twentythree) fn client_for(
    server: &MockServer,
    prefix: &str,
    timeout: Duration,
) -> Client {
    let base = Url::parse(&format!("{}{prefix}", server.uri())).unwrap();
    Client::new(base, credentials(), timeout).unwrap()
}

pub(in crate::twentythree) fn client(server: &MockServer) -> Client {
    client_for(server, "", Duration::from_secs(5))
}

pub(in crate::twentythree) fn xml(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "text/xml; charset=utf-8")
}

pub(in crate::twentythree) fn token_request() -> UploadTokenRequest {
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

pub(in crate::twentythree) fn form(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect()
}

/// Checklist O5: recomputes the signature from the request exactly as the server received it.
pub(in crate::twentythree) fn signature_verifies(
    request: &Request,
    body_params: &[(String, String)],
) -> bool {
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

#[test]
fn client_debug_output_hides_the_credential_secrets() {
    let base = Url::parse("https://videos.example.com").unwrap();
    let client = Client::new(base, credentials(), Duration::from_secs(1)).unwrap();
    let shown = format!("{client:?}");
    assert!(shown.contains("ck-portal"));
    assert!(!shown.contains(CONSUMER_SECRET) && !shown.contains(TOKEN_SECRET));
}
