//! The header belongs to the operator's site: the menu marks the page the visitor is on, the tab
//! has an icon (the logo, else the portal's own), and `HOME_URL` links back to the site.

use crate::helpers::{attr, count, spawn_app, spawn_app_with, text};

#[tokio::test]
async fn the_menu_marks_the_page_the_visitor_is_on_and_only_that_one() {
    let app = spawn_app().await;
    let (_, new) = app.get_html("/").await;
    assert_eq!(count(&new, "header nav [aria-current=page]"), 1);
    assert_eq!(
        attr(&new, "header nav [aria-current=page]", "href").as_deref(),
        Some("/")
    );
    let (_, history) = app.get_html("/uploads").await;
    assert_eq!(
        attr(&history, "header nav [aria-current=page]", "href").as_deref(),
        Some("/uploads")
    );
}

#[tokio::test]
async fn the_tab_shows_the_portals_icon_or_else_the_operators_logo() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/").await;
    let icon = attr(&html, "link[rel=icon]", "href").unwrap();
    let served = app.browser.get(app.url(&icon)).send().await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/svg+xml");
    assert!(served.text().await.unwrap().starts_with("<svg"));

    let branded = spawn_app_with(|vars| {
        vars.insert("LOGO_URL".into(), "https://example.com/logo.png".into());
    })
    .await;
    let (_, html) = branded.get_html("/").await;
    assert_eq!(
        attr(&html, "link[rel=icon]", "href").as_deref(),
        Some("https://example.com/logo.png")
    );
}

#[tokio::test]
async fn home_url_links_back_to_the_operators_site_in_the_visitors_language() {
    let app = spawn_app_with(|vars| {
        vars.insert("HOME_URL".into(), "https://www.example.com/".into());
    })
    .await;
    let (_, html) = app.get_html("/").await;
    assert_eq!(
        attr(&html, "a.home-link", "href").as_deref(),
        Some("https://www.example.com/")
    );
    assert_eq!(text(&html, "a.home-link"), "Back to www.example.com");
    let (_, danish) = app.get_html("/?lang=da").await;
    assert!(text(&danish, "a.home-link").contains("www.example.com"));
    assert_ne!(text(&danish, "a.home-link"), "Back to www.example.com");

    let named = spawn_app_with(|vars| {
        vars.insert("HOME_URL".into(), "https://www.example.com/".into());
        vars.insert("SITE_NAME".into(), "Acme".into());
    })
    .await;
    let (_, html) = named.get_html("/uploads").await;
    assert_eq!(text(&html, "a.home-link"), "Back to Acme");

    let (_, plain) = spawn_app().await.get_html("/").await;
    assert_eq!(count(&plain, "a.home-link"), 0, "no link without HOME_URL");
}
