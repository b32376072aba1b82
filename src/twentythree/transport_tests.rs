//! Sending, retrying and reading against a wiremock 23: every failure becomes the right
//! `ApiError`, and only reads are repeated.

use std::time::{Duration, Instant};

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::twentythree::client::tests::*;
use url::Url;

use crate::twentythree::{ApiError, Client, PhotoListQuery};

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
