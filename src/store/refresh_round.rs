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

#[cfg(test)]
mod tests {
    use crate::store::test_support::fresh_store;
    use crate::store::{NewUpload, PhotoRecord, Store};
    use crate::uploads::{Metadata, now};

    /// An upload with one confirmed video `photo_id`, still encoding.
    async fn encoding(store: &Store, photo_id: i64) -> i64 {
        let upload = store
            .insert_upload(&NewUpload {
                visitor_id: "alice".into(),
                nonce: format!("nonce{photo_id:027}"),
                upload_token: format!("token{photo_id:035}"),
                metadata: Metadata {
                    title: "Video".into(),
                    description: String::new(),
                    tags: String::new(),
                    publish: true,
                },
                max_uploads: 1,
                valid_until: now() + 600,
            })
            .await
            .unwrap();
        let photo = PhotoRecord {
            photo_id,
            tree_id: Some(1),
            token: Some("t".into()),
            video_url: None,
        };
        store.record_photo(upload.id, &photo, true).await.unwrap();
        upload.id
    }

    #[tokio::test]
    async fn a_round_puts_its_videos_on_the_next_round_together_and_counts_the_look() {
        let (store, _db) = fresh_store().await;
        let now = now();
        let a = encoding(&store, 10).await;
        let b = encoding(&store, 11).await;
        let other = encoding(&store, 12).await;
        assert_eq!(
            store
                .claim_photos_to_refresh(now, 120, 10)
                .await
                .unwrap()
                .len(),
            3
        );

        store
            .schedule_refresh_round(&[(a, 10), (b, 11)], now + 30)
            .await
            .unwrap();

        let due_before = store
            .claim_photos_to_refresh(now + 29, 120, 10)
            .await
            .unwrap();
        assert!(
            due_before.is_empty(),
            "not before the round: {due_before:?}"
        );
        let mut due: Vec<i64> = store
            .claim_photos_to_refresh(now + 30, 120, 10)
            .await
            .unwrap()
            .iter()
            .map(|p| p.photo_id)
            .collect();
        due.sort_unstable();
        assert_eq!(due, [10, 11], "both at once; the other one still leased");
        assert_eq!(store.refresh_attempts(a, 10).await.unwrap(), 1);
        assert_eq!(store.refresh_attempts(other, 12).await.unwrap(), 0);
    }
}
