//! Rotating `SESSION_SECRET` with `SESSION_SECRET_PREVIOUS` loses no visitor: cookies and return
//! links made with the old secret still work, and cookies are resealed with the new one.

use crate::helpers::{TestApp, spawn_app_with};

/// Another portal on the same database and 23, with these secrets.
async fn restarted(app: &TestApp, secret: &str, previous: Option<&str>) -> String {
    app.another_instance(|vars| {
        vars.insert("SESSION_SECRET".into(), secret.into());
        if let Some(previous) = previous {
            vars.insert("SESSION_SECRET_PREVIOUS".into(), previous.into());
        }
    })
    .await
}

async fn titles_on(app: &TestApp, address: &str) -> Vec<String> {
    let entries = app.history_on(address).await;
    entries.into_iter().map(|e| e.title).collect()
}

#[tokio::test]
async fn a_rotated_secret_keeps_visitors_and_return_links() {
    let old = "a".repeat(64);
    let new = "b".repeat(64);
    let app = spawn_app_with(|vars| {
        vars.insert("SESSION_SECRET".into(), old.clone());
    })
    .await;
    let form = app.mint("Before the rotation").await;
    let callback = app.upload_video(&form).await;

    let rotated = restarted(&app, &new, Some(&old)).await;
    let back = app
        .browser
        .get(callback.replacen(&app.address, &rotated, 1))
        .send()
        .await
        .unwrap();
    assert_eq!(
        back.status(),
        303,
        "a return link signed with the old secret is accepted"
    );
    assert_eq!(titles_on(&app, &rotated).await, ["Before the rotation"]);

    // Once the old secret is dropped, the cookie resealed above still names the visitor.
    let after = restarted(&app, &new, None).await;
    assert_eq!(titles_on(&app, &after).await, ["Before the rotation"]);

    // Browsers keep cookies per host, not port: this last visit may replace the cookie.
    let stranger = restarted(&app, &"c".repeat(64), None).await;
    assert!(
        titles_on(&app, &stranger).await.is_empty(),
        "another secret opens nothing"
    );
}
