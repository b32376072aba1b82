//! Reservations for the hourly mint limits, and the per-upload budget of 23 checks.
//!
//! A reservation is written before 23 is asked for a token, in the transaction that counts the
//! others: SQLite's `BEGIN IMMEDIATE` and PostgreSQL's advisory lock make that count-then-insert
//! one step for every request on every instance, so 50 simultaneous requests see 50 counts.

use anyhow::Context as _;

use super::{Store, StoreResult, on_tx};

/// Key of the PostgreSQL advisory lock that serialises reservations (any fixed number).
const RESERVATION_LOCK: i64 = 0x23_1417;

/// Who asks for a token, and the three hourly limits that apply.
#[derive(Debug, Clone)]
pub struct MintRequest<'a> {
    pub visitor_id: &'a str,
    /// The client's address as the limits see it (an IPv6 client by its /64).
    pub client_ip: &'a str,
    pub per_visitor: u32,
    pub per_ip: u32,
    pub total: u32,
}

/// Which hourly limit refused a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MintLimit {
    Visitor,
    Address,
    Site,
}

/// The outcome of asking for a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Go ahead and call 23; release it with `release_mint` if 23 minted nothing.
    Granted(i64),
    /// Over `limit`; the oldest counted reservation leaves the hour in `retry_after` seconds.
    Refused { limit: MintLimit, retry_after: i64 },
}

type Counts = (i64, Option<i64>, i64, Option<i64>, i64, Option<i64>);

impl Store {
    /// Counts the last hour's reservations and, when all three limits allow, adds one, all in one
    /// serialised transaction.
    pub async fn reserve_mint(
        &self,
        request: &MintRequest<'_>,
        now: i64,
    ) -> StoreResult<Reservation> {
        let mut tx = self.begin().await?;
        let since = now - 3600;
        let counts: Counts = on_tx!(&mut tx, |conn| {
            if matches!(self.pool, super::Pool::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(RESERVATION_LOCK)
                    .execute(&mut *conn)
                    .await
                    .context("could not lock the mint reservations")?;
            }
            sqlx::query("DELETE FROM mint_reservations WHERE created_at <= $1")
                .bind(since)
                .execute(&mut *conn)
                .await
                .context("could not forget old mint reservations")?;
            sqlx::query_as(
                "SELECT COUNT(CASE WHEN visitor_id = $1 THEN 1 END), \
                        MIN(CASE WHEN visitor_id = $1 THEN created_at END), \
                        COUNT(CASE WHEN client_ip = $2 THEN 1 END), \
                        MIN(CASE WHEN client_ip = $2 THEN created_at END), \
                        COUNT(*), MIN(created_at) \
                 FROM mint_reservations",
            )
            .bind(request.visitor_id)
            .bind(request.client_ip)
            .fetch_one(&mut *conn)
            .await
            .context("could not count recent mint reservations")?
        });
        if let Some(refused) = refusal(request, counts, since) {
            // Committed all the same, so the hour's old rows are gone for the next count.
            tx.commit().await?;
            return Ok(refused);
        }
        let id: i64 = on_tx!(&mut tx, |conn| sqlx::query_scalar(
            "INSERT INTO mint_reservations (visitor_id, client_ip, created_at) \
             VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(request.visitor_id)
        .bind(request.client_ip)
        .bind(now)
        .fetch_one(conn)
        .await)
        .context("could not reserve a mint")?;
        tx.commit().await?;
        Ok(Reservation::Granted(id))
    }

    /// Gives a reservation back: 23 refused, so no token exists to count.
    pub async fn release_mint(&self, id: i64) -> StoreResult<()> {
        super::on_pool!(self, |pool| sqlx::query(
            "DELETE FROM mint_reservations WHERE id = $1"
        )
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
        .context("could not release a mint reservation")?;
        Ok(())
    }

    /// Takes this upload's check budget: true (and the budget is spent until `every` seconds
    /// from now) when no visitor's request made 23 check it in the last `every` seconds. One
    /// conditional update, so simultaneous requests cannot both get it.
    pub async fn take_check_budget(
        &self,
        upload_id: i64,
        now: i64,
        every: i64,
    ) -> StoreResult<bool> {
        let done = super::on_pool!(self, |pool| sqlx::query(
            "UPDATE uploads SET visitor_check_at = $1 \
             WHERE id = $2 AND (visitor_check_at IS NULL OR visitor_check_at <= $3)",
        )
        .bind(now)
        .bind(upload_id)
        .bind(now - every)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not take an upload's check budget")?;
        Ok(done == 1)
    }
}

impl Store {
    /// Deletes uploads that expired before `before` without ever receiving a file (no video
    /// rows); anything with a video is kept. Returns how many went. Bounded per call, so one
    /// tick never holds the database for long.
    pub async fn prune_dead_uploads(&self, before: i64) -> StoreResult<u64> {
        let done = super::on_pool!(self, |pool| sqlx::query(
            "DELETE FROM uploads WHERE id IN (SELECT id FROM uploads u \
             WHERE u.status = 'expired' AND u.valid_until < $1 \
             AND NOT EXISTS (SELECT 1 FROM photos p WHERE p.upload_id = u.id) \
             ORDER BY u.id LIMIT 1000)",
        )
        .bind(before)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .context("could not prune old expired uploads")?;
        Ok(done)
    }
}

/// The first limit the counts reach, with the wait until the oldest counted row leaves the hour.
fn refusal(request: &MintRequest, counts: Counts, since: i64) -> Option<Reservation> {
    let (visitor, visitor_oldest, ip, ip_oldest, total, oldest) = counts;
    let checks = [
        (
            MintLimit::Visitor,
            visitor,
            request.per_visitor,
            visitor_oldest,
        ),
        (MintLimit::Address, ip, request.per_ip, ip_oldest),
        (MintLimit::Site, total, request.total, oldest),
    ];
    checks
        .into_iter()
        .find(|(_, count, limit, _)| *count >= i64::from(*limit))
        .map(|(limit, _, _, oldest)| Reservation::Refused {
            limit,
            retry_after: (oldest.unwrap_or(since) - since).max(1),
        })
}

#[cfg(test)]
mod tests {
    use crate::store::PhotoRecord;
    use crate::store::test_support::{fresh_store, new_upload};
    use crate::uploads::now;

    #[tokio::test]
    async fn only_long_expired_uploads_without_a_video_are_pruned() {
        let (store, _db) = fresh_store().await;
        let long_ago = now() - 40 * 86_400;
        let dead = store.insert_upload(&new_upload(1, long_ago)).await.unwrap();
        let with_video = store.insert_upload(&new_upload(2, long_ago)).await.unwrap();
        let recent = store
            .insert_upload(&new_upload(3, now() - 60))
            .await
            .unwrap();
        let video = PhotoRecord {
            photo_id: 7,
            tree_id: None,
            token: None,
            video_url: None,
        };
        store
            .record_photo(with_video.id, &video, true)
            .await
            .unwrap();
        store.expire_overdue(now()).await.unwrap();
        let pruned = store.prune_dead_uploads(now() - 30 * 86_400).await.unwrap();
        assert_eq!(pruned, 1);
        let left = store.history("alice", None, 10).await.unwrap();
        let ids: Vec<i64> = left.items.iter().map(|(upload, _)| upload.id).collect();
        assert!(!ids.contains(&dead.id), "the dead upload is gone");
        assert!(
            ids.contains(&with_video.id) && ids.contains(&recent.id),
            "{ids:?}"
        );
    }
}
