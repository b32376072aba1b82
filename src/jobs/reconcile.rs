//! The reconciler's tick: expire overdue tokens, then ask 23 about every due upload.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{BATCH, LEASE_SECS, backoff};
use crate::flows::changes::{OverdueExpired, apply};
use crate::flows::{FORGET_AFTER_SECS, reconcile_upload};
use crate::state::AppState;
use crate::uploads::{Status, Upload, now};

/// Expires overdue tokens, then asks 23 about every due upload.
pub async fn reconcile_tick(state: &AppState, every: Duration, stop: &CancellationToken) {
    let now = now();
    match apply(state, OverdueExpired { now }).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(expired = n, "upload tokens expired unused"),
        Err(error) => tracing::warn!(%error, "could not expire overdue uploads"),
    }
    let due = match state
        .store
        .claim_uploads_to_reconcile(now, FORGET_AFTER_SECS, LEASE_SECS, BATCH)
        .await
    {
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

/// Asks 23 about one upload and schedules its next check.
async fn reconcile_one(state: &AppState, upload: &Upload, every: Duration, now: i64) {
    let outcome = reconcile_upload(state, upload).await;
    match &outcome {
        Ok(r) if !r.confirmed.is_empty() => {
            tracing::info!(upload_id = upload.id, status = %r.status, "reconciled")
        }
        Ok(_) => {}
        Err(error) => {
            tracing::warn!(upload_id = upload.id, %error, "could not reconcile an upload")
        }
    }
    let finished =
        matches!(&outcome, Ok(r) if matches!(r.status, Status::Uploaded | Status::Ready));
    // Counting from 0 after a failed read would reset the backoff; the lease brings it back.
    let attempts = match state.store.check_attempts(upload.id).await {
        Ok(attempts) => attempts.saturating_add(1),
        Err(error) => {
            return tracing::warn!(upload_id = upload.id, %error, "could not read the check attempts; skipped until the lease ends");
        }
    };
    // While the token is usable a lost callback must show up quickly; afterwards ask rarely.
    let cap = if now <= upload.valid_until { 60 } else { 600 };
    let delay = if finished {
        FORGET_AFTER_SECS
    } else {
        backoff(every, attempts, cap)
    };
    if let Err(error) = state
        .store
        .schedule_next_check(upload.id, now + delay, attempts)
        .await
    {
        tracing::warn!(upload_id = upload.id, %error, "could not schedule the next check");
    }
}
