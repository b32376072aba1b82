//! Background work: the reconciler (finds videos whose callback was lost, by watching the site's
//! newest videos), expiry, the refresher (follows encoding, one listing of the unencoded videos
//! per round) and the hourly pruning. Every instance starts them; of instances sharing a database,
//! one leads each job at a time and runs its rounds (`leader`), so the calls to 23 do not grow
//! with the instances. Jobs decide *when* work is due and call the same use cases in `flows` as
//! the routes. Each item is still claimed in the database before it is worked on, so instances
//! never do the same work twice, even for the moment a late leader and its successor overlap.

mod decisions;
mod leader;
pub mod mail;
mod prune;
mod reconcile;
mod refresh;
pub mod webhooks;

pub use prune::{PruneTurn, prune_tick};
pub use reconcile::reconcile_tick;
pub use refresh::refresh_tick;

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::config::JobSettings;
use crate::flows::UnclaimedWatch;
use crate::state::AppState;
use leader::Leadership;

/// How long a claimed item stays reserved for the instance working on it.
const LEASE_SECS: i64 = 120;
const BATCH: u32 = 25;

/// The running jobs. Dropping this leaves them running; `stop` ends them.
pub struct Jobs {
    stop: CancellationToken,
    running: Vec<JoinHandle<()>>,
    /// This process's name in the lease table, for jobs added later that lead too.
    holder: Arc<str>,
}

impl Jobs {
    /// Cancelling this asks the jobs to stop after the item in hand.
    pub fn stop_token(&self) -> CancellationToken {
        self.stop.clone()
    }

    /// This process's name in the lease table.
    pub fn holder(&self) -> Arc<str> {
        self.holder.clone()
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

/// Starts the jobs on the current runtime; they run until `Jobs::stop`. The reconciler and the
/// refresher run their rounds only while this instance leads them (`leader`); the pruning takes
/// an hour's turn of its own (`prune`).
pub fn spawn(state: web::Data<AppState>, settings: JobSettings) -> Jobs {
    let stop = CancellationToken::new();
    // This process's name in the lease table: a new one after a restart, so a crashed instance's
    // lease is never mistaken for this one's.
    let holder: Arc<str> = format!("{}-{}", std::process::id(), crate::random::token(12)).into();
    let reconciler = {
        let every = settings.reconcile_every;
        let lead = Leadership::new("reconcile", holder.clone(), every);
        let (state, stop) = (state.clone(), stop.clone());
        tokio::spawn(async move {
            // What the change detector has seen lives as long as this instance's reconciler.
            let mut watch = UnclaimedWatch::default();
            let mut rounds = LedRounds::start(lead, &state, &stop, every);
            while rounds.next().await {
                reconcile_tick(&state, every, &mut watch, &stop)
                    .instrument(tracing::info_span!("job", job = "reconcile"))
                    .await;
            }
            rounds.finish(&state).await;
        })
    };
    let pruner = {
        let (state, stop) = (state.clone(), stop.clone());
        let every = settings.reconcile_every;
        let mut turn = PruneTurn::new(holder.clone());
        tokio::spawn(async move {
            let mut ticks = first_tick_after(every);
            while tick_or_stop(&mut ticks, &stop).await {
                prune_tick(&state, &mut turn, &stop)
                    .instrument(tracing::info_span!("job", job = "prune"))
                    .await;
            }
        })
    };
    let decider = decisions::spawn(state.clone(), stop.clone());
    let refresher = {
        let every = settings.refresh_every;
        let lead = Leadership::new("refresh", holder.clone(), every);
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut rounds = LedRounds::start(lead, &state, &stop, every);
            while rounds.next().await {
                refresh_tick(&state, every, &stop)
                    .instrument(tracing::info_span!("job", job = "refresh"))
                    .await;
            }
            rounds.finish(&state).await;
        })
    };
    Jobs {
        stop,
        running: vec![reconciler, pruner, refresher, decider],
        holder,
    }
}

/// A led job's rounds: a tick every `every`, passed on only while this instance leads the job.
struct LedRounds {
    lead: Arc<Leadership>,
    renewals: JoinHandle<()>,
    ticks: tokio::time::Interval,
    stop: CancellationToken,
}

impl LedRounds {
    fn start(
        lead: Arc<Leadership>,
        state: &web::Data<AppState>,
        stop: &CancellationToken,
        every: Duration,
    ) -> LedRounds {
        LedRounds {
            renewals: lead.keep_up(state.clone(), stop.clone()),
            lead,
            ticks: first_tick_after(every),
            stop: stop.clone(),
        }
    }

    /// Waits for the next round this instance leads: true, or false once stopping was asked for.
    async fn next(&mut self) -> bool {
        while tick_or_stop(&mut self.ticks, &self.stop).await {
            if self.lead.leads() {
                return true;
            }
        }
        false
    }

    /// Gives the lease up, once the round in hand and the renewals have ended.
    async fn finish(self, state: &AppState) {
        let _ = self.renewals.await;
        self.lead.step_down(state).await;
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
