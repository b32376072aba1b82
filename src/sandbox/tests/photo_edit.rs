//! photo/update and photo/delete over HTTP, and the portal's client driving both.

use std::time::Duration;

use serde_json::Value;

use super::listing::{ids, list, uploaded};
use super::*;
use crate::sandbox::PermissionLevel;
use crate::twentythree::{self, PhotoUpdate};

const UPDATE: &str = "/api/photo/update";
const DELETE: &str = "/api/photo/delete";

async fn signed_json(ts: &TestSandbox, path: &str, params: &[(&str, &str)]) -> Value {
    let mut all = params.to_vec();
    all.extend([("format", "json"), ("raw", "1")]);
    ts.signed_post(path, &all).await.json().await.unwrap()
}

fn client_of(ts: &TestSandbox) -> twentythree::Client {
    twentythree::Client::new(
        Url::parse(&ts.base).unwrap(),
        ts.credentials().clone(),
        Duration::from_secs(5),
    )
    .unwrap()
}

#[tokio::test]
async fn a_signed_photo_update_publishes_the_video_and_changes_only_the_fields_sent() {
    let ts = spawn().await;
    let (_, photo_id) = uploaded(
        &ts,
        &[("publish", "0"), ("title", "Before"), ("tags", "a b")],
    )
    .await;
    assert!(
        ids(&list(&ts, &[]).await).is_empty(),
        "unpublished: not listed anonymously"
    );
    let id = photo_id.to_string();

    let json = signed_json(
        &ts,
        UPDATE,
        &[
            ("photo_id", &id),
            ("published_p", "1"),
            ("title", "<b>After</b>"),
        ],
    )
    .await;

    assert_eq!(json["status"], "ok", "{json}");
    assert_eq!(json["message"], "The photo was updated");
    let photo = ts.sandbox.photos().pop().unwrap();
    assert!(photo.published);
    assert_eq!(
        (photo.title.as_str(), photo.tags.as_str()),
        ("After", "a b")
    );
    assert_eq!(
        ids(&list(&ts, &[]).await),
        std::slice::from_ref(&id),
        "published: listed anonymously"
    );
    let calls = ts.sandbox.photo_calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].endpoint, UPDATE);
    assert_eq!(calls[0].permission_level, PermissionLevel::Write);
    assert_eq!(calls[0].photo_id, Some(photo_id));
    assert_eq!(calls[0].param("published_p"), Some("1"));

    signed_json(&ts, UPDATE, &[("photo_id", &id), ("published_p", "0")]).await;
    assert!(ids(&list(&ts, &[]).await).is_empty(), "unpublished again");
}

#[tokio::test]
async fn photo_update_and_delete_need_write_a_valid_signature_and_a_known_photo_id() {
    let ts = spawn().await;
    let (_, photo_id) = uploaded(&ts, &[("publish", "0")]).await;
    let id = photo_id.to_string();
    for path in [UPDATE, DELETE] {
        let unsigned: Value = ts
            .client
            .post(ts.url(path))
            .form(&pairs(&[
                ("photo_id", &id),
                ("published_p", "1"),
                ("format", "json"),
                ("raw", "1"),
            ]))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(unsigned["code"], "permission_denied", "{path}: {unsigned}");
        let forged: Value = ts
            .client
            .post(ts.url(path))
            .header(
                "Authorization",
                format!(
                    r#"OAuth oauth_consumer_key="{}", oauth_token="{}", oauth_signature_method="HMAC-SHA1", oauth_timestamp="{}", oauth_nonce="n{path}", oauth_signature="forged""#,
                    ts.credentials().consumer_key,
                    ts.credentials().token,
                    ProtocolParams::fresh().timestamp
                ),
            )
            .form(&pairs(&[("photo_id", &id), ("format", "json"), ("raw", "1")]))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(forged["code"], "invalid_signature", "{path}: {forged}");
        let missing = signed_json(&ts, path, &[]).await;
        assert_eq!(missing["code"], "invalid_input", "{path}: {missing}");
        let unknown = signed_json(&ts, path, &[("photo_id", "999999")]).await;
        assert_eq!(unknown["code"], "no_such_photo", "{path}: {unknown}");
    }
    ts.sandbox.set_permission_level(PermissionLevel::Read);
    for path in [UPDATE, DELETE] {
        let read_only = signed_json(&ts, path, &[("photo_id", &id), ("published_p", "1")]).await;
        assert_eq!(
            read_only["code"], "permission_denied",
            "{path}: {read_only}"
        );
        assert!(
            read_only["message"].as_str().unwrap().contains("'write'"),
            "{read_only}"
        );
    }
    let photo = ts.sandbox.photos().pop().unwrap();
    assert_eq!(photo.photo_id, photo_id, "nothing was deleted");
    assert!(!photo.published, "nothing was published");
}

#[tokio::test]
async fn a_signed_photo_delete_removes_the_video_and_its_file_and_a_second_finds_nothing() {
    let ts = spawn().await;
    let (_, kept) = uploaded(&ts, &[]).await;
    let (_, deleted) = uploaded(&ts, &[]).await;
    let file = ts.sandbox.photos().pop().unwrap().stored_at;
    assert!(file.exists());
    let id = deleted.to_string();

    let json = signed_json(&ts, DELETE, &[("photo_id", &id)]).await;

    assert_eq!(json["status"], "ok", "{json}");
    assert!(!file.exists(), "the file went with the photo");
    let left: Vec<i64> = ts.sandbox.photos().iter().map(|p| p.photo_id).collect();
    assert_eq!(left, [kept]);
    assert_eq!(ids(&list(&ts, &[]).await), [kept.to_string()]);
    let again = signed_json(&ts, DELETE, &[("photo_id", &id)]).await;
    assert_eq!(again["code"], "no_such_photo");
}

#[tokio::test]
async fn the_client_publishes_and_deletes_through_the_sandbox_with_signed_calls() {
    let ts = spawn().await;
    let (_, photo_id) = uploaded(&ts, &[("publish", "0")]).await;
    let client = client_of(&ts);

    let update = PhotoUpdate {
        photo_id,
        published: Some(true),
        tags: Some("approved".into()),
        ..Default::default()
    };
    client.photo_update(&update).await.unwrap();
    let photo = ts.sandbox.photos().pop().unwrap();
    assert!(photo.published);
    assert_eq!(photo.tags, "approved");

    client.photo_delete(photo_id).await.unwrap();
    assert!(ts.sandbox.photos().is_empty());
    // A retried delete whose first answer was lost still reports success.
    client.photo_delete(photo_id).await.unwrap();

    let calls = ts.sandbox.photo_calls();
    let seen: Vec<_> = calls
        .iter()
        .map(|c| (c.endpoint, c.photo_id, c.permission_level))
        .collect();
    assert_eq!(
        seen,
        [
            (UPDATE, Some(photo_id), PermissionLevel::Write),
            (DELETE, Some(photo_id), PermissionLevel::Write),
            (DELETE, Some(photo_id), PermissionLevel::Write),
        ]
    );
    assert_eq!(calls[0].param("published_p"), Some("1"));
}

#[tokio::test]
async fn a_failing_site_changes_nothing_and_the_client_reports_it_as_transient() {
    let ts = spawn().await;
    let (_, photo_id) = uploaded(&ts, &[("publish", "0")]).await;
    let client = client_of(&ts);
    ts.sandbox.fail_next_photo_edits(2);

    let publish = PhotoUpdate {
        photo_id,
        published: Some(true),
        ..Default::default()
    };
    let update = client.photo_update(&publish).await.unwrap_err();
    let delete = client.photo_delete(photo_id).await.unwrap_err();

    assert!(
        update.is_transient() && delete.is_transient(),
        "{update:?} {delete:?}"
    );
    let photo = ts.sandbox.photos().pop().unwrap();
    assert!(!photo.published);
    client.photo_update(&publish).await.unwrap();
    assert!(ts.sandbox.photos().pop().unwrap().published);
}
