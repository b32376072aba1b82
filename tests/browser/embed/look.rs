//! The frame belongs to the host page: no header or footer of the portal's, the host's
//! background around the card, the host's `data-theme` and `data-accent`, and a first state
//! short enough to sit in a page (at most 620 px) in every language.

use serde_json::Value;

use super::host::{host_path, start_host_site};
use super::{assert_frame_fits, embeddable_app, in_host};
use crate::axe::assert_accessible;
use crate::session::{Browser, Options, with_browser};

const LANGUAGES: [&str; 5] = ["en", "da", "de", "nb", "sv"];

/// Opens a host page whose element carries `look` (`&theme=…&accent=…`) and steps into the frame.
async fn open_with_look(b: &Browser, portal: &str, look: &str) {
    b.client.enter_parent_frame().await.ok();
    b.goto(&format!("{}{look}", host_path(portal, "", "Look")))
        .await;
    let frame = b.wait_for_element("[data-upload-portal] iframe").await;
    frame.enter_frame().await.unwrap();
    b.wait_for_element("form.metadata-form").await;
}

/// Computed styles in the frame, as `[html background, body background, body colour, card background]`.
async fn palette(b: &Browser) -> Vec<String> {
    let value = b
        .run(
            "const s = (q) => getComputedStyle(document.querySelector(q)); \
             return [s('html').backgroundColor, s('body').backgroundColor, s('body').color, s('.card').backgroundColor]",
        )
        .await;
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn in_the_frame_pages_have_no_header_or_footer_and_let_the_host_background_show_while_the_portal_keeps_both()
 {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    with_browser(
        "embed-no-chrome",
        &host.allowed,
        Options::default(),
        async |b| {
            open_with_look(b, &app.address, "").await;
            for chrome in [".site-header", ".site-footer", ".brand", ".language-menu"] {
                assert!(!b.exists(chrome).await, "{chrome} in the frame");
            }
            assert!(
                b.exists(".frame-nav a[href$='/uploads']").await,
                "the flow's link stays"
            );
            let colours = palette(b).await;
            assert_eq!(colours[0], "rgba(0, 0, 0, 0)", "html: {colours:?}");
            assert_eq!(colours[1], "rgba(0, 0, 0, 0)", "body: {colours:?}");
            assert_eq!(
                colours[3], "rgb(255, 255, 255)",
                "the card keeps its surface"
            );
            assert_eq!(
                b.run("return document.documentElement.dataset.theme").await,
                "auto"
            );

            b.client.enter_parent_frame().await.unwrap();
            b.client.goto(&format!("{}/", app.address)).await.unwrap();
            b.wait_for_element("form.metadata-form").await;
            assert!(
                b.exists(".site-header .brand").await,
                "the portal's own header"
            );
            assert!(
                b.exists(".site-footer .language-menu").await,
                "the portal's own footer"
            );
            assert!(!b.exists(".frame-nav").await);
            let own = b
                .run("return getComputedStyle(document.documentElement).backgroundColor")
                .await;
            assert_eq!(own, "rgb(244, 246, 249)", "the portal's own canvas");
        },
    )
    .await;
}

#[tokio::test]
async fn data_theme_dark_gives_the_dark_palette_which_passes_axe_and_light_stays_light() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    for (label, width) in [("desktop", 1280), ("phone", 390)] {
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser(
            &format!("embed-dark-{label}"),
            &host.allowed,
            options,
            async |b| {
                open_with_look(b, &app.address, "&theme=dark").await;
                assert_eq!(
                    b.run("return document.documentElement.dataset.theme").await,
                    "dark"
                );
                let colours = palette(b).await;
                assert_eq!(
                    colours[1], "rgba(0, 0, 0, 0)",
                    "still the host's background: {colours:?}"
                );
                assert_eq!(colours[2], "rgb(230, 233, 240)", "light text: {colours:?}");
                assert_eq!(colours[3], "rgb(27, 33, 48)", "a dark card: {colours:?}");
                assert_accessible(b, &format!("the dark frame's first state ({label})")).await;
                b.client.enter_parent_frame().await.unwrap();
                b.screenshot(&format!("embed-dark-{label}")).await;
                b.find("[data-upload-portal] iframe")
                    .await
                    .enter_frame()
                    .await
                    .unwrap();
                // The next page of the flow keeps the theme (the session holds it, not the script).
                b.click(".frame-nav a[href$='/uploads']").await;
                b.wait_for_element("section.card h1").await;
                assert_eq!(
                    palette(b).await[3],
                    "rgb(27, 33, 48)",
                    "the history is dark too"
                );
                assert_accessible(b, &format!("the dark frame's history ({label})")).await;
            },
        )
        .await;
    }
    with_browser(
        "embed-light",
        &host.allowed,
        Options::default(),
        async |b| {
            open_with_look(b, &app.address, "&theme=light").await;
            assert_eq!(palette(b).await[2], "rgb(28, 34, 48)", "dark text on light");
        },
    )
    .await;
}

#[tokio::test]
async fn data_theme_auto_follows_the_visitors_dark_setting() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    with_browser("embed-auto", &host.allowed, Options::default(), async |b| {
        let dark = serde_json::json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] });
        b.cdp("Emulation.setEmulatedMedia", dark).await;
        open_with_look(b, &app.address, "&theme=auto").await;
        let colours = palette(b).await;
        assert_eq!(colours[3], "rgb(27, 33, 48)", "dark, as the visitor asks: {colours:?}");
        assert_accessible(b, "the auto frame on a dark setting").await;
        open_with_look(b, &app.address, "&theme=light").await;
        assert_eq!(palette(b).await[3], "rgb(255, 255, 255)", "light stays light");
    })
    .await;
}

#[tokio::test]
async fn data_accent_reaches_the_controls_and_a_value_that_is_not_a_colour_is_ignored() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    let controls = "const radio = document.querySelector('input[type=radio]'); \
                    const button = document.querySelector('.metadata-form .button-primary'); \
                    return [getComputedStyle(radio).accentColor, getComputedStyle(button).backgroundColor, \
                            getComputedStyle(document.body).display, \
                            Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.href).join(' ')]";
    with_browser(
        "embed-accent",
        &host.allowed,
        Options::default(),
        async |b| {
            open_with_look(b, &app.address, "&accent=%236a1b9a").await;
            let found = b.run(controls).await;
            assert_eq!(found[0], "rgb(106, 27, 154)", "{found}");
            assert_eq!(found[1], "rgb(106, 27, 154)", "{found}");

            let bad =
                "&accent=red%3B%7Dbody%7Bdisplay%3Anone&theme=dark%3B%7Dbody%7Bdisplay%3Anone";
            open_with_look(b, &app.address, bad).await;
            let found = b.run(controls).await;
            assert_eq!(
                found[0], "rgb(31, 95, 209)",
                "the portal's own accent: {found}"
            );
            assert_eq!(found[2], "flex", "the page is shown: {found}");
            assert!(!found[3].as_str().unwrap().contains("brand.css"), "{found}");
            assert_eq!(
                b.run("return document.documentElement.dataset.theme").await,
                "auto"
            );
            let html = b.run("return document.documentElement.outerHTML").await;
            assert!(
                !html.as_str().unwrap().contains("display:none"),
                "never reflected"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn the_first_state_is_no_taller_than_620_px_at_phone_and_desktop_widths_in_every_language() {
    let host = start_host_site();
    let app = embeddable_app(&host).await;
    for width in [390, 1280] {
        let options = Options {
            width,
            ..Options::default()
        };
        with_browser(
            &format!("embed-height-{width}"),
            &host.allowed,
            options,
            async |b| {
                open_with_look(b, &app.address, "").await;
                for lang in LANGUAGES {
                    // The language menu is the portal's own; in the frame `?lang=` still chooses.
                    b.run(&format!("location.href = '/?lang={lang}'")).await;
                    b.wait_for_element(&format!("html[lang={lang}] form.metadata-form"))
                        .await;
                    assert_frame_fits(b, &format!("the first state in {lang}")).await;
                    let height: Value = b.run("return document.documentElement.scrollHeight").await;
                    let frame = in_host(
                        b,
                        "return document.querySelector('[data-upload-portal] iframe').offsetHeight",
                    )
                    .await;
                    println!(
                        "first state in {lang} at {width} px: {height} px (iframe {frame} px)"
                    );
                    assert!(
                        height.as_i64().unwrap() <= 620,
                        "{lang} at {width} px: {height} px"
                    );
                }
            },
        )
        .await;
    }
}
