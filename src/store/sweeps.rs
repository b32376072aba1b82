//! Queries of the reconciler's change detector: which listed videos are already ours, which open
//! tokens a video nobody claimed could belong to, and marking those due; and the claim it falls
//! back to when it cannot list the site.
//!
//! A token is "unchecked since" a moment when its last successful check started before it; such a
//! check may have missed a video 23 listed only later. Marks move `next_check_at` earlier, never
//! later, and skip tokens whose check is in flight (`claimed_at` within the lease): the detector
//! looks again next round, so nothing is marked twice or taken from another instance.

use anyhow::Context as _;

use super::lifecycle::{fair_due_uploads, open_for_reconcile};
use super::tx::in_own_tx;
use super::{Store, StoreResult, Tx, on_pool, on_tx};
use crate::uploads::Upload;

/// Open tokens that may own a video nobody claimed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepScope<'a> {
    pub now: i64,
    /// Expired tokens whose deadline is older than this are forgotten.
    pub forget_after: i64,
    /// Only tokens made at or before this time (a video cannot come from a later token).
    pub created_by: i64,
    /// Only tokens whose last successful check started before this (Unix milliseconds).
    pub unchecked_since: i64,
    /// Only tokens with this title, when given (an empty title selects every token).
    pub title: Option<&'a str>,
}

/// Tokens in a [`SweepScope`], given the placeholders of now, the forgetting horizon,
/// created_by, unchecked_since and the title ('' for any).
macro_rules! in_scope {
    ($now:literal, $forget:literal, $created:literal, $since:literal, $title:literal) => {
        concat!(
            open_for_reconcile!($now, $forget),
            " AND created_at <= ",
            $created,
            " AND (checked_at IS NULL OR checked_at < ",
            $since,
            ") AND (",
            $title,
            " = '' OR title = ",
            $title,
            ")"
        )
    };
}

impl Tx {
    /// The reconciler's fallback when it cannot see the site's newest videos: open uploads due,
    /// or not asked about for `stale_valid` seconds (`stale_expired` once the token is past its
    /// deadline) whatever their slow schedule says, unless their last check failed (then its
    /// backoff holds); taken fairly, none in flight.
    pub async fn claim_stale_uploads(
        &mut self,
        now: i64,
        forget_after: i64,
        (stale_valid, stale_expired): (i64, i64),
        lease: i64,
        limit: u32,
    ) -> StoreResult<Vec<Upload>> {
        let candidates: Vec<(i64, Option<i64>)> = on_tx!(self, |conn| sqlx::query_as(
            fair_due_uploads!(
                concat!(
                    open_for_reconcile!("$1", "$2"),
                    " AND (claimed_at IS NULL OR claimed_at <= $1 - $3) \
                     AND (next_check_at IS NULL OR next_check_at <= $1 \
                       OR (check_attempts = 0 AND (checked_at IS NULL \
                         OR checked_at <= ($1 - CASE WHEN valid_until > $1 THEN $4 ELSE $5 END) * 1000)))"
                ),
                "$6"
            )
        )
        .bind(now)
        .bind(now - forget_after)
        .bind(lease)
        .bind(stale_valid)
        .bind(stale_expired)
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await)
        .context("could not list stale uploads to reconcile")?;
        self.claim_each(candidates, now, lease).await
    }
}

impl Store {
    /// True while some upload is open for reconciliation (a token that may still yield a video, or
    /// an expired one not yet forgotten): only then can a new video on the site be one of ours.
    pub async fn any_open_upload(&self, now: i64, forget_after: i64) -> StoreResult<bool> {
        let open: bool = on_pool!(self, |pool| sqlx::query_scalar(concat!(
            "SELECT EXISTS (SELECT 1 FROM uploads WHERE ",
            open_for_reconcile!("$1", "$2"),
            ")"
        ))
        .bind(now)
        .bind(now - forget_after)
        .fetch_one(pool)
        .await)
        .context("could not look for open uploads")?;
        Ok(open)
    }

    in_own_tx! { /// See [`Tx::claim_stale_uploads`].
    fn claim_stale_uploads(now: i64, forget_after: i64, stale: (i64, i64), lease: i64, limit: u32) -> Vec<Upload>; }

    /// Which of the photo ids between `lo` and `hi` (inclusive) are recorded against an upload.
    /// A range rather than a list keeps the query text fixed; the caller picks its own ids out.
    pub async fn recorded_photo_ids(&self, lo: i64, hi: i64) -> StoreResult<Vec<i64>> {
        let ids = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT DISTINCT photo_id FROM photos WHERE photo_id >= $1 AND photo_id <= $2"
        )
        .bind(lo)
        .bind(hi)
        .fetch_all(pool)
        .await)
        .context("could not look up recorded videos")?;
        Ok(ids)
    }

    /// Notes that 23 answered a check of this upload that started at `started` (Unix ms).
    pub async fn note_checked(&self, upload_id: i64, started: i64) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET checked_at = $1 \
             WHERE id = $2 AND (checked_at IS NULL OR checked_at < $1)"
        )
        .bind(started)
        .bind(upload_id)
        .execute(pool)
        .await
        .map(drop))
        .context("could not note an upload's check")?;
        Ok(())
    }

    /// Gives uploads that were never scheduled (new ones) the slow safety-net schedule: first
    /// `grace` seconds after their deadline, or `every` seconds after they were made if sooner.
    pub async fn schedule_new_uploads(&self, every: i64, grace: i64) -> StoreResult<u64> {
        let done = on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET next_check_at = CASE WHEN created_at + $1 < valid_until + $2 \
               THEN created_at + $1 ELSE valid_until + $2 END \
             WHERE next_check_at IS NULL"
        )
        .bind(every)
        .bind(grace)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not schedule new uploads")?;
        Ok(done)
    }

    /// How many tokens in `scope` still need a check, in flight or not.
    pub async fn count_in_sweep(&self, scope: &SweepScope<'_>) -> StoreResult<i64> {
        let count = on_pool!(self, |pool| sqlx::query_scalar(concat!(
            "SELECT COUNT(*) FROM uploads WHERE ",
            in_scope!("$1", "$2", "$3", "$4", "$5")
        ))
        .bind(scope.now)
        .bind(scope.now - scope.forget_after)
        .bind(scope.created_by)
        .bind(scope.unchecked_since)
        .bind(scope.title.unwrap_or_default())
        .fetch_one(pool)
        .await)
        .context("could not count the tokens to sweep")?;
        Ok(count)
    }

    /// Makes every token in `scope` that is not in flight due at `due_at` at the latest.
    pub async fn mark_sweep(
        &self,
        scope: &SweepScope<'_>,
        due_at: i64,
        lease: i64,
    ) -> StoreResult<u64> {
        let done = on_pool!(self, |pool| sqlx::query(concat!(
            "UPDATE uploads SET next_check_at = CASE \
               WHEN next_check_at IS NOT NULL AND next_check_at <= $1 THEN next_check_at \
               ELSE $1 END WHERE ",
            in_scope!("$2", "$3", "$4", "$5", "$6"),
            " AND (claimed_at IS NULL OR claimed_at <= $2 - $7)"
        ))
        .bind(due_at)
        .bind(scope.now)
        .bind(scope.now - scope.forget_after)
        .bind(scope.created_by)
        .bind(scope.unchecked_since)
        .bind(scope.title.unwrap_or_default())
        .bind(lease)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not mark tokens to sweep")?;
        Ok(done)
    }
}

#[cfg(test)]
#[path = "sweeps_tests.rs"]
mod tests;
