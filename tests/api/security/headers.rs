//! Security headers on every response the application answers, pages and error pages alike.

use crate::helpers::{TestApp, base_vars, browser, spawn_app, spawn_app_with, start_portal};

/// Checks the headers every response must carry; HTML also must not be cached.
fn assert_security_headers(what: &str, response: &reqwest::Response) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .unwrap_or_else(|| panic!("{what}: no {name} header"))
            .to_str()
            .unwrap()
            .to_string()
    };
    let csp = header("content-security-policy");
    for directive in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "form-action 'self'",
    ] {
        assert!(
            csp.contains(directive),
            "{what}: CSP lacks {directive}: {csp}"
        );
    }
    for unsafe_source in ["unsafe-inline", "unsafe-eval", "unsafe-hashes", " * "] {
        assert!(
            !csp.contains(unsafe_source),
            "{what}: CSP allows {unsafe_source}"
        );
    }
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
    let referrer = header("referrer-policy");
    assert!(
        ["no-referrer", "same-origin", "strict-origin"].contains(&referrer.as_str()),
        "{what}: Referrer-Policy {referrer}"
    );
    let permissions = header("permissions-policy");
    for allowed in [
        "camera=(self)",
        "microphone=(self)",
        "display-capture=(self)",
    ] {
        assert!(permissions.contains(allowed), "{what}: {permissions}");
    }
    assert!(
        permissions.contains("geolocation=()"),
        "{what}: {permissions}"
    );
    assert_eq!(
        header("cross-origin-opener-policy"),
        "same-origin",
        "{what}"
    );
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "{what}: HSTS over plain http would pin a name that has no https"
    );
    let is_html = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.to_str().unwrap().starts_with("text/html"));
    if is_html || response.status().is_redirection() {
        assert!(header("cache-control").contains("no-store"), "{what}");
    }
}

async fn check(app: &TestApp, method: &str, path: &str, expected: u16) {
    let response = app
        .browser
        .request(method.parse().unwrap(), app.url(path))
        .send()
        .await
        .unwrap();
    let what = format!("{method} {path}");
    assert_eq!(response.status(), expected, "{what}");
    assert_security_headers(&what, &response);
}

#[tokio::test]
async fn every_page_and_every_error_page_carries_the_security_headers() {
    let app = spawn_app().await;
    let form = app.mint("Headers").await;
    let send_path = url::Url::parse(&form.page_url).unwrap().path().to_string();
    let id = app.newest_upload_id().await;
    let callback = app.upload_video(&form).await;
    let callback_path = url::Url::parse(&callback).unwrap().path().to_string();
    for (method, path, status) in [
        ("GET", "/", 200),
        ("GET", "/uploads", 200),
        ("GET", send_path.as_str(), 200),
        ("GET", "/healthz", 200),
        ("GET", "/static/style.css", 200),
        ("GET", "/static/missing.js", 404),
        ("GET", "/uploads/999999/send", 404),
        ("GET", "/no/such/page", 404),
        ("GET", "/uploads?before=yesterday", 400),
        (
            "GET",
            &format!("{callback_path}?upload_token=x&photo_id=1"),
            400,
        ),
        (
            "GET",
            "/uploads/callback/x/y?upload_token=x&photo_id=1",
            400,
        ),
        ("POST", "/uploads", 400),
        ("PUT", "/uploads", 404),
        ("GET", "/readyz", 200),
        ("GET", "/admin", 404),
        ("GET", "/metrics", 404),
        ("GET", &format!("/uploads/{id}/status"), 200),
        ("GET", "/uploads/999999/status", 404),
        ("POST", &format!("/uploads/{id}/check"), 403),
        ("POST", &format!("/uploads/{id}/renew"), 403),
        ("POST", &format!("/uploads/{id}/details"), 403),
        ("DELETE", &callback_path, 405),
    ] {
        check(&app, method, path, status).await;
    }
    let callback_answer = app.follow(&callback).await;
    assert_eq!(callback_answer.status(), 303);
    assert_security_headers("the callback's redirect", &callback_answer);

    let forbidden = app
        .post_new_upload(&[("title", "x"), ("csrf_token", "no")])
        .await;
    assert_eq!(forbidden.status(), 403);
    assert_security_headers("the 403 form", &forbidden);
    let invalid = app.post_new_upload(&[("title", "")]).await;
    assert_eq!(invalid.status(), 422);
    assert_security_headers("the 422 form", &invalid);
    let too_big = app
        .post_new_upload(&[("title", &"x".repeat(100_000))])
        .await;
    assert!(too_big.status().is_client_error());
    assert_security_headers("the oversized form", &too_big);
    let minted = app.post_new_upload(&[("title", "ok")]).await;
    assert_eq!(minted.status(), 303);
    assert_security_headers("the mint redirect", &minted);
}

#[tokio::test]
async fn the_operators_pages_carry_the_security_headers_whatever_the_credentials() {
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), "operator".into());
        vars.insert("ADMIN_PASSWORD".into(), "correct horse battery".into());
    })
    .await;
    app.mint("Listed").await;
    for (path, password, status) in [
        ("/admin", None, 401),
        ("/admin", Some("wrong password here"), 401),
        ("/admin", Some("correct horse battery"), 200),
        ("/admin?status=nonsense", Some("correct horse battery"), 400),
        ("/admin/uploads.csv", Some("correct horse battery"), 200),
        ("/metrics", Some("correct horse battery"), 200),
        ("/metrics", None, 401),
    ] {
        let mut request = browser().get(app.url(path));
        if let Some(password) = password {
            request = request.basic_auth("operator", Some(password));
        }
        let response = request.send().await.unwrap();
        let what = format!("GET {path} with {password:?}");
        assert_eq!(response.status(), status, "{what}");
        assert_security_headers(&what, &response);
        assert!(
            response.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("no-store"),
            "{what}"
        );
    }
}

#[tokio::test]
async fn the_503_page_and_the_built_in_sandbox_carry_the_security_headers_too() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = spawn_app_with(|vars| {
        vars.insert("TWENTYTHREE_URL".into(), format!("http://{closed}"));
    })
    .await;
    let unavailable = app.post_new_upload(&[("title", "Down")]).await;
    assert_eq!(unavailable.status(), 503);
    assert_security_headers("the 503 page", &unavailable);

    let dir = tempfile::tempdir().unwrap();
    let credentials = upload_portal::twentythree::oauth::Credentials::generate();
    let (address, _) = start_portal(&base_vars(dir.path(), None, &credentials).await).await;
    let client = browser();
    for path in [
        "/",
        "/sandbox-23/",
        "/sandbox-23/api/echo",
        "/sandbox-23/video/1",
    ] {
        let response = client.get(format!("{address}{path}")).send().await.unwrap();
        assert_security_headers(&format!("sandbox mode {path}"), &response);
    }
}

#[tokio::test]
async fn an_https_public_url_gets_strict_transport_security_on_every_answer() {
    let app = spawn_app_with(|vars| {
        vars.insert("PUBLIC_URL".into(), "https://videos.example.com/".into());
    })
    .await;
    for path in ["/", "/uploads", "/no-such-page"] {
        let response = app.browser.get(app.url(path)).send().await.unwrap();
        let hsts = response
            .headers()
            .get("strict-transport-security")
            .unwrap_or_else(|| panic!("{path}: no HSTS"))
            .to_str()
            .unwrap()
            .to_string();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts}");
        assert!(!hsts.contains("includeSubDomains"), "{path}: {hsts}");
    }
}
