//! CSRF: the only state-changing form (`POST /uploads`) needs the session's token and a
//! same-origin request; every other method on every route changes nothing.

use crate::helpers::{browser, spawn_app};

#[tokio::test]
async fn a_visitor_with_no_session_at_all_cannot_mint() {
    let app = spawn_app().await;
    let response = browser()
        .post(app.url("/uploads"))
        .form(&[("title", "Drive-by"), ("csrf_token", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn cross_origin_signals_are_refused_even_with_a_valid_token() {
    let app = spawn_app().await;
    let token = app.csrf_token().await;
    let other_port = app.address.rsplit_once(':').unwrap().0.to_string() + ":1";
    let lookalike = app.address.replace("127.0.0.1", "localhost");
    let https = app.address.replace("http://", "https://");
    for headers in [
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "null")],
        vec![("origin", other_port.as_str())],
        vec![("origin", lookalike.as_str())],
        vec![("origin", https.as_str())],
        vec![
            ("sec-fetch-site", "cross-site"),
            ("origin", app.address.as_str()),
        ],
    ] {
        let mut request = app.browser.post(app.url("/uploads"));
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        let response = request
            .form(&[("title", "Forged"), ("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{headers:?}");
    }
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn a_same_origin_browser_post_with_the_token_is_accepted() {
    // The control for the test above: the same request from our own page goes through.
    let app = spawn_app().await;
    let token = app.csrf_token().await;
    let response = app
        .browser
        .post(app.url("/uploads"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.address.as_str())
        .form(&[("title", "Genuine"), ("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(app.sandbox.upload_tokens().len(), 1);
}

#[tokio::test]
async fn the_token_must_be_in_the_body_once_and_exactly_right() {
    let app = spawn_app().await;
    let token = app.csrf_token().await;
    let in_query = app
        .browser
        .post(app.url(&format!("/uploads?csrf_token={token}")))
        .form(&[("title", "Query")])
        .send()
        .await
        .unwrap();
    assert_eq!(in_query.status(), 403, "a token in the URL does not count");
    let truncated = &token[..token.len() - 1];
    let padded = format!("{token} ");
    for wrong in [truncated, padded.as_str(), &token.to_uppercase()] {
        if wrong == token {
            continue;
        }
        let response = app
            .post_new_upload(&[("title", "Wrong"), ("csrf_token", wrong)])
            .await;
        assert_eq!(response.status(), 403, "{wrong}");
    }
    let twice = app
        .browser
        .post(app.url("/uploads"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("title=Twice&csrf_token=wrong&csrf_token={token}"))
        .send()
        .await
        .unwrap();
    assert!(twice.status().is_client_error(), "{}", twice.status());
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn no_other_method_on_any_route_changes_anything() {
    let app = spawn_app().await;
    let form = app.mint("Existing").await;
    let callback = app.upload_video(&form).await;
    let callback_path = url::Url::parse(&callback).unwrap().path().to_string();
    let send_path = url::Url::parse(&form.page_url).unwrap().path().to_string();
    let token = app.csrf_token().await;
    let id = app.newest_upload_id().await;
    let actions: Vec<String> = ["status", "check", "renew", "details"]
        .iter()
        .map(|a| format!("/uploads/{id}/{a}"))
        .collect();
    let routes = [
        "/",
        "/uploads",
        &send_path,
        &callback_path,
        "/healthz",
        "/static/style.css",
        "/readyz",
        "/metrics",
        "/admin",
        "/admin/uploads.csv",
    ];
    let all = routes
        .iter()
        .copied()
        .chain(actions.iter().map(String::as_str));
    for path in all {
        for method in ["PUT", "PATCH", "DELETE", "POST", "GET"] {
            let is_action = actions.iter().any(|a| a == path);
            let is_a_route = match method {
                "POST" => {
                    path == "/uploads"
                        || path == callback_path
                        || (is_action && !path.ends_with("status"))
                }
                "GET" => !is_action || path.ends_with("status"),
                _ => false,
            };
            if is_a_route {
                continue; // the routes themselves, attacked in their own tests
            }
            let response = app
                .browser
                .request(method.parse().unwrap(), app.url(path))
                .form(&[("title", "Other method"), ("csrf_token", token.as_str())])
                .send()
                .await
                .unwrap();
            assert!(
                response.status() == 404 || response.status() == 405,
                "{method} {path}: {}",
                response.status()
            );
        }
    }
    assert_eq!(app.sandbox.upload_tokens().len(), 1, "no second token");
    let history = app.history().await;
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].status, "pending",
        "the callback was never accepted"
    );
}

/// Posts to one of an upload's actions (`renew`, `details`, `check`) with these headers.
async fn post_action(
    client: &reqwest::Client,
    url: String,
    csrf: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = client.post(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request
        .form(&[("csrf_token", csrf), ("title", "Changed by an attacker")])
        .send()
        .await
        .unwrap()
}

/// The owner's upload is untouched: one token minted, its title as typed.
fn assert_untouched(app: &crate::helpers::TestApp) {
    let tokens = app.sandbox.upload_tokens();
    assert_eq!(tokens.len(), 1, "no renewal minted a second token");
    assert_eq!(tokens[0].title, "Owned", "23 got no new details");
}

#[tokio::test]
async fn renew_details_and_check_refuse_a_missing_wrong_or_cross_site_token() {
    let app = spawn_app().await;
    app.mint("Owned").await;
    let id = app.newest_upload_id().await;
    let token = app.csrf_token().await;
    let stranger = browser();
    let strangers_html = stranger.get(app.url("/")).send().await.unwrap();
    let strangers_token = crate::helpers::attr(
        &strangers_html.text().await.unwrap(),
        "input[name=csrf_token]",
        "value",
    )
    .unwrap();
    for action in ["renew", "details", "check"] {
        let url = app.url(&format!("/uploads/{id}/{action}"));
        for (label, csrf, headers) in [
            ("no token", "", vec![]),
            ("a wrong token", "wrong", vec![]),
            ("another session's token", strangers_token.as_str(), vec![]),
            (
                "a wrong header token",
                token.as_str(),
                vec![("x-csrf-token", "wrong")],
            ),
            (
                "a cross-site request",
                token.as_str(),
                vec![("sec-fetch-site", "cross-site")],
            ),
            (
                "a foreign origin",
                token.as_str(),
                vec![("origin", "https://evil.example")],
            ),
        ] {
            let response = post_action(&app.browser, url.clone(), csrf, &headers).await;
            assert_eq!(response.status(), 403, "{action} with {label}");
        }
    }
    assert_untouched(&app);
    assert_eq!(app.history().await[0].title, "Owned");
}

#[tokio::test]
async fn another_visitor_with_a_valid_token_of_their_own_cannot_touch_an_upload() {
    let app = spawn_app().await;
    app.mint("Owned").await;
    let id = app.newest_upload_id().await;
    let stranger = browser();
    let html = stranger.get(app.url("/")).send().await.unwrap();
    let strangers_token = crate::helpers::attr(
        &html.text().await.unwrap(),
        "input[name=csrf_token]",
        "value",
    )
    .unwrap();
    for action in ["renew", "details", "check", "status"] {
        let url = app.url(&format!("/uploads/{id}/{action}"));
        let response = if action == "status" {
            stranger.get(url).send().await.unwrap()
        } else {
            post_action(&stranger, url, &strangers_token, &[]).await
        };
        assert!(
            response.status() == 403 || response.status() == 404,
            "{action}: {}",
            response.status()
        );
        assert!(
            !response.text().await.unwrap().contains("Owned"),
            "{action}"
        );
    }
    assert_untouched(&app);
}

#[tokio::test]
async fn the_owner_with_the_token_can_edit_and_renew() {
    // The control for the two tests above.
    let app = spawn_app().await;
    app.mint("Owned").await;
    let id = app.newest_upload_id().await;
    let token = app.csrf_token().await;
    let edited = post_action(
        &app.browser,
        app.url(&format!("/uploads/{id}/details")),
        &token,
        &[],
    )
    .await;
    assert_eq!(edited.status(), 303);
    assert_eq!(
        app.sandbox.upload_tokens()[0].title,
        "Changed by an attacker"
    );
    let renewed = post_action(
        &app.browser,
        app.url(&format!("/uploads/{id}/renew")),
        &token,
        &[("x-csrf-token", token.as_str())],
    )
    .await;
    assert_eq!(renewed.status(), 303);
    assert_eq!(app.sandbox.upload_tokens().len(), 2);
}
