//! The host site ends a user's frame sessions through the admin API: open sessions end at their
//! next request, older tokens no longer sign in (no replay), a newer one does.

use super::{HOST, SECRET, embeddable_app_with, open_frame, sign_in};
use crate::helpers::{TestApp, identity_token, spawn_app, text};

const API_TOKEN: &str = "an admin API token of 32 or more characters";

async fn sign_out(app: &TestApp, user: &str, bearer: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(app.url(&format!("/admin/api/users/{}/sign-out", urlencoding(user))));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

fn urlencoding(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[tokio::test]
async fn a_signed_out_users_frame_sessions_end_and_their_old_tokens_cannot_be_replayed() {
    let app = embeddable_app_with(|vars| {
        vars.insert("ADMIN_API_TOKEN".into(), API_TOKEN.into());
    })
    .await;
    // Issued a few seconds before the sign-out, as a token leaked earlier would be.
    let now = upload_portal::uploads::now();
    let old = crate::helpers::identity_token_with(
        serde_json::json!({"sub": "alice@example.com", "aud": app.address, "iat": now - 5, "exp": now + 600}),
        SECRET,
    );
    sign_in(&app, &old).await;
    app.complete_upload("Alice's video").await;
    assert_eq!(app.history().await.len(), 1);

    let answer = sign_out(&app, "alice@example.com", Some(API_TOKEN)).await;
    assert_eq!(answer.status(), 200);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["sub"], "alice@example.com");
    assert!(body["not_before"].as_i64().unwrap() >= now);

    assert!(app.history().await.is_empty(), "the open session ended");
    let replay = open_frame(&app, HOST, &old).await;
    assert_eq!(replay.status(), 403, "the old token is no good any more");
    assert!(text(&replay.text().await.unwrap(), "[role=alert]").contains("signed you out"));

    // The host signs the user in again with a token made after the sign-out.
    sign_in(
        &app,
        &identity_token(&app.address, "alice@example.com", 600, SECRET),
    )
    .await;
    assert_eq!(app.history().await.len(), 1, "the same history again");
}

#[tokio::test]
async fn the_sign_out_call_needs_the_admin_api_token_and_without_one_configured_does_not_exist() {
    let app = embeddable_app_with(|vars| {
        vars.insert("ADMIN_API_TOKEN".into(), API_TOKEN.into());
    })
    .await;
    for bearer in [
        None,
        Some("wrong token, even a long one, is wrong"),
        Some(""),
    ] {
        let answer = sign_out(&app, "alice", bearer).await;
        assert_eq!(answer.status(), 401, "{bearer:?}");
        assert!(
            answer.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
    }
    let off = spawn_app().await;
    assert_eq!(sign_out(&off, "alice", Some(API_TOKEN)).await.status(), 404);
}
