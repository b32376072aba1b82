//! A flood of detail edits on one upload: each edit is a signed call to 23, so each upload has a
//! budget of them per minute, taken before 23 is asked. Beyond it the page's script and the plain
//! form both hear why, and the plain form gets the visitor's corrections back.

use futures_util::future::join_all;
use upload_portal::flows::edit::{EDIT_WINDOW_SECS, EDITS_PER_WINDOW};

use crate::helpers::{TestApp, attr, spawn_two_instances_with, text};

/// Posts new details for `id` to the portal at `address`, as the page's script or the plain form.
async fn edit(
    app: &TestApp,
    address: &str,
    id: i64,
    csrf: &str,
    title: &str,
    json: bool,
) -> reqwest::Response {
    let accept = if json {
        "application/json"
    } else {
        "text/html"
    };
    app.browser
        .post(format!("{address}/uploads/{id}/details"))
        .header("x-csrf-token", csrf)
        .header("accept", accept)
        .form(&[("title", title), ("description", "Words"), ("tags", "t")])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn fifty_simultaneous_edits_on_two_instances_cost_23_no_more_than_the_budget() {
    let (app, b) = spawn_two_instances_with(|_| {}, |_| {}).await;
    let form = app.mint("Edited to death").await;
    let id = app.newest_upload_id().await;
    let csrf = app.csrf_token().await;
    let before = app.sandbox.api_calls();

    let responses = join_all((0..50).map(|n| {
        let on = if n % 2 == 0 {
            app.address.as_str()
        } else {
            b.as_str()
        };
        edit(&app, on, id, &csrf, "Flood", true)
    }))
    .await;

    let calls = app.sandbox.api_calls() - before;
    let statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
    let saved = statuses.iter().filter(|s| **s == 200).count();
    println!("50 simultaneous edits of one upload on two instances: {calls} calls to 23");
    assert!(calls <= u64::from(EDITS_PER_WINDOW), "{calls} calls to 23");
    assert_eq!(saved as u64, calls, "every call to 23 was a saved edit");
    assert_eq!(
        saved, EDITS_PER_WINDOW as usize,
        "the budget itself is usable"
    );
    assert!(
        statuses.iter().all(|s| [200, 429].contains(s)),
        "{statuses:?}"
    );
    let refused = responses.into_iter().find(|r| r.status() == 429).unwrap();
    let wait: i64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=EDIT_WINDOW_SECS).contains(&wait), "{wait}");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("wait a minute"),
        "the script can tell the visitor why: {body}"
    );
    assert_eq!(
        app.sandbox.upload_token(&form.upload_token).unwrap().title,
        "Flood"
    );
}

#[tokio::test]
async fn the_plain_form_over_budget_keeps_the_visitors_corrections_in_their_language() {
    let (app, _) = spawn_two_instances_with(|_| {}, |_| {}).await;
    app.mint("Original").await;
    let id = app.newest_upload_id().await;
    let csrf = app.csrf_token().await;
    for _ in 0..EDITS_PER_WINDOW {
        let saved = edit(&app, &app.address, id, &csrf, "Saved", false).await;
        assert_eq!(
            saved.status(),
            303,
            "within the budget the form goes back to the page"
        );
    }
    let before = app.sandbox.api_calls();

    let refused = edit(&app, &app.address, id, &csrf, "Unsaved correction", false).await;

    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(app.sandbox.api_calls(), before, "23 was not asked");
    let html = refused.text().await.unwrap();
    assert_eq!(
        attr(&html, "#edit-title", "value").as_deref(),
        Some("Unsaved correction"),
        "the visitor's input is kept"
    );
    assert!(
        text(&html, ".details-message").contains("wait a minute"),
        "{html}"
    );
    assert!(
        attr(&html, "details.edit-details", "open").is_some(),
        "the form is shown open"
    );
    assert!(
        text(&html, ".summary").contains("Saved"),
        "the summary shows what 23 has, not the unsaved input"
    );

    let danish = app
        .browser
        .post(app.url(&format!("/uploads/{id}/details")))
        .header("x-csrf-token", &csrf)
        .header("accept-language", "da")
        .form(&[("title", "Rettelse"), ("description", ""), ("tags", "")])
        .send()
        .await
        .unwrap();
    let html = danish.text().await.unwrap();
    assert!(
        text(&html, ".details-message").contains("Vent et minut"),
        "{html}"
    );
}
