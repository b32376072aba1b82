//! Background work, run on every instance: the reconciler (finds videos whose callback was lost),
//! expiry, and the refresher (follows encoding). Each item is claimed in the database before it is
//! worked on, so instances sharing a database never do the same work twice.

pub mod reconcile;
pub mod refresh;
pub mod webhooks;

use std::time::Duration;

use actix_web::web;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::state::AppState;
use crate::uploads::{Status, now};

/// How long after its deadline an unconfirmed upload is still asked about (a file sent just before
/// the deadline may finish after it).
pub const FORGET_AFTER_SECS: i64 = 24 * 3600;
/// How long a claimed item stays reserved for the instance working on it.
const LEASE_SECS: i64 = 120;
const BATCH: u32 = 25;

/// Intervals of the background jobs (from configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobSettings {
    /// Scan period of the reconciler, and its first backoff step.
    pub reconcile_every: Duration,
    /// Scan period of the refresher, and its first backoff step.
    pub refresh_every: Duration,
}

/// The running jobs. Dropping this leaves them running; `stop` ends them.
pub struct Jobs {
    stop: CancellationToken,
    running: Vec<JoinHandle<()>>,
}

impl Jobs {
    /// Cancelling this asks the jobs to stop after the item in hand.
    pub fn stop_token(&self) -> CancellationToken {
        self.stop.clone()
    }

    /// Runs one more job under the same stop token (the webhook delivery, when configured).
    pub fn add(&mut self, start: impl FnOnce(CancellationToken) -> JoinHandle<()>) {
        self.running.push(start(self.stop.clone()));
    }

    /// Asks the jobs to stop and waits until each has finished the item in hand (one 23 call and
    /// its database writes), or `patience` has passed.
    pub async fn stop(self, patience: Duration) {
        self.stop.cancel();
        let all = futures_util::future::join_all(self.running);
        if tokio::time::timeout(patience, all).await.is_err() {
            tracing::warn!("background jobs did not stop in time; their leases will expire");
        }
    }
}

/// Starts the jobs on the current runtime; they run until `Jobs::stop`.
pub fn spawn(state: web::Data<AppState>, settings: JobSettings) -> Jobs {
    let stop = CancellationToken::new();
    let reconciler = {
        let (state, stop) = (state.clone(), stop.clone());
        let every = settings.reconcile_every;
        tokio::spawn(async move {
            let mut ticks = first_tick_after(every);
            while tick_or_stop(&mut ticks, &stop).await {
                reconcile_tick(&state, every, &stop)
                    .instrument(tracing::info_span!("job", job = "reconcile"))
                    .await;
            }
        })
    };
    let refresher = {
        let stop = stop.clone();
        let every = settings.refresh_every;
        tokio::spawn(async move {
            let mut ticks = first_tick_after(every);
            while tick_or_stop(&mut ticks, &stop).await {
                refresh_tick(&state, every, &stop)
                    .instrument(tracing::info_span!("job", job = "refresh"))
                    .await;
            }
        })
    };
    Jobs {
        stop,
        running: vec![reconciler, refresher],
    }
}

/// Ticks every `every`, the first one period after start (not at once): work is found on the next
/// scan anyway, and a job that fires the moment an instance starts races whatever the instance is
/// being started for (tests that forge callbacks, say).
fn first_tick_after(every: Duration) -> tokio::time::Interval {
    tokio::time::interval_at(tokio::time::Instant::now() + every, every)
}

/// Waits for the next tick: true, or false once stopping was asked for.
async fn tick_or_stop(ticks: &mut tokio::time::Interval, stop: &CancellationToken) -> bool {
    tokio::select! {
        _ = stop.cancelled() => false,
        _ = ticks.tick() => !stop.is_cancelled(),
    }
}

/// Expires overdue tokens, then asks 23 about every due upload.
pub async fn reconcile_tick(state: &AppState, every: Duration, stop: &CancellationToken) {
    let now = now();
    match state.store.expire_overdue(now).await {
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
        let outcome = reconcile::reconcile_upload(state, &upload).await;
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
        let attempts = state
            .store
            .check_attempts(upload.id)
            .await
            .unwrap_or(0)
            .saturating_add(1);
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
}

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
        let encoded = refresh::refresh_photo(state, &photo).await;
        if let Err(error) = &encoded {
            tracing::warn!(photo_id = photo.photo_id, %error, "could not refresh a video");
        }
        if matches!(encoded, Ok(true)) {
            continue;
        }
        let attempts = state
            .store
            .refresh_attempts(photo.upload_id, photo.photo_id)
            .await
            .unwrap_or(0);
        let attempts = attempts.saturating_add(1);
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
}

/// `every × 2^(attempts-1)` seconds, at most `cap_secs` (and at least one second).
pub fn backoff(every: Duration, attempts: u32, cap_secs: i64) -> i64 {
    let base = every.as_secs().max(1) as i64;
    let factor = 1i64 << attempts.saturating_sub(1).min(20);
    base.saturating_mul(factor).min(cap_secs).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_interval_up_to_the_cap() {
        let every = Duration::from_secs(10);
        let delays: Vec<i64> = (1..=5).map(|a| backoff(every, a, 60)).collect();
        assert_eq!(delays, [10, 20, 40, 60, 60]);
        assert_eq!(backoff(every, u32::MAX, 600), 600, "no overflow");
        assert_eq!(
            backoff(Duration::from_millis(10), 1, 60),
            1,
            "at least a second"
        );
    }
}
