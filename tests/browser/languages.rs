//! The whole upload in Danish, chosen from the language menu, with no English left on any page
//! (page text, titles, labels the scripts write); screenshots in Danish and German at both widths
//! and one with the operator's brand, under `target/screenshots/`.

use upload_portal::i18n::{FALLBACK, Lang, catalog};

use super::axe::assert_accessible;
use super::files::media_file;
use super::journeys::{describe_video, wait_for_enhanced_form, wait_for_rows_to_settle};
use super::session::{Browser, Options, with_browser};
use crate::helpers::spawn_app_with;

const WIDTHS: [(&str, u32); 2] = [("desktop", 1280), ("phone", 375)];

/// Everything a visitor reads: the text, the title, and the labels read out instead of text.
const READABLE: &str = "return [document.title, document.body.innerText,
    ...Array.from(document.querySelectorAll('[aria-label], [title], [alt]'))
      .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('alt')].join(' '))
  ].join('\\n')";

/// Pieces of English messages (between their variables) long enough to be unmistakable, that
/// the other language does not share; none may appear on a page in that language.
fn english_pieces(other: Lang) -> Vec<String> {
    let english = catalog().get(FALLBACK).unwrap();
    let mut pieces = Vec::new();
    for id in english.ids() {
        let theirs = other.t(id);
        for piece in english.t(id).split(['{', '}']) {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == ':');
            if piece.chars().count() >= 12 && !piece.starts_with('$') && !theirs.contains(piece) {
                pieces.push(piece.to_string());
            }
        }
    }
    assert!(pieces.len() > 100, "the check must have something to find");
    pieces
}

async fn assert_no_english(b: &Browser, pieces: &[String], page: &str) {
    let text = b
        .run(READABLE)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    let found: Vec<&String> = pieces
        .iter()
        .filter(|p| text.contains(p.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "English on the {page} page: {found:?}\n{text}"
    );
}

#[tokio::test]
async fn a_whole_upload_in_danish_shows_no_english() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_MAX_FILES".into(), "2".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "havefest.mp4", 300_000);
    let slides = media_file(dir.path(), "slides.pdf", 8_000);
    let pieces = english_pieces(catalog().get("da").unwrap());
    with_browser("danish", &app.address, Options::default(), async |b| {
        b.goto("/").await;
        assert_eq!(b.run("return document.documentElement.lang").await, "en");
        // The language menu: a link in Danish's own name, kept in the cookie from then on.
        b.click(".language-menu a[lang=da]").await;
        b.wait_for_element("html[lang=da]").await;
        assert_no_english(b, &pieces, "new-upload").await;
        assert_accessible(b, "new upload in Danish").await;

        b.click("form.metadata-form button[type=submit]").await;
        b.wait_for_element(".field-error").await;
        assert_eq!(
            b.text_now("#title-error").await.unwrap(),
            "Giv din video en titel."
        );
        assert_no_english(b, &pieces, "new-upload with errors").await;

        describe_video(b, "Havefest").await;
        wait_for_enhanced_form(b).await;
        assert_eq!(b.run("return document.documentElement.lang").await, "da");
        assert_no_english(b, &pieces, "send").await;
        b.choose_files("#file", &[&clip, &slides]).await;
        let rows = wait_for_rows_to_settle(b, 2).await;
        assert!(rows.iter().any(|r| r.state == "done"), "{rows:?}");
        let status = b
            .text_now(".file-row[data-state=rejected] .file-status")
            .await
            .unwrap();
        assert!(status.contains("ikke en video- eller lydfil"), "{status}");
        assert_no_english(b, &pieces, "send (finished)").await;
        assert_accessible(b, "choose file in Danish (finished, one refused)").await;

        b.goto("/uploads").await;
        b.wait_for_element("li[data-status]").await;
        assert_no_english(b, &pieces, "history").await;
        assert_accessible(b, "history in Danish").await;
        b.goto("/no-such-page").await;
        assert_no_english(b, &pieces, "not-found").await;
    })
    .await;
}

#[tokio::test]
async fn new_upload_and_history_in_danish_and_german_and_with_a_brand_are_saved_as_screenshots() {
    let app = spawn_app_with(|vars| {
        vars.insert("SITE_NAME".into(), "Havens <Film>".into());
        vars.insert("BRAND_COLOR".into(), "#0b6e4f".into());
        vars.insert("VIDEO_SERVICE_NAME".into(), "23 Video".into());
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "havefest.mp4", 200_000);
    for tag in ["da", "de"] {
        for (label, width) in WIDTHS {
            let options = Options {
                width,
                height: 900,
                ..Options::default()
            };
            with_browser(
                &format!("{tag}-{label}"),
                &app.address,
                options,
                async |b| {
                    b.goto(&format!("/?lang={tag}")).await;
                    b.wait_for_element(&format!("html[lang={tag}]")).await;
                    capture(b, &format!("new-upload-{tag}-{label}"), width).await;
                    describe_video(b, "Havefest").await;
                    wait_for_enhanced_form(b).await;
                    b.choose_files("#file", &[&clip]).await;
                    wait_for_rows_to_settle(b, 1).await;
                    b.goto("/uploads").await;
                    b.wait_for_element("li[data-status]").await;
                    capture(b, &format!("history-{tag}-{label}"), width).await;
                },
            )
            .await;
        }
    }
    with_browser("brand", &app.address, Options::default(), async |b| {
        b.goto("/").await;
        // The name is text, not markup; the colour reaches the buttons through /brand.css.
        assert_eq!(b.text_now("a.brand").await.unwrap(), "Havens <Film>");
        let background = b
            .run("return getComputedStyle(document.querySelector('.button-primary')).backgroundColor")
            .await;
        assert_eq!(background, "rgb(11, 110, 79)");
        capture(b, "new-upload-brand-desktop", 1280).await;
    })
    .await;
}

async fn capture(b: &Browser, name: &str, width: u32) {
    b.fit_page_height(width).await;
    b.screenshot(name).await;
    b.client.set_window_size(width, 900).await.unwrap();
}
