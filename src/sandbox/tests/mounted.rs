//! The sandbox mounted under a prefix, as the portal mounts it at `/sandbox-23`.

use std::net::TcpListener;

use actix_web::{App, HttpServer, web};
use serde_json::Value;

use super::*;

async fn spawn_mounted() -> TestSandbox {
    let mut ts = spawn().await;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sandbox = ts.sandbox.clone();
    let server = HttpServer::new(move || {
        let sandbox = sandbox.clone();
        App::new().service(web::scope("/sandbox-23").configure(move |cfg| sandbox.configure(cfg)))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    // The standalone server keeps running on its own port; the tests only use this one.
    ts.servers.push(server.handle());
    tokio::spawn(server);
    ts.base = format!("http://127.0.0.1:{port}/sandbox-23");
    ts
}

#[tokio::test]
async fn a_mounted_sandbox_verifies_signatures_over_the_prefixed_path_and_links_under_it() {
    let ts = spawn_mounted().await;
    let token = ts
        .upload_token(&[("return_url", "https://app.test/cb")])
        .await;
    let response = ts.redeem(upload_form(&token, video("v"))).await;
    assert_eq!(response.status(), 301);
    let photo = ts.sandbox.photos()[0].clone();
    ts.sandbox.finish_encoding(photo.photo_id);
    let json: Value = ts
        .client
        .get(ts.url("/api/photo/list?format=json&raw"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let item = &json["photos"][0];
    // Paths are relative to the site (whose base includes the mount), as on a real 23 site.
    assert_eq!(item["one"], format!("/video/{}", photo.photo_id));
    assert!(
        item["absolute_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/sandbox-23/video/{}", photo.photo_id))
    );
    let thumbnail = item["quad100_download"].as_str().unwrap();
    assert!(
        thumbnail.starts_with(&format!("/{}/", photo.tree_id)),
        "{thumbnail}"
    );
    let image = ts.client.get(ts.url(thumbnail)).send().await.unwrap();
    assert_eq!(image.status(), 200);
    let index = ts
        .text_of(ts.client.get(ts.url("/")).send().await.unwrap())
        .await;
    assert!(
        index.contains(&format!("href=\"/sandbox-23/video/{}\"", photo.photo_id)),
        "{index}"
    );
}

#[tokio::test]
async fn a_mounted_sandbox_serves_its_callback_script_under_the_prefix() {
    let ts = spawn_mounted().await;
    let long = "y".repeat(1600);
    let token = ts
        .upload_token(&[("return_url", "https://app.test/cb"), ("note", &long)])
        .await;
    let page = ts
        .text_of(ts.redeem(upload_form(&token, video("v"))).await)
        .await;
    assert!(
        page.contains(r#"<script src="/sandbox-23/assets/post-callback.js" defer>"#),
        "{page}"
    );
}
