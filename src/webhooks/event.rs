//! What the host site is told: the event types and the JSON body of each delivery.
//!
//! The body is built once, when the event is written to the outbox, and every attempt sends the
//! same bytes under the same `webhook-id`; receivers deduplicate on that id.

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::uploads::{Photo, Upload};

/// The kinds of event, as named in the body's `type` (part of the contract with receivers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventType {
    /// A token was minted: the visitor described a video and may now send it.
    UploadCreated,
    /// 23 confirmed a video made from the token (once per video).
    UploadReceived,
    /// 23 reported an error for the upload.
    UploadFailed,
    /// The token's deadline passed with nothing sent.
    UploadExpired,
    /// 23 finished encoding a video (once per video).
    VideoReady,
    /// The operator approved the upload and 23 published its videos.
    UploadApproved,
    /// The operator rejected the upload and 23 removed its videos (or keeps them unpublished).
    UploadRejected,
    /// The visitor withdrew the upload and 23 deleted its videos.
    UploadWithdrawn,
    /// `upload-portal check` asking whether the receiver answers; never stored.
    Ping,
}

impl EventType {
    pub const ALL: [EventType; 9] = [
        EventType::UploadCreated,
        EventType::UploadReceived,
        EventType::UploadFailed,
        EventType::UploadExpired,
        EventType::VideoReady,
        EventType::UploadApproved,
        EventType::UploadRejected,
        EventType::UploadWithdrawn,
        EventType::Ping,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::UploadCreated => "upload.created",
            EventType::UploadReceived => "upload.received",
            EventType::UploadFailed => "upload.failed",
            EventType::UploadExpired => "upload.expired",
            EventType::VideoReady => "video.ready",
            EventType::UploadApproved => "upload.approved",
            EventType::UploadRejected => "upload.rejected",
            EventType::UploadWithdrawn => "upload.withdrawn",
            EventType::Ping => "ping",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// `data` of an upload event: what the host needs to attach the video to its own records.
/// Fields 23 has not told us yet are left out rather than sent as null.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadData {
    pub upload_id: i64,
    /// The visitor's id, or `user:<name>` when the operator's proxy names the user.
    pub visitor: String,
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub status: String,
    /// Where the upload stands with the operator (`waiting`, `approved`, …), when reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length_seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

impl UploadData {
    /// The upload as it stands after the change, and the video the event is about, if any.
    pub fn new(upload: &Upload, photo: Option<&Photo>) -> UploadData {
        UploadData {
            upload_id: upload.id,
            visitor: upload.visitor_id.clone(),
            title: upload.metadata.title.clone(),
            description: upload.metadata.description.clone(),
            tags: upload
                .metadata
                .tags
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            status: upload.status.as_str().to_string(),
            review: upload.review.map(|r| r.as_str().to_string()),
            photo_id: photo.map(|p| p.photo_id),
            tree_id: photo.and_then(|p| p.tree_id),
            token: photo.and_then(|p| p.token.clone()),
            video_url: photo.and_then(|p| p.video_url.clone()),
            thumbnail_url: photo.and_then(|p| p.thumbnail_url.clone()),
            length_seconds: photo.and_then(|p| p.video_length),
            error_message: upload.error_message.clone(),
        }
    }
}

/// One event ready for the outbox: its id, its type and the exact bytes every attempt will send.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    /// The Standard Webhooks `webhook-id`: `msg_` and 24 random characters.
    pub webhook_id: String,
    pub event_type: EventType,
    /// `None` only for `ping`.
    pub upload_id: Option<i64>,
    pub payload: String,
    /// When the change happened, in Unix milliseconds.
    pub created_at_ms: i64,
}

impl OutboxEvent {
    /// An event about an upload, happening now.
    pub fn about(event_type: EventType, upload: &Upload, photo: Option<&Photo>) -> OutboxEvent {
        let data = UploadData::new(upload, photo);
        OutboxEvent::new(event_type, Some(upload.id), &data)
    }

    pub fn new(event_type: EventType, upload_id: Option<i64>, data: &impl Serialize) -> Self {
        let at = OffsetDateTime::now_utc();
        OutboxEvent {
            webhook_id: format!("msg_{}", crate::random::token(24)),
            event_type,
            upload_id,
            payload: body(event_type, at, data),
            created_at_ms: (at.unix_timestamp_nanos() / 1_000_000) as i64,
        }
    }
}

/// `{"type": …, "timestamp": RFC 3339, "data": {…}}`, as Standard Webhooks suggests.
pub fn body(event_type: EventType, at: OffsetDateTime, data: &impl Serialize) -> String {
    #[derive(Serialize)]
    struct Body<'a, D: Serialize> {
        #[serde(rename = "type")]
        kind: &'a str,
        timestamp: String,
        data: &'a D,
    }
    let timestamp = at
        .replace_nanosecond(0)
        .unwrap_or(at)
        .format(&Rfc3339)
        .unwrap_or_default();
    serde_json::to_string(&Body {
        kind: event_type.as_str(),
        timestamp,
        data,
    })
    .expect("event data serialises")
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
