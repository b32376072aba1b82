//! What a campaign's visitor sees of its settings: its language (until they choose another), its
//! brand colour, its thank-you text and link once the video is sent, and its file size limit.

use serde_json::{Value, json};

use crate::campaigns::{app, create, post_campaign, testimonial};
use crate::helpers::{SendForm, TestApp, attr, count, text};

/// The testimonial campaign with `changes` on top.
fn campaign(changes: Value) -> Value {
    let mut campaign = testimonial();
    for (key, value) in changes.as_object().unwrap() {
        campaign[key] = value.clone();
    }
    campaign
}

const ANSWERS: &[(&str, &str)] = &[
    ("title", "How we use it"),
    ("field_email", "ann@example.com"),
    ("consent", "1"),
];

/// Fills in the campaign's form; returns the send page's address, as the mint redirects to it.
async fn mint_in(app: &TestApp, slug: &str) -> String {
    let response = post_campaign(app, slug, ANSWERS).await;
    assert_eq!(response.status(), 303, "the campaign's form mints");
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn send_form(app: &TestApp, send_page: &str) -> (SendForm, String) {
    let (status, html) = app.get_html(send_page).await;
    assert_eq!(status, 200);
    let form = SendForm {
        page_url: app.url(send_page),
        action: attr(&html, "form.upload-form", "action").expect("an upload form"),
        upload_token: attr(&html, "form.upload-form input[name=upload_token]", "value")
            .expect("a token"),
    };
    (form, html)
}

/// Sends a video without JavaScript and follows 23 back; returns where the callback sends the
/// visitor.
async fn upload_without_javascript(app: &TestApp, send_page: &str) -> String {
    let (form, _) = send_form(app, send_page).await;
    let callback = app.upload_video(&form).await;
    let response = app.follow(&callback).await;
    assert_eq!(response.status(), 303, "the callback redirects");
    response.headers()["location"].to_str().unwrap().to_string()
}

fn lang(html: &str) -> Option<String> {
    attr(html, "html", "lang")
}

#[tokio::test]
async fn a_campaigns_pages_speak_its_language_until_the_visitor_chooses_another() {
    let app = app().await;
    let (status, made) = create(&app, campaign(json!({ "language": "da" }))).await;
    assert_eq!(status, 201, "{made}");

    // The campaign's language wins over what the browser asks for…
    let response = app
        .browser
        .get(app.url("/c/product-1234"))
        .header("accept-language", "sv, en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "da");
    let page = response.text().await.unwrap();
    assert_eq!(lang(&page).as_deref(), Some("da"));
    assert_eq!(
        text(&page, "form.metadata-form button"),
        "Fortsæt: vælg filen"
    );
    let send_page = mint_in(&app, "product-1234").await;
    let (_, html) = app.get_html(&send_page).await;
    assert_eq!(lang(&html).as_deref(), Some("da"), "the send page follows");
    assert!(text(&html, "#file-help").contains("Filen sendes direkte"));

    // …but not over the visitor's own choice in the menu, on any page after it.
    let (_, chosen) = app.get_html("/c/product-1234?lang=de").await;
    assert_eq!(lang(&chosen).as_deref(), Some("de"));
    let (_, again) = app.get_html("/c/product-1234").await;
    assert_eq!(lang(&again).as_deref(), Some("de"), "the choice is kept");
    let (_, html) = app.get_html(&send_page).await;
    assert_eq!(lang(&html).as_deref(), Some("de"));
}

#[tokio::test]
async fn a_campaigns_closed_page_speaks_its_language_too() {
    let app = app().await;
    let closed = campaign(json!({ "language": "nb", "opens_at": 1, "closes_at": 2 }));
    let (status, made) = create(&app, closed).await;
    assert_eq!(status, 201, "{made}");
    let (status, html) = app.get_html("/c/product-1234").await;
    assert_eq!(status, 410);
    assert_eq!(lang(&html).as_deref(), Some("nb"));
}

#[tokio::test]
async fn a_sent_campaign_upload_shows_its_thank_you_text_escaped_and_offers_its_link_without_javascript()
 {
    let app = app().await;
    let thanked = campaign(json!({
        "thank_you_text": "Thank you, truly!\n\nWe <b>watch</b> every video.",
        "thank_you_url": "https://example.com/next?from=videos",
    }));
    let (status, made) = create(&app, thanked).await;
    assert_eq!(status, 201, "{made}");
    let send_page = mint_in(&app, "product-1234").await;

    // With JavaScript the page shows it once the file is sent: it is on the page, not yet shown.
    let (_, html) = send_form(&app, &send_page).await;
    assert_eq!(count(&html, "template#thank-you"), 1);
    assert!(!html.contains("<b>watch</b>"), "the text is escaped");
    assert!(html.contains("We &#60;b&#62;watch"), "{html}");

    // Without JavaScript 23 sends the visitor back to the sent state, which says it.
    let location = upload_without_javascript(&app, &send_page).await;
    assert_eq!(
        location, send_page,
        "back to the sent state, not the history"
    );
    let (status, html) = app.get_html(&location).await;
    assert_eq!(status, 200);
    let said: Vec<String> = scraper::Html::parse_document(&html)
        .select(&scraper::Selector::parse(".sent-notice .thank-you-text").unwrap())
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(
        said,
        ["Thank you, truly!", "We <b>watch</b> every video."],
        "one paragraph each, as text"
    );
    assert!(
        !html.contains("This upload is complete."),
        "in place of the default sentence"
    );
    assert_eq!(text(&html, "h1"), "Thank you!");
    assert_eq!(
        attr(&html, ".sent-notice a.thank-you-link", "href").as_deref(),
        Some("https://example.com/next?from=videos")
    );
    assert!(text(&html, ".sent-notice a.thank-you-link").contains("Continue"));
    assert_eq!(
        attr(&html, ".sent-notice a.thank-you-link", "target").as_deref(),
        Some("_top"),
        "in an embedded frame the whole window goes on"
    );
}

#[tokio::test]
async fn a_campaign_without_a_thank_you_sends_the_visitor_to_their_history_as_before() {
    let app = app().await;
    let (status, made) = create(&app, testimonial()).await;
    assert_eq!(status, 201, "{made}");
    let send_page = mint_in(&app, "product-1234").await;
    let (_, html) = send_form(&app, &send_page).await;
    assert_eq!(count(&html, "template#thank-you"), 0);
    let location = upload_without_javascript(&app, &send_page).await;
    assert!(location.starts_with("/uploads#upload-"), "{location}");
}

#[tokio::test]
async fn only_an_http_or_https_thank_you_url_is_saved() {
    let app = app().await;
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/x",
        "//example.com/next",
    ] {
        let (status, answer) = create(&app, campaign(json!({ "thank_you_url": bad }))).await;
        assert_eq!(status, 422, "{bad}: {answer}");
        assert!(
            answer["fields"]["thank_you_url"]
                .as_str()
                .unwrap()
                .contains("http(s)"),
            "{answer}"
        );
    }
    let rows: Vec<(i64,)> = app.rows("SELECT count(*) FROM campaigns").await;
    assert_eq!(rows[0].0, 0, "nothing was saved");
}

#[tokio::test]
async fn a_campaigns_size_limit_is_stated_on_its_pages_and_given_to_the_script() {
    let app = app().await;
    let (status, made) = create(&app, campaign(json!({ "max_file_mb": 50 }))).await;
    assert_eq!(status, 201, "{made}");
    let (_, page) = app.get_html("/c/product-1234").await;
    assert!(
        text(&page, ".size-limit").contains("up to 50 MB"),
        "{}",
        text(&page, ".size-limit")
    );
    let send_page = mint_in(&app, "product-1234").await;
    let (_, html) = send_form(&app, &send_page).await;
    assert_eq!(
        attr(&html, "form.upload-form", "data-max-size").as_deref(),
        Some("52428800"),
        "the script refuses anything larger before sending"
    );
    assert!(text(&html, "#file-help").contains("Files up to 50 MB each."));

    // Without a limit of its own, the operator's (UPLOAD_MAX_FILE_MB, 4096 by default) applies.
    let mut other = testimonial();
    other["slug"] = json!("no-limit");
    let (status, made) = create(&app, other).await;
    assert_eq!(status, 201, "{made}");
    let (_, page) = app.get_html("/c/no-limit").await;
    assert_eq!(count(&page, ".size-limit"), 0);
    let send_page = mint_in(&app, "no-limit").await;
    let (_, html) = send_form(&app, &send_page).await;
    assert_eq!(
        attr(&html, "form.upload-form", "data-max-size").as_deref(),
        Some(&*(4096u64 << 20).to_string())
    );
}

#[tokio::test]
async fn a_campaigns_brand_colour_reaches_its_pages_stylesheet_and_nothing_else_can() {
    let app = app().await;
    let (status, made) = create(&app, campaign(json!({ "brand_color": "#1D7A3E" }))).await;
    assert_eq!(status, 201, "{made}");
    let (_, page) = app.get_html("/c/product-1234").await;
    let href = attr(&page, "link[href*='brand.css']", "href").expect("a brand stylesheet");
    assert_eq!(href, "/brand.css?accent=1d7a3e");
    let send_page = mint_in(&app, "product-1234").await;
    let (_, html) = app.get_html(&send_page).await;
    assert_eq!(
        attr(&html, "link[href*='brand.css']", "href").as_deref(),
        Some("/brand.css?accent=1d7a3e"),
        "the send page carries it too"
    );
    let css = app.browser.get(app.url(&href)).send().await.unwrap();
    assert_eq!(css.status(), 200);
    assert!(css.text().await.unwrap().contains("--accent: #1d7a3e;"));

    // Only a hex colour dark enough for white text becomes CSS; anything else is no stylesheet.
    for bad in ["000;}body{display:none", "ffcc00", "red", "12345g"] {
        let url = crate::helpers::with_param(&app.url("/brand.css"), "accent", bad);
        let css = app.browser.get(url).send().await.unwrap();
        assert_eq!(css.status(), 404, "{bad}");
    }
    // The operator's pages have no colour of their own here, so no stylesheet.
    let (_, home) = app.get_html("/").await;
    assert_eq!(count(&home, "link[href*='brand.css']"), 0);
}
