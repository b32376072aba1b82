//! The refresher's tick: one round over every due video that is still being encoded.
//!
//! A round claims all due videos, lets one listing answer for them (`flows::refresh_round`) and
//! puts those still encoding on the next round, due together on a shared grid of the refresh
//! interval so that instances and late arrivals fall into the same round. Only what the listing
//! did not settle is asked about singly, with the per-video backoff. If the listing fails, the
//! round is today's per-video look at a batch, so nothing is lost while 23 is down.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{BATCH, LEASE_SECS, backoff};
use crate::flows::refresh::{MAX_ENCODING_PAGES, refresh_round};
use crate::flows::refresh_photo;
use crate::state::AppState;
use crate::twentythree::LIST_PAGE_MAX;
use crate::uploads::{Photo, now};

/// Videos one round claims at most: as many as its listing can cover.
const MAX_CLAIMED: u32 = MAX_ENCODING_PAGES * LIST_PAGE_MAX;
/// Videos a round asks about singly after a listing; the rest wait for the next round.
const MAX_SINGLE: usize = 100;

/// Runs one round over the due videos that are still being encoded.
pub async fn refresh_tick(state: &AppState, every: Duration, stop: &CancellationToken) {
    let now = now();
    let due = match state
        .store
        .claim_photos_to_refresh(now, LEASE_SECS, MAX_CLAIMED)
        .await
    {
        Ok(due) => due,
        Err(error) => return tracing::warn!(%error, "could not list videos to refresh"),
    };
    let (singly, budget) = match due.len() {
        0 => return,
        // For one video a listing saves nothing.
        1 => (due, BATCH as usize),
        _ => match refresh_round(state, &due).await {
            Ok(round) => {
                follow_next_round(state, &round.encoding, every, now).await;
                (round.unsettled, MAX_SINGLE)
            }
            Err(error) => {
                tracing::warn!(%error, "could not list the videos 23 is encoding; asking singly");
                (due, BATCH as usize)
            }
        },
    };
    for (n, photo) in singly.iter().enumerate() {
        if stop.is_cancelled() {
            break;
        }
        if n < budget {
            refresh_one(state, photo, every, now).await;
        } else {
            look_later(state, photo, every, now).await;
        }
    }
}

/// Puts videos the listing showed still encoding on the next round.
async fn follow_next_round(state: &AppState, encoding: &[Photo], every: Duration, now: i64) {
    let ids: Vec<(i64, i64)> = encoding.iter().map(|p| (p.upload_id, p.photo_id)).collect();
    let at = next_round(every, now);
    if let Err(error) = state.store.schedule_refresh_round(&ids, at).await {
        // The claims' leases bring them back.
        tracing::warn!(%error, videos = ids.len(), "could not schedule the next refresher round");
    }
}

/// The first point after `now` on a grid of the refresh interval (counted from the epoch): every
/// instance puts its encoding videos on the same points, so one round answers for all of them.
/// A tick comes at most one interval after the previous, so it is always at or past that point.
fn next_round(every: Duration, now: i64) -> i64 {
    let period = every.as_secs().max(1) as i64;
    (now.div_euclid(period) + 1) * period
}

/// Asks 23 about one video and, unless it is now encoded, schedules the next look.
async fn refresh_one(state: &AppState, photo: &Photo, every: Duration, now: i64) {
    let encoded = refresh_photo(state, photo).await;
    if let Err(error) = &encoded {
        tracing::warn!(photo_id = photo.photo_id, %error, "could not refresh a video");
    }
    if !matches!(encoded, Ok(true)) {
        look_later(state, photo, every, now).await;
    }
}

/// Schedules the next single look at a video, backing off.
async fn look_later(state: &AppState, photo: &Photo, every: Duration, now: i64) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_round_is_the_next_point_of_a_grid_shared_by_all_instances() {
        let every = Duration::from_secs(30);
        assert_eq!(next_round(every, 60), 90, "on a point: the next one");
        assert_eq!(next_round(every, 61), 90);
        assert_eq!(next_round(every, 89), 90);
        assert_eq!(
            next_round(Duration::from_millis(10), 5),
            6,
            "at least a second"
        );
    }
}
