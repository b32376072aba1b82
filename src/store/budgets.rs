//! Budgets that must hold across instances sharing the database: the per-upload budget of detail
//! edits and failed operator logins per client address (the jobs' leases are in `leases`).
//! Each is one conditional statement, so simultaneous requests on any instance cannot both pass.

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

/// A client address's failed logins, as the slowdown reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    /// Failures in a row (since the last success, or since the address was forgotten).
    pub count: u32,
    /// Unix milliseconds before which this address's logins are not even checked.
    pub locked_until_ms: i64,
}

impl Store {
    /// Takes one of this upload's detail edits: true when fewer than `allowed` were taken in the
    /// window that started at most `window` seconds before `now` (a later edit starts a new one).
    pub async fn take_edit_budget(
        &self,
        upload_id: i64,
        now: i64,
        window: i64,
        allowed: u32,
    ) -> StoreResult<bool> {
        let done = on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET \
               edits_in_window = CASE WHEN edit_window_at IS NULL OR edit_window_at <= $1 \
                                 THEN 1 ELSE edits_in_window + 1 END, \
               edit_window_at = CASE WHEN edit_window_at IS NULL OR edit_window_at <= $1 \
                                THEN $2 ELSE edit_window_at END \
             WHERE id = $3 AND (edit_window_at IS NULL OR edit_window_at <= $1 \
                                OR edits_in_window < $4)",
        )
        .bind(now - window)
        .bind(now)
        .bind(upload_id)
        .bind(i64::from(allowed))
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not take an upload's edit budget")?;
        Ok(done == 1)
    }

    /// This address's failed logins, if it has any on record.
    pub async fn login_failures(&self, client_ip: &str) -> StoreResult<Option<LoginFailures>> {
        let row: Option<(i64, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT failures, locked_until FROM login_failures WHERE client_ip = $1",
        )
        .bind(client_ip)
        .fetch_optional(pool)
        .await)
        .context("could not read an address's failed logins")?;
        Ok(row.map(|(count, locked_until_ms)| LoginFailures {
            count: u32::try_from(count).unwrap_or(u32::MAX),
            locked_until_ms,
        }))
    }

    /// Counts one more failed login for this address (starting afresh when its last failure was
    /// at or before `forget_before_ms`); returns how many in a row it has now.
    pub async fn count_login_failure(
        &self,
        client_ip: &str,
        now_ms: i64,
        forget_before_ms: i64,
    ) -> StoreResult<u32> {
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "INSERT INTO login_failures (client_ip, failures, last_at, locked_until) \
             VALUES ($1, 1, $2, $2) \
             ON CONFLICT (client_ip) DO UPDATE SET \
               failures = CASE WHEN login_failures.last_at <= $3 THEN 1 \
                          ELSE login_failures.failures + 1 END, \
               last_at = $2 \
             RETURNING failures",
        )
        .bind(client_ip)
        .bind(now_ms)
        .bind(forget_before_ms)
        .fetch_one(pool)
        .await)
        .context("could not count a failed login")?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// Locks the address out until `until_ms`, unless a longer lockout is already on record (a
    /// simultaneous failure counted higher).
    pub async fn lock_out_login(&self, client_ip: &str, until_ms: i64) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE login_failures SET locked_until = $1 \
             WHERE client_ip = $2 AND locked_until < $1",
        )
        .bind(until_ms)
        .bind(client_ip)
        .execute(pool)
        .await
        .map(drop))
        .context("could not lock out an address")?;
        Ok(())
    }

    /// A successful login forgives the address.
    pub async fn forgive_login_failures(&self, client_ip: &str) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM login_failures WHERE client_ip = $1"
        )
        .bind(client_ip)
        .execute(pool)
        .await
        .map(drop))
        .context("could not forgive an address's failed logins")?;
        Ok(())
    }

    /// Forgets addresses whose last failure was at or before `before_ms` and whose lockout is over
    /// (keeps the table small under a spray of addresses); returns how many went.
    pub async fn forget_login_failures(&self, before_ms: i64) -> StoreResult<u64> {
        let done = on_pool!(self, |pool| sqlx::query(
            "DELETE FROM login_failures WHERE last_at <= $1 AND locked_until <= $1",
        )
        .bind(before_ms)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not forget old failed logins")?;
        Ok(done)
    }
}

#[cfg(test)]
#[path = "budgets_tests.rs"]
mod tests;
