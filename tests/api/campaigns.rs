//! Campaigns: made through the API, visited at `/c/<slug>`, minting with their own settings,
//! answers and consent; closed, not yet open and unknown ones mint nothing; bad input is refused
//! with a message and stores nothing half.

use serde_json::{Value, json};

use crate::helpers::{TestApp, attr, spawn_app_with, text};

pub(crate) const TOKEN: &str = "campaign-api-token-0123456789abcdef";

pub(crate) async fn app() -> TestApp {
    spawn_app_with(|vars| {
        vars.insert("ADMIN_API_TOKEN".into(), TOKEN.into());
    })
    .await
}

/// POSTs a campaign to the API; returns the status and the JSON answer.
pub(crate) async fn create(app: &TestApp, campaign: Value) -> (u16, Value) {
    app.create_campaign(TOKEN, &campaign).await
}

pub(crate) fn testimonial() -> Value {
    json!({
        "slug": "product-1234",
        "name": "Product 1234 stories",
        "prompt": "Tell us how you use the product.\n\nOne minute is plenty.",
        "album_id": "42",
        "fixed_tags": "product:1234 testimonial",
        "publish_policy": "always_unpublished",
        "fields": [
            { "id": "email", "label": "Your e-mail", "kind": "email", "required": true },
            { "id": "plan", "label": "Your plan", "kind": "choice", "required": false,
              "choices": ["Basic", "Pro"] }
        ],
        "consent_text": "I agree that my video may be shown on example.com.",
        "terms_url": "https://example.com/terms"
    })
}

/// Opens the campaign's page and posts its form with these fields (plus the page's CSRF token).
pub(crate) async fn post_campaign(
    app: &TestApp,
    slug: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, html) = app.get_html(&format!("/c/{slug}")).await;
    let token = attr(&html, "input[name=csrf_token]", "value").unwrap_or_default();
    let mut form: Vec<(String, String)> = vec![("csrf_token".into(), token)];
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    app.browser
        .post(app.url(&format!("/c/{slug}")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn count(app: &TestApp, table: &str) -> i64 {
    let rows: Vec<(i64,)> = app.rows(&format!("SELECT count(*) FROM {table}")).await;
    rows[0].0
}

async fn stored_answers(app: &TestApp) -> (String, Option<String>) {
    let mut rows = app
        .rows("SELECT answers, consent_version FROM upload_answers")
        .await;
    assert!(!rows.is_empty(), "answers were stored");
    rows.remove(0)
}

#[tokio::test]
async fn a_campaign_made_through_the_api_mints_with_its_album_tags_policy_answers_and_consent() {
    let app = app().await;
    let (status, made) = create(&app, testimonial()).await;
    assert_eq!(status, 201, "{made}");
    assert!(made["url"].as_str().unwrap().ends_with("/c/product-1234"));
    assert!(
        made["embed"]
            .as_str()
            .unwrap()
            .contains(r#"data-campaign="product-1234""#)
    );

    let (status, html) = app.get_html("/c/product-1234").await;
    assert_eq!(status, 200);
    assert!(html.contains("Tell us how you use the product."));
    assert!(html.contains("One minute is plenty."));
    assert!(text(&html, "label[for=field_email]").contains("Your e-mail"));
    assert!(text(&html, ".consent").contains("I agree that my video may be shown"));
    assert_eq!(
        crate::helpers::count(&html, "input[name=publish]"),
        0,
        "an always-unpublished campaign offers no choice"
    );

    let response = post_campaign(
        &app,
        "product-1234",
        &[
            ("title", "How we use it"),
            ("tags", "happy testimonial"),
            ("publish", "1"),
            ("field_email", "ann@example.com"),
            ("field_plan", "Pro"),
            ("consent", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let tokens = app.sandbox.upload_tokens();
    assert_eq!(tokens.len(), 1);
    let token = &tokens[0];
    assert_eq!(token.album_id, "42");
    assert_eq!(token.tags, "happy testimonial product:1234");
    assert!(
        !token.publish,
        "the campaign's policy, not the visitor's choice"
    );
    let (answers, consent) = stored_answers(&app).await;
    assert!(
        answers.contains("ann@example.com") && answers.contains("Pro"),
        "{answers}"
    );
    assert_eq!(consent.map(|v| v.len()), Some(16));
}

#[tokio::test]
async fn closed_not_yet_open_and_unknown_campaigns_say_so_and_mint_nothing() {
    let app = app().await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut closed = testimonial();
    closed["slug"] = json!("closed");
    closed["opens_at"] = json!(now - 7200);
    closed["closes_at"] = json!(now - 3600);
    let mut later = testimonial();
    later["slug"] = json!("later");
    later["opens_at"] = json!(now + 3600);
    assert_eq!(create(&app, closed).await.0, 201);
    assert_eq!(create(&app, later).await.0, 201);

    for (slug, status, words) in [
        ("closed", 410, "closed"),
        ("later", 403, "not open yet"),
        ("no-such-page", 404, "no such collection page"),
    ] {
        let (got, html) = app.get_html(&format!("/c/{slug}")).await;
        assert_eq!(got, status, "{slug}");
        assert!(
            text(&html, "h1").contains(words),
            "{slug}: {}",
            text(&html, "h1")
        );
        let response = post_campaign(
            &app,
            slug,
            &[
                ("title", "T"),
                ("field_email", "a@example.com"),
                ("consent", "1"),
            ],
        )
        .await;
        assert_eq!(response.status(), status, "POST {slug}");
    }
    assert!(app.sandbox.upload_tokens().is_empty(), "nothing was minted");
    assert_eq!(count(&app, "uploads").await, 0);
}

#[tokio::test]
async fn a_hand_made_post_without_the_consent_box_is_refused_with_a_message_and_mints_nothing() {
    let app = app().await;
    create(&app, testimonial()).await;
    let response = post_campaign(
        &app,
        "product-1234",
        &[("title", "No consent"), ("field_email", "ann@example.com")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(text(&html, "#consent-error").contains("tick the box to agree"));
    assert_eq!(
        attr(&html, "#title", "value").as_deref(),
        Some("No consent"),
        "input kept"
    );
    assert!(app.sandbox.upload_tokens().is_empty());
    assert_eq!(
        (
            count(&app, "uploads").await,
            count(&app, "upload_answers").await
        ),
        (0, 0)
    );
}

#[tokio::test]
async fn answers_are_checked_per_field_a_megabyte_included_and_nothing_is_stored_half() {
    let app = app().await;
    let mut campaign = testimonial();
    campaign["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "story", "label": "Your story", "kind": "long_text" }));
    create(&app, campaign).await;
    let megabyte = "x".repeat(1 << 20);
    let response = post_campaign(
        &app,
        "product-1234",
        &[
            ("title", "Too much"),
            ("field_email", "not an address"),
            ("field_plan", "Enterprise"),
            ("field_story", &megabyte),
            ("consent", "1"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(text(&html, "#field_email-error").contains("e-mail address like"));
    assert!(text(&html, "#field_plan-error").contains("Choose one of the answers"));
    assert!(text(&html, "#field_story-error").contains("too long"));
    assert!(html.len() < 100_000, "the megabyte is not sent back");
    assert!(app.sandbox.upload_tokens().is_empty());
    assert_eq!(
        (
            count(&app, "uploads").await,
            count(&app, "upload_answers").await
        ),
        (0, 0)
    );
}

#[tokio::test]
async fn a_duplicate_slug_or_a_closing_time_before_the_opening_is_refused_by_name() {
    let app = app().await;
    assert_eq!(create(&app, testimonial()).await.0, 201);
    let (status, answer) = create(&app, testimonial()).await;
    assert_eq!(status, 422);
    assert!(
        answer["fields"]["slug"]
            .as_str()
            .unwrap()
            .contains("Another campaign")
    );

    let mut backwards = testimonial();
    backwards["slug"] = json!("backwards");
    backwards["opens_at"] = json!(2_000_000_000);
    backwards["closes_at"] = json!(1_900_000_000);
    backwards["album_id"] = json!("my album");
    let (status, answer) = create(&app, backwards).await;
    assert_eq!(status, 422);
    assert!(
        answer["fields"]["closes_at"]
            .as_str()
            .unwrap()
            .contains("after the opening")
    );
    assert!(answer["fields"]["album_id"].is_string());
    assert_eq!(
        count(&app, "campaigns").await,
        1,
        "nothing of the refused ones is stored"
    );
}

#[tokio::test]
async fn the_api_answers_only_its_bearer_token_and_is_off_without_one() {
    let app = app().await;
    let client = reqwest::Client::new();
    let url = app.url("/admin/api/campaigns");
    for auth in [None, Some("wrong-token-wrong-token-wrong")] {
        let mut request = client.post(&url).json(&testimonial());
        if let Some(token) = auth {
            request = request.bearer_auth(token);
        }
        assert_eq!(request.send().await.unwrap().status(), 401, "{auth:?}");
    }
    assert_eq!(count(&app, "campaigns").await, 0);
    let listed = client.get(&url).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(listed.status(), 200);

    let off = spawn_app_with(|_| {}).await;
    let response = client
        .get(off.url("/admin/api/campaigns"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_visitor_starts_no_more_uploads_than_the_campaign_takes() {
    let app = app().await;
    let mut campaign = testimonial();
    campaign["max_files"] = json!(1);
    create(&app, campaign).await;
    let fields = [
        ("title", "One"),
        ("field_email", "ann@example.com"),
        ("consent", "1"),
    ];
    assert_eq!(
        post_campaign(&app, "product-1234", &fields).await.status(),
        303
    );
    let again = post_campaign(&app, "product-1234", &fields).await;
    assert_eq!(again.status(), 429);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("already sent as many videos")
    );
    assert_eq!(app.sandbox.upload_tokens().len(), 1);
}
