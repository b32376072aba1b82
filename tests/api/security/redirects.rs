//! Open redirects: every redirect target and every `return_url` comes from configuration,
//! never from the request (headers, query or form).

use crate::helpers::{attr, spawn_app_with};
use crate::security::assert_local_location;

const PUBLIC_URL: &str = "http://portal.example";

const EVIL_TARGETS: [&str; 7] = [
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "/%2F%2Fevil.example",
    "javascript:alert(1)",
    "%0d%0aLocation:%20https://evil.example",
    "http:evil.example",
];

#[tokio::test]
async fn forged_host_headers_do_not_change_the_return_url_sent_to_23() {
    let app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), PUBLIC_URL.into());
    })
    .await;
    let token = app.csrf_token().await;
    for (header, value) in [
        ("host", "evil.example"),
        ("x-forwarded-host", "evil.example"),
        ("forwarded", "host=evil.example;proto=https"),
        ("x-forwarded-proto", "https"),
        ("x-original-url", "https://evil.example/"),
    ] {
        let response = app
            .browser
            .post(app.url("/uploads"))
            .header(header, value)
            .form(&[("title", header), ("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "{header}: minting still works");
        assert_local_location(&response);
    }
    let tokens = app.sandbox.upload_tokens();
    assert_eq!(tokens.len(), 5);
    for token in tokens {
        let return_url = token.return_url.expect("every token has a return_url");
        assert!(
            return_url.starts_with(&format!("{PUBLIC_URL}/uploads/callback/")),
            "{}: return_url {return_url} must be on PUBLIC_URL",
            token.title
        );
    }
}

#[tokio::test]
async fn a_next_parameter_anywhere_never_becomes_a_redirect_target() {
    let app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), PUBLIC_URL.into());
    })
    .await;
    for target in EVIL_TARGETS {
        let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
        let token = app.csrf_token().await;
        let minted = app
            .browser
            .post(app.url(&format!("/uploads?next={encoded}&return_url={encoded}")))
            .form(&[
                ("title", "Next"),
                ("csrf_token", token.as_str()),
                ("next", target),
                ("return_url", target),
                ("redirect", target),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(minted.status(), 303, "{target}");
        assert_local_location(&minted);
        for path in ["/", "/uploads", "/healthz"] {
            let response = app
                .browser
                .get(app.url(&format!("{path}?next={encoded}&redirect={encoded}")))
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success(), "{path}?next={target}");
            assert!(
                response.headers().get("location").is_none(),
                "{path}?next={target}: a page, not a redirect"
            );
        }
    }
    for token in app.sandbox.upload_tokens() {
        let return_url = token.return_url.unwrap();
        assert!(return_url.starts_with(&format!("{PUBLIC_URL}/uploads/callback/")));
        assert!(!return_url.contains("evil"), "{return_url}");
    }
}

#[tokio::test]
async fn a_callback_carrying_a_next_parameter_still_lands_on_our_history() {
    let app = spawn_app_with(|_| {}).await;
    let form = app.mint("Echoed").await;
    // 23 echoes extra form fields into the callback, so the uploader controls these.
    let callback = app.upload_video(&form).await;
    for target in EVIL_TARGETS {
        let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
        let response = app
            .follow(&format!("{callback}&next={encoded}&return_url={encoded}"))
            .await;
        assert_eq!(response.status(), 303, "{target}");
        assert_local_location(&response);
        let location = response.headers()["location"].to_str().unwrap();
        assert!(location.starts_with("/uploads#upload-"), "{location}");
    }
}

#[tokio::test]
async fn the_upload_form_posts_to_the_configured_23_site_whatever_the_host_header() {
    let app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), PUBLIC_URL.into());
    })
    .await;
    let form = app.mint("Action").await;
    let html = app
        .browser
        .get(&form.page_url)
        .header("host", "evil.example")
        .header("x-forwarded-host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let action = attr(&html, "form.upload-form", "action").unwrap();
    assert_eq!(
        action,
        format!("{}/api/photo/redeem-upload-token", app.site_url)
    );
}
