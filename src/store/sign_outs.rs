//! The host site's sign-outs of its users' frame sessions: one "not before" time per user,
//! shared by every instance.

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

impl Store {
    /// Nothing the host vouched for `sub` before `not_before` (Unix seconds) counts any more. A
    /// sign-out never moves the time back (a delayed retry of an older call changes nothing).
    pub async fn sign_out_host_user(&self, sub: &str, not_before: i64) -> StoreResult<()> {
        on_pool!(self, |pool| sqlx::query(
            "INSERT INTO embed_sign_outs (sub, not_before) VALUES ($1, $2) \
             ON CONFLICT (sub) DO UPDATE SET not_before = CASE \
                 WHEN excluded.not_before > embed_sign_outs.not_before THEN excluded.not_before \
                 ELSE embed_sign_outs.not_before END"
        )
        .bind(sub)
        .bind(not_before)
        .execute(pool)
        .await
        .map(drop))
        .context("could not record the host user's sign-out")?;
        Ok(())
    }

    /// When the host last signed `sub` out, if ever.
    pub async fn host_user_signed_out_at(&self, sub: &str) -> StoreResult<Option<i64>> {
        let at = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT not_before FROM embed_sign_outs WHERE sub = $1"
        )
        .bind(sub)
        .fetch_optional(pool)
        .await)
        .context("could not read the host user's sign-out")?;
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::fresh_store;

    #[tokio::test]
    async fn a_sign_out_is_kept_per_user_and_never_moves_back() {
        let (store, _db) = fresh_store().await;
        assert_eq!(store.host_user_signed_out_at("alice").await.unwrap(), None);
        store.sign_out_host_user("alice", 2_000).await.unwrap();
        store.sign_out_host_user("alice", 1_000).await.unwrap();
        assert_eq!(
            store.host_user_signed_out_at("alice").await.unwrap(),
            Some(2_000)
        );
        store.sign_out_host_user("alice", 3_000).await.unwrap();
        assert_eq!(
            store.host_user_signed_out_at("alice").await.unwrap(),
            Some(3_000)
        );
        assert_eq!(store.host_user_signed_out_at("bob").await.unwrap(), None);
    }
}
