//! The upload domain: what an upload is, its states, and the rules for trusting a callback.
//! No HTTP and no SQL here; routes and jobs call into this.

pub mod callback;
pub mod campaign;
pub mod fields;
pub mod metadata;
pub mod publishing;
pub mod return_url;
pub mod review;
pub mod service_error;
pub mod status;

pub use callback::{CallbackOutcome, CallbackParams};
pub use metadata::{Metadata, MetadataForm};
pub use publishing::PublishPolicy;
pub use return_url::ReturnUrlSigner;
pub use review::{Decision, Review};
pub use service_error::ServiceError;
pub use status::{Event, Status};

/// One minted upload token and what became of it, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub id: i64,
    pub visitor_id: String,
    pub nonce: String,
    pub upload_token: String,
    pub metadata: Metadata,
    pub status: Status,
    pub error_message: Option<String>,
    pub max_uploads: u32,
    /// Epoch seconds after which 23 no longer accepts the token.
    pub valid_until: i64,
    pub created_at: i64,
    /// The file the visitor's page last chose for it (23 does not say), for the history.
    pub file: Option<ChosenFile>,
    /// Where it stands with the operator; `None` when nobody reviews it.
    pub review: Option<Review>,
}

/// A file's name and size as the visitor's browser reported them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenFile {
    pub name: String,
    pub size: u64,
}

impl Upload {
    /// The status a visitor should see now: a pending token past its deadline is expired
    /// even before a background job has written that down.
    pub fn effective_status(&self, now: i64) -> Status {
        match self.status {
            Status::Pending if now > self.valid_until => Status::Expired,
            other => other,
        }
    }
}

/// A video that 23 made from an upload token (one token may yield several).
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub upload_id: i64,
    pub photo_id: i64,
    pub tree_id: Option<i64>,
    /// 23's per-video secret; needed for links to unpublished videos.
    pub token: Option<String>,
    /// `unverified` while 23 could not be asked, `uploaded` once it confirmed the video,
    /// `ready` once 23 finished encoding it.
    pub status: Status,
    pub video_url: Option<String>,
    /// Absolute URL of a thumbnail, known once the video is encoded.
    pub thumbnail_url: Option<String>,
    /// Seconds.
    pub video_length: Option<f64>,
}

/// Current time as Unix epoch seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
