//! Leases on the periodic jobs, shared by every instance on the database: a row per job naming the
//! instance that holds it and until when. The holder renews its own lease; the others can take it
//! only once it has run out, so one instance leads each job at a time and another takes over when
//! the leader stops renewing (a crash, a lost network). One conditional statement each, so
//! instances asking at the same moment cannot both get it.

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

impl Store {
    /// Takes the lease on job `name` for `holder` until `until_ms`, or renews it when `holder`
    /// already holds it: true when `holder` holds it now. Someone else's lease is taken only once
    /// it has run out at `now_ms` (Unix milliseconds, like `until_ms`).
    pub async fn take_job_lease(
        &self,
        name: &str,
        holder: &str,
        now_ms: i64,
        until_ms: i64,
    ) -> StoreResult<bool> {
        let done = on_pool!(self, |pool| sqlx::query(
            "INSERT INTO job_leases (name, holder, held_until_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET holder = $2, held_until_ms = $3 \
             WHERE job_leases.holder = $2 OR job_leases.held_until_ms <= $4",
        )
        .bind(name)
        .bind(holder)
        .bind(until_ms)
        .bind(now_ms)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not take a job's lease")?;
        Ok(done == 1)
    }

    /// Gives up `holder`'s lease on job `name` (an instance stopping on purpose), so another
    /// instance takes it at its next try instead of waiting for it to run out. Another holder's
    /// lease is left alone.
    pub async fn release_job_lease(&self, name: &str, holder: &str) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE job_leases SET held_until_ms = 0 WHERE name = $1 AND holder = $2",
        )
        .bind(name)
        .bind(holder)
        .execute(pool)
        .await
        .map(drop))
        .context("could not give up a job's lease")?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "leases_tests.rs"]
mod tests;
