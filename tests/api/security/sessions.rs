//! Session fixation and cookie tampering: a cookie the portal did not issue is never trusted,
//! never crashes a page, and never opens another visitor's history.

use reqwest::redirect::Policy;

use crate::helpers::{TestApp, attr, history_entries, spawn_app, spawn_app_with};

const COOKIE: &str = "upload-portal";

/// A client that keeps no cookies, so each request carries exactly the cookie a test chooses.
fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The value of our session cookie in a response's `Set-Cookie`, if it sets one.
fn issued_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{COOKIE}=")))
        .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
}

async fn get_with_cookie(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    bare_client()
        .get(app.url(path))
        .header("cookie", format!("{COOKIE}={cookie}"))
        .send()
        .await
        .unwrap()
}

/// A visitor with one upload in their history, driven by hand; returns their cookie.
async fn visitor_with_an_upload(app: &TestApp) -> String {
    let client = bare_client();
    let home = client.get(app.url("/")).send().await.unwrap();
    let cookie = issued_cookie(&home).expect("the first visit issues a cookie");
    let csrf = attr(
        &home.text().await.unwrap(),
        "input[name=csrf_token]",
        "value",
    )
    .unwrap();
    let minted = client
        .post(app.url("/uploads"))
        .header("cookie", format!("{COOKIE}={cookie}"))
        .form(&[("title", "Victim's video"), ("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(minted.status(), 303);
    let cookie = issued_cookie(&minted).unwrap_or(cookie);
    let html = get_with_cookie(app, "/uploads", &cookie)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        history_entries(&html).len(),
        1,
        "the cookie shows its own history"
    );
    cookie
}

#[tokio::test]
async fn a_garbage_session_cookie_gets_a_fresh_anonymous_session_and_never_an_error() {
    let app = spawn_app().await;
    let long = "A".repeat(3000);
    for planted in [
        "",
        "garbage",
        "%00%00",
        "eyJ2aXNpdG9yIjoiYXR0YWNrZXIifQ==",
        "\"quoted\"",
        long.as_str(),
    ] {
        let home = get_with_cookie(&app, "/", planted).await;
        assert_eq!(home.status(), 200, "cookie {planted:.20}");
        let fresh = issued_cookie(&home).expect("a fresh session replaces the planted one");
        assert_ne!(fresh, planted);
        let history = get_with_cookie(&app, "/uploads", planted).await;
        assert_eq!(history.status(), 200, "cookie {planted:.20}");
        assert!(history_entries(&history.text().await.unwrap()).is_empty());
        let post = bare_client()
            .post(app.url("/uploads"))
            .header("cookie", format!("{COOKIE}={planted}"))
            .form(&[("title", "x"), ("csrf_token", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(post.status(), 403, "cookie {planted:.20}");
    }
    assert!(app.sandbox.upload_tokens().is_empty());
}

#[tokio::test]
async fn a_tampered_session_cookie_never_reveals_its_owners_history() {
    let app = spawn_app().await;
    let cookie = visitor_with_an_upload(&app).await;
    let flip = |i: usize| {
        let mut bytes = cookie.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    };
    let tampered = [
        flip(0),
        flip(cookie.len() / 2),
        flip(cookie.len() - 1),
        cookie[..cookie.len() - 4].to_string(),
        format!("{cookie}AAAA"),
        cookie.to_lowercase(),
    ];
    for bad in tampered {
        let response = get_with_cookie(&app, "/uploads", &bad).await;
        assert_eq!(response.status(), 200);
        let html = response.text().await.unwrap();
        assert!(history_entries(&html).is_empty(), "tampered cookie {bad}");
        assert!(!html.contains("Victim's video"));
    }
    let genuine = get_with_cookie(&app, "/uploads", &cookie).await;
    assert_eq!(history_entries(&genuine.text().await.unwrap()).len(), 1);
}

#[tokio::test]
async fn a_cookie_from_another_portal_instance_is_not_accepted() {
    // Same code, different SESSION_SECRET: a cookie minted elsewhere must not decrypt here.
    let other = spawn_app().await;
    let cookie = visitor_with_an_upload(&other).await;
    let app = spawn_app().await;
    let response = get_with_cookie(&app, "/uploads", &cookie).await;
    assert_eq!(response.status(), 200);
    assert!(history_entries(&response.text().await.unwrap()).is_empty());
}

#[tokio::test]
async fn a_session_id_in_the_url_is_ignored() {
    let app = spawn_app().await;
    let cookie = visitor_with_an_upload(&app).await;
    let encoded: String = url::form_urlencoded::byte_serialize(cookie.as_bytes()).collect();
    for query in [
        format!("{COOKIE}={encoded}"),
        format!("session={encoded}"),
        format!("visitor={encoded}"),
    ] {
        let response = bare_client()
            .get(app.url(&format!("/uploads?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(history_entries(&response.text().await.unwrap()).is_empty());
    }
}

#[tokio::test]
async fn on_https_the_cookie_is_host_prefixed_and_secure() {
    let app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), "https://portal.example".into());
    })
    .await;
    let response = bare_client().get(app.url("/")).send().await.unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-upload-portal="), "{cookie}");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
}

#[tokio::test]
async fn identity_headers_a_proxy_might_set_are_ignored_when_none_is_configured() {
    let app = spawn_app().await;
    visitor_with_an_upload(&app).await;
    for header in [
        "x-forwarded-user",
        "x-remote-user",
        "remote-user",
        "x-auth-request-user",
        "x-forwarded-email",
    ] {
        let response = bare_client()
            .get(app.url("/uploads"))
            .header(header, "victim")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(
            history_entries(&response.text().await.unwrap()).is_empty(),
            "{header}"
        );
    }
}
