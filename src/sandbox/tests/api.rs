//! get-upload-token over HTTP: the ways to sign, the refusals and the response formats.

use reqwest::multipart::Form;
use serde_json::Value;
use url::Url;

use super::*;
use crate::sandbox::PermissionLevel;

const GET_TOKEN: &str = "/api/photo/get-upload-token";

#[tokio::test]
async fn a_header_signed_post_gets_a_token_in_23s_xml() {
    let ts = spawn().await;
    let response = ts
        .signed_post(
            GET_TOKEN,
            &[
                ("title", "<b>My</b> clip"),
                ("return_url", "https://app.test/cb?x=1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/xml")
    );
    let xml = ts.text_of(response).await;
    assert!(xml.contains(r#"<response status="ok" permission_level="write" message="The upload token is ready to use" cached="0">"#), "{xml}");
    let token = xml
        .split("<upload_token>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert_eq!(token.len(), 40);
    assert!(
        token
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert!(
        xml.contains("<title>My clip</title>"),
        "title keeps no HTML: {xml}"
    );
    assert!(xml.contains("<valid_minutes>180</valid_minutes><valid_until>"));
    assert!(xml.contains("<return_url>https://app.test/cb?x=1</return_url>"));
    let stored = ts.sandbox.upload_token(token).unwrap();
    assert_eq!((stored.uses_left, stored.publish), (1, true));
}

#[tokio::test]
async fn oauth_parameters_in_a_form_body_are_accepted() {
    let ts = spawn().await;
    let url = ts.url(GET_TOKEN);
    let protocol = ProtocolParams::fresh();
    let creds = ts.credentials();
    let mut body = pairs(&[
        ("title", "body signed"),
        ("format", "json"),
        ("raw", "1"),
        ("oauth_consumer_key", &creds.consumer_key),
        ("oauth_token", &creds.token),
        ("oauth_nonce", &protocol.nonce),
        ("oauth_timestamp", &protocol.timestamp.to_string()),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_version", "1.0"),
    ]);
    let base = oauth::signature_base_string("POST", &Url::parse(&url).unwrap(), &body);
    body.push(("oauth_signature".into(), sign_with(creds, &base)));
    let json: Value = ts
        .client
        .post(&url)
        .form(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["status"], "ok", "{json}");
    assert_eq!(json["uploadtoken"]["title"], "body signed");
}

#[tokio::test]
async fn oauth_parameters_in_a_get_query_are_accepted() {
    let ts = spawn().await;
    let protocol = ProtocolParams::fresh();
    let creds = ts.credentials();
    let mut query = pairs(&[
        ("title", "query signed"),
        ("format", "json"),
        ("raw", ""),
        ("oauth_consumer_key", &creds.consumer_key),
        ("oauth_token", &creds.token),
        ("oauth_nonce", &protocol.nonce),
        ("oauth_timestamp", &protocol.timestamp.to_string()),
        ("oauth_signature_method", "HMAC-SHA1"),
    ]);
    let unsigned = format!(
        "{}?{}",
        ts.url(GET_TOKEN),
        serde_urlencoded::to_string(&query).unwrap()
    );
    let base = oauth::signature_base_string("GET", &Url::parse(&unsigned).unwrap(), &[]);
    query.push(("oauth_signature".into(), sign_with(creds, &base)));
    let json: Value = ts
        .client
        .get(ts.url(GET_TOKEN))
        .query(&query)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["uploadtoken"]["title"], "query signed", "{json}");
}

#[tokio::test]
async fn a_multipart_post_is_accepted_with_its_fields_unsigned() {
    let ts = spawn().await;
    let url = ts.url(GET_TOKEN);
    let header = oauth::authorization_header(
        ts.credentials(),
        "POST",
        &Url::parse(&url).unwrap(),
        &[],
        &ProtocolParams::fresh(),
    );
    let form = Form::new()
        .text("title", "from .NET")
        .text("format", "json")
        .text("raw", "1");
    let response = ts
        .client
        .post(&url)
        .header("Authorization", header)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let json: Value = response.json().await.unwrap();
    assert_eq!(json["uploadtoken"]["title"], "from .NET", "{json}");
}

#[tokio::test]
async fn a_signature_with_a_wrong_secret_is_an_invalid_signature_error_with_status_200() {
    let ts = spawn().await;
    let url = ts.url(GET_TOKEN);
    let mut wrong = ts.credentials().clone();
    wrong.consumer_secret = "not the secret".to_owned().into();
    let header = oauth::authorization_header(
        &wrong,
        "POST",
        &Url::parse(&url).unwrap(),
        &[],
        &ProtocolParams::fresh(),
    );
    let response = ts
        .client
        .post(&url)
        .header("Authorization", header)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let xml = ts.text_of(response).await;
    assert!(
        xml.contains(r#"code="invalid_signature" message="The API signature is invalid.""#),
        "{xml}"
    );
}

#[tokio::test]
async fn an_unsigned_request_for_a_token_is_denied_for_lack_of_write() {
    let ts = spawn().await;
    let json: Value = ts
        .client
        .post(ts.url(GET_TOKEN))
        .form(&[("format", "json"), ("raw", "1")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["status"], "error");
    assert_eq!(json["code"], "permission_denied");
    assert_eq!(json["permission_level"], "anonymous");
    assert_eq!(
        json["message"],
        "You don't have the necessary permissions to perform this action (required level: 'write')"
    );
}

#[tokio::test]
async fn read_only_credentials_may_not_create_tokens() {
    let ts = spawn_with(|s| s.permission_level = PermissionLevel::Read).await;
    let xml = ts.text_of(ts.signed_post(GET_TOKEN, &[]).await).await;
    assert!(
        xml.contains(r#"permission_level="read" code="permission_denied""#),
        "{xml}"
    );
}

#[tokio::test]
async fn valid_minutes_and_max_uploads_outside_their_bounds_are_refused_by_name() {
    let ts = spawn().await;
    for (param, value) in [
        ("valid_minutes", "14"),
        ("valid_minutes", "1441"),
        ("max_uploads", "0"),
        ("max_uploads", "101"),
    ] {
        let json: Value = ts
            .signed_post(
                GET_TOKEN,
                &[(param, value), ("format", "json"), ("raw", "1")],
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json["code"], "invalid_input", "{param}={value}");
        assert!(json["message"].as_str().unwrap().contains(param), "{json}");
    }
    let json: Value = ts
        .signed_post(
            GET_TOKEN,
            &[
                ("valid_minutes", "1440"),
                ("max_uploads", "100"),
                ("format", "json"),
                ("raw", "1"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["uploadtoken"]["valid_minutes"], "1440");
    assert_eq!(json["uploadtoken"]["max_uploads"], "100");
}

#[tokio::test]
async fn raw_json_uses_string_scalars_and_names_site_and_endpoint() {
    let ts = spawn().await;
    let json: Value = ts
        .signed_post(
            GET_TOKEN,
            &[("format", "json"), ("raw", "1"), ("publish", "0")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["cached"], "0");
    assert_eq!(json["uploadtoken"]["publish"], "0");
    assert_eq!(json["uploadtoken"]["max_uploads"], "1");
    assert!(
        json["uploadtoken"]["valid_until"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    assert_eq!(
        json["site"]["domain"],
        ts.base.trim_start_matches("http://")
    );
    assert_eq!(json["endpoint"], "/api/photo/get-upload-token");
}

#[tokio::test]
async fn json_without_raw_is_var_visual_and_callback_gives_jsonp() {
    let ts = spawn().await;
    let visual = ts
        .text_of(ts.signed_post(GET_TOKEN, &[("format", "json")]).await)
        .await;
    assert!(
        visual.starts_with("var visual = {") && visual.ends_with("};"),
        "{visual}"
    );
    let named = ts
        .text_of(
            ts.signed_post(GET_TOKEN, &[("format", "json"), ("varname", "x")])
                .await,
        )
        .await;
    assert!(named.starts_with("var x = {"), "{named}");
    let jsonp = ts
        .text_of(
            ts.signed_post(GET_TOKEN, &[("format", "json"), ("callback", "got")])
                .await,
        )
        .await;
    assert!(
        jsonp.starts_with("got({") && jsonp.ends_with("});"),
        "{jsonp}"
    );
    let error = ts
        .text_of(
            ts.client
                .get(ts.url(GET_TOKEN))
                .query(&[("format", "json"), ("callback", "got")])
                .send()
                .await
                .unwrap(),
        )
        .await;
    assert!(
        error.starts_with("got({") && error.contains("permission_denied"),
        "errors use the same format: {error}"
    );
}

#[tokio::test]
async fn unknown_parameters_are_kept_to_echo_in_the_callback() {
    let ts = spawn().await;
    let token = ts
        .upload_token(&[("state", "abc"), ("title", "t"), ("theme", "green")])
        .await;
    let stored = ts.sandbox.upload_token(&token).unwrap();
    assert_eq!(
        stored.extra_params,
        pairs(&[("state", "abc"), ("theme", "green")])
    );
}

#[tokio::test]
async fn echo_mirrors_the_parameters_of_a_signed_call_and_reports_its_level() {
    let ts = spawn().await;
    let xml = ts
        .text_of(
            ts.signed_post("/api/echo", &[("apples", "oranges"), ("foo", "bar")])
                .await,
        )
        .await;
    assert!(xml.contains(r#"permission_level="write""#), "{xml}");
    assert!(
        xml.contains("<apples>oranges</apples><foo>bar</foo></response>"),
        "{xml}"
    );
    assert!(
        !xml.contains("oauth_"),
        "protocol parameters are not mirrored: {xml}"
    );
    assert_eq!(ts.sandbox.api_calls(), 1, "echo counts as an API call");
}

#[tokio::test]
async fn transcoding_progress_needs_read_and_reports_every_format() {
    let ts = spawn().await;
    let token = ts.upload_token(&[]).await;
    ts.redeem(upload_form(&token, video("v"))).await;
    let photo_id = ts.sandbox.photos()[0].photo_id.to_string();
    let path = "/api/photo/get-transcoding-progress";
    let unsigned = ts
        .text_of(
            ts.client
                .get(ts.url(path))
                .query(&[("photo_id", &photo_id)])
                .send()
                .await
                .unwrap(),
        )
        .await;
    assert!(
        unsigned.contains(r#"code="permission_denied""#),
        "{unsigned}"
    );
    ts.sandbox.finish_encoding(photo_id.parse().unwrap());
    let params = [
        ("photo_id", photo_id.as_str()),
        ("format", "json"),
        ("raw", "1"),
    ];
    let json: Value = ts.signed_post(path, &params).await.json().await.unwrap();
    assert_eq!(json["progress"]["all"], "1", "{json}");
    assert_eq!(json["progress"]["video_hd"], "1");
    let missing: Value = ts
        .signed_post(path, &[("photo_id", "1"), ("format", "json"), ("raw", "1")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(missing["code"], "no_such_photo");
    // get-upload-token, then three progress calls (the unsigned one too, as photo/list counts).
    assert_eq!(ts.sandbox.api_calls(), 4);
}

fn sign_with(creds: &Credentials, base: &str) -> String {
    use secrecy::ExposeSecret as _;
    oauth::sign(
        base,
        creds.consumer_secret.expose_secret(),
        creds.token_secret.expose_secret(),
    )
}
