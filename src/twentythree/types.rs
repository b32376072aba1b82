//! The requests the portal makes of 23 and the answers it gets, in 23's own vocabulary
//! ("photo" is 23's word for a video).

/// What the portal asks `/api/photo/get-upload-token` for.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadTokenRequest {
    pub title: String,
    pub description: String,
    /// Space-separated, as 23 expects.
    pub tags: String,
    pub publish: bool,
    pub album_id: Option<String>,
    pub valid_minutes: Option<u32>,
    pub max_uploads: Option<u32>,
    /// Where 23 sends the browser after the upload; built only from the configured public URL.
    pub return_url: String,
}

/// 23's answer to get-upload-token.
///
/// `upload_token` is a bearer secret for uploading into the site until `valid_until`. Debug shows
/// it (it is not an operator secret, and tests need to see it), but nothing may log it in full.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadToken {
    pub upload_token: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub publish: bool,
    pub album_id: Option<String>,
    pub max_uploads: u32,
    pub valid_minutes: u32,
    /// Unix epoch seconds.
    pub valid_until: i64,
    pub return_url: String,
}

/// The most items one `/api/photo/list` page holds (`size`; docs/23-api.md §8.2).
pub const LIST_PAGE_MAX: u32 = 100;

/// Filters for `/api/photo/list`. `Default` lists published photos, first page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhotoListQuery {
    pub photo_id: Option<i64>,
    /// The photo's own secret token: with `photo_id`, it grants access whatever the permission level.
    pub token: Option<String>,
    /// Only photos created through this upload token.
    pub upload_token: Option<String>,
    pub include_unpublished: bool,
    /// `Some(false)` lists only photos still waiting for transcoding.
    pub video_encoded: Option<bool>,
    pub page: Option<u32>,
    /// 23 defaults to 20 and allows at most 100.
    pub size: Option<u32>,
}

/// One page of `/api/photo/list`.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoList {
    pub photos: Vec<Photo>,
    /// Matches across all pages, as 23 reports it.
    pub total_count: u64,
}

/// One video as 23 describes it in photo/list.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub photo_id: i64,
    /// Absent in classic photo/list items; then taken from a `*_download` path when possible.
    pub tree_id: Option<i64>,
    pub token: String,
    pub title: String,
    /// Page URL relative to the site, e.g. `/video/60433`.
    pub one: Option<String>,
    pub absolute_url: Option<String>,
    /// When 23 made the photo, Unix seconds by 23's clock.
    pub creation_date_epoch: Option<i64>,
    pub published: bool,
    /// False until 23 has finished transcoding.
    pub video_encoded: bool,
    /// Seconds.
    pub video_length: Option<f64>,
    /// Site-relative thumbnail paths `/{tree_id}/{photo_id}/{token}/{size}`; absent until ready.
    pub quad100_download: Option<String>,
    pub small_download: Option<String>,
}

/// Changes to an upload that 23 already accepted (`/api/photo/update-upload-token`).
/// `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadTokenUpdate {
    pub upload_token: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Option<String>,
}

/// Changes to a video 23 has (`/api/photo/update`); `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhotoUpdate {
    pub photo_id: i64,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Space-separated, as 23 expects; replaces the video's tags.
    pub tags: Option<String>,
    pub album_id: Option<String>,
    /// `Some(true)` publishes the video (`published_p=1`), `Some(false)` unpublishes it.
    pub published: Option<bool>,
}

/// 23's permission levels, lowest first (`none < anonymous < read < write < admin < super`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PermissionLevel {
    None,
    Anonymous,
    Read,
    Write,
    Admin,
    Super,
}

impl PermissionLevel {
    /// The name 23 uses in `permission_level="…"` and in permission error messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Anonymous => "anonymous",
            Self::Read => "read",
            Self::Write => "write",
            Self::Admin => "admin",
            Self::Super => "super",
        }
    }

    /// Parses 23's `permission_level` value; `None` for a word 23 never documented.
    pub fn parse(value: &str) -> Option<Self> {
        Some(match value.trim().to_ascii_lowercase().as_str() {
            "none" => Self::None,
            "anonymous" => Self::Anonymous,
            "read" => Self::Read,
            "write" => Self::Write,
            "admin" => Self::Admin,
            "super" => Self::Super,
            _ => return None,
        })
    }
}

/// The first few characters of an upload token: enough to match log lines, useless to an attacker.
pub fn token_prefix(token: &str) -> &str {
    let end = token
        .char_indices()
        .nth(6)
        .map_or(token.len(), |(index, _)| index);
    &token[..end]
}

impl std::fmt::Display for PermissionLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
