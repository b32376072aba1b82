//! A campaign's album must be one 23 has: saving asks 23 (`/api/album/list`). An album 23 does
//! not know is refused beside its field with the input kept; a 23 that cannot be reached is
//! said to be so; either way nothing is saved.

use serde_json::json;

use crate::campaign_admin::{Operator, with_admin};
use crate::campaigns::{TOKEN, count, create, testimonial};
use crate::helpers::{TestApp, attr, spawn_app_with, text};

/// The portal with the admin's login and API; `site` replaces the sandbox as 23.
async fn app_with_site(site: Option<&str>) -> TestApp {
    spawn_app_with(|vars| {
        with_admin(vars);
        vars.insert("ADMIN_API_TOKEN".into(), TOKEN.into());
        if let Some(site) = site {
            vars.insert("TWENTYTHREE_URL".into(), site.into());
        }
    })
    .await
}

/// An address where nothing listens: a 23 that is down.
fn nowhere() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    address
}

fn with_album(album_id: &str) -> serde_json::Value {
    let mut campaign = testimonial();
    campaign["album_id"] = json!(album_id);
    campaign
}

/// Posts the admin's new-campaign form with this album (and a prompt, to see it kept).
async fn post_form(operator: &Operator<'_>, album_id: &str) -> reqwest::Response {
    operator
        .post(
            "/admin/campaigns",
            &[
                ("name", "Product 1234 stories"),
                ("slug", "product-1234"),
                ("album_id", album_id),
                ("prompt", "Tell us how you use it."),
            ],
        )
        .await
}

#[tokio::test]
async fn an_album_23_does_not_have_is_refused_by_name_and_nothing_is_saved() {
    let app = app_with_site(None).await;
    let (status, answer) = create(&app, with_album("999")).await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["fields"]["album_id"]
            .as_str()
            .unwrap()
            .contains("23 has no album with this id"),
        "{answer}"
    );
    assert_eq!(count(&app, "campaigns").await, 0);
}

#[tokio::test]
async fn an_album_23_has_is_saved_hidden_ones_included() {
    let app = app_with_site(None).await;
    // The sandbox's site has albums 7 and 42, and 1001, which is hidden (signed calls see it).
    for (n, album) in ["42", "1001"].into_iter().enumerate() {
        let mut campaign = with_album(album);
        campaign["slug"] = json!(format!("product-{n}"));
        let (status, made) = create(&app, campaign).await;
        assert_eq!(status, 201, "{album}: {made}");
        assert_eq!(made["album_id"], album);
    }
    assert_eq!(count(&app, "campaigns").await, 2);
}

#[tokio::test]
async fn the_admins_form_names_an_unknown_album_beside_its_field_and_keeps_the_input() {
    let app = app_with_site(None).await;
    let operator = Operator::of(&app);
    let response = post_form(&operator, "31337").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        text(&html, "#album_id-error").contains("23 has no album with this id"),
        "{}",
        text(&html, "#album_id-error")
    );
    assert_eq!(
        attr(&html, "input[name=album_id]", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&html, "input[name=album_id]", "value").as_deref(),
        Some("31337")
    );
    assert_eq!(
        text(&html, "textarea[name=prompt]"),
        "Tell us how you use it."
    );
    assert_eq!(count(&app, "campaigns").await, 0);

    // The same form with an album 23 has is saved.
    let response = post_form(&operator, "7").await;
    assert_eq!(response.status(), 303, "saved");
    assert_eq!(count(&app, "campaigns").await, 1);
}

#[tokio::test]
async fn a_23_that_cannot_be_reached_is_said_to_be_so_and_nothing_is_saved() {
    let app = app_with_site(Some(&nowhere())).await;
    let (status, answer) = create(&app, with_album("42")).await;
    assert_eq!(status, 503, "{answer}");
    assert!(
        answer["fields"]["album_id"]
            .as_str()
            .unwrap()
            .contains("could not be reached"),
        "{answer}"
    );
    assert_eq!(count(&app, "campaigns").await, 0);

    let operator = Operator::of(&app);
    let response = post_form(&operator, "42").await;
    assert_eq!(response.status(), 503);
    let html = response.text().await.unwrap();
    assert!(text(&html, "#album_id-error").contains("could not be reached"));
    assert!(html.contains("23 could not be reached to check its album"));
    assert_eq!(
        attr(&html, "input[name=album_id]", "value").as_deref(),
        Some("42")
    );
    assert_eq!(count(&app, "campaigns").await, 0);

    // A campaign without an album needs no answer from 23.
    let mut campaign = testimonial();
    campaign["album_id"] = json!("");
    let (status, made) = create(&app, campaign).await;
    assert_eq!(status, 201, "{made}");
}
