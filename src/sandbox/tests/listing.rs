//! photo/list, update-upload-token, thumbnails and the sandbox's pages.

use std::time::Duration;

use serde_json::Value;

use super::*;

const LIST: &str = "/api/photo/list";

/// Uploads one file per token made with `params`; returns (upload token, photo id).
pub(super) async fn uploaded(ts: &TestSandbox, params: &[(&str, &str)]) -> (String, i64) {
    let token = ts.upload_token(params).await;
    assert_eq!(
        ts.text_of(ts.redeem(upload_form(&token, video("v"))).await)
            .await,
        "OK"
    );
    let photo_id = ts.sandbox.photos().last().unwrap().photo_id;
    (token, photo_id)
}

pub(super) async fn list(ts: &TestSandbox, query: &[(&str, &str)]) -> Value {
    ts.get_json(LIST, query).await
}

pub(super) fn ids(json: &Value) -> Vec<String> {
    json["photos"]
        .as_array()
        .unwrap_or_else(|| panic!("{json}"))
        .iter()
        .map(|p| p["photo_id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_list_filters_by_upload_token_and_by_photo_id() {
    let ts = spawn().await;
    let (first_token, first) = uploaded(&ts, &[]).await;
    let (_, second) = uploaded(&ts, &[]).await;
    assert_eq!(
        ids(&list(&ts, &[]).await),
        [second.to_string(), first.to_string()],
        "newest first"
    );
    assert_eq!(
        ids(&list(&ts, &[("upload_token", &first_token)]).await),
        [first.to_string()]
    );
    assert_eq!(
        ids(&list(&ts, &[("photo_id", &second.to_string())]).await),
        [second.to_string()]
    );
    let page = list(&ts, &[("size", "1"), ("p", "2")]).await;
    assert_eq!(ids(&page), [first.to_string()]);
    assert_eq!(
        (
            page["p"].clone(),
            page["size"].clone(),
            page["total_count"].clone()
        ),
        ("2".into(), "1".into(), "2".into())
    );
}

#[tokio::test]
async fn unpublished_photos_need_read_access_or_their_own_token() {
    let ts = spawn().await;
    let (_, hidden) = uploaded(&ts, &[("publish", "0")]).await;
    let hidden_token = ts.sandbox.photos()[0].token.clone();
    assert!(
        ids(&list(&ts, &[]).await).is_empty(),
        "not listed by default"
    );
    let denied = list(&ts, &[("include_unpublished_p", "1")]).await;
    assert_eq!(denied["code"], "permission_denied");
    let id = hidden.to_string();
    let with_token = list(
        &ts,
        &[
            ("include_unpublished_p", "1"),
            ("photo_id", &id),
            ("token", &hidden_token),
        ],
    )
    .await;
    assert_eq!(ids(&with_token), std::slice::from_ref(&id));
    assert_eq!(with_token["photos"][0]["published_p"], 0);
    let wrong_token = list(
        &ts,
        &[
            ("include_unpublished_p", "1"),
            ("photo_id", &id),
            ("token", "wrong"),
        ],
    )
    .await;
    assert!(ids(&wrong_token).is_empty());
    let signed: Value = ts
        .signed_post(
            LIST,
            &[
                ("include_unpublished_p", "1"),
                ("format", "json"),
                ("raw", "1"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(signed["permission_level"], "write");
    assert_eq!(ids(&signed), [id]);
}

#[tokio::test]
async fn a_present_but_wrong_signature_is_refused_even_where_signing_is_optional() {
    let ts = spawn().await;
    let query = [
        ("oauth_consumer_key", "nobody"),
        ("oauth_signature", "x"),
        ("format", "json"),
        ("raw", "1"),
    ];
    let json: Value = ts
        .client
        .get(ts.url(LIST))
        .query(&query)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["code"], "invalid_signature");
}

#[tokio::test]
async fn video_encoded_p_flips_once_encoding_is_finished() {
    let delay = Duration::from_secs(300);
    let ts = spawn_with(|s| s.encoding_delay = delay).await;
    let (_, id) = uploaded(&ts, &[]).await;
    let photo = ts.sandbox.photos()[0].clone();
    assert_eq!(
        photo.encoded_at.duration_since(photo.created_at).unwrap(),
        delay,
        "encoding is due one encoding delay after the upload"
    );
    let before = list(&ts, &[]).await;
    assert_eq!(before["photos"][0]["video_encoded_p"], 0);
    assert_eq!(
        before["photos"][0]["quad100_download"], "",
        "no thumbnails before encoding"
    );
    assert_eq!(
        ids(&list(&ts, &[("video_encoded_p", "0")]).await),
        [id.to_string()]
    );
    // Finishing now stands in for the delay passing, so the test does not depend on timing.
    ts.sandbox.finish_encoding(id);
    let after = list(&ts, &[]).await;
    assert_eq!(after["photos"][0]["video_encoded_p"], 1);
    assert!(ids(&list(&ts, &[("video_encoded_p", "0")]).await).is_empty());
}

#[tokio::test]
async fn thumbnails_appear_once_encoding_is_finished_and_only_for_the_right_token() {
    let ts = spawn().await;
    let (_, id) = uploaded(&ts, &[("title", "Tom & Jerry")]).await;
    let photo = ts.sandbox.photos()[0].clone();
    let path = format!(
        "/{}/{}/{}/small",
        photo.tree_id, photo.photo_id, photo.token
    );
    assert_eq!(
        ts.client.get(ts.url(&path)).send().await.unwrap().status(),
        404
    );
    ts.sandbox.finish_encoding(id);
    let json = list(&ts, &[]).await;
    let item = &json["photos"][0];
    assert_eq!(item["video_encoded_p"], 1);
    assert_eq!(item["small_download"], path.as_str());
    assert_eq!(
        (item["small_width"].as_str(), item["small_height"].as_str()),
        (Some("200"), Some("150"))
    );
    assert_eq!(item["one"], format!("/video/{id}"));
    assert_eq!(item["absolute_url"], ts.url(&format!("/video/{id}")));
    let image = ts.client.get(ts.url(&path)).send().await.unwrap();
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    let svg = ts.text_of(image).await;
    assert!(
        svg.contains("<title>Tom &#38; Jerry</title>"),
        "escaped: {svg}"
    );
    let wrong = format!(
        "/{}/{}/{}/small",
        photo.tree_id,
        photo.photo_id,
        "x".repeat(32)
    );
    assert_eq!(
        ts.client.get(ts.url(&wrong)).send().await.unwrap().status(),
        404
    );
}

#[tokio::test]
async fn the_xml_list_carries_fields_as_attributes_and_the_description_as_children() {
    let ts = spawn().await;
    uploaded(
        &ts,
        &[
            ("title", "A \"quoted\" title"),
            ("description", "<p>Hello</p>"),
        ],
    )
    .await;
    let xml = ts
        .text_of(ts.client.get(ts.url(LIST)).send().await.unwrap())
        .await;
    assert!(
        xml.contains(r#"cached="0" p="1" size="20" total_count="1">"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"title="A &quot;quoted&quot; title""#),
        "{xml}"
    );
    assert!(
        xml.contains(
            "<content>&lt;p&gt;Hello&lt;/p&gt;</content><content_text>Hello</content_text></photo>"
        ),
        "{xml}"
    );
}

#[tokio::test]
async fn update_upload_token_changes_the_token_and_its_photos() {
    let ts = spawn().await;
    let (token, _) = uploaded(&ts, &[("title", "Old"), ("max_uploads", "2")]).await;
    let response = ts
        .client
        .post(ts.url("/api/photo/update-upload-token"))
        .form(&[
            ("upload_token", token.as_str()),
            ("title", "<i>New</i> title"),
            ("publish", "0"),
        ])
        .send()
        .await
        .unwrap();
    let xml = ts.text_of(response).await;
    assert!(
        xml.contains(r#"message="The token information was updated""#),
        "{xml}"
    );
    let photo = &ts.sandbox.photos()[0];
    assert_eq!(
        (photo.title.as_str(), photo.published),
        ("New title", false)
    );
    assert_eq!(ts.sandbox.upload_token(&token).unwrap().title, "New title");
    let unknown = ts
        .client
        .get(ts.url("/api/photo/update-upload-token?upload_token=nope"))
        .send()
        .await
        .unwrap();
    assert!(
        ts.text_of(unknown)
            .await
            .contains(r#"code="invalid_input""#)
    );
}

#[tokio::test]
async fn the_pages_escape_titles_and_report_encoding() {
    let ts = spawn().await;
    let (_, id) = uploaded(&ts, &[("title", "1 < 2 & <script>x</script>")]).await;
    let index = ts
        .text_of(ts.client.get(ts.url("/")).send().await.unwrap())
        .await;
    assert!(index.contains("upload-portal sandbox"));
    let html = scraper::Html::parse_document(&index);
    let link = scraper::Selector::parse(&format!("a[href='/video/{id}']")).unwrap();
    let text: String = html
        .select(&link)
        .next()
        .expect("a link to the video")
        .text()
        .collect();
    assert_eq!(text, "1 < 2 & x");
    assert!(!index.contains("<script>"));
    let page = ts
        .text_of(
            ts.client
                .get(ts.url(&format!("/video/{id}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
    assert!(page.contains("Still being encoded"));
    ts.sandbox.finish_encoding(id);
    let page = ts
        .text_of(
            ts.client
                .get(ts.url(&format!("/video/{id}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
    assert!(page.contains("Ready to play"));
    assert_eq!(
        ts.client
            .get(ts.url("/video/999999"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
