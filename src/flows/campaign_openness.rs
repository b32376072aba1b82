//! The admin's Open and Close buttons: a campaign opens or closes now by moving its opening or
//! closing time, so the page at `/c/<slug>` and the mint follow from the times alone, as they do
//! for a campaign opened or closed on a schedule.

use crate::state::AppState;
use crate::store::StoreError;
use crate::uploads::campaign::{Campaign, CampaignSettings};
use crate::uploads::now;

/// Opens the campaign now: an opening time still to come becomes now, a closing time passed is
/// dropped (a closing time still to come stays). `Ok(None)`: no such campaign.
pub async fn open_now(state: &AppState, id: i64) -> Result<Option<Campaign>, StoreError> {
    change(state, id, |s, now| {
        if s.opens_at.is_some_and(|at| at > now) {
            s.opens_at = Some(now);
        }
        if s.closes_at.is_some_and(|at| at <= now) {
            s.closes_at = None;
        }
    })
    .await
}

/// Closes the campaign now: its closing time becomes now, and an opening time not yet come is
/// dropped (a campaign cannot close before it opens).
pub async fn close_now(state: &AppState, id: i64) -> Result<Option<Campaign>, StoreError> {
    change(state, id, |s, now| {
        if s.opens_at.is_some_and(|at| at >= now) {
            s.opens_at = None;
        }
        s.closes_at = Some(now);
    })
    .await
}

async fn change(
    state: &AppState,
    id: i64,
    edit: impl FnOnce(&mut CampaignSettings, i64),
) -> Result<Option<Campaign>, StoreError> {
    let Some(campaign) = state.store.campaign_by_id(id).await? else {
        return Ok(None);
    };
    let now = now();
    let mut settings = campaign.settings;
    edit(&mut settings, now);
    // Only the times change, and the slug is the campaign's own, so it cannot be taken.
    let saved = state.store.update_campaign(id, &settings, now).await?;
    let campaign = saved.unwrap_or(None);
    if let Some(c) = &campaign {
        tracing::info!(campaign_id = c.id, slug = %c.settings.slug, opens_at = ?c.settings.opens_at,
            closes_at = ?c.settings.closes_at, "opened or closed a campaign");
    }
    Ok(campaign)
}
