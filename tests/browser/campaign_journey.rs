//! Issue 22's journey in the browser, plain forms (JavaScript off) on both sides: the operator
//! makes a campaign with a question and a consent text; a visitor opens `/c/<slug>`, answers,
//! consents and sends two videos; the operator approves one and rejects the other in "Waiting
//! for approval"; 23 (the sandbox) is told with signed calls naming the right videos; the
//! visitor's history shows both outcomes; a closed campaign mints nothing.

use super::files::media_file;
use super::operator::app_with_operator;
use super::session::{Browser, Options, with_browser};

const SLUG: &str = "garden-stories";

fn no_javascript() -> Options {
    Options {
        javascript: false,
        ..Options::default()
    }
}

async fn operator_makes_the_campaign(b: &Browser, with_login: &str) {
    b.client
        .goto(&format!("{with_login}/admin/campaigns/new"))
        .await
        .unwrap();
    b.wait_for_element("form.campaign-form").await;
    b.fill("#name", "Garden stories").await;
    b.fill("#slug", SLUG).await;
    b.fill("#prompt", "Show us your garden.").await;
    b.fill("#fields", "short_text | Your town | required").await;
    b.fill("#max_files", "2").await;
    b.click("#publish_policy option[value=approval_first]")
        .await;
    b.fill(
        "#consent_text",
        "I agree that my video may be shown on this site.",
    )
    .await;
    b.click("form.campaign-form button[type=submit]").await;
    b.wait_for_path("/admin/campaigns/1").await;
}

async fn visitor_sends(b: &Browser, title: &str, clip: &std::path::Path) {
    b.goto(&format!("/c/{SLUG}")).await;
    b.wait_for_element("form.metadata-form").await;
    b.fill("#title", title).await;
    b.fill(".custom-field input", "Odense").await;
    b.click("input[name=consent]").await;
    b.click("form.metadata-form button[type=submit]").await;
    b.wait_for_element("form.upload-form input[type=file]")
        .await;
    b.choose_files("form.upload-form input[type=file]", &[clip])
        .await;
    b.click("form.upload-form button[type=submit]").await;
    b.wait_for_element("ol.uploads").await;
}

/// Where the upload titled `title` stands with the operator, as the visitor's history says.
async fn review_in_history(b: &Browser, title: &str) -> String {
    b.goto("/uploads").await;
    let html = b.client.source().await.unwrap();
    let document = scraper::Html::parse_document(&html);
    let rows = scraper::Selector::parse("li.upload").unwrap();
    let (name, review) = (
        scraper::Selector::parse(".upload-title").unwrap(),
        scraper::Selector::parse("[data-review]").unwrap(),
    );
    document
        .select(&rows)
        .find(|row| {
            row.select(&name)
                .any(|t| t.text().collect::<String>() == title)
        })
        .and_then(|row| row.select(&review).next())
        .and_then(|e| e.value().attr("data-review"))
        .unwrap_or_default()
        .to_string()
}

/// The value of the button `action` ("approve" or "reject") in the queue row of `title`.
async fn decide(b: &Browser, title: &str, action: &str) {
    let script = format!(
        "return [...document.querySelectorAll('tr')].find(tr => tr.textContent.includes({title:?}))\
         .querySelector('button[value^=\"{action}:\"]').value"
    );
    let value = b.run(&script).await;
    b.click(&format!("button[value=\"{}\"]", value.as_str().unwrap()))
        .await;
    b.wait_for_element("[role=status] .notice").await;
}

/// 23's photo calls as (endpoint, photo, published_p), once there are `n`.
async fn photo_calls(
    app: &crate::helpers::TestApp,
    n: usize,
) -> Vec<(String, Option<i64>, Option<String>)> {
    for _ in 0..100 {
        let calls: Vec<_> = app
            .sandbox
            .photo_calls()
            .into_iter()
            .map(|c| {
                let published = c.param("published_p").map(str::to_owned);
                (c.endpoint.to_string(), c.photo_id, published)
            })
            .collect();
        if calls.len() >= n {
            return calls;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "23 was not told about {n} decisions: {:?}",
        app.sandbox.photo_calls()
    );
}

#[tokio::test]
async fn a_campaign_made_in_the_admin_collects_videos_the_operator_approves_one_rejects_one_and_closes_it()
 {
    let (app, with_login) = app_with_operator().await;
    let dir = tempfile::tempdir().unwrap();
    let clip = media_file(dir.path(), "garden.mp4", 64 * 1024);
    let admin = |path: &str| format!("{with_login}{path}");
    with_browser(
        "campaign-journey-make",
        &app.address,
        no_javascript(),
        async |b| {
            operator_makes_the_campaign(b, &with_login).await;
        },
    )
    .await;

    with_browser(
        "campaign-journey-visitor",
        &app.address,
        no_javascript(),
        async |v| {
            visitor_sends(v, "Roses", &clip).await;
            visitor_sends(v, "Weeds", &clip).await;
            assert_eq!(review_in_history(v, "Roses").await, "waiting");
            assert_eq!(review_in_history(v, "Weeds").await, "waiting");
            let photos = app.sandbox.photos();
            assert_eq!(photos.len(), 2);
            assert!(
                photos.iter().all(|p| !p.published),
                "sent to 23 unpublished"
            );
            let photo_of = |title: &str| photos.iter().find(|p| p.title == title).unwrap().photo_id;
            let (roses, weeds) = (photo_of("Roses"), photo_of("Weeds"));

            with_browser(
                "campaign-journey-decide",
                &app.address,
                no_javascript(),
                async |o| {
                    o.client.goto(&admin("/admin/approval")).await.unwrap();
                    let page = o.wait_for_element("main").await.text().await.unwrap();
                    assert!(page.contains("Odense"), "the answer is shown: {page}");
                    assert!(page.contains("Consent given"), "and the consent: {page}");
                    decide(o, "Roses", "approve").await;
                    decide(o, "Weeds", "reject").await;
                },
            )
            .await;
            let calls = photo_calls(&app, 2).await;
            let update = (
                "/api/photo/update".to_string(),
                Some(roses),
                Some("1".to_string()),
            );
            assert!(calls.contains(&update), "{calls:?}");
            let delete = ("/api/photo/delete".to_string(), Some(weeds), None);
            assert!(calls.contains(&delete), "{calls:?}");
            v.wait_for("the history to show both outcomes", || async {
                let outcome = (
                    review_in_history(v, "Roses").await,
                    review_in_history(v, "Weeds").await,
                );
                match outcome {
                    (a, r) if a == "approved" && r == "rejected" => Ok(()),
                    other => Err(format!("{other:?}")),
                }
            })
            .await;

            with_browser(
                "campaign-journey-close",
                &app.address,
                no_javascript(),
                async |o| {
                    o.client.goto(&admin("/admin/campaigns/1")).await.unwrap();
                    o.click("form[action$='/close'] button[type=submit]").await;
                    o.wait_for_element("[role=status] .notice").await;
                },
            )
            .await;
            let minted = app.sandbox.upload_tokens().len();
            v.goto(&format!("/c/{SLUG}")).await;
            let page = v.wait_for_element("main").await.text().await.unwrap();
            assert!(
                !v.exists("form.metadata-form").await,
                "a closed campaign offers no form: {page}"
            );
            assert_eq!(
                app.sandbox.upload_tokens().len(),
                minted,
                "and mints nothing"
            );
        },
    )
    .await;
}
