//! Approval before publishing and withdrawal: the operator approves or rejects in
//! /admin/approval, the visitor withdraws from their history; the jobs make the signed 23 calls
//! (seen by the sandbox), the history shows each state and the host site hears of each.

use std::time::Duration;

use crate::helpers::{TestApp, attr, browser, spawn_app_with};
use crate::webhooks::{app_with_receiver, types_for};

const USER: &str = "operator";
const PASSWORD: &str = "correct horse battery";

fn moderated(vars: &mut std::collections::HashMap<String, String>) {
    vars.insert("MODERATION".into(), "on".into());
    vars.insert("ADMIN_USERNAME".into(), USER.into());
    vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
}

/// The operator's own browser (cookies for the CSRF token, Basic credentials on each request).
struct Operator {
    browser: reqwest::Client,
}

impl Operator {
    fn new() -> Self {
        Self { browser: browser() }
    }

    async fn queue(&self, app: &TestApp) -> String {
        let response = self
            .browser
            .get(app.url("/admin/approval"))
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }

    /// Presses a row's button (`approve:12`, `reject:12`) with the page's CSRF token.
    async fn press(
        &self,
        app: &TestApp,
        button: &str,
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.queue(app).await;
        let token = attr(&html, "input[name=csrf_token]", "value").expect("a CSRF token");
        let mut form = vec![("csrf_token", token.as_str()), ("one", button)];
        form.extend_from_slice(extra);
        self.browser
            .post(app.url("/admin/approval"))
            .basic_auth(USER, Some(PASSWORD))
            .form(&form)
            .send()
            .await
            .unwrap()
    }
}

/// Uploads a video under approval; returns (upload id, photo id).
async fn waiting_upload(app: &TestApp, title: &str) -> (i64, i64) {
    app.complete_upload(title).await;
    let upload_id = app.newest_upload_id().await;
    let photo = app.sandbox.photos().pop().unwrap();
    assert!(!photo.published, "sent to 23 unpublished under approval");
    (upload_id, photo.photo_id)
}

async fn review_of(app: &TestApp, upload_id: i64) -> Option<String> {
    let (_, html) = app.get_html("/uploads").await;
    attr(
        &html,
        &format!("[data-upload-id=\"{upload_id}\"] [data-review]"),
        "data-review",
    )
}

async fn wait_for_review(app: &TestApp, upload_id: i64, expected: &str) {
    for _ in 0..100 {
        if review_of(app, upload_id).await.as_deref() == Some(expected) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the history never showed {expected}; it shows {:?}",
        review_of(app, upload_id).await
    );
}

#[tokio::test]
async fn approving_makes_a_signed_photo_update_publishing_the_video_and_rejecting_deletes_one() {
    let (app, receiver) = app_with_receiver(moderated).await;
    let (approved, approved_photo) = waiting_upload(&app, "Approve me").await;
    let (rejected, rejected_photo) = waiting_upload(&app, "Reject me").await;
    assert_eq!(review_of(&app, approved).await.as_deref(), Some("waiting"));
    let operator = Operator::new();
    let queue = operator.queue(&app).await;
    assert!(
        queue.contains("Approve me") && queue.contains("Reject me"),
        "{queue}"
    );

    let answer = operator
        .press(&app, &format!("approve:{approved}"), &[])
        .await;
    assert_eq!(answer.status(), 303);
    let answer = operator
        .press(
            &app,
            &format!("reject:{rejected}"),
            &[(&format!("reason-{rejected}"), "Off topic")],
        )
        .await;
    assert_eq!(answer.status(), 303);

    wait_for_review(&app, approved, "approved").await;
    wait_for_review(&app, rejected, "rejected").await;
    let photos = app.sandbox.photos();
    assert_eq!(photos.len(), 1, "the rejected video was deleted");
    assert_eq!(photos[0].photo_id, approved_photo);
    assert!(photos[0].published);
    let calls: Vec<_> = app
        .sandbox
        .photo_calls()
        .into_iter()
        .map(|c| {
            (
                c.endpoint,
                c.photo_id,
                c.permission_level.as_str(),
                c.param("published_p").map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            (
                "/api/photo/update",
                Some(approved_photo),
                "write",
                Some("1".into())
            ),
            ("/api/photo/delete", Some(rejected_photo), "write", None),
        ],
        "signed calls (permission write) naming the right videos"
    );
    let received = receiver
        .wait_for(10, |r| {
            types_for(r, approved).contains(&"upload.approved".to_string())
                && types_for(r, rejected).contains(&"upload.rejected".to_string())
        })
        .await;
    assert!(!types_for(&received, approved).contains(&"upload.rejected".to_string()));
    let queue = operator.queue(&app).await;
    assert!(
        !queue.contains("Approve me") && !queue.contains("Reject me"),
        "{queue}"
    );
}

#[tokio::test]
async fn a_failing_23_call_leaves_the_decision_pending_and_the_jobs_retry_it_until_done() {
    let app = spawn_app_with(moderated).await;
    let (upload_id, photo_id) = waiting_upload(&app, "Flaky").await;
    app.sandbox.fail_next_photo_edits(2);
    let operator = Operator::new();

    operator
        .press(&app, &format!("approve:{upload_id}"), &[])
        .await;

    // The first attempt fails at once; the queue shows the decision pending with 23's answer.
    let mut shown = String::new();
    for _ in 0..50 {
        shown = operator.queue(&app).await;
        if shown.contains("The video service failed") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(shown.contains("Approving: pending"), "{shown}");
    assert!(shown.contains("HTTP status 503"), "{shown}");
    assert_eq!(
        review_of(&app, upload_id).await.as_deref(),
        Some("approving")
    );
    assert!(!app.sandbox.photos()[0].published);

    wait_for_review(&app, upload_id, "approved").await;
    assert!(app.sandbox.photos()[0].published);
    let updates = app
        .sandbox
        .photo_calls()
        .iter()
        .filter(|c| c.photo_id == Some(photo_id))
        .count();
    assert!(updates >= 1, "retried until 23 took it");
}

#[tokio::test]
async fn the_operator_cannot_be_made_to_decide_by_a_forged_form() {
    let app = spawn_app_with(moderated).await;
    let (upload_id, _) = waiting_upload(&app, "Forged").await;
    let operator = Operator::new();
    operator.queue(&app).await;
    let without_token = operator
        .browser
        .post(app.url("/admin/approval"))
        .basic_auth(USER, Some(PASSWORD))
        .form(&[("one", format!("approve:{upload_id}"))])
        .send()
        .await
        .unwrap();
    assert_eq!(without_token.status(), 403);
    let html = operator.queue(&app).await;
    let token = attr(&html, "input[name=csrf_token]", "value").unwrap();
    let cross_site = operator
        .browser
        .post(app.url("/admin/approval"))
        .basic_auth(USER, Some(PASSWORD))
        .header("Origin", "https://evil.example")
        .form(&[
            ("csrf_token", token),
            ("one", format!("approve:{upload_id}")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(app.sandbox.photo_calls().is_empty(), "23 was never asked");
    assert_eq!(review_of(&app, upload_id).await.as_deref(), Some("waiting"));
}

/// The visitor's withdraw form: the confirmation page's CSRF token, posted by `client`.
async fn withdraw_as(client: &reqwest::Client, app: &TestApp, upload_id: i64) -> reqwest::Response {
    let page = client
        .get(app.url(&format!("/uploads/{upload_id}/withdraw")))
        .send()
        .await
        .unwrap();
    let status = page.status();
    let html = page.text().await.unwrap();
    let token = attr(&html, "input[name=csrf_token]", "value").unwrap_or_default();
    let response = client
        .post(app.url(&format!("/uploads/{upload_id}/withdraw")))
        .form(&[("csrf_token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        status == 200,
        response.status() == 303,
        "the confirmation page and the withdrawal agree"
    );
    response
}

#[tokio::test]
async fn a_visitor_withdraws_their_own_video_and_no_other_visitor_or_forged_form_can() {
    let (app, receiver) = app_with_receiver(|_| {}).await;
    app.complete_upload("Mine").await;
    let upload_id = app.newest_upload_id().await;
    let photo_id = app.sandbox.photos()[0].photo_id;

    let stranger = browser();
    stranger.get(app.url("/")).send().await.unwrap();
    assert_eq!(withdraw_as(&stranger, &app, upload_id).await.status(), 404);
    let forged = app
        .browser
        .post(app.url(&format!("/uploads/{upload_id}/withdraw")))
        .form(&[("csrf_token", "guessed")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(app.sandbox.photos().len(), 1, "nothing was deleted");

    let (_, history) = app.get_html("/uploads").await;
    assert!(
        history.contains(&format!("/uploads/{upload_id}/withdraw")),
        "{history}"
    );
    assert_eq!(
        withdraw_as(&app.browser, &app, upload_id).await.status(),
        303
    );

    wait_for_review(&app, upload_id, "withdrawn").await;
    assert!(app.sandbox.photos().is_empty(), "23 deleted the video");
    let calls = app.sandbox.photo_calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].endpoint, calls[0].photo_id),
        ("/api/photo/delete", Some(photo_id))
    );
    receiver
        .wait_for(10, |r| {
            types_for(r, upload_id).contains(&"upload.withdrawn".to_string())
        })
        .await;
    let (_, history) = app.get_html("/uploads").await;
    assert!(
        !history.contains(&format!("/uploads/{upload_id}/withdraw")),
        "offered once"
    );
}

#[tokio::test]
async fn another_signed_in_identity_cannot_withdraw_a_users_video() {
    let app = spawn_app_with(|vars| {
        vars.insert("TRUSTED_USER_HEADER".into(), "X-Forwarded-User".into());
    })
    .await;
    let alice = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(
            [(
                "x-forwarded-user".parse().unwrap(),
                "alice".parse().unwrap(),
            )]
            .into_iter()
            .collect(),
        )
        .build()
        .unwrap();
    let as_alice = TestApp {
        browser: alice,
        ..app
    };
    as_alice.complete_upload("Alice's").await;
    let upload_id = as_alice.newest_upload_id().await;
    let bob = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(
            [("x-forwarded-user".parse().unwrap(), "bob".parse().unwrap())]
                .into_iter()
                .collect(),
        )
        .build()
        .unwrap();

    assert_eq!(withdraw_as(&bob, &as_alice, upload_id).await.status(), 404);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(as_alice.sandbox.photos().len(), 1);
    assert_eq!(
        withdraw_as(&as_alice.browser, &as_alice, upload_id)
            .await
            .status(),
        303
    );
    wait_for_review(&as_alice, upload_id, "withdrawn").await;
}

#[tokio::test]
async fn the_private_withdrawal_link_works_from_another_device_and_a_forged_tag_does_not() {
    let app = spawn_app_with(|_| {}).await;
    app.complete_upload("From my phone").await;
    let upload_id = app.newest_upload_id().await;
    let (_, history) = app.get_html("/uploads").await;
    let link = attr(&history, "a.withdrawal-link", "href").expect("a private link");
    let other_device = browser();
    let forged = format!("{}{}", &link[..link.len() - 4], "0000");
    let refused = other_device.get(app.url(&forged)).send().await.unwrap();
    assert_eq!(refused.status(), 404);

    let page = other_device.get(app.url(&link)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let token = attr(&html, "input[name=csrf_token]", "value").unwrap();
    let answer = other_device
        .post(app.url(&link))
        .form(&[("csrf_token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 303);
    wait_for_review(&app, upload_id, "withdrawn").await;
    assert!(app.sandbox.photos().is_empty());
}
