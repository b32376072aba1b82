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
    let routes = [
        "/",
        "/uploads",
        &send_path,
        &callback_path,
        "/healthz",
        "/static/style.css",
    ];
    for path in routes {
        for method in ["PUT", "PATCH", "DELETE", "POST"] {
            if method == "POST" && (path == "/uploads" || path == callback_path) {
                continue; // the two POST routes, attacked in their own tests
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
