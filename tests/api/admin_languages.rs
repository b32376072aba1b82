//! The admin in the operator's language, never half one language: every admin page rendered in
//! Danish, German, Norwegian and Swedish carries no English sentence of the catalog, and the
//! operator's choice from the admin menu is remembered apart from the visitor's.

use reqwest::header::{ACCEPT_LANGUAGE, HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use scraper::Html;
use upload_portal::i18n::{Lang, catalog};

use crate::campaign_admin::{Operator, product, upload_in_campaign, with_admin};
use crate::helpers::{TestApp, attr, spawn_app_with};

/// A browser that asks for `language` and keeps its cookies.
pub fn browser_asking_for(language: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(language).unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

/// What a reader meets on the page: its text and the labels only screen readers announce.
fn readable(html: &str) -> String {
    let document = Html::parse_document(html);
    // Code (identifiers, the embed snippet) is no language.
    let mut words: Vec<String> = document
        .root_element()
        .descendants()
        .filter(|n| {
            !n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "code" | "textarea" | "script"))
            })
        })
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    for element in document
        .root_element()
        .descendants()
        .filter_map(|n| n.value().as_element().cloned())
    {
        for name in ["aria-label", "title", "placeholder", "alt"] {
            if let Some(value) = element.attr(name) {
                words.push(value.to_owned());
            }
        }
    }
    words.join("\n")
}

/// `needle` in `haystack` as a phrase of its own, not inside a longer word (nor a name such as
/// `upload-portal` or `EMBED_ORIGINS`).
fn contains_phrase(haystack: &str, needle: &str) -> bool {
    let in_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(in_word) && !after.is_some_and(in_word)
    })
}

/// English texts of the catalog (any page's or the admin's) that `lang` says otherwise: the
/// literal parts of each message, long enough to mean something. Language names are proper names.
fn english_that_lang_translates(lang: Lang) -> Vec<(String, String)> {
    let english = catalog().fallback();
    english
        .ids()
        .iter()
        .filter(|id| id.as_str() != "language-name")
        .flat_map(|id| {
            let ours = english.t(id);
            let theirs = lang.t(id);
            let pieces: Vec<String> = ours
                .split("{$")
                .map(|piece| piece.split_once('}').map_or(piece, |(_, rest)| rest))
                .map(|piece| piece.trim().to_owned())
                .filter(|piece| piece.chars().count() >= 2 && !theirs.contains(piece.as_str()))
                .collect();
            pieces.into_iter().map(move |piece| (id.clone(), piece))
        })
        .collect()
}

/// An app with something on every admin page: a campaign waiting for approval with an upload,
/// its answers and consent.
async fn app_with_a_campaign_and_an_upload_waiting() -> TestApp {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    let mut fields = product();
    fields[5] = ("publish_policy", "approval_first");
    // The operator's own words are theirs to write in any language; these are no English.
    fields.retain(|(k, _)| !["language", "thank_you_text", "prompt", "consent_text"].contains(k));
    fields.push(("consent_text", "Ja."));
    operator.create(&fields).await;
    upload_in_campaign(
        &app,
        "product-1234",
        &[
            ("title", "Sommerferie 2026"),
            ("field_your-e-mail", "ann@example.com"),
            ("field_your-plan", "Pro"),
            ("consent", "1"),
        ],
    )
    .await;
    app
}

const ADMIN_PAGES: [&str; 7] = [
    "/admin",
    "/admin/approval",
    "/admin/campaigns",
    "/admin/campaigns/new",
    "/admin/campaigns/1",
    "/admin/webhooks",
    "/admin/settings",
];

#[tokio::test]
async fn every_admin_page_in_another_language_carries_no_english_message() {
    let app = app_with_a_campaign_and_an_upload_waiting().await;
    for tag in ["da", "de", "nb", "sv"] {
        let lang = catalog().get(tag).unwrap();
        let english = english_that_lang_translates(lang);
        assert!(
            english.len() > 200,
            "{tag}: {} texts to look for",
            english.len()
        );
        let operator = Operator {
            app: &app,
            browser: browser_asking_for(tag),
        };
        let mut pages = Vec::new();
        for path in ADMIN_PAGES {
            let (status, html) = operator.get(path).await;
            assert_eq!(status, 200, "{tag} {path}");
            pages.push((path.to_string(), html));
        }
        // A refused form: its notice and the problem beside each field, from the lower layers.
        let refused = operator
            .post(
                "/admin/campaigns",
                &[
                    ("name", ""),
                    ("slug", "Not a slug!"),
                    ("max_files", "three"),
                    ("opens_at", "2099-12-24T09:00"),
                    ("closes_at", "2099-12-01T09:00"),
                    ("fields", "colour | Favourite\nemail | Mail | maybe"),
                    ("prompt", &"x".repeat(5001)),
                    ("language", "xx"),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422, "{tag}");
        pages.push(("refused form".into(), refused.text().await.unwrap()));
        for (path, html) in &pages {
            assert_eq!(
                attr(html, "html", "lang").as_deref(),
                Some(tag),
                "{tag} {path}"
            );
            let readable = readable(html);
            let leaks: Vec<_> = english
                .iter()
                .filter(|(_, text)| contains_phrase(&readable, text))
                .collect();
            assert!(leaks.is_empty(), "{tag} {path} shows English: {leaks:?}");
        }
        let refused = &pages.last().unwrap().1;
        assert!(
            refused.matches("class=\"field-error\"").count() >= 6,
            "{tag}: a problem beside each field"
        );
    }
}

#[tokio::test]
async fn the_admin_pages_say_in_english_what_the_other_languages_translate() {
    // The other side of the test above: English pages do show the English texts it looks for,
    // so an empty search could not pass it.
    let app = app_with_a_campaign_and_an_upload_waiting().await;
    let operator = Operator {
        app: &app,
        browser: browser_asking_for("en"),
    };
    let (_, html) = operator.get("/admin/approval").await;
    let readable = readable(&html);
    for text in [
        "Waiting for approval",
        "Approve the chosen videos",
        "Reason (kept in the admin)",
    ] {
        assert!(contains_phrase(&readable, text), "{text}");
    }
    let danish = catalog().get("da").unwrap();
    assert!(
        english_that_lang_translates(danish)
            .iter()
            .any(|(_, text)| text == "Approve the chosen videos")
    );
}

/// The language `path` answers in for this browser.
async fn language_of(browser: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let operator = Operator {
        app,
        browser: browser.clone(),
    };
    let (status, html) = operator.get(path).await;
    assert_eq!(status, 200, "{path}");
    attr(&html, "html", "lang").unwrap_or_default()
}

#[tokio::test]
async fn the_operators_language_choice_is_remembered_across_requests_and_apart_from_the_visitors() {
    let app = spawn_app_with(with_admin).await;
    let browser = browser_asking_for("en-GB,en;q=0.9");
    assert_eq!(
        language_of(&browser, &app, "/admin").await,
        "en",
        "the browser's language first"
    );

    let (_, menu) = Operator {
        app: &app,
        browser: browser.clone(),
    }
    .get("/admin")
    .await;
    assert_eq!(
        attr(&menu, ".admin-languages a[hreflang=de]", "href").as_deref(),
        Some("?lang=de"),
        "the admin menu offers the languages"
    );
    assert_eq!(language_of(&browser, &app, "/admin?lang=de").await, "de");
    for path in [
        "/admin/campaigns",
        "/admin/approval",
        "/admin/webhooks",
        "/admin",
    ] {
        assert_eq!(
            language_of(&browser, &app, path).await,
            "de",
            "{path} remembers it"
        );
    }
    // The visitor's pages in the same browser keep their own choice (none: the browser's).
    assert_eq!(language_of(&browser, &app, "/").await, "en");
    assert_eq!(language_of(&browser, &app, "/?lang=sv").await, "sv");
    assert_eq!(language_of(&browser, &app, "/admin/campaigns").await, "de");
    assert_eq!(language_of(&browser, &app, "/uploads").await, "sv");

    // Another browser of the operator's has chosen nothing.
    let other = browser_asking_for("nb-NO");
    assert_eq!(language_of(&other, &app, "/admin").await, "nb");
}

#[tokio::test]
async fn the_login_refusal_speaks_the_operators_language_too() {
    let app = spawn_app_with(with_admin).await;
    let response = browser_asking_for("sv")
        .get(app.url("/admin/campaigns"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body = response.text().await.unwrap();
    let swedish = catalog().get("sv").unwrap().t("admin-login-required");
    assert_eq!(body, swedish);
    assert_ne!(body, catalog().fallback().t("admin-login-required"));

    // A refused filter's error page too.
    let operator = Operator {
        app: &app,
        browser: browser_asking_for("sv"),
    };
    let (status, html) = operator.get("/admin?status=lost").await;
    assert_eq!(status, 400);
    let swedish = catalog().get("sv").unwrap().t("admin-error-no-such-status");
    assert!(html.contains(&swedish), "{html}");
}
