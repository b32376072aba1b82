use std::path::PathBuf;

use secrecy::SecretString;
use url::Url;

use super::*;
use crate::twentythree::oauth::{Credentials, ProtocolParams};

fn settings() -> SandboxSettings {
    SandboxSettings::new(Credentials::generate(), PathBuf::from("/nonexistent"))
}

fn request(method: &str, url: &str, body: Vec<(String, String)>, signed_body: bool) -> ApiRequest {
    let url = Url::parse(url).unwrap();
    ApiRequest {
        method: method.into(),
        query: url.query_pairs().into_owned().collect(),
        host: url.host_str().unwrap().into(),
        url,
        body,
        body_is_signed: signed_body,
        authorization: None,
    }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect()
}

/// The oauth_* parameters, signature included, for sending in a body or query string.
fn signed_params(
    creds: &Credentials,
    method: &str,
    url: &str,
    body: &[(String, String)],
    protocol: &ProtocolParams,
) -> Vec<(String, String)> {
    let mut oauth = pairs(&[
        ("oauth_consumer_key", &creds.consumer_key),
        ("oauth_token", &creds.token),
        ("oauth_nonce", &protocol.nonce),
        ("oauth_timestamp", &protocol.timestamp.to_string()),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_version", "1.0"),
    ]);
    let mut all = oauth.clone();
    all.extend_from_slice(body);
    let base = oauth::signature_base_string(method, &Url::parse(url).unwrap(), &all);
    let signature = oauth::sign(
        &base,
        creds.consumer_secret.expose_secret(),
        creds.token_secret.expose_secret(),
    );
    oauth.push(("oauth_signature".into(), signature));
    oauth
}

fn header_request(settings: &SandboxSettings, protocol: &ProtocolParams) -> ApiRequest {
    let url = "http://sandbox.test:8080/api/photo/get-upload-token";
    let body = pairs(&[("title", "Hello world"), ("format", "json")]);
    let header = oauth::authorization_header(
        &settings.credentials,
        "POST",
        &Url::parse(url).unwrap(),
        &body,
        protocol,
    );
    let mut request = request("POST", url, body, true);
    request.authorization = Some(header);
    request
}

fn check(
    request: &ApiRequest,
    settings: &SandboxSettings,
) -> Result<Option<PermissionLevel>, SignatureProblem> {
    check_signature(
        request,
        settings,
        &Mutex::new(State::new()),
        SystemTime::now(),
    )
}

#[test]
fn a_signature_in_the_authorization_header_covering_the_form_body_is_accepted() {
    let settings = settings();
    let request = header_request(&settings, &ProtocolParams::fresh());
    assert_eq!(check(&request, &settings), Ok(Some(PermissionLevel::Write)));
}

#[test]
fn a_signature_sent_in_the_form_body_is_accepted() {
    let settings = settings();
    let url = "http://sandbox.test/api/photo/get-upload-token";
    let mut body = pairs(&[("title", "x y")]);
    body.extend(signed_params(
        &settings.credentials,
        "POST",
        url,
        &body,
        &ProtocolParams::fresh(),
    ));
    assert_eq!(
        check(&request("POST", url, body, true), &settings),
        Ok(Some(PermissionLevel::Write))
    );
}

#[test]
fn a_signature_sent_in_the_get_query_is_accepted() {
    let settings = settings();
    let base = "http://sandbox.test/api/photo/list?photo_id=1";
    let oauth = signed_params(
        &settings.credentials,
        "GET",
        base,
        &[],
        &ProtocolParams::fresh(),
    );
    let url = format!("{base}&{}", serde_urlencoded::to_string(&oauth).unwrap());
    assert_eq!(
        check(&request("GET", &url, vec![], false), &settings),
        Ok(Some(PermissionLevel::Write))
    );
}

#[test]
fn multipart_fields_are_not_part_of_the_signature() {
    let settings = settings();
    let url = "http://sandbox.test/api/photo/get-upload-token";
    let header = oauth::authorization_header(
        &settings.credentials,
        "POST",
        &Url::parse(url).unwrap(),
        &[],
        &ProtocolParams::fresh(),
    );
    let mut request = request("POST", url, pairs(&[("title", "unsigned")]), false);
    request.authorization = Some(header);
    assert_eq!(check(&request, &settings), Ok(Some(PermissionLevel::Write)));
}

#[test]
fn a_tampered_parameter_breaks_the_signature() {
    let settings = settings();
    let mut request = header_request(&settings, &ProtocolParams::fresh());
    request.body[0].1 = "Tampered".into();
    assert_eq!(
        check(&request, &settings),
        Err(SignatureProblem::WrongSignature)
    );
}

#[test]
fn a_signature_made_with_another_consumer_key_is_refused() {
    let settings = settings();
    let mut other = settings.clone();
    other.credentials.consumer_key = "someone-else".into();
    let request = header_request(&other, &ProtocolParams::fresh());
    assert_eq!(
        check(&request, &settings),
        Err(SignatureProblem::UnknownCredentials)
    );
}

#[test]
fn a_signature_made_with_the_wrong_secret_is_refused() {
    let settings = settings();
    let mut other = settings.clone();
    other.credentials.token_secret = SecretString::from("wrong");
    let request = header_request(&other, &ProtocolParams::fresh());
    assert_eq!(
        check(&request, &settings),
        Err(SignatureProblem::WrongSignature)
    );
}

#[test]
fn a_timestamp_more_than_ten_minutes_old_is_refused() {
    let settings = settings();
    let mut protocol = ProtocolParams::fresh();
    protocol.timestamp -= 11 * 60;
    let request = header_request(&settings, &protocol);
    assert_eq!(
        check(&request, &settings),
        Err(SignatureProblem::StaleTimestamp)
    );
}

#[test]
fn a_timestamp_nine_minutes_in_the_future_is_tolerated() {
    let settings = settings();
    let mut protocol = ProtocolParams::fresh();
    protocol.timestamp += 9 * 60;
    let request = header_request(&settings, &protocol);
    assert_eq!(check(&request, &settings), Ok(Some(PermissionLevel::Write)));
}

#[test]
fn a_replayed_nonce_is_refused_the_second_time() {
    let settings = settings();
    let state = Mutex::new(State::new());
    let request = header_request(&settings, &ProtocolParams::fresh());
    let now = SystemTime::now();
    assert!(check_signature(&request, &settings, &state, now).is_ok());
    assert_eq!(
        check_signature(&request, &settings, &state, now),
        Err(SignatureProblem::ReplayedNonce)
    );
}

#[test]
fn an_unsigned_request_is_anonymous() {
    let settings = settings();
    let request = request("GET", "http://sandbox.test/api/photo/list", vec![], false);
    let level = authenticate(
        &request,
        &settings,
        &Mutex::new(State::new()),
        SystemTime::now(),
    );
    assert_eq!(level, Ok(PermissionLevel::Anonymous));
}

#[test]
fn a_failed_signature_becomes_23s_invalid_signature_error() {
    let settings = settings();
    let mut request = header_request(&settings, &ProtocolParams::fresh());
    request.body.clear();
    let error = authenticate(
        &request,
        &settings,
        &Mutex::new(State::new()),
        SystemTime::now(),
    );
    assert_eq!(error.unwrap_err().code, "invalid_signature");
}

#[test]
fn the_documented_23_example_request_verifies() {
    // The signed photo/list call 23's own OAuth docs show (docs/23-api.md §2.6).
    let mut settings = settings();
    settings.credentials = Credentials {
        consumer_key: "571156-cuQla8tP5tzjf70znIwS".into(),
        consumer_secret: SecretString::from("u5pHMUpV8wB7LxwieAnrexE8CkzoZTVs6G626KKqfPVqFp0TxT"),
        token: "3-gnS3NKP74AzcJsvbFi3Z".into(),
        token_secret: SecretString::from("83x7n5rR2eT1IV0zLNptvxxy1R3WFptGozka38tDtLZmSDYboW"),
    };
    let mut request = request(
        "POST",
        "http://v.23video.com/api/photo/list",
        pairs(&[("format", "xml")]),
        true,
    );
    request.authorization = Some(
        r#"OAuth realm="http://v.23video.com/", oauth_consumer_key="571156-cuQla8tP5tzjf70znIwS", oauth_nonce="a666b90c2339a866c8ed405e3e2821c3", oauth_signature="R6etDqoM8JLzuXK%2B3BiVeXCEqRQ%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1267547771", oauth_token="3-gnS3NKP74AzcJsvbFi3Z", oauth_version="1.0""#.into(),
    );
    let then = UNIX_EPOCH + Duration::from_secs(1_267_547_771);
    let result = check_signature(&request, &settings, &Mutex::new(State::new()), then);
    assert_eq!(result, Ok(Some(PermissionLevel::Write)));
}
