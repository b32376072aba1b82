//! Pruning, hourly: deletes uploads that expired more than `UPLOAD_RETENTION_DAYS` ago without
//! ever receiving a file, and forgets failed logins nobody repeated for an hour. Every instance
//! asks for the lease at the reconciler's pace; the lease (held for an hour) makes one of them do
//! it, once an hour between them, whichever instances come and go.

use tokio_util::sync::CancellationToken;

use crate::state::AppState;
use crate::throttle::{FORGET_AFTER, now_ms};
use crate::uploads::now;

/// The job's name in the lease table.
const LEASE: &str = "prune";
/// How long one run's lease keeps the others from pruning again.
const EVERY_SECS: i64 = 3600;
/// What `prune_dead_uploads` deletes at most per call: a full batch means more may be waiting.
const BATCH: u64 = 1000;

/// Prunes, if this instance takes the hour's lease.
pub async fn prune_tick(state: &AppState, stop: &CancellationToken) {
    let now = now();
    match state
        .store
        .take_job_lease(LEASE, now, now + EVERY_SECS)
        .await
    {
        Ok(true) => {}
        Ok(false) => return,
        Err(error) => return tracing::warn!(%error, "could not take the prune job's lease"),
    }
    let before = now - i64::from(state.limits.retention_days) * 86_400;
    let mut pruned = 0;
    // In batches, so no statement holds the database for long; a full batch means more wait.
    while !stop.is_cancelled() {
        match state.store.prune_dead_uploads(before).await {
            Ok(n) => {
                pruned += n;
                if n < BATCH {
                    break;
                }
            }
            Err(error) => {
                tracing::warn!(%error, "could not prune old expired uploads");
                break;
            }
        }
    }
    if pruned > 0 {
        tracing::info!(pruned, "deleted old expired uploads that never got a file");
    }
    let forget_before = now_ms() - FORGET_AFTER.as_millis() as i64;
    match state.store.forget_login_failures(forget_before).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(forgotten = n, "forgot addresses' old failed logins"),
        Err(error) => tracing::warn!(%error, "could not forget old failed logins"),
    }
}
