//! Which language a page speaks: the menu's choice (kept in the cookie) over the browser's
//! `Accept-Language` over `DEFAULT_LANGUAGE`; and what the operator's brand may not inject.

use crate::helpers::{attr, spawn_app, spawn_app_with, text};

#[tokio::test]
async fn the_browser_language_then_the_menu_choice_decide_and_the_choice_is_kept() {
    let app = spawn_app().await;
    let get = |path: &str, accept: &str| {
        app.browser
            .get(app.url(path))
            .header("accept-language", accept)
            .send()
    };
    let page = get("/", "sv-SE,sv;q=0.9,en;q=0.5").await.unwrap();
    assert_eq!(page.headers()["content-language"], "sv");
    assert!(
        page.headers()
            .get_all("vary")
            .iter()
            .any(|v| v == "accept-language")
    );
    let html = page.text().await.unwrap();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("sv"));
    assert_eq!(text(&html, "h1"), "Ladda upp en video");

    // The menu's link: German from now on, whatever the browser prefers.
    let html = get("/?lang=de", "sv").await.unwrap().text().await.unwrap();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("de"));
    let html = get("/uploads", "sv").await.unwrap().text().await.unwrap();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("de"));
    assert_eq!(text(&html, "h1"), "Meine Uploads");

    // A tag we do not have changes nothing; error pages speak the language too.
    let missing = get("/nowhere?lang=xx", "sv").await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(
        text(&missing.text().await.unwrap(), "h1"),
        "Seite nicht gefunden"
    );
}

#[tokio::test]
async fn the_default_language_serves_browsers_asking_for_none_we_have() {
    let app = spawn_app_with(|vars| {
        vars.insert("DEFAULT_LANGUAGE".into(), "nb".into());
    })
    .await;
    let page = app
        .browser
        .get(app.url("/"))
        .header("accept-language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("nb"));
    assert_eq!(text(&html, "h1"), "Last opp en video");
}

#[tokio::test]
async fn the_brand_is_text_and_its_colour_only_a_parsed_hex_value() {
    let app = spawn_app_with(|vars| {
        vars.insert("SITE_NAME".into(), "<script>alert(1)</script>".into());
        vars.insert("BRAND_COLOR".into(), "#036".into());
        vars.insert("LOGO_URL".into(), "https://cdn.example.com/logo.svg".into());
        vars.insert("VIDEO_SERVICE_NAME".into(), "\"23\" <b>Video</b>".into());
    })
    .await;
    let page = app.browser.get(app.url("/")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("img-src https://cdn.example.com 'self'"),
        "{csp}"
    );
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script>alert"), "the site name is escaped");
    assert!(
        !html.contains("<b>Video</b>"),
        "the service name is escaped"
    );
    assert_eq!(text(&html, "a.brand").trim(), "<script>alert(1)</script>");
    assert_eq!(
        attr(&html, "img.brand-logo", "src").as_deref(),
        Some("https://cdn.example.com/logo.svg")
    );
    let css = app.browser.get(app.url("/brand.css")).send().await.unwrap();
    assert_eq!(css.status(), 200);
    assert!(
        css.text()
            .await
            .unwrap()
            .starts_with(":root { --accent: #003366; }")
    );
}

#[tokio::test]
async fn a_history_cached_in_one_language_is_not_current_in_another() {
    let app = spawn_app().await;
    app.mint("Havefest").await;
    let history = app.browser.get(app.url("/uploads")).send().await.unwrap();
    let etag = history.headers()["etag"].clone();
    let again = |path: &str| {
        app.browser
            .get(app.url(path))
            .header("if-none-match", etag.clone())
            .send()
    };
    assert_eq!(again("/uploads").await.unwrap().status(), 304);
    let danish = again("/uploads?lang=da").await.unwrap();
    assert_eq!(
        danish.status(),
        200,
        "the English page's version must not answer for Danish"
    );
    assert_eq!(text(&danish.text().await.unwrap(), "h1"), "Mine uploads");
}
