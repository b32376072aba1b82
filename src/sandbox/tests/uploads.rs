//! redeem-upload-token with whole files: callbacks, refusals, streaming and CORS.

use reqwest::multipart::{Form, Part};
use serde_json::Value;

use super::*;

const CALLBACK: &str = "https://app.test/upload/callback?theme=green";

#[tokio::test]
async fn a_successful_upload_redirects_with_the_callback_fields_in_23s_order() {
    let ts = spawn().await;
    let token = ts
        .upload_token(&[("return_url", CALLBACK), ("state", "s1")])
        .await;
    let form = upload_form(&token, video("movie")).text("extra", "from-form");
    let response = ts.redeem(form).await;
    assert_eq!(response.status(), 301);
    let (url, params) = location_pairs(&response);
    assert_eq!(
        (url.host_str(), url.path()),
        (Some("app.test"), "/upload/callback")
    );
    let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "theme",
            "state",
            "extra",
            "domain",
            "upload_token",
            "photo_id",
            "tree_id",
            "token"
        ]
    );
    let photo = &ts.sandbox.photos()[0];
    assert_eq!(params[3].1, ts.base.trim_start_matches("http://"));
    assert_eq!(params[4].1, token);
    assert_eq!(params[5].1, photo.photo_id.to_string());
    assert_eq!(params[6].1, photo.tree_id.to_string());
    assert_eq!(params[7].1, photo.token);
    assert_eq!(photo.token.len(), 32);
    assert!(
        photo
            .token
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
    );
    assert_eq!(ts.sandbox.upload_token(&token).unwrap().uses_left, 0);
}

#[tokio::test]
async fn a_file_sent_before_its_token_is_not_stored() {
    let ts = spawn().await;
    let token = ts.upload_token(&[]).await;
    let form = Form::new()
        .part("file", video("abc"))
        .text("upload_token", token.clone());
    let response = ts.redeem(form).await;
    assert_ne!(ts.text_of(response).await, "OK");
    assert!(ts.sandbox.photos().is_empty());
    assert_eq!(files_under(&ts.storage.path().join("store")), 0);
    // The token was not spent: the file sent properly still goes in.
    let retry = ts.redeem(upload_form(&token, video("abc"))).await;
    assert_eq!(ts.text_of(retry).await, "OK");
}

#[tokio::test]
async fn an_unknown_token_gets_a_plain_text_message_and_the_file_is_not_kept() {
    let ts = spawn().await;
    let response = ts.redeem(upload_form("0000", video("abc"))).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert_eq!(
        ts.text_of(response).await,
        "The upload token is invalid or has expired."
    );
    assert!(ts.sandbox.photos().is_empty());
    assert_eq!(files_under(&ts.storage.path().join("store")), 0);
}

#[tokio::test]
async fn a_used_up_or_expired_token_is_refused() {
    let ts = spawn().await;
    let used = ts.upload_token(&[]).await;
    ts.redeem(upload_form(&used, video("one"))).await;
    let again = ts
        .text_of(ts.redeem(upload_form(&used, video("two"))).await)
        .await;
    assert_eq!(again, "The upload token is invalid or has expired.");
    let expired = ts.upload_token(&[("max_uploads", "5")]).await;
    ts.sandbox.expire_token(&expired);
    let late = ts
        .text_of(ts.redeem(upload_form(&expired, video("three"))).await)
        .await;
    assert_eq!(late, "The upload token is invalid or has expired.");
    assert_eq!(ts.sandbox.photos().len(), 1);
}

#[tokio::test]
async fn an_unsupported_file_type_is_reported_in_the_callback() {
    let ts = spawn().await;
    let token = ts.upload_token(&[("return_url", CALLBACK)]).await;
    let text_file = Part::bytes(b"hello".to_vec())
        .file_name("notes.txt")
        .mime_str("text/plain")
        .unwrap();
    let response = ts.redeem(upload_form(&token, text_file)).await;
    assert_eq!(response.status(), 301);
    let (_, params) = location_pairs(&response);
    assert_eq!(
        params.last().unwrap(),
        &(
            "error_message".to_owned(),
            "The file type isn't supported".to_owned()
        )
    );
    assert!(!params.iter().any(|(k, _)| k == "photo_id"));
    assert_eq!(
        ts.sandbox.upload_token(&token).unwrap().uses_left,
        1,
        "a failure uses nothing"
    );
}

#[tokio::test]
async fn a_missing_file_is_reported_in_the_callback() {
    let ts = spawn().await;
    let token = ts.upload_token(&[("return_url", CALLBACK)]).await;
    let response = ts.redeem(Form::new().text("upload_token", token)).await;
    let (_, params) = location_pairs(&response);
    assert_eq!(params.last().unwrap().1, "No file was uploaded.");
}

#[tokio::test]
async fn an_octet_stream_with_a_video_extension_is_accepted() {
    let ts = spawn().await;
    let token = ts.upload_token(&[]).await;
    let part = Part::bytes(b"data".to_vec())
        .file_name("clip.mov")
        .mime_str("application/octet-stream")
        .unwrap();
    assert_eq!(
        ts.text_of(ts.redeem(upload_form(&token, part)).await).await,
        "OK"
    );
}

#[tokio::test]
async fn a_callback_over_1500_characters_becomes_an_auto_submitting_post_form() {
    let ts = spawn().await;
    let long = "x".repeat(1600);
    let token = ts
        .upload_token(&[("return_url", CALLBACK), ("note", &long)])
        .await;
    let response = ts.redeem(upload_form(&token, video("v"))).await;
    assert_eq!(response.status(), 200);
    let html = scraper::Html::parse_document(&ts.text_of(response).await);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let form = html
        .select(&select("form#callback-form"))
        .next()
        .expect("a form");
    assert_eq!(form.value().attr("method"), Some("post"));
    assert_eq!(form.value().attr("action"), Some(CALLBACK));
    let fields: Vec<(String, String)> = html
        .select(&select("input[type=hidden]"))
        .map(|i| {
            (
                i.value().attr("name").unwrap().into(),
                i.value().attr("value").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(fields[0], ("note".to_owned(), long));
    assert_eq!(fields[2].1, token);
    assert!(html.select(&select("button[type=submit]")).next().is_some());
    let script = html
        .select(&select("script[src]"))
        .next()
        .expect("an external script");
    assert!(
        html.select(&select("script:not([src])")).next().is_none(),
        "no inline script"
    );
    let js = ts
        .client
        .get(ts.url(script.value().attr("src").unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(ts.text_of(js).await.contains("callback-form"));
}

#[tokio::test]
async fn without_a_return_url_format_json_answers_with_the_new_photo() {
    let ts = spawn().await;
    let token = ts.upload_token(&[]).await;
    let form = upload_form(&token, video("v"))
        .text("format", "json")
        .text("raw", "");
    let json: Value = ts.redeem(form).await.json().await.unwrap();
    let photo = &ts.sandbox.photos()[0];
    assert_eq!(json["status"], "ok");
    assert_eq!(json["message"], "The file was successfully uploaded");
    assert_eq!(json["upload"]["photo_id"], photo.photo_id.to_string());
    assert_eq!(json["upload"]["token"], photo.token);
}

#[tokio::test]
async fn a_file_of_tens_of_megabytes_is_stored_byte_for_byte() {
    let ts = spawn().await;
    let token = ts.upload_token(&[]).await;
    let data: Vec<u8> = (0..32 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let response = ts.redeem(upload_form(&token, video(data.clone()))).await;
    assert_eq!(ts.text_of(response).await, "OK");
    let photo = &ts.sandbox.photos()[0];
    assert_eq!(photo.size, data.len() as u64);
    assert!(
        std::fs::read(&photo.stored_at).unwrap() == data,
        "stored file differs"
    );
}

#[tokio::test]
async fn a_file_over_the_size_cap_is_refused_and_not_kept() {
    let ts = spawn_with(|s| s.max_file_size = 1000).await;
    let token = ts.upload_token(&[("return_url", CALLBACK)]).await;
    let response = ts.redeem(upload_form(&token, video(vec![0u8; 5000]))).await;
    let (_, params) = location_pairs(&response);
    assert_eq!(params.last().unwrap().1, "The file is too large.");
    assert_eq!(files_under(&ts.storage.path().join("store")), 0);
}

#[tokio::test]
async fn cors_headers_mirror_the_origin_only_while_allowed() {
    let ts = spawn().await;
    let url = ts.url("/api/photo/redeem-upload-token");
    let preflight = ts
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "https://portal.test")
        .header("Access-Control-Request-Method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "https://portal.test"
    );
    assert!(
        preflight.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    let token = ts.upload_token(&[]).await;
    let post = ts
        .client
        .post(&url)
        .header("Origin", "https://portal.test")
        .multipart(upload_form(&token, video("v")));
    let response = post.send().await.unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://portal.test"
    );
    assert_eq!(response.headers()["vary"], "Origin");

    ts.sandbox.set_cross_origin_uploads(false);
    let preflight = ts
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "https://portal.test")
        .send()
        .await
        .unwrap();
    let post = ts
        .client
        .post(&url)
        .header("Origin", "https://portal.test")
        .multipart(upload_form("x", video("v")));
    let response = post.send().await.unwrap();
    for headers in [preflight.headers(), response.headers()] {
        assert!(
            !headers
                .keys()
                .any(|k| k.as_str().starts_with("access-control-")),
            "{headers:?}"
        );
    }
}

#[tokio::test]
async fn background_return_calls_the_return_url_itself_and_answers_one_line() {
    use wiremock::{Mock, MockServer, ResponseTemplate, matchers};
    let site = MockServer::start().await;
    Mock::given(matchers::method("GET"))
        .and(matchers::path("/cb"))
        .and(matchers::query_param("a", "1"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&site)
        .await;
    let ts = spawn().await;
    let return_url = format!("{}/cb?a=1", site.uri());
    let token = ts
        .upload_token(&[("return_url", &return_url), ("background_return_p", "1")])
        .await;
    let body = ts
        .text_of(ts.redeem(upload_form(&token, video("v"))).await)
        .await;
    let photo = &ts.sandbox.photos()[0];
    let domain = ts.base.trim_start_matches("http://");
    let expected = format!(
        "ok {domain} {} {} {} ",
        photo.tree_id, photo.photo_id, photo.token
    );
    assert!(body.starts_with(&expected), "{body}");
    assert!(body.contains("/cb?a=1&domain="), "{body}");
}

fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                files_under(&entry.path())
            } else {
                1
            }
        })
        .sum()
}
