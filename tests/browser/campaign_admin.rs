//! The operator makes a campaign in /admin with the plain form, JavaScript off, sees its link, QR
//! code and snippet, and a visitor opening `/c/<slug>` reads its prompt. Then (JavaScript on, for
//! axe) the form, a refused form, the campaign's page and the list pass the accessibility audit.

use super::axe::assert_accessible;
use super::operator::app_with_operator;
use super::session::{Browser, Options, with_browser};

#[tokio::test]
async fn an_operator_creates_a_campaign_in_the_admin_form_and_its_page_shows_the_prompt() {
    let (app, with_login) = app_with_operator().await;
    let options = Options {
        javascript: false,
        ..Options::default()
    };
    with_browser("campaign-admin", &app.address, options, async |b| {
        b.client
            .goto(&format!("{with_login}/admin/campaigns/new"))
            .await
            .unwrap();
        b.wait_for_element("form.campaign-form").await;

        // A slug that is not one: refused, with the message beside the field and the name kept.
        b.fill("#name", "Spring stories").await;
        b.fill("#slug", "Spring Stories!").await;
        b.click("form.campaign-form button[type=submit]").await;
        let problem = b.wait_for_element("#slug-error").await;
        assert!(problem.text().await.unwrap().contains("lower-case letters"));
        assert_eq!(
            b.find("#name")
                .await
                .prop("value")
                .await
                .unwrap()
                .as_deref(),
            Some("Spring stories")
        );

        b.fill("#slug", "spring-stories").await;
        b.fill("#prompt", "Tell us about your spring with the product.")
            .await;
        b.fill("#fixed_tags", "spring testimonial").await;
        b.click("form.campaign-form button[type=submit]").await;
        b.wait_for_path("/admin/campaigns/1").await;
        let notice = b.wait_for_element("[role=status] .notice").await;
        assert!(
            notice
                .text()
                .await
                .unwrap()
                .contains("The campaign is saved")
        );
        let link = b.find("a.campaign-link").await;
        assert_eq!(
            link.attr("href").await.unwrap(),
            Some(format!("{}/c/spring-stories", app.address))
        );
        assert!(b.exists(".campaign-qr svg[role=img]").await, "a QR code");
        let snippet = b.find("#embed-snippet").await.prop("value").await.unwrap();
        assert!(
            snippet
                .unwrap_or_default()
                .contains(r#"data-campaign="spring-stories""#)
        );

        b.goto("/admin/campaigns").await;
        let row = b.wait_for_element("tr[data-slug=spring-stories]").await;
        assert_eq!(
            row.attr("data-state").await.unwrap().as_deref(),
            Some("open")
        );
        visit_the_campaign(b).await;
    })
    .await;

    with_browser(
        "campaign-admin-axe",
        &app.address,
        Options::default(),
        async |b| {
            let login = |path: &str| format!("{with_login}{path}");
            b.client.goto(&login("/admin/campaigns/new")).await.unwrap();
            b.wait_for_element("form.campaign-form").await;
            assert_accessible(b, "new campaign form").await;
            b.click("form.campaign-form button[type=submit]").await;
            b.wait_for_element("#name-error").await;
            assert_accessible(b, "new campaign form (refused)").await;
            b.client.goto(&login("/admin/campaigns/1")).await.unwrap();
            b.wait_for_element(".campaign-qr svg").await;
            assert_accessible(b, "campaign page (link, QR code, snippet, settings)").await;
            b.client.goto(&login("/admin/campaigns")).await.unwrap();
            b.wait_for_element("tr[data-slug=spring-stories]").await;
            assert_accessible(b, "campaign list").await;
        },
    )
    .await;
}

async fn visit_the_campaign(b: &Browser) {
    b.goto("/c/spring-stories").await;
    let page = b.wait_for_element("main").await;
    let text = page.text().await.unwrap();
    assert!(
        text.contains("Tell us about your spring with the product."),
        "{text}"
    );
}
