use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn vector_a_from_the_23_docs_signs_a_photo_list_call() {
    let url = Url::parse("http://v.23video.com/api/photo/list").unwrap();
    let params = pairs(&[
        ("format", "xml"),
        ("oauth_consumer_key", "571156-cuQla8tP5tzjf70znIwS"),
        ("oauth_nonce", "a666b90c2339a866c8ed405e3e2821c3"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1267547771"),
        ("oauth_token", "3-gnS3NKP74AzcJsvbFi3Z"),
        ("oauth_version", "1.0"),
    ]);
    let base = signature_base_string("POST", &url, &params);
    let signature = sign(
        &base,
        "u5pHMUpV8wB7LxwieAnrexE8CkzoZTVs6G626KKqfPVqFp0TxT",
        "83x7n5rR2eT1IV0zLNptvxxy1R3WFptGozka38tDtLZmSDYboW",
    );
    assert_eq!(signature, "R6etDqoM8JLzuXK+3BiVeXCEqRQ=");
}

#[test]
fn vector_b_from_the_23_docs_signs_an_access_token_exchange() {
    let url = Url::parse("http://api.visualplatform.net/oauth/access_token").unwrap();
    let params = pairs(&[
        ("oauth_consumer_key", "571156-cuQla8tP5tzjf70znIwS"),
        ("oauth_nonce", "936dff7fa3d5674b1eb5c217ce6701b3"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1267547767"),
        ("oauth_token", "12-8vr9EplGHHR8Ciem8SLu"),
        ("oauth_verifier", "z3pjUoZU6KN8B5n4V2Fy"),
        ("oauth_version", "1.0"),
    ]);
    let base = signature_base_string("GET", &url, &params);
    let signature = sign(
        &base,
        "u5pHMUpV8wB7LxwieAnrexE8CkzoZTVs6G626KKqfPVqFp0TxT",
        "qQptayCQG1ZQYbS73FE6WdNz4wKjYJqcvLzI9DjGD1UKP9wruL",
    );
    assert_eq!(signature, "vFb0a6CGy6rtXeuEfZlhOHvjhjk=");
}

#[test]
fn rfc_5849_section_1_2_example_signs_a_get_with_query_parameters() {
    let url =
        Url::parse("http://photos.example.net/photos?file=vacation.jpg&size=original").unwrap();
    let params = pairs(&[
        ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        ("oauth_token", "nnch734d00sl2jdk"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131202"),
        ("oauth_nonce", "chapoH"),
    ]);
    let base = signature_base_string("GET", &url, &params);
    assert_eq!(
        sign(&base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
        "MdpQcU8iPSUjWoN/UDMsK2sui9I="
    );
}

#[test]
fn rfc_5849_section_3_4_1_1_example_with_errata_gives_the_documented_base_string() {
    // The query is already percent-encoded in the URL; the url crate decodes it once.
    let url = Url::parse("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b").unwrap();
    let mut params = pairs(&[
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
    ]);
    params.extend(form_urlencoded_pairs("c2&a3=2+q"));
    let base = signature_base_string("POST", &url, &params);
    assert_eq!(
        base,
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    );
    assert_eq!(
        sign(&base, "j49sk3j29djd", "dh893hdasih9"),
        "r6/TJjbCOr97/+UU0NsvSne7s5g="
    );
}

fn form_urlencoded_pairs(body: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

#[test]
fn encoding_leaves_only_unreserved_characters_and_uses_upper_case_hex() {
    assert_eq!(encode("r b"), "r%20b");
    assert_eq!(encode("!*'()"), "%21%2A%27%28%29");
    assert_eq!(encode("=&?/@+"), "%3D%26%3F%2F%40%2B");
    assert_eq!(encode("é☃"), "%C3%A9%E2%98%83");
    assert_eq!(encode("%41"), "%2541");
    assert_eq!(encode("Az09-._~"), "Az09-._~");
}

#[test]
fn base_uri_lower_cases_scheme_and_host_and_drops_default_ports() {
    let url = Url::parse("HTTPS://API.X.com:443/a/B?q=1#f").unwrap();
    assert_eq!(base_uri(&url), "https://api.x.com/a/B");
    let url = Url::parse("http://example.com:8080/r").unwrap();
    assert_eq!(base_uri(&url), "http://example.com:8080/r");
}

#[test]
fn the_signing_key_keeps_its_ampersand_when_the_token_secret_is_empty() {
    let with_empty = sign("base", "secret", "");
    let mut mac = Hmac::<Sha1>::new_from_slice(b"secret&").unwrap();
    mac.update(b"base");
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(with_empty, expected);
}

#[test]
fn a_header_built_by_the_signer_parses_back_and_verifies() {
    let credentials = Credentials::generate();
    let url = Url::parse("https://videos.example.com/api/photo/get-upload-token").unwrap();
    let body = pairs(&[("title", "Hello world & more"), ("format", "xml")]);
    let protocol = ProtocolParams {
        nonce: "abc".into(),
        timestamp: 1_700_000_000,
    };
    let header = authorization_header(&credentials, "POST", &url, &body, &protocol);

    let mut received = parse_authorization_header(&header).expect("an OAuth header");
    let signature = received
        .iter()
        .find(|(k, _)| k == "oauth_signature")
        .map(|(_, v)| v.clone())
        .unwrap();
    received.extend(body);
    let base = signature_base_string("POST", &url, &received);
    let expected = sign(
        &base,
        credentials.consumer_secret.expose_secret(),
        credentials.token_secret.expose_secret(),
    );
    assert!(signatures_match(&expected, &signature));
    assert!(!signatures_match(&expected, "AAAA"));
}

#[test]
fn parse_authorization_header_rejects_other_schemes_and_keeps_realm() {
    assert!(parse_authorization_header("Bearer abc").is_none());
    assert!(parse_authorization_header("OAuthx a=\"b\"").is_none());
    let pairs =
        parse_authorization_header(r#"OAuth realm="http://v.23video.com/", oauth_nonce="a%20b""#)
            .unwrap();
    assert_eq!(
        pairs[0],
        ("realm".to_string(), "http://v.23video.com/".to_string())
    );
    assert_eq!(pairs[1], ("oauth_nonce".to_string(), "a b".to_string()));
}

#[test]
fn credentials_debug_output_hides_the_secrets() {
    let credentials = Credentials::generate();
    let printed = format!("{credentials:?}");
    assert!(!printed.contains(credentials.consumer_secret.expose_secret()));
    assert!(!printed.contains(credentials.token_secret.expose_secret()));
    assert!(printed.contains(&credentials.consumer_key));
}
