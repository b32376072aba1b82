//! The reconciler's tick: expire overdue tokens, look for videos nobody claimed, then ask 23 about
//! the uploads that are due.
//!
//! Tokens are no longer asked about one by one every minute (issue 13): the change detector
//! (`flows::unclaimed`) lists the site's newest videos once per tick and makes a token due only
//! when a video nobody claimed could be its own. Each open token is still asked about on its own
//! every few hours and once after its deadline, a safety net in case 23 does not list newest first as we infer
//! (docs/23-api.md §8.10). If the listing fails, the tick falls back to asking about every token
//! not asked about for a minute, as before, so a 23 hiccup loses nothing.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{BATCH, LEASE_SECS, backoff};
use crate::flows::changes::{OverdueExpired, apply};
use crate::flows::{FORGET_AFTER_SECS, UnclaimedWatch, reconcile_upload, watch_for_unclaimed};
use crate::state::AppState;
use crate::store::StoreResult;
use crate::uploads::{Upload, now};

/// The safety net: every open token is asked about on its own at least this often while valid.
/// Four hours asks a token of the default three hours' validity once in its life (below).
const SAFETY_EVERY_SECS: i64 = 4 * 3600;
/// And once this long after its deadline (a file sent just before it may land after it). Later
/// than that only the detector looks for it: no file can start on an expired token.
const AFTER_DEADLINE_SECS: i64 = 600;
/// Without the detector: ask about a token not asked about for this long (a valid one, then an
/// expired one), as the reconciler did before it.
const BLIND_STALE_SECS: (i64, i64) = (60, 600);

/// Expires overdue tokens, looks for videos nobody claimed, then asks 23 about every due upload.
pub async fn reconcile_tick(
    state: &AppState,
    every: Duration,
    watch: &mut UnclaimedWatch,
    stop: &CancellationToken,
) {
    let now = now();
    match apply(state, OverdueExpired { now }).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(expired = n, "upload tokens expired unused"),
        Err(error) => tracing::warn!(%error, "could not expire overdue uploads"),
    }
    let due = match claim_due(state, watch, now).await {
        Ok(due) => due,
        Err(error) => return tracing::warn!(%error, "could not list uploads to reconcile"),
    };
    for upload in due {
        // Items claimed but left undone stay leased; another instance (or this one after a
        // restart) takes them when the lease runs out.
        if stop.is_cancelled() {
            break;
        }
        reconcile_one(state, &upload, every, now).await;
    }
}

/// Runs the change detector, then claims what is due; without it, what has not been asked about
/// for a while.
async fn claim_due(
    state: &AppState,
    watch: &mut UnclaimedWatch,
    now: i64,
) -> StoreResult<Vec<Upload>> {
    // A site where no token of ours is open has no video that could be ours: an idle portal
    // makes no calls to 23 at all, as before the detector.
    if !state.store.any_open_upload(now, FORGET_AFTER_SECS).await? {
        return Ok(Vec::new());
    }
    match watch_for_unclaimed(state, watch, now, LEASE_SECS).await {
        Ok(round) => {
            if round.unclaimed > 0 {
                tracing::debug!(
                    unclaimed = round.unclaimed,
                    marked = round.marked,
                    "videos nobody claimed"
                );
            }
            state
                .store
                .schedule_new_uploads(SAFETY_EVERY_SECS, AFTER_DEADLINE_SECS)
                .await?;
            let store = &state.store;
            store
                .claim_uploads_to_reconcile(now, FORGET_AFTER_SECS, LEASE_SECS, BATCH)
                .await
        }
        Err(error) => {
            tracing::warn!(%error, "could not list the newest videos; asking about each upload");
            state
                .store
                .claim_stale_uploads(now, FORGET_AFTER_SECS, BLIND_STALE_SECS, LEASE_SECS, BATCH)
                .await
        }
    }
}

/// Asks 23 about one upload and schedules its next check: the safety net after an answer, a
/// backoff after an error.
async fn reconcile_one(state: &AppState, upload: &Upload, every: Duration, now: i64) {
    let outcome = reconcile_upload(state, upload).await;
    let attempts = match &outcome {
        Ok(r) => {
            if !r.confirmed.is_empty() {
                tracing::info!(upload_id = upload.id, status = %r.status, "reconciled");
            }
            0
        }
        Err(error) => {
            tracing::warn!(upload_id = upload.id, %error, "could not reconcile an upload");
            // Counting from 0 after a failed read would reset the backoff; the lease brings it
            // back.
            match state.store.check_attempts(upload.id).await {
                Ok(attempts) => attempts.saturating_add(1),
                Err(error) => {
                    return tracing::warn!(upload_id = upload.id, %error, "could not read the check attempts; skipped until the lease ends");
                }
            }
        }
    };
    let at = if attempts == 0 {
        safety_check_at(now, upload.valid_until)
    } else {
        let cap = if now <= upload.valid_until { 60 } else { 600 };
        now + backoff(every, attempts, cap)
    };
    if let Err(error) = state
        .store
        .schedule_next_check(upload.id, at, attempts)
        .await
    {
        tracing::warn!(upload_id = upload.id, %error, "could not schedule the next check");
    }
}

/// When the safety net asks next: every `SAFETY_EVERY_SECS` while the token is valid, once
/// shortly after the deadline, then no more (the upload drops out when it is forgotten).
fn safety_check_at(now: i64, valid_until: i64) -> i64 {
    let after_deadline = valid_until + AFTER_DEADLINE_SECS;
    if now < after_deadline {
        after_deadline.min(now + SAFETY_EVERY_SECS)
    } else {
        valid_until + FORGET_AFTER_SECS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_safety_net_asks_every_few_hours_then_once_after_the_deadline() {
        let now = 1_000_000;
        assert_eq!(
            safety_check_at(now, now + 60),
            now + 60 + AFTER_DEADLINE_SECS
        );
        assert_eq!(
            safety_check_at(now, now + 86_400),
            now + SAFETY_EVERY_SECS,
            "a long-valid token is still asked about every few hours"
        );
        assert_eq!(
            safety_check_at(now, now - AFTER_DEADLINE_SECS),
            now - AFTER_DEADLINE_SECS + FORGET_AFTER_SECS,
            "not again once the check after the deadline is done"
        );
    }
}
