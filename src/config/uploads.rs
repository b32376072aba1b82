//! What every upload token asks 23 for, and how the page sends files.

use super::error::{ConfigError, invalid};
use super::vars::Vars;
use crate::uploads::PublishPolicy;

/// What every upload token asks 23 for, chosen by the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadDefaults {
    pub album_id: Option<String>,
    pub publish: bool,
    pub valid_minutes: u32,
    pub max_uploads: u32,
    /// Largest file the page lets a visitor pick, in MiB (checked in the browser before sending).
    pub max_file_mb: u32,
    /// Files above this many MiB are sent in Resumable.js chunks, so a dropped connection resumes.
    pub chunked_above_mb: u32,
    /// Chunk size in MiB.
    pub chunk_size_mb: u32,
    /// Who decides what goes live for the default campaign (`MODERATION=on`: the operator).
    pub policy: PublishPolicy,
}

impl UploadDefaults {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        Ok(Self {
            album_id: vars.get("UPLOAD_ALBUM_ID"),
            publish: vars.flag("UPLOAD_PUBLISH", true)?,
            valid_minutes: vars.number("UPLOAD_VALID_MINUTES", 180, 15..=1440)?,
            max_uploads: vars.number("UPLOAD_MAX_FILES", 1, 1..=100)?,
            max_file_mb: vars.number("UPLOAD_MAX_FILE_MB", 4096, 1..=16_384)?,
            chunked_above_mb: vars.number("UPLOAD_CHUNKED_ABOVE_MB", 8, 1..=16_384)?,
            chunk_size_mb: vars.number("UPLOAD_CHUNK_SIZE_MB", 8, 1..=512)?,
            policy: moderation(vars)?,
        })
    }
}

/// `MODERATION=on` holds every upload of the default campaign for the operator's approval.
fn moderation(vars: &Vars) -> Result<PublishPolicy, ConfigError> {
    match vars.get("MODERATION").as_deref().map(str::trim) {
        None | Some("off" | "0" | "false" | "no") => Ok(PublishPolicy::VisitorChooses),
        Some("on" | "1" | "true" | "yes") => Ok(PublishPolicy::ApprovalFirst),
        Some(other) => Err(invalid(
            "MODERATION",
            format!("'{other}' must be on or off"),
        )),
    }
}
