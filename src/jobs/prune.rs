//! Pruning, hourly: deletes uploads that expired more than `UPLOAD_RETENTION_DAYS` ago without
//! ever receiving a file, and forgets failed logins nobody repeated for an hour. Every instance
//! asks for the job's lease at the reconciler's pace once its own has run out; the lease (held
//! for an hour, not renewed) makes one of them do it, once an hour between them, whichever
//! instances come and go. The holder leads the job for that hour, as `/metrics` says.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::state::AppState;
use crate::throttle::{FORGET_AFTER, now_ms};
use crate::uploads::now;

/// The job's name in the lease table.
const LEASE: &str = "prune";
/// How long one run's lease keeps the others (and this instance) from pruning again.
const EVERY_MS: i64 = 3_600_000;
/// What `prune_dead_uploads` deletes at most per call: a full batch means more may be waiting.
const BATCH: u64 = 1000;

/// This instance's hour of pruning: the lease it holds, until when.
pub struct PruneTurn {
    holder: Arc<str>,
    held_until_ms: i64,
}

impl PruneTurn {
    pub fn new(holder: Arc<str>) -> PruneTurn {
        PruneTurn {
            holder,
            held_until_ms: 0,
        }
    }

    /// Takes the next hour's lease, asking only once our own hour is over (asking sooner would
    /// renew it, and prune every tick).
    async fn take(&mut self, state: &AppState) -> bool {
        let now = now_ms();
        if now < self.held_until_ms {
            return false;
        }
        let until = now + EVERY_MS;
        let taken = state.store.take_job_lease(LEASE, &self.holder, now, until);
        match taken.await {
            Ok(true) => self.held_until_ms = until,
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, "could not take the prune job's lease"),
        }
        state.metrics.job_leader(LEASE, now < self.held_until_ms);
        now < self.held_until_ms
    }
}

/// Prunes, if this instance takes the hour's lease.
pub async fn prune_tick(state: &AppState, turn: &mut PruneTurn, stop: &CancellationToken) {
    if !turn.take(state).await {
        return;
    }
    let now = now();
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
