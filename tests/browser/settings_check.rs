//! The operator opens the Settings check in Danish from the admin's language menu: the page
//! passes the accessibility audit (axe) in that language, and the admin stays Danish afterwards.

use super::axe::assert_accessible;
use super::operator::app_with_operator;
use super::session::{Options, with_browser};

#[tokio::test]
async fn the_settings_check_in_danish_passes_the_audit_and_the_admin_stays_danish() {
    let (app, with_login) = app_with_operator().await;
    with_browser(
        "settings-check",
        &app.address,
        Options::default(),
        async |b| {
            b.client
                .goto(&format!("{with_login}/admin/settings"))
                .await
                .unwrap();
            b.wait_for_element("li.settings-check").await;
            b.click(".admin-languages a[hreflang=da]").await;
            b.wait_for_element("html[lang=da] li.settings-check").await;
            let heading = b.find("h1").await.text().await.unwrap();
            assert_eq!(heading, "Kontrol af indstillinger");
            assert_accessible(b, "settings check (Danish)").await;

            b.click(".admin-menu a[href='/admin/campaigns']").await;
            b.wait_for_path("/admin/campaigns").await;
            assert!(
                b.exists("html[lang=da]").await,
                "the choice is remembered on the next admin page"
            );
        },
    )
    .await;
}
