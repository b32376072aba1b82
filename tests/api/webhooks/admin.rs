//! The operator sees every delivery, filters the failed ones, and sends one again.

use crate::helpers::{attr, count, text};

use super::{app_with_receiver, outbox};

const USER: &str = "operator";
const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn a_failed_delivery_is_listed_with_its_last_answer_and_sent_again_on_request() {
    // Arrange: a receiver that refuses twice, a schedule of one retry.
    let (app, receiver) = app_with_receiver(|vars| {
        vars.insert("ADMIN_USERNAME".into(), USER.into());
        vars.insert("ADMIN_PASSWORD".into(), PASSWORD.into());
        vars.insert("WEBHOOK_RETRY_SCHEDULE".into(), "1s".into());
    })
    .await;
    receiver.answer(&[503, 503]);
    app.mint("Refused twice").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while outbox(&app.database_url).await[0].state != "failed" {
        assert!(
            std::time::Instant::now() < deadline,
            "the delivery never failed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // The list, filtered to failed ones (the operator's browser keeps a session for the form).
    let operator = &app.browser;
    let get = |path: &str| {
        operator
            .get(app.url(path))
            .basic_auth(USER, Some(PASSWORD))
            .send()
    };
    let html = get("/admin/webhooks?failed=1")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(count(&html, "tr[data-delivery-id]"), 1);
    assert_eq!(
        attr(&html, "tr[data-delivery-id]", "data-state").as_deref(),
        Some("failed")
    );
    assert_eq!(
        attr(&html, "tr[data-delivery-id]", "data-attempts").as_deref(),
        Some("2")
    );
    let last_answer = text(&html, "td.last-answer");
    assert!(
        last_answer.contains("HTTP 503: receiver says hello"),
        "{last_answer}"
    );

    // Without the form's token nothing happens; with it the delivery goes out again.
    let action = attr(&html, "tr[data-delivery-id] form", "action").expect("a Send again button");
    let forged = operator
        .post(app.url(&action))
        .basic_auth(USER, Some(PASSWORD))
        .form(&[("csrf_token", "x")]);
    assert_eq!(forged.send().await.unwrap().status(), 403);
    assert_eq!(receiver.accepted().len(), 0);
    let token = attr(
        &html,
        "tr[data-delivery-id] input[name=csrf_token]",
        "value",
    )
    .unwrap();
    let resend = operator
        .post(app.url(&action))
        .basic_auth(USER, Some(PASSWORD))
        .form(&[("csrf_token", token)]);
    assert_eq!(resend.send().await.unwrap().status(), 303);

    let accepted = receiver.wait_for(10, |r| r.len() == 1).await;
    assert_eq!(
        accepted[0].webhook_id,
        outbox(&app.database_url).await[0].webhook_id,
        "the same id"
    );
    let html = get("/admin/webhooks").await.unwrap().text().await.unwrap();
    assert_eq!(
        attr(&html, "tr[data-delivery-id]", "data-state").as_deref(),
        Some("delivered")
    );
    let html = get("/admin/webhooks?failed=1")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(count(&html, "tr[data-delivery-id]"), 0);
}
