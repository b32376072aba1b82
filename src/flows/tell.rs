//! Telling the host site, inside `changes::apply`: the uploads a change may move are locked and
//! read before it is written, read again after, and every event between the two is written to the
//! outbox in the same transaction. Nothing here runs when webhooks are off.

use crate::store::{StoreResult, Tx};
use crate::webhooks::{Outbox, OutboxEvent, Snapshot, events_between};

/// Which uploads a change may move.
pub enum Moves {
    One(i64),
    /// Every pending upload whose token ran out before this time.
    Overdue(i64),
    /// Only the upload it creates.
    New,
}

/// The uploads as they were before the change (locked until the transaction ends).
pub async fn before(tx: &mut Tx, outbox: &Outbox, moves: Moves) -> StoreResult<Vec<Snapshot>> {
    if !outbox.is_enabled() {
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

/// Writes the events between `before` and now (and `upload.created` for `created`) to the outbox;
/// returns how many.
pub async fn after(
    tx: &mut Tx,
    outbox: &Outbox,
    before: Vec<Snapshot>,
    created: Option<i64>,
) -> StoreResult<usize> {
    let mut written = 0;
    if !outbox.is_enabled() {
        return Ok(written);
    }
    let pairs = before.into_iter().map(|b| (b.upload.id, Some(b)));
    for (id, before) in pairs.chain(created.map(|id| (id, None))) {
        let Some((upload, photos)) = tx.lock_upload(id).await? else {
            continue;
        };
        let now = Snapshot { upload, photos };
        for (kind, photo) in events_between(before.as_ref(), &now) {
            let event = OutboxEvent::about(kind, &now.upload, photo);
            if let Some(delivery) = event.to_delivery() {
                tx.insert_delivery(&delivery).await?;
                written += 1;
            }
        }
    }
    Ok(written)
}
