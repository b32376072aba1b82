//! The operator's mail outbox: one row per upload to tell the operator about, claimed like the
//! webhook deliveries (a compare-and-set on `next_attempt_at`, the attempt's lease) so of several
//! instances exactly one sends it, and retried until the mail server takes it. Unix milliseconds.

use anyhow::Context as _;

use super::rows::{UploadRow, upload_columns};
use super::{Store, StoreResult, Tx, on_pool, on_tx};
use crate::uploads::Upload;

/// A pending row whose attempt is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct DueNotice {
    pub id: i64,
    pub upload_id: i64,
    /// When the upload's video was confirmed (a digest waits from its oldest one).
    pub created_at: i64,
    /// Pass it back to `try_claim_notice`.
    pub next_attempt_at: i64,
}

/// A claimed row: its attempt count identifies this attempt when it is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimedNotice {
    pub id: i64,
    pub upload_id: i64,
    pub attempts: i64,
}

impl Tx {
    /// Queues the mail about an upload, with the change that makes it news; an upload already
    /// queued (a second video of the same token) stays queued once.
    pub async fn insert_mail_notice(&mut self, upload_id: i64, now_ms: i64) -> StoreResult<()> {
        on_tx!(self, |conn| sqlx::query(
            "INSERT INTO mail_notices (upload_id, state, attempts, next_attempt_at, created_at) \
             VALUES ($1, 'pending', 0, $2, $2) ON CONFLICT (upload_id) DO NOTHING",
        )
        .bind(upload_id)
        .bind(now_ms)
        .execute(conn)
        .await
        .map(drop))
        .context("could not queue a mail to the operator")?;
        Ok(())
    }
}

impl Store {
    /// Pending rows due at `now_ms`, oldest first.
    pub async fn due_mail_notices(&self, now_ms: i64, limit: u32) -> StoreResult<Vec<DueNotice>> {
        let rows = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, upload_id, created_at, next_attempt_at FROM mail_notices \
             WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        )
        .bind(now_ms)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)
        .context("could not list the mail due to the operator")?;
        Ok(rows)
    }

    /// Takes a row until `until_ms` and counts the attempt, if it is still due at `due`; of
    /// several instances that read the same `due`, exactly one gets it.
    pub async fn try_claim_notice(
        &self,
        due: &DueNotice,
        until_ms: i64,
    ) -> StoreResult<Option<ClaimedNotice>> {
        let attempts: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "UPDATE mail_notices SET next_attempt_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND state = 'pending' AND next_attempt_at = $3 RETURNING attempts",
        )
        .bind(until_ms)
        .bind(due.id)
        .bind(due.next_attempt_at)
        .fetch_optional(pool)
        .await)
        .context("could not claim a mail to the operator")?;
        Ok(attempts.map(|attempts| ClaimedNotice {
            id: due.id,
            upload_id: due.upload_id,
            attempts,
        }))
    }

    /// Records the attempt: sent (`retry_at` `None`) or due again at `retry_at` with `error`. A
    /// late finish after another instance took the row over changes nothing.
    pub async fn finish_notice(
        &self,
        claimed: &ClaimedNotice,
        now_ms: i64,
        retry_at: Option<i64>,
        error: Option<&str>,
    ) -> StoreResult<()> {
        let (state, next, sent_at) = match retry_at {
            None => ("sent", now_ms, Some(now_ms)),
            Some(at) => ("pending", at, None),
        };
        on_pool!(self, |pool| sqlx::query(
            "UPDATE mail_notices SET state = $1, next_attempt_at = $2, sent_at = $3, \
             last_error = $4 WHERE id = $5 AND state = 'pending' AND attempts = $6",
        )
        .bind(state)
        .bind(next)
        .bind(sent_at)
        .bind(error)
        .bind(claimed.id)
        .bind(claimed.attempts)
        .execute(pool)
        .await
        .map(drop))
        .context("could not record a mail to the operator")?;
        Ok(())
    }

    /// `(pending, sent)` rows, for the check and the tests.
    pub async fn mail_notice_counts(&self) -> StoreResult<(i64, i64)> {
        let counts = on_pool!(self, |pool| sqlx::query_as(
            "SELECT COUNT(CASE WHEN state = 'pending' THEN 1 END), \
                    COUNT(CASE WHEN state = 'sent' THEN 1 END) FROM mail_notices",
        )
        .fetch_one(pool)
        .await)
        .context("could not count the mail to the operator")?;
        Ok(counts)
    }

    /// Any upload by id (the operator's mail is about uploads of every visitor).
    pub async fn upload_by_id(&self, id: i64) -> StoreResult<Option<Upload>> {
        let row: Option<UploadRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            upload_columns!(),
            " FROM uploads WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(pool)
        .await)
        .context("could not look up an upload")?;
        Ok(row.map(Upload::try_from).transpose()?)
    }
}
