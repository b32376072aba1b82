//! What a sandbox is started with: the credentials it accepts and how it behaves.

use std::path::PathBuf;
use std::time::Duration;

use crate::twentythree::oauth::Credentials;

/// 23's permission levels, weakest first, so `>=` reads as "at least".
pub use crate::twentythree::PermissionLevel;

#[derive(Debug, Clone)]
pub struct SandboxSettings {
    /// The privileged credentials it accepts (23 hands these out as one complete set).
    pub credentials: Credentials,
    /// What those credentials may do.
    pub permission_level: PermissionLevel,
    /// Uploaded files and pending chunks go here; created if missing.
    pub storage_dir: PathBuf,
    /// A video counts as encoded this long after its upload finished.
    pub encoding_delay: Duration,
    /// Whether redeem-upload-token answers CORS preflights and sets `Access-Control-Allow-Origin`.
    pub allow_cross_origin_uploads: bool,
    /// Cap on one non-resumable upload (23 documents 4 GB).
    pub max_file_size: u64,
    /// An upload whose client sends nothing for this long is abandoned (its partial file deleted).
    pub upload_idle_timeout: Duration,
    /// Everything under `storage_dir` together stays below this: a file that would pass it is
    /// refused as too large.
    pub disk_quota: u64,
    /// Stored files together are kept below this: each new one lets the oldest go beyond it
    /// (their videos stay listed, their files are gone), so a long-running sandbox's disk use
    /// stays bounded. The newest file is always kept, even one bigger than this on its own.
    pub store_max: u64,
    /// The site's albums (channels), for `/api/album/list`.
    pub albums: Vec<super::albums::SandboxAlbum>,
}

impl SandboxSettings {
    pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 * 1024 * 1024 * 1024;
    pub const DEFAULT_DISK_QUOTA: u64 = 20 * 1024 * 1024 * 1024;
    pub const DEFAULT_STORE_MAX: u64 = 10 * 1024 * 1024 * 1024;

    pub fn new(credentials: Credentials, storage_dir: PathBuf) -> Self {
        Self {
            credentials,
            permission_level: PermissionLevel::Write,
            storage_dir,
            encoding_delay: Duration::from_secs(5),
            allow_cross_origin_uploads: true,
            max_file_size: Self::DEFAULT_MAX_FILE_SIZE,
            upload_idle_timeout: Duration::from_secs(60),
            disk_quota: Self::DEFAULT_DISK_QUOTA,
            store_max: Self::DEFAULT_STORE_MAX,
            albums: super::albums::SandboxAlbum::defaults(),
        }
    }

    /// Cap on a whole resumable upload. 23 allows 4–16 GB depending on the plan; the sandbox
    /// takes the generous end, expressed relative to the non-resumable cap so tests can shrink both.
    pub fn max_resumable_size(&self) -> u64 {
        self.max_file_size.saturating_mul(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_levels_are_ordered_weakest_first() {
        assert!(PermissionLevel::None < PermissionLevel::Anonymous);
        assert!(PermissionLevel::Anonymous < PermissionLevel::Read);
        assert!(PermissionLevel::Read < PermissionLevel::Write);
        assert!(PermissionLevel::Write < PermissionLevel::Admin);
        assert!(PermissionLevel::Admin < PermissionLevel::Super);
    }

    #[test]
    fn new_settings_default_to_write_a_five_second_encoding_and_cors_on() {
        let settings = SandboxSettings::new(Credentials::generate(), PathBuf::from("/tmp/x"));
        assert_eq!(settings.permission_level, PermissionLevel::Write);
        assert_eq!(settings.encoding_delay, Duration::from_secs(5));
        assert!(settings.allow_cross_origin_uploads);
        assert_eq!(settings.max_file_size, 4 << 30);
    }

    #[test]
    fn debug_output_of_settings_hides_the_secrets() {
        let credentials = Credentials::generate();
        let secret = secrecy::ExposeSecret::expose_secret(&credentials.consumer_secret).to_owned();
        let settings = SandboxSettings::new(credentials, PathBuf::from("/tmp/x"));
        assert!(!format!("{settings:?}").contains(&secret));
    }
}
