//! The webhook outbox: events for the host site, their claims, attempts and outcomes.
//!
//! A delivery is claimed like the jobs' work items: moving `next_attempt_at` forward with a
//! compare-and-set, so of several instances exactly one sends each attempt, and an instance that
//! dies mid-attempt leaves a lease that runs out and lets another take over (with the same id).
//! Times here are Unix milliseconds.

use anyhow::Context as _;

use super::{Page, Store, StoreResult, on_pool};

/// An event to write to the outbox, with the state change that causes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    pub webhook_id: String,
    pub event_type: String,
    pub upload_id: i64,
    pub payload: String,
    pub created_at_ms: i64,
}

/// One outbox row.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: String,
    pub event_type: String,
    pub upload_id: i64,
    pub payload: String,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    /// Attempts started, the one in hand included.
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_attempt_at: Option<i64>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

/// How an attempt ended, as the outbox records it.
#[derive(Debug, Clone, PartialEq)]
pub enum AttemptOutcome {
    Delivered,
    /// Try again at this time.
    RetryAt(i64),
    /// The schedule is used up; the delivery stays visible as failed.
    GaveUp,
}

/// The INSERT of one outbox row, as a macro so the same text runs on a pool or in a transaction
/// of either backend (`$executor` is whatever sqlx accepts there).
macro_rules! insert_delivery {
    ($executor:expr, $new:expr) => {
        sqlx::query(
            "INSERT INTO webhook_deliveries \
             (webhook_id, event_type, upload_id, payload, state, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)",
        )
        .bind(&$new.webhook_id)
        .bind(&$new.event_type)
        .bind($new.upload_id)
        .bind(&$new.payload)
        .bind($new.created_at_ms)
        .execute($executor)
        .await
        .map(|done| done.rows_affected())
        .context("could not write a webhook event to the outbox")
    };
}
pub(super) use insert_delivery;

/// The columns of `Delivery`, as a macro so queries stay `&'static str`.
macro_rules! delivery_columns {
    () => {
        "id, webhook_id, event_type, upload_id, payload, state, attempts, next_attempt_at, \
         last_attempt_at, last_status, last_error, created_at, delivered_at"
    };
}

impl Store {
    /// Writes an event on its own (the state change that causes it must be in the same
    /// transaction; see `insert_delivery!`). For events that change no upload.
    pub async fn insert_delivery(&self, new: &NewDelivery) -> StoreResult<()> {
        on_pool!(self, |pool| insert_delivery!(pool, new))?;
        Ok(())
    }

    /// Due deliveries, at most one per upload (its oldest pending one, so an upload's events go
    /// out in order), oldest first: `(id, due)` to pass to `try_claim_delivery`.
    pub async fn due_deliveries(&self, now_ms: i64, limit: u32) -> StoreResult<Vec<(i64, i64)>> {
        let due = on_pool!(self, |pool| sqlx::query_as(
            "SELECT d.id, d.next_attempt_at FROM webhook_deliveries d \
             WHERE d.state = 'pending' AND d.next_attempt_at <= $1 \
               AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e \
                   WHERE e.upload_id = d.upload_id AND e.state = 'pending' AND e.id < d.id) \
             ORDER BY d.id LIMIT $2",
        )
        .bind(now_ms)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)
        .context("could not list due webhook deliveries")?;
        Ok(due)
    }

    /// Takes a delivery until `until` and counts the attempt, if its due time is still `due`;
    /// of several instances that read the same `due`, exactly one gets it.
    pub async fn try_claim_delivery(
        &self,
        id: i64,
        due: i64,
        until: i64,
    ) -> StoreResult<Option<Delivery>> {
        let row: Option<Delivery> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "UPDATE webhook_deliveries SET next_attempt_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND state = 'pending' AND next_attempt_at = $3 RETURNING ",
            delivery_columns!()
        ))
        .bind(until)
        .bind(id)
        .bind(due)
        .fetch_optional(pool)
        .await)
        .context("could not claim a webhook delivery")?;
        Ok(row)
    }

    /// Records how the attempt numbered `attempts` ended. A late finish from an instance whose
    /// lease ran out (another took over, the count moved on) changes nothing.
    pub async fn finish_attempt(
        &self,
        delivery: &Delivery,
        now_ms: i64,
        status: Option<u16>,
        error: Option<&str>,
        outcome: &AttemptOutcome,
    ) -> StoreResult<bool> {
        let (state, next, delivered_at) = match outcome {
            AttemptOutcome::Delivered => ("delivered", now_ms, Some(now_ms)),
            AttemptOutcome::RetryAt(at) => ("pending", *at, None),
            AttemptOutcome::GaveUp => ("failed", now_ms, None),
        };
        let changed = on_pool!(self, |pool| {
            sqlx::query(
            "UPDATE webhook_deliveries SET state = $1, next_attempt_at = $2, delivered_at = $3, \
             last_attempt_at = $4, last_status = $5, last_error = $6 \
             WHERE id = $7 AND state = 'pending' AND attempts = $8",
        )
        .bind(state)
        .bind(next)
        .bind(delivered_at)
        .bind(now_ms)
        .bind(status.map(i64::from))
        .bind(error)
        .bind(delivery.id)
        .bind(delivery.attempts)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
        })
        .context("could not record a webhook attempt")?;
        Ok(changed == 1)
    }

    /// The operator sends a failed delivery again: a fresh schedule, the same id and body.
    pub async fn retry_delivery(&self, id: i64, now_ms: i64) -> StoreResult<bool> {
        let changed = on_pool!(self, |pool| {
            sqlx::query(
            "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $1 \
             WHERE id = $2 AND state = 'failed'",
        )
        .bind(now_ms)
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
        })
        .context("could not queue a webhook delivery again")?;
        Ok(changed == 1)
    }

    /// Deliveries newest first, `limit` at a time; only failed ones if asked.
    pub async fn deliveries(
        &self,
        failed_only: bool,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Page<Delivery>> {
        let mut deliveries: Vec<Delivery> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            delivery_columns!(),
            " FROM webhook_deliveries WHERE id < $1 AND ($2 = 0 OR state = 'failed') \
             ORDER BY id DESC LIMIT $3"
        ))
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(failed_only))
        .bind(i64::from(limit) + 1)
        .fetch_all(pool)
        .await)
        .context("could not list webhook deliveries")?;
        let older = (deliveries.len() > limit as usize).then(|| {
            deliveries.truncate(limit as usize);
            deliveries.last().map(|d| d.id)
        });
        Ok(Page {
            items: deliveries,
            older: older.flatten(),
        })
    }

    /// Every delivery of one upload, in the order the events happened.
    pub async fn deliveries_of(&self, upload_id: i64) -> StoreResult<Vec<Delivery>> {
        let rows = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            delivery_columns!(),
            " FROM webhook_deliveries WHERE upload_id = $1 ORDER BY id"
        ))
        .bind(upload_id)
        .fetch_all(pool)
        .await)
        .context("could not read an upload's webhook deliveries")?;
        Ok(rows)
    }

    /// `(pending, failed)` deliveries, for the metrics' queue size.
    pub async fn delivery_counts(&self) -> StoreResult<(i64, i64)> {
        let counts = on_pool!(self, |pool| sqlx::query_as(
            "SELECT COUNT(CASE WHEN state = 'pending' THEN 1 END), \
                    COUNT(CASE WHEN state = 'failed' THEN 1 END) FROM webhook_deliveries",
        )
        .fetch_one(pool)
        .await)
        .context("could not count webhook deliveries")?;
        Ok(counts)
    }
}

#[cfg(test)]
#[path = "webhooks_tests.rs"]
mod tests;
