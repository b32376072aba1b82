//! The host's `data-theme` and `data-accent`: only three words and a checked `#rrggbb` colour
//! reach a page, whatever the host page (or anyone writing the frame's address) sends.

use super::{HOST, embeddable_app};
use crate::helpers::{TestApp, attr};

const INJECTION: &str = "red;}body{display:none";

/// The frame's first page for this query string.
async fn frame_page(app: &TestApp, query: &[(&str, &str)]) -> String {
    let response = app
        .browser
        .get(app.url("/embed/frame"))
        .query(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// Opens the frame with this look (as its first page's form posts it); returns the framed `/`.
async fn open_with_look(app: &TestApp, theme: &str, accent: &str) -> String {
    let opened = app
        .browser
        .post(app.url("/embed"))
        .header("origin", HOST)
        .form(&[("title", "x"), ("theme", theme), ("accent", accent)])
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 303);
    app.get_html("/").await.1
}

#[tokio::test]
async fn the_frames_theme_and_accent_are_checked_and_a_bad_value_never_reaches_the_page() {
    let app = embeddable_app().await;
    let good = frame_page(&app, &[("theme", "dark"), ("accent", "#6A1B9A")]).await;
    assert_eq!(attr(&good, "html", "data-theme").as_deref(), Some("dark"));
    assert_eq!(
        attr(&good, "link[href*='brand.css']", "href").as_deref(),
        Some("/brand.css?accent=6a1b9a")
    );
    assert_eq!(
        attr(&good, "input[name=accent]", "value").as_deref(),
        Some("#6a1b9a"),
        "the opening form carries the checked colour"
    );

    for (theme, accent) in [
        (INJECTION, INJECTION),
        ("dark\"><script>alert(1)</script>", "#6a1b9a\"><b>"),
        ("sepia", "#036"),
        ("light", "#ffcc00"),
    ] {
        let html = frame_page(&app, &[("theme", theme), ("accent", accent)]).await;
        let bad_theme = if theme == "light" { "" } else { theme };
        for raw in [bad_theme, accent, "display:none", "<script>alert", "<b>"] {
            if raw.is_empty() {
                continue;
            }
            assert!(!html.contains(raw), "{raw:?} reflected");
        }
        assert!(!html.contains("brand.css"), "no accent from {accent:?}");
        let expected = if theme == "light" { "light" } else { "auto" };
        assert_eq!(attr(&html, "html", "data-theme").as_deref(), Some(expected));
    }
}

#[tokio::test]
async fn the_look_the_frame_opened_with_stays_for_its_pages_and_never_reaches_the_portals_own() {
    let app = embeddable_app().await;
    let framed = open_with_look(&app, "dark", "#6a1b9a").await;
    assert_eq!(attr(&framed, "html", "data-theme").as_deref(), Some("dark"));
    assert_eq!(attr(&framed, "html", "class").as_deref(), Some("embedded"));
    assert!(framed.contains("/brand.css?accent=6a1b9a"));
    assert!(!framed.contains("site-header") && !framed.contains("site-footer"));
    let (_, history) = app.get_html("/uploads").await;
    assert_eq!(
        attr(&history, "html", "data-theme").as_deref(),
        Some("dark")
    );

    // The same browser's own visit to the portal: its own header, footer and colours.
    let top_level = app
        .browser
        .get(app.url("/"))
        .header("sec-fetch-dest", "document")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(attr(&top_level, "html", "data-theme"), None);
    assert!(top_level.contains("site-header") && top_level.contains("site-footer"));
    assert!(!top_level.contains("brand.css"));

    // Opened again with values that are not a theme or a colour: the defaults, nothing raw.
    let framed = open_with_look(&app, INJECTION, INJECTION).await;
    assert_eq!(attr(&framed, "html", "data-theme").as_deref(), Some("auto"));
    assert!(!framed.contains("brand.css") && !framed.contains("display:none"));
    let css = app
        .browser
        .get(app.url("/brand.css"))
        .query(&[("accent", INJECTION)])
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), 404, "the stylesheet checks its colour again");
}
