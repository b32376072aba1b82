//! How many uploads each campaign has had, and how many of them wait for the operator: the
//! figures of the admin's campaign list.

use std::collections::HashMap;

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

/// One campaign's uploads so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CampaignCounts {
    pub uploads: i64,
    /// Waiting for approval (not yet decided).
    pub waiting: i64,
}

impl Store {
    /// Counts per campaign id; a campaign without uploads is not in the map.
    pub async fn campaign_counts(&self) -> StoreResult<HashMap<i64, CampaignCounts>> {
        let rows: Vec<(i64, i64, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.campaign_id, count(*), \
             coalesce(sum(CASE WHEN u.review = 'waiting' THEN 1 ELSE 0 END), 0) \
             FROM upload_answers a JOIN uploads u ON u.id = a.upload_id \
             WHERE a.campaign_id IS NOT NULL GROUP BY a.campaign_id"
        )
        .fetch_all(pool)
        .await)
        .context("could not count the campaigns' uploads")?;
        Ok(rows
            .into_iter()
            .map(|(id, uploads, waiting)| (id, CampaignCounts { uploads, waiting }))
            .collect())
    }
}
