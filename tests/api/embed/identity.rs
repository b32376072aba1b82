//! The host page names its user with a signed, short-lived token; unsound tokens are refused.

use super::{HOST, SECRET, embeddable_app, frame_browser, open_frame, sign_in};
use crate::helpers::{TestApp, identity_token, text};

#[tokio::test]
async fn each_host_user_sees_only_their_own_uploads_in_the_frame() {
    let app = embeddable_app().await;
    sign_in(&app, &identity_token(&app.address, "alice", 600, SECRET)).await;
    app.complete_upload("Alice's video").await;
    sign_in(&app, &identity_token(&app.address, "bob", 600, SECRET)).await;
    assert!(
        app.history().await.is_empty(),
        "bob sees nothing of alice's"
    );
    app.complete_upload("Bob's video").await;
    let titles =
        |h: Vec<crate::helpers::HistoryEntry>| h.into_iter().map(|e| e.title).collect::<Vec<_>>();
    assert_eq!(titles(app.history().await), ["Bob's video"]);
    sign_in(&app, &identity_token(&app.address, "alice", 600, SECRET)).await;
    assert_eq!(titles(app.history().await), ["Alice's video"]);

    // Another browser signed in as alice by the host has the same history.
    let other = TestApp {
        address: app.address.clone(),
        site_url: app.site_url.clone(),
        sandbox: app.sandbox.clone(),
        credentials: app.credentials.clone(),
        browser: frame_browser(),
        data_dir: tempfile::tempdir().unwrap(),
        database_url: app.database_url.clone(),
    };
    sign_in(
        &other,
        &identity_token(&other.address, "alice", 600, SECRET),
    )
    .await;
    assert_eq!(titles(other.history().await), ["Alice's video"]);
}

#[tokio::test]
async fn expired_and_wrongly_signed_tokens_are_refused_and_sign_out_whoever_was_in() {
    let app = embeddable_app().await;
    sign_in(&app, &identity_token(&app.address, "alice", 600, SECRET)).await;
    app.complete_upload("Alice's video").await;
    for (token, says) in [
        (
            identity_token(&app.address, "alice", -300, SECRET),
            "expired",
        ),
        (
            identity_token(
                &app.address,
                "alice",
                600,
                "not the host's secret, but as long",
            ),
            "not signed with the agreed key",
        ),
        (
            identity_token(&app.address, "alice", 7200, SECRET),
            "too long",
        ),
        ("garbage".to_string(), "cannot read"),
    ] {
        let response = open_frame(&app, HOST, &token).await;
        assert_eq!(response.status(), 403, "{says}");
        let html = response.text().await.unwrap();
        assert!(
            text(&html, "[role=alert]").contains(says),
            "{says}: {}",
            text(&html, "[role=alert]")
        );
        assert!(
            !html.contains("metadata-form"),
            "no upload form after a refusal"
        );
        assert!(
            app.history().await.is_empty(),
            "{says}: alice is signed out, not kept"
        );
    }
}

#[tokio::test]
async fn a_refused_sign_in_is_explained_whole_in_the_visitors_language() {
    let app = embeddable_app().await;
    let token = identity_token(&app.address, "alice", -300, SECRET);
    let response = app
        .browser
        .post(app.url("/embed"))
        .header("origin", HOST)
        .header("sec-fetch-dest", "iframe")
        .header("accept-language", "de")
        .form(&[("identity", token.as_str()), ("title", ""), ("tags", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let alert = text(&response.text().await.unwrap(), "[role=alert]");
    assert_eq!(
        alert,
        "Ihre Anmeldung von der Website, von der Sie kamen, ist abgelaufen. \
         Laden Sie die Seite, von der Sie kamen, neu, um es erneut zu versuchen.",
        "both sentences in German, no English left"
    );
}
