//! The refresher's round: after one listing has shown which of our videos 23 is still encoding,
//! all of them are due again at the same moment, so the next round answers for them together.

use anyhow::Context as _;

use super::tx::in_own_tx;
use super::{StoreResult, Tx, on_tx};

impl Tx {
    /// Looks at these still-encoding videos (`(upload_id, photo_id)`) again at `at`, counting
    /// this look in their refresh attempts. One transaction, so a round's schedule is all or none:
    /// if it fails, the claims' leases bring the videos back.
    pub async fn schedule_refresh_round(
        &mut self,
        photos: &[(i64, i64)],
        at: i64,
    ) -> StoreResult<()> {
        for (upload_id, photo_id) in photos {
            on_tx!(self, |conn| sqlx::query(
                "UPDATE photos SET next_refresh_at = $1, refresh_attempts = refresh_attempts + 1 \
                 WHERE upload_id = $2 AND photo_id = $3 AND status = 'uploaded'",
            )
            .bind(at)
            .bind(upload_id)
            .bind(photo_id)
            .execute(conn)
            .await
            .map(|done| done.rows_affected()))
            .context("could not schedule a refresher round")?;
        }
        Ok(())
    }
}

impl super::Store {
    in_own_tx! { /// See [`Tx::schedule_refresh_round`].
    fn schedule_refresh_round(photos: &[(i64, i64)], at: i64) -> (); }
}
