//! Levers for tests and demonstrations: expire a token, finish encoding now, take permissions
//! away or make chunks fail, so a portal's handling of each can be shown without waiting.

use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use super::{PermissionLevel, Sandbox};

impl Sandbox {
    /// Makes the token's `valid_until` pass now.
    pub fn expire_token(&self, upload_token: &str) {
        if let Some(token) = self.state().tokens.get_mut(upload_token) {
            token.valid_until = SystemTime::now() - Duration::from_secs(1);
        }
    }

    /// Marks a photo as encoded immediately.
    pub fn finish_encoding(&self, photo_id: i64) {
        let now = SystemTime::now();
        let mut state = self.state();
        if let Some(photo) = state.photos.iter_mut().find(|p| p.photo_id == photo_id) {
            photo.encoded_at = photo.encoded_at.min(now);
        }
    }

    /// Changes what the configured credentials may do, e.g. `Read` to show an operator what a
    /// portal with credentials lacking write permission looks like.
    pub fn set_permission_level(&self, level: PermissionLevel) {
        *self
            .inner
            .permission_level
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = level;
    }

    pub fn set_cross_origin_uploads(&self, allow: bool) {
        self.inner
            .cross_origin_uploads
            .store(allow, Ordering::Relaxed);
    }

    /// The next `count` chunk POSTs answer `status` and store nothing.
    pub fn fail_next_chunks(&self, count: u32, status: u16) {
        self.state().failing_chunks = (count > 0).then_some((count, status));
    }

    /// The next `count` photo/update or photo/delete calls answer HTTP 503 and change nothing,
    /// as a site behind a failing proxy would.
    pub fn fail_next_photo_edits(&self, count: u32) {
        self.state().failing_photo_edits = count;
    }
}
