//! One leader per job (issue 23): of the instances sharing a database, only the one holding a
//! job's lease runs its rounds, so the calls to 23 per round do not grow with the instances.
//!
//! The lease lasts one round and the holder renews it every third of a round, on a task of its
//! own, so a long round does not lose it. When the leader dies (SIGKILL), its lease runs out at
//! most two thirds of a round later and the next renewal try of another instance takes it: that
//! instance runs the job from its next round, within two rounds of the death. A leader stopping
//! on purpose gives the lease up, so another takes it a third of a round later.
//!
//! Leading is an optimisation, not what keeps work from being done twice: each item is still
//! claimed in the database before it is worked on (`jobs`), so two instances that both think they
//! lead for a moment (a leader whose renewal is late) still never work the same item at once, and
//! a round cut off halfway is picked up by whoever leads next.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use actix_web::web;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::state::AppState;
use crate::throttle::now_ms;

/// This instance's claim on one job's lease, shared by the job's rounds and its renewals.
pub(super) struct Leadership {
    job: &'static str,
    /// This process's name in the lease table.
    holder: Arc<str>,
    /// How long a taken or renewed lease lasts: one round.
    lease_ms: i64,
    /// Until when (Unix ms, our clock, measured before asking) the lease is ours; 0: not ours.
    held_until_ms: AtomicI64,
}

impl Leadership {
    pub(super) fn new(job: &'static str, holder: Arc<str>, every: Duration) -> Arc<Leadership> {
        Arc::new(Leadership {
            job,
            holder,
            lease_ms: i64::try_from(every.as_millis())
                .unwrap_or(i64::MAX)
                .max(1000),
            held_until_ms: AtomicI64::new(0),
        })
    }

    /// True while the lease is ours by our own clock: a renewal that failed or came late makes
    /// this false by itself once the lease has run out.
    pub(super) fn leads(&self) -> bool {
        now_ms() < self.held_until_ms.load(Ordering::Acquire)
    }

    /// Renews the lease every third of a round (taking it when it has run out) until `stop`. The
    /// first try is two thirds of a round after start, so a lone instance leads by its first
    /// round (a round after start, `jobs::first_tick_after`), and an instance whose rounds are
    /// far apart (tests start one with hour-long rounds to keep its jobs out of the way) does
    /// not take the lease from those that run the job.
    pub(super) fn keep_up(
        self: &Arc<Self>,
        state: web::Data<AppState>,
        stop: CancellationToken,
    ) -> JoinHandle<()> {
        let this = self.clone();
        let every = Duration::from_millis((self.lease_ms / 3).max(1) as u64);
        let first = tokio::time::Instant::now() + every * 2;
        tokio::spawn(async move {
            state.metrics.job_leader(this.job, false);
            let mut tries = tokio::time::interval_at(first, every);
            tries.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = tries.tick() => this.try_to_lead(&state).await,
                }
            }
        })
    }

    /// One try: takes or renews the lease, and says so in the metrics and, on a change, the log.
    async fn try_to_lead(&self, state: &AppState) {
        let was_leading = self.leads();
        let now = now_ms();
        let until = now.saturating_add(self.lease_ms);
        let held = match state
            .store
            .take_job_lease(self.job, &self.holder, now, until)
            .await
        {
            Ok(held) => held,
            Err(error) => {
                tracing::warn!(job = self.job, %error, "could not renew the job's lease");
                // Ours until it runs out, as far as the others can tell; no longer after.
                self.leads()
            }
        };
        if held {
            self.held_until_ms.store(until, Ordering::Release);
        } else {
            self.held_until_ms.store(0, Ordering::Release);
        }
        state.metrics.job_leader(self.job, held);
        match (was_leading, held) {
            (false, true) => tracing::info!(job = self.job, "this instance now leads the job"),
            (true, false) => tracing::warn!(job = self.job, "this instance lost the job's lease"),
            _ => {}
        }
    }

    /// Gives the lease up (stopping on purpose, after the round in hand and the renewals have
    /// ended), so another instance need not wait for it to run out.
    pub(super) async fn step_down(&self, state: &AppState) {
        if self.held_until_ms.swap(0, Ordering::AcqRel) == 0 {
            return;
        }
        state.metrics.job_leader(self.job, false);
        if let Err(error) = state.store.release_job_lease(self.job, &self.holder).await {
            tracing::warn!(job = self.job, %error, "could not give up the job's lease; it runs out by itself");
        }
    }
}
