use serde_json::{Value, json};

use super::*;
use crate::uploads::{Metadata, Status};

fn upload() -> Upload {
    Upload {
        id: 42,
        visitor_id: "user:alice".into(),
        nonce: "n".into(),
        upload_token: "secret-token".into(),
        metadata: Metadata {
            title: "Beach".into(),
            description: "Waves".into(),
            tags: "sun sea".into(),
            publish: true,
        },
        status: Status::Ready,
        error_message: None,
        max_uploads: 1,
        valid_until: 0,
        created_at: 0,
        file: None,
        review: None,
    }
}

fn photo() -> Photo {
    Photo {
        upload_id: 42,
        photo_id: 1001,
        tree_id: Some(77),
        token: Some("ptok".into()),
        status: Status::Ready,
        video_url: Some("https://videos.example.com/video/1001".into()),
        thumbnail_url: Some("https://videos.example.com/t.jpg".into()),
        video_length: Some(12.5),
    }
}

#[test]
fn the_body_has_type_timestamp_and_data_with_numbers_as_numbers() {
    let event = OutboxEvent::about(EventType::VideoReady, &upload(), Some(&photo()));
    let body: Value = serde_json::from_str(&event.payload).unwrap();
    assert_eq!(body["type"], "video.ready");
    let stamp = body["timestamp"].as_str().unwrap();
    // RFC 3339 in UTC to the second: 2026-12-02T00:30:00Z.
    let shape: String = stamp
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    assert_eq!(shape, "9999-99-99T99:99:99Z", "{stamp}");
    assert_eq!(
        body["data"],
        json!({
            "upload_id": 42, "visitor": "user:alice", "title": "Beach", "description": "Waves",
            "tags": ["sun", "sea"], "status": "ready", "photo_id": 1001, "tree_id": 77,
            "token": "ptok", "video_url": "https://videos.example.com/video/1001",
            "thumbnail_url": "https://videos.example.com/t.jpg", "length_seconds": 12.5
        })
    );
    assert!(
        !event.payload.contains("secret-token"),
        "the upload token is ours, not the host's"
    );
}

#[test]
fn unknown_fields_are_left_out_and_each_event_gets_its_own_id() {
    let mut failed = upload();
    failed.status = Status::Failed;
    failed.error_message = Some("Unsupported format".into());
    let a = OutboxEvent::about(EventType::UploadFailed, &failed, None);
    let b = OutboxEvent::about(EventType::UploadFailed, &failed, None);
    let data = &serde_json::from_str::<Value>(&a.payload).unwrap()["data"];
    assert_eq!(data["error_message"], "Unsupported format");
    assert!(data.get("photo_id").is_none() && data.get("video_url").is_none());
    assert!(a.webhook_id.starts_with("msg_") && a.webhook_id.len() == 28);
    assert_ne!(a.webhook_id, b.webhook_id);
    assert_eq!(a.to_delivery().unwrap().upload_id, 42);
}

#[test]
fn type_names_round_trip() {
    for t in EventType::ALL {
        assert_eq!(EventType::parse(t.as_str()), Some(t));
    }
}
