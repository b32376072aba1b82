//! Approval and withdrawal: an upload's review state and the decisions outbox, from which the
//! jobs make the 23 calls. A decision and its outbox row are written in one transaction; the
//! row is claimed like the other jobs' work (moving `next_attempt_at` forward by compare-and-set)
//! and finished in the transaction that records 23's success. Times are Unix seconds.

use anyhow::Context as _;

use super::rows::{UploadRow, upload_columns};
use super::{Store, StoreResult, Tx, on_pool, on_tx};
use crate::uploads::{Decision, Review};

/// Why a decision was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No such upload, or (for a visitor) not theirs: both look the same from outside.
    NotFound,
    /// The upload is not in a state this decision can be taken from (decided already, say).
    NotNow,
}

/// A decision claimed for carrying out: which upload, which call, the videos it applies to.
#[derive(Debug, Clone, PartialEq)]
pub struct DueDecision {
    pub id: i64,
    pub upload_id: i64,
    pub decision: Decision,
    /// Attempts started, this one included.
    pub attempts: u32,
    pub photo_ids: Vec<i64>,
}

/// One upload in the operator's queue (waiting, or decided and not yet carried out).
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedDecision {
    pub attempts: i64,
    pub last_error: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    id: i64,
    upload_id: i64,
    kind: String,
    keep_in_23: i64,
    attempts: i64,
    next_attempt_at: i64,
}

impl Tx {
    /// Marks a new upload as waiting for the operator.
    pub async fn mark_waiting(&mut self, upload_id: i64) -> StoreResult<()> {
        on_tx!(self, |conn| sqlx::query(
            "UPDATE uploads SET review = 'waiting' WHERE id = $1"
        )
        .bind(upload_id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not mark an upload as waiting for approval")?;
        Ok(())
    }

    /// Writes a decision and its outbox row. `visitor` (for a withdrawal) must own the upload.
    /// A withdrawal supersedes a decision of the operator's not yet carried out.
    pub async fn decide(
        &mut self,
        upload_id: i64,
        decision: Decision,
        visitor: Option<&str>,
        reason: Option<&str>,
        now: i64,
    ) -> StoreResult<Result<Review, Refusal>> {
        let row: Option<(String, Option<String>)> = on_tx!(self, |conn| sqlx::query_as(
            "SELECT visitor_id, review FROM uploads WHERE id = $1"
        )
        .bind(upload_id)
        .fetch_optional(conn)
        .await)
        .context("could not read an upload's review")?;
        let Some((owner, current)) = row else {
            return Ok(Err(Refusal::NotFound));
        };
        if visitor.is_some_and(|v| v != owner) {
            return Ok(Err(Refusal::NotFound));
        }
        let current = current.as_deref().and_then(Review::parse);
        let Some(next) = decision.decide(current) else {
            return Ok(Err(Refusal::NotNow));
        };
        let changed = on_tx!(self, |conn| sqlx::query(
            "UPDATE uploads SET review = $1, review_reason = COALESCE($2, review_reason) \
             WHERE id = $3 AND review IS NOT DISTINCT FROM $4"
        )
        .bind(next.as_str())
        .bind(reason)
        .bind(upload_id)
        .bind(current.map(Review::as_str))
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not write a decision")?;
        if changed != 1 {
            return Ok(Err(Refusal::NotNow));
        }
        if decision == Decision::Withdraw {
            on_tx!(self, |conn| sqlx::query(
                "UPDATE decisions SET state = 'done', done_at = $1, last_error = 'superseded by a withdrawal' \
                 WHERE upload_id = $2 AND state = 'pending'"
            )
            .bind(now)
            .bind(upload_id)
            .execute(conn)
            .await
            .map(|done| done.rows_affected()))
            .context("could not supersede a decision")?;
        }
        let keep = i64::from(matches!(decision, Decision::Reject { keep_in_23: true }));
        on_tx!(self, |conn| sqlx::query(
            "INSERT INTO decisions (upload_id, kind, keep_in_23, state, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, 'pending', 0, $4, $4)"
        )
        .bind(upload_id)
        .bind(decision.as_str())
        .bind(keep)
        .bind(now)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not write a decision to the outbox")?;
        Ok(Ok(next))
    }

    /// 23 did what the decision asked: the outbox row is done and the upload's review moves on.
    /// False when the row was finished or superseded meanwhile (nothing is written then).
    pub async fn finish_decision(
        &mut self,
        decision_id: i64,
        upload_id: i64,
        now: i64,
    ) -> StoreResult<bool> {
        let finished = on_tx!(self, |conn| sqlx::query(
            "UPDATE decisions SET state = 'done', done_at = $1, last_error = NULL \
             WHERE id = $2 AND state = 'pending'"
        )
        .bind(now)
        .bind(decision_id)
        .execute(conn)
        .await
        .map(|done| done.rows_affected()))
        .context("could not finish a decision")?;
        if finished != 1 {
            return Ok(false);
        }
        let current: Option<String> = on_tx!(self, |conn| sqlx::query_scalar(
            "SELECT review FROM uploads WHERE id = $1"
        )
        .bind(upload_id)
        .fetch_optional(conn)
        .await)
        .context("could not read an upload's review")?
        .flatten();
        if let Some(current) = current.as_deref().and_then(Review::parse) {
            on_tx!(self, |conn| sqlx::query(
                "UPDATE uploads SET review = $1 WHERE id = $2"
            )
            .bind(current.carried_out().as_str())
            .bind(upload_id)
            .execute(conn)
            .await
            .map(|done| done.rows_affected()))
            .context("could not record a decision carried out")?;
        }
        Ok(true)
    }
}

impl Store {
    /// Claims up to `limit` decisions due by `now` for `lease` seconds, oldest first.
    pub async fn claim_due_decisions(
        &self,
        now: i64,
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<DueDecision>> {
        let rows: Vec<DecisionRow> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, upload_id, kind, keep_in_23, attempts, next_attempt_at FROM decisions \
             WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2"
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)
        .context("could not list due decisions")?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in rows {
            let won = on_pool!(self, |pool| sqlx::query(
                "UPDATE decisions SET next_attempt_at = $1, attempts = attempts + 1 \
                 WHERE id = $2 AND state = 'pending' AND next_attempt_at = $3"
            )
            .bind(now + lease)
            .bind(row.id)
            .bind(row.next_attempt_at)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))
            .context("could not claim a decision")?;
            let Some(decision) = Decision::parse(&row.kind, row.keep_in_23 != 0) else {
                continue;
            };
            if won == 1 {
                let photo_ids = on_pool!(self, |pool| sqlx::query_scalar(
                    "SELECT photo_id FROM photos WHERE upload_id = $1 ORDER BY photo_id"
                )
                .bind(row.upload_id)
                .fetch_all(pool)
                .await)
                .context("could not list a decision's videos")?;
                claimed.push(DueDecision {
                    id: row.id,
                    upload_id: row.upload_id,
                    decision,
                    attempts: u32::try_from(row.attempts + 1).unwrap_or(u32::MAX),
                    photo_ids,
                });
            }
        }
        Ok(claimed)
    }

    /// 23 failed the decision's call: it stays pending, retried at `retry_at`.
    pub async fn decision_failed(
        &self,
        decision_id: i64,
        retry_at: i64,
        error: &str,
    ) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE decisions SET next_attempt_at = $1, last_error = $2 \
             WHERE id = $3 AND state = 'pending'"
        )
        .bind(retry_at)
        .bind(error)
        .bind(decision_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not record a failed decision")?;
        Ok(())
    }

    /// The operator's queue: uploads waiting for a decision (or decided, not yet carried out)
    /// that have a video, oldest first, with the pending decision's attempts and last error.
    pub async fn approval_queue(
        &self,
        limit: u32,
    ) -> StoreResult<Vec<(crate::uploads::Upload, Option<QueuedDecision>)>> {
        let rows: Vec<UploadRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            upload_columns!(),
            " FROM uploads WHERE review IN ('waiting', 'approving', 'rejecting') \
             AND EXISTS (SELECT 1 FROM photos p WHERE p.upload_id = uploads.id \
                         AND p.status IN ('uploaded', 'ready')) \
             ORDER BY id LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)
        .context("could not read the approval queue")?;
        let mut queue = Vec::with_capacity(rows.len());
        for row in rows {
            let upload = crate::uploads::Upload::try_from(row)?;
            let pending: Option<(i64, Option<String>)> = on_pool!(self, |pool| sqlx::query_as(
                "SELECT attempts, last_error FROM decisions \
                 WHERE upload_id = $1 AND state = 'pending' ORDER BY id DESC LIMIT 1"
            )
            .bind(upload.id)
            .fetch_optional(pool)
            .await)
            .context("could not read a pending decision")?;
            let pending = pending.map(|(attempts, last_error)| QueuedDecision {
                attempts,
                last_error,
            });
            queue.push((upload, pending));
        }
        Ok(queue)
    }

    /// The operator's reason for rejecting an upload, if one was given.
    pub async fn review_reason(&self, upload_id: i64) -> StoreResult<Option<String>> {
        let reason: Option<Option<String>> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT review_reason FROM uploads WHERE id = $1"
        )
        .bind(upload_id)
        .fetch_optional(pool)
        .await)
        .context("could not read a review reason")?;
        Ok(reason.flatten())
    }
}
