//! Markup, quotes, line breaks and Unicode tricks in what visitors (and 23's echoed callback)
//! supply: always shown as text, never as markup, and invisible controls never reach 23.

use scraper::Html;

use crate::helpers::{attr, spawn_app, spawn_app_with, text};

const TITLE_ATTACK: &str = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'";
const DESCRIPTION_ATTACK: &str = "</textarea><script>alert(3)</script>\n' onmouseover='alert(4)";
const TAGS_ATTACK: &str = "\"><svg onload=alert(5)> x";

/// The characters that reorder or hide text (Unicode's Bidi_Control set, zero-width ones, BOM).
const INVISIBLE: [char; 16] = [
    '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
    '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
];

/// Fails if the page carries anything the visitor's text could have injected.
fn assert_no_injected_markup(html: &str, page: &str) {
    let document = Html::parse_document(html);
    for element in document
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = element.value().name();
        for (attribute, _) in element.value().attrs() {
            assert!(
                !attribute.starts_with("on"),
                "{page}: <{name} {attribute}> was injected"
            );
        }
        assert!(
            element.value().attr("src") != Some("x"),
            "{page}: <{name} src=x>"
        );
        if name == "script" {
            let code: String = element.text().collect();
            assert!(!code.contains("alert"), "{page}: a script was injected");
        }
    }
}

#[tokio::test]
async fn markup_in_every_field_is_shown_as_text_on_every_page() {
    let app = spawn_app().await;
    // Over-long tags make the form come back with the input kept in value="…" attributes.
    let long_tags = format!("{TAGS_ATTACK} {}", "t".repeat(600));
    let rejected = app
        .post_new_upload(&[
            ("title", TITLE_ATTACK),
            ("description", DESCRIPTION_ATTACK),
            ("tags", &long_tags),
        ])
        .await;
    assert_eq!(rejected.status(), 422);
    let html = rejected.text().await.unwrap();
    assert_no_injected_markup(&html, "the re-rendered form");
    assert_eq!(
        attr(&html, "input[name=title]", "value").as_deref(),
        Some(TITLE_ATTACK)
    );
    assert_eq!(
        text(&html, "textarea[name=description]"),
        DESCRIPTION_ATTACK
    );

    let response = app
        .post_new_upload(&[
            ("title", TITLE_ATTACK),
            ("description", DESCRIPTION_ATTACK),
            ("tags", TAGS_ATTACK),
        ])
        .await;
    assert_eq!(response.status(), 303);
    let send_url = app.url(response.headers()["location"].to_str().unwrap());
    let send_page = app
        .browser
        .get(&send_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_no_injected_markup(&send_page, "the send page");
    assert_eq!(
        text(&send_page, "dl.summary dd"),
        TITLE_ATTACK,
        "shown as text"
    );
    let (_, history) = app.get_html("/uploads").await;
    assert_no_injected_markup(&history, "the history");
    assert_eq!(app.history().await[0].title, TITLE_ATTACK);

    let sent = &app.sandbox.upload_tokens()[0];
    // 23 (and so the sandbox) strips HTML from what it stores; the pages above show ours as text.
    assert!(!sent.title.contains('<') && !sent.description.contains('<'));
}

#[tokio::test]
async fn markup_from_visitors_is_text_on_the_operators_page_too() {
    // Stored XSS against the operator: titles and 23's echoed error messages from strangers.
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_USERNAME".into(), "operator".into());
        vars.insert("ADMIN_PASSWORD".into(), "correct horse battery".into());
    })
    .await;
    app.post_new_upload(&[("title", TITLE_ATTACK), ("tags", TAGS_ATTACK)])
        .await;
    let form = app.mint("Failed one").await;
    let return_url = app
        .sandbox
        .upload_token(&form.upload_token)
        .unwrap()
        .return_url
        .unwrap();
    let mut callback = url::Url::parse(&return_url).unwrap();
    callback
        .query_pairs_mut()
        .append_pair("upload_token", &form.upload_token)
        .append_pair("error_message", DESCRIPTION_ATTACK);
    assert_eq!(app.follow(callback.as_str()).await.status(), 303);
    let response = crate::helpers::browser()
        .get(app.url("/admin"))
        .basic_auth("operator", Some("correct horse battery"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert_no_injected_markup(&html, "the operator's page");
    assert!(
        html.contains("&lt;script&gt;") || html.contains("&#60;script"),
        "shown as text"
    );
}

#[tokio::test]
async fn bidi_overrides_and_invisible_characters_never_reach_23_or_the_pages() {
    let app = spawn_app().await;
    let disguise =
        |visible: &str| -> String { INVISIBLE.iter().map(|c| format!("{c}{visible}")).collect() };
    let title = format!("Invoice{}", disguise("x"));
    let description = format!("Line one\n{}", disguise("y"));
    let tags = disguise("z ");
    let response = app
        .post_new_upload(&[
            ("title", &title),
            ("description", &description),
            ("tags", &tags),
        ])
        .await;
    assert_eq!(response.status(), 303);
    let sent = &app.sandbox.upload_tokens()[0];
    for (field, value) in [
        ("title", &sent.title),
        ("description", &sent.description),
        ("tags", &sent.tags),
    ] {
        let hidden: Vec<String> = value
            .chars()
            .filter(|c| INVISIBLE.contains(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(
            hidden.is_empty(),
            "{field} sent to 23 still hides {hidden:?}"
        );
    }
    assert_eq!(sent.title, format!("Invoice{}", "x".repeat(16)));
    let (_, history) = app.get_html("/uploads").await;
    assert!(!history.chars().any(|c| INVISIBLE.contains(&c)));
}

#[tokio::test]
async fn line_breaks_in_fields_never_reach_a_header_or_a_single_line_field() {
    let app = spawn_app().await;
    let response = app
        .post_new_upload(&[
            ("title", "Title\r\nSet-Cookie: evil=1\r\nX-Injected: 1"),
            ("description", "a\r\nb\rc"),
            ("tags", "one\r\ntwo\u{2028}three"),
        ])
        .await;
    assert_eq!(response.status(), 303);
    assert!(response.headers().get("x-injected").is_none());
    for cookie in response.headers().get_all("set-cookie") {
        assert!(!cookie.to_str().unwrap().starts_with("evil="));
    }
    let sent = &app.sandbox.upload_tokens()[0];
    assert_eq!(sent.title, "Title Set-Cookie: evil=1 X-Injected: 1");
    assert!(!sent.description.contains('\r'), "{:?}", sent.description);
    assert_eq!(sent.tags, "one two three");
}

#[tokio::test]
async fn an_error_message_from_the_callback_loses_its_bidi_tricks() {
    let app = spawn_app().await;
    let form = app.mint("Broken").await;
    let return_url = app
        .sandbox
        .upload_token(&form.upload_token)
        .unwrap()
        .return_url
        .unwrap();
    let mut callback = url::Url::parse(&return_url).unwrap();
    callback
        .query_pairs_mut()
        .append_pair("upload_token", &form.upload_token)
        .append_pair(
            "error_message",
            "File \u{202E}gpj.exe\u{202C} \u{061C}rejected\u{200B}",
        );
    assert_eq!(app.follow(callback.as_str()).await.status(), 303);
    let history = app.history().await;
    assert_eq!(history[0].status, "failed");
    assert!(
        !history[0].text.chars().any(|c| INVISIBLE.contains(&c)),
        "{}",
        history[0].text
    );
}
