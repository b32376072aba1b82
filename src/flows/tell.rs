//! Telling the host site and the operator, inside `changes::apply`: the uploads a change may move
//! are locked and read before it is written, read again after, and every event between the two is
//! written to the outbox in the same transaction; an upload whose video 23 confirmed is queued
//! for the operator's mail there too. Nothing here runs when webhooks and mail are both off.

use crate::mail::MailOutbox;
use crate::store::{StoreResult, Tx};
use crate::webhooks::{EventType, Outbox, OutboxEvent, Snapshot, events_between};

/// Who hears of changes: the host site (webhooks) and the operator (mail).
#[derive(Clone, Copy)]
pub struct Listeners<'a> {
    pub webhooks: &'a Outbox,
    pub mail: &'a MailOutbox,
}

impl Listeners<'_> {
    fn any(&self) -> bool {
        self.webhooks.is_enabled() || self.mail.is_enabled()
    }
}

/// What `after` wrote: webhook events and operator mails queued.
#[derive(Debug, Default, Clone, Copy)]
pub struct Told {
    pub events: usize,
    pub mails: usize,
}

/// Which uploads a change may move.
pub enum Moves {
    One(i64),
    /// Every pending upload whose token ran out before this time.
    Overdue(i64),
    /// Only the upload it creates.
    New,
}

/// The uploads as they were before the change (locked until the transaction ends).
pub async fn before(
    tx: &mut Tx,
    listeners: Listeners<'_>,
    moves: Moves,
) -> StoreResult<Vec<Snapshot>> {
    if !listeners.any() {
        return Ok(Vec::new());
    }
    let ids = match moves {
        Moves::One(id) => vec![id],
        Moves::Overdue(now) => tx.overdue_uploads(now).await?,
        Moves::New => Vec::new(),
    };
    let mut snapshots = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some((upload, photos)) = tx.lock_upload(id).await? {
            snapshots.push(Snapshot { upload, photos });
        }
    }
    Ok(snapshots)
}

/// Writes the events between `before` and now (and `upload.created` for `created`) to the outbox,
/// and queues the operator's mail for an upload whose video 23 confirmed; returns how many.
pub async fn after(
    tx: &mut Tx,
    listeners: Listeners<'_>,
    before: Vec<Snapshot>,
    created: Option<i64>,
) -> StoreResult<Told> {
    let mut told = Told::default();
    if !listeners.any() {
        return Ok(told);
    }
    let pairs = before.into_iter().map(|b| (b.upload.id, Some(b)));
    for (id, before) in pairs.chain(created.map(|id| (id, None))) {
        let Some((upload, photos)) = tx.lock_upload(id).await? else {
            continue;
        };
        let now = Snapshot { upload, photos };
        let events = events_between(before.as_ref(), &now);
        let received = events.iter().any(|(k, _)| *k == EventType::UploadReceived);
        if received && listeners.mail.is_enabled() {
            // Queued once per upload however many of its videos arrive (the store ignores
            // a second one).
            tx.insert_mail_notice(id, crate::throttle::now_ms()).await?;
            told.mails += 1;
        }
        if !listeners.webhooks.is_enabled() {
            continue;
        }
        for (kind, photo) in events {
            let event = OutboxEvent::about(kind, &now.upload, photo);
            if let Some(delivery) = event.to_delivery() {
                tx.insert_delivery(&delivery).await?;
                told.events += 1;
            }
        }
    }
    Ok(told)
}
