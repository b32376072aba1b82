//! The whole journey over real HTTP: describe, mint, upload straight to 23, come back, see it.

use crate::helpers::{attr, param, spawn_app};

#[tokio::test]
async fn a_visitor_uploads_a_video_and_sees_it_in_their_history() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let form = app.mint("My first video").await;
    let callback = app.upload_video(&form).await;
    let response = app.follow(&callback).await;

    // Assert
    assert_eq!(response.status(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/uploads")
    );
    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1, "23 holds exactly one video");
    let history = app.history().await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, "uploaded");
    assert_eq!(history[0].photo_id, Some(photos[0].photo_id));
    assert_eq!(history[0].title, "My first video");
}

#[tokio::test]
async fn the_new_upload_form_names_its_fields_as_23_does() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/").await;
    assert_eq!(status, 200);
    for field in ["title", "description", "tags", "publish", "csrf_token"] {
        assert!(
            attr(&html, &format!("form [name={field}]"), "name").is_some(),
            "no field named {field}"
        );
    }
    assert_eq!(
        attr(&html, "form.metadata-form", "method").as_deref(),
        Some("post")
    );
    assert_eq!(
        attr(&html, "form.metadata-form", "action").as_deref(),
        Some("/uploads")
    );
    assert!(
        attr(&html, "label[for=title]", "for").is_some(),
        "fields are labelled"
    );
}

#[tokio::test]
async fn the_send_form_posts_the_file_straight_to_23_with_the_token() {
    let app = spawn_app().await;
    let form = app.mint("Direct").await;
    let html = app
        .browser
        .get(&form.page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert_eq!(
        form.action,
        format!("{}/api/photo/redeem-upload-token", app.site_url)
    );
    assert_eq!(
        attr(&html, "form.upload-form", "method").as_deref(),
        Some("post")
    );
    assert_eq!(
        attr(&html, "form.upload-form", "enctype").as_deref(),
        Some("multipart/form-data")
    );
    assert_eq!(
        attr(&html, "form.upload-form input[type=file]", "name").as_deref(),
        Some("file")
    );
    assert!(
        app.sandbox.upload_token(&form.upload_token).is_some(),
        "the token is one 23 minted"
    );
    assert!(
        attr(&html, "form.upload-form time", "datetime").is_some(),
        "the page says when the token expires"
    );
}

#[tokio::test]
async fn the_token_carries_the_visitors_metadata_and_a_return_url_to_us() {
    let app = spawn_app().await;
    let response = app
        .post_new_upload(&[
            ("title", "Beach day"),
            ("description", "Waves"),
            ("tags", "sea, sun"),
            ("publish", "0"),
        ])
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let html = app
        .browser
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = attr(&html, "input[name=upload_token]", "value").unwrap();

    let minted = app.sandbox.upload_token(&token).unwrap();
    assert_eq!(minted.title, "Beach day");
    assert_eq!(minted.description, "Waves");
    assert_eq!(minted.tags, "sea sun");
    assert!(!minted.publish);
    let return_url = minted.return_url.expect("a return_url");
    assert!(
        return_url.starts_with(&app.url("/uploads/callback/")),
        "{return_url}"
    );
}

#[tokio::test]
async fn reloading_the_send_page_does_not_mint_a_second_token() {
    let app = spawn_app().await;
    let form = app.mint("Once").await;
    for _ in 0..3 {
        let reloaded = app.browser.get(&form.page_url).send().await.unwrap();
        assert_eq!(reloaded.status(), 200);
        let html = reloaded.text().await.unwrap();
        assert_eq!(
            attr(&html, "input[name=upload_token]", "value").as_deref(),
            Some(form.upload_token.as_str())
        );
    }
    assert_eq!(app.history().await.len(), 1, "one pending upload, not four");
}

#[tokio::test]
async fn the_callback_carries_what_23_documents() {
    let app = spawn_app().await;
    let form = app.mint("Params").await;
    let callback = app.upload_video(&form).await;
    assert_eq!(
        param(&callback, "upload_token").as_deref(),
        Some(form.upload_token.as_str())
    );
    for key in ["domain", "photo_id", "tree_id", "token"] {
        assert!(
            param(&callback, key).is_some(),
            "callback lacks {key}: {callback}"
        );
    }
}

#[tokio::test]
async fn an_unsupported_file_type_ends_failed_with_a_plain_message_instead_of_23s() {
    let app = spawn_app().await;
    let form = app.mint("Notes").await;
    let response = app
        .send_file(&form, "notes.txt", "text/plain", b"hello".to_vec())
        .await;
    assert_eq!(response.status(), 301);
    let callback = response.headers()["location"].to_str().unwrap().to_string();
    assert!(param(&callback, "error_message").is_some());

    assert_eq!(app.follow(&callback).await.status(), 303);
    let history = app.history().await;
    assert_eq!(history[0].status, "failed");
    // 23's words are the operator's (in /admin); the visitor reads what to do instead.
    assert!(
        history[0]
            .text
            .contains("This file type is not supported. Send a video"),
        "{}",
        history[0].text
    );
    assert!(!history[0].text.contains("The file type isn't supported"));
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = spawn_app().await;
    let form = app.mint("Headers").await;
    for url in [
        app.url("/"),
        app.url("/uploads"),
        form.page_url.clone(),
        app.url("/no/such/page"),
    ] {
        let response = app.browser.get(&url).send().await.unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{url}: {csp}");
        assert!(
            csp.contains(&format!("form-action 'self' {}", app.site_url)),
            "{url}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{url}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{url}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{url}");
        assert_eq!(headers["cache-control"], "no-store", "{url}");
    }
}

#[tokio::test]
async fn the_visitor_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    let response = app.browser.get(app.url("/")).send().await.unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    assert!(cookie.contains("Max-Age="), "a long-lived cookie: {cookie}");
}

#[tokio::test]
async fn unknown_pages_get_a_friendly_404() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    assert!(html.contains("<html"), "rendered through the layout");
}

#[tokio::test]
async fn the_operators_file_limits_reach_the_page_for_its_scripts() {
    let app = crate::helpers::spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILE_MB".into(), "2".into());
        vars.insert("UPLOAD_CHUNKED_ABOVE_MB".into(), "1".into());
        vars.insert("UPLOAD_CHUNK_SIZE_MB".into(), "1".into());
    })
    .await;
    let form = app.mint("Limits").await;
    let html = app
        .browser
        .get(&form.page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        attr(&html, "form.upload-form", "data-max-size").as_deref(),
        Some("2097152")
    );
    assert_eq!(
        attr(&html, "form.upload-form", "data-chunk-threshold").as_deref(),
        Some("1048576")
    );
    assert_eq!(
        attr(&html, "form.upload-form", "data-chunk-size").as_deref(),
        Some("1048576")
    );
}
