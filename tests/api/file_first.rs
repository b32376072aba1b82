//! The page that takes the file first: it mints as JSON and stays where it is, and the details the
//! visitor types reach 23 before the callback (update-upload-token) and after it (photo/update).

use crate::helpers::{TestApp, spawn_app};

async fn edit_details(app: &TestApp, id: i64, title: &str) -> reqwest::StatusCode {
    let csrf = app.csrf_token().await;
    app.browser
        .post(app.url(&format!("/uploads/{id}/details")))
        .header("x-csrf-token", csrf)
        .header("accept", "application/json")
        .form(&[
            ("title", title),
            ("description", "Said after"),
            ("tags", "after edit"),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn the_first_page_mints_as_json_and_a_refusal_is_explained_as_json() {
    let app = spawn_app().await;
    let csrf = app.csrf_token().await;
    let minted: serde_json::Value = app
        .browser
        .post(app.url("/uploads"))
        .header("accept", "application/json")
        .form(&[("csrf_token", csrf.as_str()), ("title", "holiday")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = minted["upload_token"].as_str().unwrap();
    assert_eq!(app.sandbox.upload_token(token).unwrap().title, "holiday");
    assert_eq!(minted["remaining"], 1);
    let id = minted["id"].as_i64().unwrap();
    assert_eq!(
        minted["send_url"].as_str().unwrap(),
        format!("/uploads/{id}/send")
    );

    let refused = app
        .browser
        .post(app.url("/uploads"))
        .header("accept", "application/json")
        .form(&[("csrf_token", csrf.as_str()), ("title", " ")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "Give your video a title.");
    assert_eq!(
        app.sandbox.upload_tokens().len(),
        1,
        "no token for a refusal"
    );
}

#[tokio::test]
async fn details_edited_after_the_callback_reach_the_video_through_photo_update() {
    let app = spawn_app().await;
    app.complete_upload("Before").await;
    let id = app.newest_upload_id().await;

    assert_eq!(edit_details(&app, id, "After").await, 200);

    let photo = app.sandbox.photos().remove(0);
    assert_eq!(
        (
            photo.title.as_str(),
            photo.description.as_str(),
            photo.tags.as_str()
        ),
        ("After", "Said after", "after edit")
    );
    let calls = app.sandbox.photo_calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].endpoint, "/api/photo/update");
    assert_eq!(calls[0].photo_id, Some(photo.photo_id));
    assert_eq!(calls[0].param("title"), Some("After"));
    assert_eq!(app.history().await[0].title, "After");
}

#[tokio::test]
async fn an_edit_made_while_the_callback_is_in_flight_is_not_lost() {
    let app = spawn_app().await;
    let form = app.mint("Before").await;
    let callback = app.upload_video(&form).await;
    let id = app.newest_upload_id().await;

    let (status, response) = tokio::join!(edit_details(&app, id, "Raced"), app.follow(&callback));
    assert_eq!(status, 200);
    assert_eq!(response.status(), 303, "the callback was recorded");

    assert_eq!(app.sandbox.photos()[0].title, "Raced", "23 has the edit");
    assert_eq!(
        app.history().await[0].title,
        "Raced",
        "and so does the history"
    );
}
