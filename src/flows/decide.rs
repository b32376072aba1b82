//! Decisions about an upload: the operator approves or rejects one waiting for approval, the
//! visitor withdraws their own. Each is written at once through `changes::apply` with its outbox
//! row; [`carry_out_due`] (called by the jobs) makes the 23 calls from those rows, retrying a
//! failed call until 23 has done it, and only then moves the upload on (and tells the host site).

use super::changes::{Change, Minted, MintedWithAnswers, apply};
use super::tell::Moves;
use crate::error::log_api_failure;
use crate::state::AppState;
use crate::store::{DueDecision, NewUpload, Refusal, StoreResult, Tx, UploadAnswers};
use crate::twentythree::{ApiError, PhotoUpdate};
use crate::uploads::{Decision, Review, Upload, now};

/// How long a claimed decision stays reserved for the instance making its 23 calls.
const LEASE_SECS: i64 = 60;
const BATCH: u32 = 25;
/// The first retry of a failed 23 call waits this long, each next one twice as long, up to
/// `RETRY_CAP_SECS`: 23 is asked again until it has done the call.
const FIRST_RETRY_SECS: i64 = 2;
const RETRY_CAP_SECS: i64 = 600;

fn retry_delay(attempts: u32) -> i64 {
    let factor = 1i64 << attempts.saturating_sub(1).min(20);
    FIRST_RETRY_SECS.saturating_mul(factor).min(RETRY_CAP_SECS)
}

/// A token minted under approval first: stored pending and waiting for the operator.
pub struct MintedForApproval<'a>(pub &'a NewUpload, pub Option<&'a UploadAnswers>);

impl Change for MintedForApproval<'_> {
    type Output = Upload;
    const NAME: &'static str = "minted_for_approval";
    async fn write(self, tx: &mut Tx) -> StoreResult<Upload> {
        let upload = match self.1 {
            None => Minted(self.0).write(tx).await?,
            Some(answers) => MintedWithAnswers(self.0, answers).write(tx).await?,
        };
        tx.mark_waiting(upload.id).await?;
        Ok(Upload {
            review: Some(Review::Waiting),
            ..upload
        })
    }
    fn moves(&self) -> Moves {
        Moves::New
    }
    fn created(output: &Upload) -> Option<i64> {
        Some(output.id)
    }
}

/// A decision written (not yet carried out on 23).
pub struct Decided<'a> {
    pub upload_id: i64,
    pub decision: Decision,
    /// For a withdrawal: the visitor, who must own the upload.
    pub visitor: Option<&'a str>,
    pub reason: Option<&'a str>,
}

impl Change for Decided<'_> {
    type Output = Result<Review, Refusal>;
    const NAME: &'static str = "decided";
    async fn write(self, tx: &mut Tx) -> StoreResult<Self::Output> {
        tx.decide(
            self.upload_id,
            self.decision,
            self.visitor,
            self.reason,
            now(),
        )
        .await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}

/// 23 did what a decision asked.
struct CarriedOut {
    decision_id: i64,
    upload_id: i64,
}

impl Change for CarriedOut {
    type Output = bool;
    const NAME: &'static str = "decision_carried_out";
    async fn write(self, tx: &mut Tx) -> StoreResult<bool> {
        tx.finish_decision(self.decision_id, self.upload_id, now())
            .await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}

/// The operator's decision on a waiting upload (several at once call this per upload).
pub async fn decide(
    state: &AppState,
    upload_id: i64,
    decision: Decision,
    reason: Option<&str>,
) -> StoreResult<Result<Review, Refusal>> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let outcome = apply(
        state,
        Decided {
            upload_id,
            decision,
            visitor: None,
            reason,
        },
    )
    .await?;
    if outcome.is_ok() {
        tracing::info!(
            upload_id,
            decision = decision.as_str(),
            "the operator decided"
        );
    }
    Ok(outcome)
}

/// The visitor withdraws their own upload; anyone else's looks like no upload at all.
pub async fn withdraw(
    state: &AppState,
    visitor_id: &str,
    upload_id: i64,
) -> StoreResult<Result<Review, Refusal>> {
    let outcome = apply(
        state,
        Decided {
            upload_id,
            decision: Decision::Withdraw,
            visitor: Some(visitor_id),
            reason: None,
        },
    )
    .await?;
    if outcome.is_ok() {
        tracing::info!(upload_id, "a visitor withdrew an upload");
    }
    Ok(outcome)
}

/// Makes the 23 calls of every decision due, claimed first so instances sharing the database
/// never make the same call twice at once; returns how many were carried out.
pub async fn carry_out_due(state: &AppState) -> StoreResult<usize> {
    let due = state
        .store
        .claim_due_decisions(now(), LEASE_SECS, BATCH)
        .await?;
    let mut done = 0;
    for decision in due {
        match call_23(state, &decision).await {
            Ok(()) => {
                let change = CarriedOut {
                    decision_id: decision.id,
                    upload_id: decision.upload_id,
                };
                if apply(state, change).await? {
                    done += 1;
                }
            }
            Err(error) => {
                log_api_failure(&error, decision.decision.as_str());
                let retry_at = now() + retry_delay(decision.attempts);
                state
                    .store
                    .decision_failed(decision.id, retry_at, &error.to_string())
                    .await?;
            }
        }
    }
    Ok(done)
}

/// The calls one decision needs, one per video. Each is safe to repeat: publishing twice
/// publishes, and a video already deleted counts as deleted.
async fn call_23(state: &AppState, due: &DueDecision) -> Result<(), ApiError> {
    for &photo_id in &due.photo_ids {
        match due.decision {
            Decision::Approve => publish(state, photo_id, true).await?,
            Decision::Reject { keep_in_23: true } => publish(state, photo_id, false).await?,
            Decision::Reject { keep_in_23: false } | Decision::Withdraw => {
                state.client.photo_delete(photo_id).await?;
            }
        }
    }
    Ok(())
}

async fn publish(state: &AppState, photo_id: i64, published: bool) -> Result<(), ApiError> {
    let update = PhotoUpdate {
        photo_id,
        published: Some(published),
        ..Default::default()
    };
    state.client.photo_update(&update).await
}
