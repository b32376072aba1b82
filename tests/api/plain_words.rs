//! What visitors read is the portal's own words: no ids of 23's, and 23's refusals translated
//! (issue 21 §5). The operator still reads 23's original in /admin.

use scraper::{Html, Selector};

use crate::helpers::{TestApp, browser, param, spawn_app, spawn_app_with};

const LANGUAGES: [&str; 5] = ["en", "da", "de", "sv", "nb"];

/// The words a person reads on the page: its body's text (scripts and styles left out) and the
/// title, never attributes.
fn visible_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let skip = Selector::parse("script, style, template").unwrap();
    let hidden: Vec<_> = document.select(&skip).flat_map(|e| e.text()).collect();
    let body = Selector::parse("body, title").unwrap();
    document
        .select(&body)
        .flat_map(|e| e.text())
        .filter(|t| !hidden.contains(t))
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

async fn page_in(app: &TestApp, path: &str, lang: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    let (status, html) = app.get_html(&format!("{path}{separator}lang={lang}")).await;
    assert_eq!(status, 200, "{path} in {lang}");
    html
}

#[tokio::test]
async fn no_visitor_page_shows_a_photo_or_tree_id_in_any_language() {
    let app = spawn_app().await;
    let form = app.mint("A clip with ids").await;
    let callback = app.upload_video(&form).await;
    let photo_id = param(&callback, "photo_id").expect("23 names the photo");
    let tree_id = param(&callback, "tree_id").expect("23 names the tree");
    assert_eq!(app.follow(&callback).await.status(), 303);
    let second = app.mint("Waiting for its file").await;
    let send_path = second.page_url.split_once("/uploads/").unwrap().1;
    let tree_words = ["tree", "træ", "baum", "träd", "tre"];
    for lang in LANGUAGES {
        for path in [
            "/uploads".to_string(),
            "/".into(),
            format!("/uploads/{send_path}"),
        ] {
            let html = page_in(&app, &path, lang).await;
            let read = words(&visible_text(&html));
            assert!(
                !read.contains(&photo_id),
                "{path} in {lang} shows the photo id"
            );
            assert!(
                !read.contains(&tree_id),
                "{path} in {lang} shows the tree id"
            );
            for word in tree_words {
                assert!(
                    !read.iter().any(|w| w == word),
                    "{path} in {lang}: “{word}”"
                );
            }
            assert!(
                !visible_text(&html).to_lowercase().contains("upload link"),
                "{path} in {lang} speaks of an upload link"
            );
        }
    }
    // The scripts still find the video by its id.
    let html = page_in(&app, "/uploads", "en").await;
    assert!(html.contains(&format!("data-photo-id=\"{photo_id}\"")));
}

const USER: &str = "operator";
const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn a_refusal_of_23_reads_in_the_visitors_language_and_the_operator_sees_the_original() {
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), USER.into());
        vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
    })
    .await;
    let form = app.mint("Notes, not a video").await;
    let response = app
        .send_file(&form, "notes.txt", "text/plain", b"hello".to_vec())
        .await;
    let callback = response.headers()["location"].to_str().unwrap().to_string();
    let original = param(&callback, "error_message").expect("23 says why");
    assert_eq!(app.follow(&callback).await.status(), 303);

    let expected = [
        ("en", "This file type is not supported."),
        ("da", "Denne filtype understøttes ikke."),
        ("de", "Dieser Dateityp wird nicht unterstützt."),
        ("sv", "Den här filtypen stöds inte."),
        ("nb", "Denne filtypen støttes ikke."),
    ];
    for (lang, sentence) in expected {
        let html = page_in(&app, "/uploads", lang).await;
        let read = visible_text(&html);
        assert!(read.contains(sentence), "{lang}: {read}");
        assert!(!read.contains(&original), "{lang} shows 23's own words");
        let error = crate::helpers::text(&html, ".upload-error");
        assert!(
            error.trim().starts_with(char::is_uppercase),
            "{lang}: {error}"
        );
    }
    let admin = browser()
        .get(app.url("/admin"))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        visible_text(&admin).contains(&original),
        "the operator reads 23's words"
    );
}

#[tokio::test]
async fn each_watch_link_is_named_after_its_video_and_the_history_says_whose_it_is() {
    let app = spawn_app().await;
    app.complete_upload("Harbour at dawn").await;
    app.complete_upload("Market day").await;
    let html = page_in(&app, "/uploads", "en").await;
    let document = Html::parse_document(&html);
    let links = Selector::parse(".upload-actions a.button[rel~=noopener]").unwrap();
    let names: Vec<String> = document
        .select(&links)
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].contains("Market day") && names[1].contains("Harbour at dawn"));
    assert!(visible_text(&html).contains("Uploads made in this browser."));
}

#[tokio::test]
async fn the_send_pages_heading_says_whether_to_choose_it_is_sent_or_its_time_ran_out() {
    let app = spawn_app().await;
    let form = app.mint("Heading").await;
    let heading = |html: &str| crate::helpers::text(html, "h1");
    let page = app.browser.get(&form.page_url).send().await.unwrap();
    assert_eq!(heading(&page.text().await.unwrap()), "Choose your file");

    let callback = app.upload_video(&form).await;
    app.follow(&callback).await;
    let page = app.browser.get(&form.page_url).send().await.unwrap();
    assert_eq!(heading(&page.text().await.unwrap()), "Your video is sent");

    let expired = app.mint("Too late").await;
    let id = app.newest_upload_id().await;
    app.sql(&format!(
        "UPDATE uploads SET valid_until = 1 WHERE id = {id}"
    ))
    .await;
    let page = app.browser.get(&expired.page_url).send().await.unwrap();
    assert_eq!(
        heading(&page.text().await.unwrap()),
        "Time ran out for this upload"
    );
}
