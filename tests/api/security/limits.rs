//! The hourly per-visitor limit on new upload tokens holds on every route that mints one.

use crate::helpers::spawn_app_with;

#[tokio::test]
async fn renewals_count_against_the_hourly_limit_and_are_refused_beyond_it() {
    let app = spawn_app_with(|vars| {
        vars.insert("UPLOAD_TOKENS_PER_HOUR".into(), "2".into());
    })
    .await;
    app.mint("One").await;
    app.mint("Two").await;
    let id = app.newest_upload_id().await;
    let token = app.csrf_token().await;
    let renewed = app
        .browser
        .post(app.url(&format!("/uploads/{id}/renew")))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(renewed.status(), 429);
    let as_json = app
        .browser
        .post(app.url(&format!("/uploads/{id}/renew")))
        .header("accept", "application/json")
        .header("x-csrf-token", token.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(as_json.status(), 429);
    let third = app.post_new_upload(&[("title", "Three")]).await;
    assert_eq!(third.status(), 429);
    assert_eq!(
        app.sandbox.upload_tokens().len(),
        2,
        "23 was asked twice only"
    );
}
