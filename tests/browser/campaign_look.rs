//! A campaign's own look and ending in a real browser: its brand colour on its buttons, its
//! thank-you text and link once the video is sent (with JavaScript and without), its file size
//! limit refusing a larger file before anything is sent, and its language in what the page's
//! scripts hear from the portal.

use serde_json::{Value, json};

use super::axe::assert_accessible;
use super::files::media_file;
use super::journeys::{wait_for_enhanced_form, wait_for_rows_to_settle, wait_for_send_page};
use super::session::{Browser, Options, with_browser};
use crate::helpers::{TestApp, spawn_app_with};

const TOKEN: &str = "campaign-api-token-0123456789abcdef";
const THANKS: &str = "Thank you for your story!";

/// The portal with one campaign, made through the admin API: `settings` (given the portal, for
/// its addresses) on top of the name "Our stories" and the slug `ours`.
pub(super) async fn campaign_app(settings: impl FnOnce(&TestApp) -> Value) -> TestApp {
    let app = spawn_app_with(|vars| {
        vars.insert("ADMIN_API_TOKEN".into(), TOKEN.into());
    })
    .await;
    let mut campaign = json!({ "slug": "ours", "name": "Our stories" });
    for (key, value) in settings(&app).as_object().unwrap() {
        campaign[key] = value.clone();
    }
    let (status, made) = app.create_campaign(TOKEN, &campaign).await;
    assert_eq!(status, 201, "{made}");
    app
}

/// Describes the video on the campaign's page at `/c/{slug}` and waits for its send page.
pub(super) async fn describe_in_campaign(b: &Browser, slug: &str, title: &str) {
    b.goto(&format!("/c/{slug}")).await;
    b.fill("#title", title).await;
    b.click("form.metadata-form button[type=submit]").await;
    wait_for_send_page(b).await;
}

async fn background_of(b: &Browser, css: &str) -> String {
    b.run(&format!(
        "return getComputedStyle(document.querySelector({css:?})).backgroundColor;"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[tokio::test]
async fn a_campaigns_brand_colour_is_the_colour_of_its_buttons_and_not_of_other_pages() {
    let app = campaign_app(|_| json!({ "brand_color": "#1d7a3e" })).await;
    with_browser(
        "campaign-colour",
        &app.address,
        Options::default(),
        async |b| {
            b.goto("/c/ours").await;
            let green = "rgb(29, 122, 62)";
            // Polled: the campaign's stylesheet and the button's colour transition may still be
            // on their way when the page reports loaded on a busy machine.
            b.wait_for("the button in the campaign's colour", || async {
                match background_of(b, "form.metadata-form button.button-primary").await {
                    colour if colour == green => Ok(()),
                    other => Err(other),
                }
            })
            .await;
            let accent = b
                .run("return getComputedStyle(document.documentElement).accentColor;")
                .await;
            assert_eq!(accent, green, "checkboxes and radios take it too");
            assert_accessible(b, "a campaign's page in its own colour").await;
            describe_in_campaign(b, "ours", "Green all the way").await;
            wait_for_enhanced_form(b).await;
            let link = b
            .run("return getComputedStyle(document.querySelector('.edit-details summary')).color;")
            .await;
            assert_eq!(link, green, "the send page has it too");

            // The operator's own pages keep the portal's blue.
            b.goto("/").await;
            assert_eq!(
                background_of(b, "form.metadata-form button.button-primary").await,
                "rgb(31, 95, 209)"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn a_campaign_upload_sent_with_javascript_ends_on_its_thank_you_text_and_link() {
    let app = campaign_app(|app| {
        json!({
            "thank_you_text": format!("{THANKS}\n\nWe watch every one."),
            "thank_you_url": app.url("/uploads?from=thanks"),
        })
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "story.mp4", 200_000);
    with_browser(
        "campaign-thanks",
        &app.address,
        Options::default(),
        async |b| {
            describe_in_campaign(b, "ours", "My story").await;
            wait_for_enhanced_form(b).await;
            assert!(
                b.text_now(".thank-you-text").await.is_err(),
                "not shown before the video is sent"
            );
            b.choose_files("#file", &[&clip]).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "done", "{rows:?}");
            let said = b.wait_for_element(".upload-complete .thank-you-text").await;
            assert_eq!(said.text().await.unwrap(), THANKS);
            let complete = b.text_now(".upload-complete").await.unwrap();
            assert!(complete.contains("We watch every one."), "{complete}");
            assert!(
                !complete.contains("Your file is uploaded"),
                "in place of the default sentence: {complete}"
            );
            assert_eq!(b.text_now(".card h1").await.unwrap(), "Thank you!");
            assert_accessible(b, "a campaign's thank-you, sent with JavaScript").await;
            b.click(".upload-complete a.thank-you-link").await;
            b.wait_for("the thank-you URL", || async {
                let url = b.run("return location.href;").await;
                if url
                    .as_str()
                    .is_some_and(|u| u.ends_with("/uploads?from=thanks"))
                {
                    Ok(())
                } else {
                    Err(url.to_string())
                }
            })
            .await;
        },
    )
    .await;
}

#[tokio::test]
async fn a_campaign_upload_sent_without_javascript_comes_back_to_its_thank_you_text_and_link() {
    let app = campaign_app(|app| {
        json!({
            "thank_you_text": THANKS,
            "thank_you_url": app.url("/uploads?from=thanks"),
        })
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "story.mp4", 200_000);
    let options = Options {
        javascript: false,
        ..Options::default()
    };
    with_browser("campaign-thanks-no-js", &app.address, options, async |b| {
        describe_in_campaign(b, "ours", "My story, plainly").await;
        b.choose_files("#file", &[&clip]).await;
        b.click("form.upload-form button[type=submit]").await;
        // 23 sends the visitor back through the callback to the sent state.
        let said = b.wait_for_element(".sent-notice .thank-you-text").await;
        assert_eq!(said.text().await.unwrap(), THANKS);
        assert!(b.path().await.ends_with("/send"), "{}", b.path().await);
        b.click(".sent-notice a.thank-you-link").await;
        b.wait_for_path("/uploads").await;
    })
    .await;
    assert_eq!(app.sandbox.photos().len(), 1, "23 received the file");
}

#[tokio::test]
async fn a_file_larger_than_the_campaigns_limit_is_refused_in_the_page_before_anything_is_sent() {
    let app = campaign_app(|_| json!({ "max_file_mb": 1 })).await;
    let dir = tempfile::tempdir().unwrap();
    let big = media_file(dir.path(), "long story.mp4", 1_500_000);
    let small = media_file(dir.path(), "short story.mp4", 200_000);
    with_browser(
        "campaign-size",
        &app.address,
        Options::default(),
        async |b| {
            b.goto("/c/ours").await;
            let stated = b.text_now(".size-limit").await.unwrap();
            assert!(
                stated.contains("up to 1 MB"),
                "the form states it: {stated}"
            );
            describe_in_campaign(b, "ours", "Too long a story").await;
            wait_for_enhanced_form(b).await;
            let help = b.text_now("#file-help").await.unwrap();
            assert!(help.contains("1 MB"), "{help}");
            b.choose_files("#file", &[&big]).await;
            let rows = wait_for_rows_to_settle(b, 1).await;
            assert_eq!(rows[0].state, "rejected", "{rows:?}");
            assert!(
                rows[0].status.contains("larger than the 1 MB"),
                "{}",
                rows[0].status
            );
            let announced = b.text_now(".announcer").await.unwrap();
            assert!(announced.contains("long story.mp4"), "{announced}");
            assert!(app.sandbox.photos().is_empty(), "nothing reached 23");

            b.choose_files("#file", &[&small]).await;
            let rows = wait_for_rows_to_settle(b, 2).await;
            assert_eq!(
                rows[1].state, "done",
                "a file within the limit goes: {rows:?}"
            );
        },
    )
    .await;
    assert_eq!(app.sandbox.photos().len(), 1);
}

#[tokio::test]
async fn the_send_pages_scripts_hear_the_portal_in_the_campaigns_language() {
    let app = campaign_app(|_| json!({ "language": "da" })).await;
    with_browser(
        "campaign-language",
        &app.address,
        Options::default(),
        async |b| {
            describe_in_campaign(b, "ours", "På dansk").await;
            wait_for_enhanced_form(b).await;
            let lang = b.run("return document.documentElement.lang;").await;
            assert_eq!(lang, "da");
            // The browser asks for English; the page's script asks the portal in the page's language.
            let said = b
                .run(
                    "const { PortalApi } = await import('/static/portal-api.js');
                 const id = document.querySelector('form.upload-form').dataset.uploadId;
                 try { await new PortalApi('', 'not the token').renew(id); return 'renewed'; }
                 catch (error) { return error.message; }",
                )
                .await;
            let said = said.as_str().unwrap_or_default();
            assert!(
                said.starts_with("Denne side var forældet"),
                "in Danish: {said}"
            );
        },
    )
    .await;
}
