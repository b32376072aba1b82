//! The refresher's tick: ask 23 about every due video that is still being encoded.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{BATCH, LEASE_SECS, backoff};
use crate::flows::refresh_photo;
use crate::state::AppState;
use crate::uploads::{Photo, now};

/// Asks 23 about every due video that is still being encoded.
pub async fn refresh_tick(state: &AppState, every: Duration, stop: &CancellationToken) {
    let now = now();
    let due = match state
        .store
        .claim_photos_to_refresh(now, LEASE_SECS, BATCH)
        .await
    {
        Ok(due) => due,
        Err(error) => return tracing::warn!(%error, "could not list videos to refresh"),
    };
    for photo in due {
        if stop.is_cancelled() {
            break;
        }
        refresh_one(state, &photo, every, now).await;
    }
}

/// Asks 23 about one video and, unless it is now encoded, schedules the next look.
async fn refresh_one(state: &AppState, photo: &Photo, every: Duration, now: i64) {
    let encoded = refresh_photo(state, photo).await;
    if let Err(error) = &encoded {
        tracing::warn!(photo_id = photo.photo_id, %error, "could not refresh a video");
    }
    if matches!(encoded, Ok(true)) {
        return;
    }
    // As for uploads: a failed read must not reset the backoff to its first step.
    let attempts = match state
        .store
        .refresh_attempts(photo.upload_id, photo.photo_id)
        .await
    {
        Ok(attempts) => attempts.saturating_add(1),
        Err(error) => {
            return tracing::warn!(photo_id = photo.photo_id, %error, "could not read the refresh attempts; skipped until the lease ends");
        }
    };
    // Encoding takes minutes; look every ≤ 30 s for the first hours, then every 5 minutes.
    let cap = if attempts < 500 { 30 } else { 300 };
    let at = now + backoff(every, attempts, cap);
    if let Err(error) = state
        .store
        .schedule_next_refresh(photo.upload_id, photo.photo_id, at, attempts)
        .await
    {
        tracing::warn!(photo_id = photo.photo_id, %error, "could not schedule the next refresh");
    }
}
