//! The one door through which every change of an upload's state is written.
//!
//! Minting, a failure 23 reported, a video received (confirmed or only claimed), a video
//! encoded, a claim 23 contradicted, expiry and edited details are each a [`Change`], and
//! [`apply`] is the only function that writes one. It also writes the host site's events (the
//! webhook outbox, `tell`) and the operator's mail in the same database transaction as the change
//! itself, so they hear of every change exactly when it is committed and of none rolled back.

use std::future::Future;

use super::tell::{self, Moves};
use crate::state::AppState;
use crate::store::{EncodedVideo, NewUpload, PhotoRecord, StoreResult, Tx};
use crate::uploads::{Metadata, Status, Upload};

/// One change of an upload's state, and how the store writes it.
pub trait Change {
    /// What the caller learns: the new upload, or the upload's status after the change.
    type Output;
    /// The change's name in logs (and, later, in the host site's events).
    const NAME: &'static str;
    /// Writes the change inside `tx`; [`apply`] commits it with whatever goes along.
    fn write(self, tx: &mut Tx) -> impl Future<Output = StoreResult<Self::Output>> + Send;
    /// The uploads the change may move (their events are told).
    fn moves(&self) -> Moves;
    /// The upload the change created, if it created one.
    fn created(_output: &Self::Output) -> Option<i64> {
        None
    }
}

/// Writes one change. The single place where whatever must happen together with a change of
/// state (the host site's outbox row) is added.
pub async fn apply<C: Change>(state: &AppState, change: C) -> StoreResult<C::Output> {
    let listeners = tell::Listeners {
        webhooks: &state.webhooks,
        mail: &state.mail,
    };
    let mut tx = state.store.begin().await?;
    let before = tell::before(&mut tx, listeners, change.moves()).await?;
    let output = change.write(&mut tx).await?;
    let told = tell::after(&mut tx, listeners, before, C::created(&output)).await?;
    tx.commit().await?;
    if told.events > 0 {
        state.webhooks.committed();
    }
    if told.mails > 0 {
        state.mail.committed();
    }
    // The name only: an upload's output carries its nonce and token, which never reach the log.
    tracing::debug!(change = C::NAME, "applied a change");
    Ok(output)
}

/// A token 23 minted, stored as a pending upload.
pub struct Minted<'a>(pub &'a NewUpload);

/// 23's callback reported an error for the upload.
pub struct Failed<'a> {
    pub upload_id: i64,
    pub error_message: &'a str,
}

/// A video made from the upload's token: `confirmed` when 23 lists it, else only a callback's claim.
pub struct VideoReceived<'a> {
    pub upload_id: i64,
    pub video: &'a PhotoRecord,
    pub confirmed: bool,
}

/// 23 finished encoding a video.
pub struct VideoEncoded<'a> {
    pub upload_id: i64,
    pub photo_id: i64,
    pub video: &'a EncodedVideo,
}

/// 23 answered and does not list a video a callback claimed.
pub struct ClaimRejected {
    pub upload_id: i64,
    pub photo_id: i64,
}

/// Pending uploads whose token ran out before `now`; the output is how many expired.
pub struct OverdueExpired {
    pub now: i64,
}

/// The visitor corrected title, description or tags (23 already took them).
pub struct DetailsEdited<'a> {
    pub upload_id: i64,
    pub metadata: &'a Metadata,
}

impl Change for Minted<'_> {
    type Output = Upload;
    const NAME: &'static str = "minted";
    async fn write(self, tx: &mut Tx) -> StoreResult<Upload> {
        tx.insert_upload(self.0).await
    }
    fn moves(&self) -> Moves {
        Moves::New
    }
    fn created(output: &Upload) -> Option<i64> {
        Some(output.id)
    }
}

/// A token minted with answers or consent, both stored in one transaction.
pub struct MintedWithAnswers<'a>(pub &'a NewUpload, pub &'a crate::store::UploadAnswers);

impl Change for MintedWithAnswers<'_> {
    type Output = Upload;
    const NAME: &'static str = "minted";
    async fn write(self, tx: &mut Tx) -> StoreResult<Upload> {
        let upload = tx.insert_upload(self.0).await?;
        tx.insert_upload_answers(upload.id, self.1).await?;
        Ok(upload)
    }
    fn moves(&self) -> Moves {
        Moves::New
    }
    fn created(output: &Upload) -> Option<i64> {
        Some(output.id)
    }
}

impl Change for Failed<'_> {
    type Output = Status;
    const NAME: &'static str = "failed";
    async fn write(self, tx: &mut Tx) -> StoreResult<Status> {
        tx.record_failure(self.upload_id, self.error_message).await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}

impl Change for VideoReceived<'_> {
    type Output = Status;
    const NAME: &'static str = "video_received";
    async fn write(self, tx: &mut Tx) -> StoreResult<Status> {
        tx.record_photo(self.upload_id, self.video, self.confirmed)
            .await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}

impl Change for VideoEncoded<'_> {
    type Output = Status;
    const NAME: &'static str = "video_encoded";
    async fn write(self, tx: &mut Tx) -> StoreResult<Status> {
        tx.record_encoded(self.upload_id, self.photo_id, self.video)
            .await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}

impl Change for ClaimRejected {
    type Output = Status;
    const NAME: &'static str = "claim_rejected";
    async fn write(self, tx: &mut Tx) -> StoreResult<Status> {
        tx.reject_claim(self.upload_id, self.photo_id).await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}

impl Change for OverdueExpired {
    type Output = usize;
    const NAME: &'static str = "expired";
    async fn write(self, tx: &mut Tx) -> StoreResult<usize> {
        tx.expire_overdue(self.now).await
    }
    fn moves(&self) -> Moves {
        Moves::Overdue(self.now)
    }
}

impl Change for DetailsEdited<'_> {
    type Output = ();
    const NAME: &'static str = "details_edited";
    async fn write(self, tx: &mut Tx) -> StoreResult<()> {
        tx.update_metadata(self.upload_id, self.metadata).await
    }
    fn moves(&self) -> Moves {
        Moves::One(self.upload_id)
    }
}
