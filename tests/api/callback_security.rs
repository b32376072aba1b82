//! The callback is unsigned and public: every forgery is tried here, and none may record anything.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{browser, count, param, spawn_app, spawn_app_with, with_param};

/// Asserts the callback was refused calmly and recorded nothing: no video at all, or (when the
/// forgery names one) not that video. Videos 23 really made from the token may be recorded: the
/// refusal still asks 23, which lists them.
async fn assert_refused(
    app: &crate::helpers::TestApp,
    response: reqwest::Response,
    forged: Option<i64>,
) {
    assert_eq!(response.status(), 400);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("nothing was recorded"),
        "a calm explanation: {html}"
    );
    let history = app.history().await;
    match forged {
        None => assert!(
            history.iter().all(|e| e.photo_id.is_none()),
            "no video was recorded"
        ),
        Some(id) => assert!(
            history.iter().all(|e| e.photo_id != Some(id)),
            "the forged video was recorded"
        ),
    }
}

#[tokio::test]
async fn a_forged_photo_id_is_not_recorded() {
    let app = spawn_app().await;
    let form = app.mint("Real").await;
    let callback = app.upload_video(&form).await;
    let forged = with_param(&callback, "photo_id", "987654");
    assert_refused(&app, app.follow(&forged).await, Some(987654)).await;
}

#[tokio::test]
async fn an_unknown_upload_token_is_not_recorded() {
    let app = spawn_app().await;
    let form = app.mint("Real").await;
    let callback = app.upload_video(&form).await;
    let forged = with_param(&callback, "upload_token", &"f".repeat(40));
    assert_refused(&app, app.follow(&forged).await, None).await;
}

#[tokio::test]
async fn a_tampered_nonce_or_tag_is_refused() {
    let app = spawn_app().await;
    let form = app.mint("Real").await;
    let callback = app.upload_video(&form).await;
    let url = url::Url::parse(&callback).unwrap();
    let segments: Vec<&str> = url.path_segments().unwrap().collect();
    let (nonce, tag) = (segments[2], segments[3]);
    let flip = |s: &str| format!("{}{}", if s.starts_with('a') { 'b' } else { 'a' }, &s[1..]);
    for (n, t) in [
        (flip(nonce), tag.to_string()),
        (nonce.to_string(), flip(tag)),
        (nonce.to_string(), String::new()),
    ] {
        let mut tampered = url.clone();
        tampered.set_path(&format!("/uploads/callback/{n}/{t}"));
        let response = app.follow(tampered.as_str()).await;
        assert!(
            response.status() == 400 || response.status() == 404,
            "{tampered}: {}",
            response.status()
        );
    }
    assert!(app.history().await.iter().all(|e| e.status == "pending"));
}

#[tokio::test]
async fn another_tokens_video_is_not_recorded_against_this_upload() {
    let app = spawn_app().await;
    let mine = app.mint("Mine").await;
    let my_callback = app.upload_video(&mine).await;
    let theirs = app.mint("Theirs").await;
    let their_callback = app.upload_video(&theirs).await;

    let their_photo = param(&their_callback, "photo_id").unwrap();
    let forged = with_param(&my_callback, "photo_id", &their_photo);
    assert_refused(
        &app,
        app.follow(&forged).await,
        Some(their_photo.parse().unwrap()),
    )
    .await;
}

#[tokio::test]
async fn replaying_a_callback_records_the_video_once() {
    let app = spawn_app().await;
    let callback = app.complete_upload("Replayed").await;
    for _ in 0..5 {
        assert_eq!(app.follow(&callback).await.status(), 303);
    }
    let concurrent: Vec<_> = (0..10).map(|_| app.follow(&callback)).collect();
    for response in futures_util::future::join_all(concurrent).await {
        assert_eq!(response.status(), 303);
    }
    let history = app.history().await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, "uploaded");
}

#[tokio::test]
async fn a_post_callback_without_cookies_is_recorded_for_its_owner() {
    let app = spawn_app().await;
    let form = app.mint("Long callback").await;
    let callback = url::Url::parse(&app.upload_video(&form).await).unwrap();
    let body = callback.query().unwrap().to_string();
    let mut bare = callback.clone();
    bare.set_query(None);

    // 23 delivers long callbacks as a cross-site POST: no SameSite=Lax cookie comes along.
    let cookieless = browser();
    let response = cookieless
        .post(bare.as_str())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let history = app.history().await;
    assert_eq!(
        history[0].status, "uploaded",
        "recorded for the visitor who minted it"
    );
}

#[tokio::test]
async fn a_callback_opened_in_another_browser_records_for_the_owner_only() {
    let app = spawn_app().await;
    let form = app.mint("Owner's").await;
    let callback = app.upload_video(&form).await;

    let other = browser();
    other.get(app.url("/")).send().await.unwrap(); // has a session of its own
    assert_eq!(other.get(&callback).send().await.unwrap().status(), 303);

    let others_history = other
        .get(app.url("/uploads"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(crate::helpers::history_entries(&others_history).is_empty());
    assert_eq!(app.history().await[0].status, "uploaded");
}

#[tokio::test]
async fn an_error_message_with_markup_is_recorded_as_failed_and_shown_escaped() {
    let app = spawn_app().await;
    let form = app.mint("Broken").await;
    let return_url = app
        .sandbox
        .upload_token(&form.upload_token)
        .unwrap()
        .return_url
        .unwrap();
    let mut callback = url::Url::parse(&return_url).unwrap();
    callback
        .query_pairs_mut()
        .append_pair("upload_token", &form.upload_token)
        .append_pair(
            "error_message",
            "<script>alert(1)</script>\"><img src=x onerror=alert(2)>",
        );

    assert_eq!(app.follow(callback.as_str()).await.status(), 303);
    let (_, html) = app.get_html("/uploads").await;
    assert_eq!(
        count(&html, "main script"),
        0,
        "no script element was injected"
    );
    assert_eq!(count(&html, "img"), 0, "no img element was injected");
    let history = app.history().await;
    assert_eq!(history[0].status, "failed");
    // The visitor reads the portal's own sentence (23's words stay for the operator in /admin).
    assert!(
        !history[0].text.contains("<script>") && !history[0].text.contains("onerror"),
        "{}",
        history[0].text
    );
}

#[tokio::test]
async fn duplicated_or_contradictory_parameters_are_refused() {
    let app = spawn_app().await;
    let form = app.mint("Polluted").await;
    let callback = app.upload_video(&form).await;
    for extra in ["&photo_id=1", "&error_message=oops", "&upload_token=abc"] {
        assert_refused(&app, app.follow(&format!("{callback}{extra}")).await, None).await;
    }
}

#[tokio::test]
async fn a_callback_with_a_multipart_body_is_refused() {
    let app = spawn_app().await;
    let form = app.mint("Odd").await;
    let callback = app.upload_video(&form).await;
    let response = browser()
        .post(&callback)
        .multipart(reqwest::multipart::Form::new().text("photo_id", "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

/// A 23 site that mints tokens but whose photo/list is down: the callback can't be verified.
async fn flaky_23() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/photo/get-upload-token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"<response status="ok" permission_level="write" message="The upload token is ready to use" cached="0">
  <upload_token>abcdef0123456789abcdef0123456789abcdef01</upload_token>
  <title>Outage</title><description></description><publish>1</publish><tags></tags>
  <user_id>1</user_id><album_id></album_id><max_uploads>1</max_uploads>
  <valid_minutes>180</valid_minutes><valid_until>4102444800</valid_until>
  <return_url>http://unused</return_url>
</response>"#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/photo/list"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_callback_that_23_cannot_confirm_yet_is_recorded_unverified_then_confirmed() {
    // Arrange: the portal talks to a 23 whose photo/list is down.
    let site = flaky_23().await;
    let app = spawn_app_with(|vars| {
        vars.insert("TWENTYTHREE_URL".into(), site.uri());
    })
    .await;
    let response = app.post_new_upload(&[("title", "Outage")]).await;
    let send_page = app.url(response.headers()["location"].to_str().unwrap());
    let html = app
        .browser
        .get(&send_page)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = crate::helpers::attr(&html, "input[name=upload_token]", "value").unwrap();
    let return_url = site.received_requests().await.unwrap()[0].body.clone();
    let return_url = url::form_urlencoded::parse(&return_url)
        .find(|(k, _)| k == "return_url")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let callback =
        format!("{return_url}?domain=x&upload_token={token}&photo_id=4242&tree_id=1&token=abc");

    // Act: the callback arrives while 23 is down.
    assert_eq!(app.follow(&callback).await.status(), 303);

    // Assert: received, but not believed yet.
    let history = app.history().await;
    assert_eq!(history[0].status, "unverified");
    assert_eq!(history[0].photo_id, Some(4242));

    // 23 comes back and lists the video: a reload of the callback confirms it.
    site.reset().await;
    Mock::given(method("GET"))
        .and(path("/api/photo/list"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"<response status="ok" permission_level="write" message="" cached="0" p="1" size="100" total_count="1">
  <photo photo_id="4242" tree_id="1" token="abc" title="Outage" one="/video/4242" published_p="1" video_encoded_p="0"/>
</response>"#,
        ))
        .mount(&site)
        .await;
    assert_eq!(app.follow(&callback).await.status(), 303);
    let history = app.history().await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, "uploaded");
}
