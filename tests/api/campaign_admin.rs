//! Campaigns in /admin: made and edited through plain forms (the API's checks, a message per
//! field, the operator's input kept), opened and closed, shared by link, QR code and embed
//! snippet; every admin form refuses a cross-site post; answers and consent show on the
//! admin's rows and in the CSV.

use crate::helpers::{SendForm, TestApp, attr, browser, count, spawn_app_with, text};

pub const USER: &str = "operator";
pub const PASSWORD: &str = "correct horse battery";

pub fn with_admin(vars: &mut std::collections::HashMap<String, String>) {
    vars.insert("ADMIN_USERNAME".into(), USER.into());
    vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
}

/// The operator's browser: its own cookies (the CSRF token), Basic credentials on each request.
pub struct Operator<'a> {
    pub app: &'a TestApp,
    pub browser: reqwest::Client,
}

impl<'a> Operator<'a> {
    pub fn of(app: &'a TestApp) -> Self {
        Self {
            app,
            browser: browser(),
        }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .browser
            .get(self.app.url(path))
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// The CSRF token the admin's pages carry for this browser.
    async fn token(&self) -> String {
        let (_, html) = self.get("/admin/campaigns/new").await;
        attr(&html, "input[name=csrf_token]", "value").expect("a CSRF token")
    }

    /// Posts a form as the admin's own page would: with the page's token, from our origin.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.token().await;
        let mut form = vec![("csrf_token".to_string(), token)];
        form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self.browser
            .post(self.app.url(path))
            .basic_auth(USER, Some(PASSWORD))
            .header("origin", self.app.address.as_str())
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Creates a campaign through the form; returns its admin path (`/admin/campaigns/1`).
    pub async fn create(&self, fields: &[(&str, &str)]) -> String {
        let response = self.post("/admin/campaigns", fields).await;
        assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
        let location = response.headers()["location"].to_str().unwrap();
        location.split('?').next().unwrap().to_string()
    }
}

pub fn product() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Product 1234 stories"),
        ("slug", "product-1234"),
        (
            "prompt",
            "Tell us how you use the product.\r\n\r\nOne minute is plenty.",
        ),
        ("album_id", "42"),
        ("fixed_tags", "product:1234 testimonial"),
        ("publish_policy", "always_unpublished"),
        ("max_files", "2"),
        ("max_file_mb", "500"),
        ("max_recording_secs", "120"),
        ("opens_at", ""),
        ("closes_at", "2099-12-24T09:00"),
        (
            "fields",
            "email | Your e-mail | required\nchoice | Your plan | optional | Basic, Pro",
        ),
        (
            "consent_text",
            "I agree that my video may be shown on example.com.",
        ),
        ("terms_url", "https://example.com/terms"),
        ("language", "da"),
        ("brand_color", "#1f5fd1"),
        ("thank_you_text", "Thank you!"),
        ("thank_you_url", "https://example.com/thanks"),
    ]
}

async fn campaigns_stored(app: &TestApp) -> i64 {
    scalar(app, "SELECT count(*) FROM campaigns").await
}

async fn scalar(app: &TestApp, query: &'static str) -> i64 {
    let rows: Vec<(i64,)> = app.rows(query).await;
    rows[0].0
}

#[tokio::test]
async fn a_campaign_made_in_the_admin_form_keeps_every_field_and_its_page_shows_the_prompt() {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    let response = operator.post("/admin/campaigns", &product()).await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.ends_with("?done=created"), "{location}");

    let (status, html) = operator.get(&location).await;
    assert_eq!(status, 200);
    assert!(text(&html, "[role=status]").contains("The campaign is saved"));
    for (name, value) in [
        ("name", "Product 1234 stories"),
        ("slug", "product-1234"),
        ("album_id", "42"),
        ("fixed_tags", "product:1234 testimonial"),
        ("max_files", "2"),
        ("max_file_mb", "500"),
        ("max_recording_secs", "120"),
        ("closes_at", "2099-12-24T09:00"),
        ("terms_url", "https://example.com/terms"),
        ("brand_color", "#1f5fd1"),
        ("thank_you_url", "https://example.com/thanks"),
    ] {
        let selector = format!("input[name={name}]");
        assert_eq!(
            attr(&html, &selector, "value").as_deref(),
            Some(value),
            "{name}"
        );
    }
    assert!(
        text(&html, "textarea[name=fields]").contains("choice | Your plan | optional | Basic, Pro")
    );
    assert!(text(&html, "textarea[name=consent_text]").contains("I agree that my video"));
    assert_eq!(
        attr(
            &html,
            "select[name=publish_policy] option[selected]",
            "value"
        )
        .as_deref(),
        Some("always_unpublished")
    );
    assert_eq!(
        attr(&html, "select[name=language] option[selected]", "value").as_deref(),
        Some("da")
    );

    let (_, list) = operator.get("/admin/campaigns").await;
    let row = "tr[data-slug=product-1234]";
    assert!(text(&list, row).contains("Product 1234 stories"));
    assert_eq!(attr(&list, row, "data-state").as_deref(), Some("open"));
    assert_eq!(text(&list, &format!("{row} [data-count=uploads]")), "0");
    assert_eq!(
        attr(&list, &format!("{row} a[href$='/c/product-1234']"), "href"),
        Some(app.url("/c/product-1234"))
    );

    let (status, page) = app.get_html("/c/product-1234").await;
    assert_eq!(status, 200);
    assert!(page.contains("Tell us how you use the product."));
    assert!(text(&page, "label[for=field_your-e-mail]").contains("Your e-mail"));
}

#[tokio::test]
async fn a_refused_form_names_each_problem_beside_its_field_keeps_the_input_and_stores_nothing() {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    operator.create(&product()).await;

    let long_prompt = "Tell us more. ".repeat(80_000); // over a megabyte
    let response = operator
        .post(
            "/admin/campaigns",
            &[
                ("name", "Second try"),
                ("slug", "product-1234"),
                ("prompt", &long_prompt),
                ("album_id", "my album"),
                ("opens_at", "2099-12-24T09:00"),
                ("closes_at", "2099-12-01T09:00"),
                ("max_files", "many"),
                ("thank_you_url", "not a link"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for (name, words) in [
        ("prompt", "At most 5000 characters"),
        ("album_id", "album id is a number"),
        ("closes_at", "after the opening time"),
        ("max_files", "whole number"),
        ("thank_you_url", "full http(s) address"),
    ] {
        assert!(
            text(&html, &format!("#{name}-error")).contains(words),
            "{name}: {:?}",
            text(&html, &format!("#{name}-error"))
        );
        assert_eq!(
            attr(&html, &format!("[name={name}]"), "aria-invalid").as_deref(),
            Some("true"),
            "{name}"
        );
    }
    assert_eq!(
        attr(&html, "input[name=name]", "value").as_deref(),
        Some("Second try")
    );
    assert_eq!(
        attr(&html, "input[name=album_id]", "value").as_deref(),
        Some("my album")
    );
    assert_eq!(
        attr(&html, "input[name=max_files]", "value").as_deref(),
        Some("many")
    );
    let kept = text(&html, "textarea[name=prompt]");
    assert!(
        kept.starts_with("Tell us more.") && kept.len() > 1_000_000,
        "the prompt is kept"
    );
    assert!(text(&html, "[role=status]").contains("not saved"));

    // The slug alone wrong: refused with its own message once everything else is right.
    let mut duplicate = product();
    duplicate[0] = ("name", "Same slug");
    let response = operator.post("/admin/campaigns", &duplicate).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(text(&html, "#slug-error").contains("Another campaign has this slug"));
    assert_eq!(
        attr(&html, "input[name=name]", "value").as_deref(),
        Some("Same slug")
    );
    assert_eq!(campaigns_stored(&app).await, 1, "nothing stored half");
}

#[tokio::test]
async fn editing_a_campaign_changes_its_public_page_and_a_refused_edit_changes_nothing() {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    let path = operator.create(&product()).await;
    let mut edited = product();
    edited[2] = ("prompt", "Show us your favourite feature.");
    let response = operator.post(&path, &edited).await;
    assert_eq!(response.status(), 303);
    let (_, page) = app.get_html("/c/product-1234").await;
    assert!(page.contains("Show us your favourite feature."));
    assert!(!page.contains("Tell us how you use the product."));

    edited[2] = ("prompt", "Never saved.");
    edited[9] = ("opens_at", "2000-01-01T00:00");
    edited[10] = ("closes_at", "1999-01-01T00:00");
    let response = operator.post(&path, &edited).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(text(&html, "#closes_at-error").contains("after the opening time"));
    assert_eq!(text(&html, "textarea[name=prompt]"), "Never saved.");
    let (_, page) = app.get_html("/c/product-1234").await;
    assert!(
        page.contains("Show us your favourite feature."),
        "unchanged"
    );
}

#[tokio::test]
async fn closing_a_campaign_stops_its_page_minting_and_opening_it_brings_it_back() {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    let path = operator.create(&product()).await;

    let response = operator
        .post(&format!("{path}/close"), &[("return", "list")])
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/admin/campaigns?done=closed"),
        "{location}"
    );
    let (_, list) = operator.get(&location).await;
    assert!(text(&list, "[role=status]").contains("is closed now"));
    assert_eq!(
        attr(&list, "tr[data-slug=product-1234]", "data-state").as_deref(),
        Some("closed")
    );
    let (status, _) = app.get_html("/c/product-1234").await;
    assert_eq!(status, 410, "a closed campaign says so");

    let response = operator.post(&format!("{path}/open"), &[]).await;
    assert_eq!(response.status(), 303);
    let (_, html) = operator.get(&path).await;
    assert_eq!(
        attr(&html, ".campaign-summary", "data-state").as_deref(),
        Some("open")
    );
    let (status, page) = app.get_html("/c/product-1234").await;
    assert_eq!(status, 200);
    assert!(page.contains("Tell us how you use the product."));
}

#[tokio::test]
async fn a_campaigns_page_shows_its_public_link_a_qr_code_of_it_and_the_embed_snippet() {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    let path = operator.create(&product()).await;
    let (_, html) = operator.get(&path).await;
    let link = app.url("/c/product-1234");
    assert_eq!(attr(&html, "a.campaign-link", "href"), Some(link.clone()));

    let page = scraper::Html::parse_document(&html);
    let svg = page
        .select(&scraper::Selector::parse(".campaign-qr svg").unwrap())
        .next()
        .expect("an inline SVG QR code");
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert_eq!(
        svg.value().attr("aria-label"),
        Some(format!("QR code of {link}").as_str())
    );
    // The code drawn is the one of the full public link (not a relative path, not another page).
    let expected = upload_portal::routes::admin::qr::qr_svg(&link).unwrap();
    let drawn_path = |svg: &str| {
        let fragment = scraper::Html::parse_fragment(svg);
        let selector = scraper::Selector::parse("path").unwrap();
        fragment
            .select(&selector)
            .next()
            .unwrap()
            .value()
            .attr("d")
            .unwrap()
            .to_string()
    };
    assert_eq!(drawn_path(&svg.html()), drawn_path(&expected));

    let snippet = text(&html, "textarea#embed-snippet");
    assert!(
        snippet.contains(r#"<div data-upload-portal data-campaign="product-1234"></div>"#),
        "{snippet}"
    );
    assert!(
        snippet.contains(&format!(r#"src="{}/static/embed.js""#, app.address)),
        "{snippet}"
    );
    assert_eq!(count(&html, "textarea#embed-snippet[readonly]"), 1);
}

/// A finished upload in the campaign at `slug` with these answers; returns its send form.
pub async fn upload_in_campaign(app: &TestApp, slug: &str, fields: &[(&str, &str)]) -> SendForm {
    let (_, html) = app.get_html(&format!("/c/{slug}")).await;
    let token = attr(&html, "input[name=csrf_token]", "value").unwrap();
    let mut form = vec![("csrf_token".to_string(), token)];
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let response = app
        .browser
        .post(app.url(&format!("/c/{slug}")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = app.get_html(&location).await;
    let send = SendForm {
        page_url: app.url(&location),
        action: attr(&page, "form.upload-form", "action").unwrap(),
        upload_token: attr(&page, "form.upload-form input[name=upload_token]", "value").unwrap(),
    };
    let callback = app.upload_video(&send).await;
    assert_eq!(app.follow(&callback).await.status(), 303);
    send
}

#[tokio::test]
async fn answers_and_consent_show_on_the_admin_rows_the_approval_queue_and_the_csv() {
    let app = spawn_app_with(with_admin).await;
    let operator = Operator::of(&app);
    let mut fields = product();
    fields[0] = ("name", "+1 Promo");
    fields[5] = ("publish_policy", "approval_first");
    fields.retain(|(k, _)| *k != "language");
    operator.create(&fields).await;
    upload_in_campaign(
        &app,
        "product-1234",
        &[
            ("title", "How we use it"),
            ("field_your-e-mail", "ann@example.com"),
            ("field_your-plan", "Pro"),
            ("consent", "1"),
        ],
    )
    .await;
    let upload_id = app.newest_upload_id().await;

    for path in ["/admin", "/admin/approval"] {
        let (status, html) = operator.get(path).await;
        assert_eq!(status, 200, "{path}");
        let row = format!("[data-upload-id=\"{upload_id}\"]");
        assert_eq!(
            text(&html, &format!("{row} [data-answer=your-e-mail]")),
            "ann@example.com",
            "{path}"
        );
        assert_eq!(
            text(&html, &format!("{row} [data-answer=your-plan]")),
            "Pro",
            "{path}"
        );
        let version = attr(
            &html,
            &format!("{row} .consent-record"),
            "data-consent-version",
        );
        assert_eq!(version.map(|v| v.len()), Some(16), "{path}");
        assert!(
            text(&html, &format!("{row} .consent-record")).contains("Consent given"),
            "{path}"
        );
    }

    let (_, list) = operator.get("/admin/campaigns").await;
    assert_eq!(
        text(&list, "tr[data-slug=product-1234] [data-count=uploads]"),
        "1"
    );
    assert_eq!(
        text(&list, "tr[data-slug=product-1234] [data-count=waiting]"),
        "1"
    );

    let (status, csv) = operator.get("/admin/uploads.csv").await;
    assert_eq!(status, 200);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",campaign,answers,consent_version,consent_at,consent_visitor"),
        "{header}"
    );
    assert!(
        csv.contains(",'+1 Promo,"),
        "the formula guard covers the new columns: {csv}"
    );
    assert!(
        csv.contains("\"Your e-mail: ann@example.com\nYour plan: Pro\""),
        "{csv}"
    );
}
