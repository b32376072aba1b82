//! album/list as 23 documents it: anonymous lists the visible albums, `read` and above may ask
//! for hidden ones and see tokens; filters, order and pages.

use serde_json::Value;

use super::*;

const ALBUMS: &str = "/api/album/list";

async fn anonymous(ts: &TestSandbox, query: &[(&str, &str)]) -> Value {
    ts.get_json(ALBUMS, query).await
}

async fn signed(ts: &TestSandbox, params: &[(&str, &str)]) -> Value {
    let mut params = params.to_vec();
    params.extend([("format", "json"), ("raw", "1")]);
    ts.signed_post(ALBUMS, &params).await.json().await.unwrap()
}

fn ids(json: &Value) -> Vec<&str> {
    json["albums"]
        .as_array()
        .unwrap_or_else(|| panic!("{json}"))
        .iter()
        .map(|a| a["album_id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn anyone_lists_the_visible_albums_newest_first_without_their_tokens() {
    let ts = spawn().await;
    let all = anonymous(&ts, &[]).await;
    assert_eq!(all["status"], "ok");
    assert_eq!(ids(&all), ["42", "7"], "the hidden album is left out");
    assert!(all["albums"][0].get("token").is_none());
    assert_eq!(ids(&anonymous(&ts, &[("album_id", "42")]).await), ["42"]);
    assert!(ids(&anonymous(&ts, &[("album_id", "999")]).await).is_empty());
    let hidden = anonymous(&ts, &[("album_id", "1001"), ("include_hidden_p", "1")]).await;
    assert_eq!(hidden["status"], "error", "hidden albums need read");
    assert_eq!(hidden["code"], "permission_denied");
}

#[tokio::test]
async fn signed_calls_see_hidden_albums_and_filter_order_and_page_them() {
    let ts = spawn().await;
    let hidden = signed(&ts, &[("album_id", "1001"), ("include_hidden_p", "1")]).await;
    assert_eq!(ids(&hidden), ["1001"]);
    assert_eq!(hidden["albums"][0]["hide_p"], 1);
    assert!(hidden["albums"][0]["token"].is_string());
    let by_title = signed(
        &ts,
        &[
            ("include_hidden_p", "1"),
            ("orderby", "title"),
            ("order", "asc"),
        ],
    )
    .await;
    assert_eq!(ids(&by_title), ["7", "42", "1001"]);
    assert_eq!(ids(&signed(&ts, &[("search", "testim")]).await), ["42"]);
    let page = signed(&ts, &[("size", "1"), ("p", "2")]).await;
    assert_eq!(ids(&page), ["7"]);
    assert_eq!(page["total_count"], "2");
}
