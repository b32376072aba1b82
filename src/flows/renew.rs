//! A fresh token for an upload whose token failed or is running out ("Try again", the offer on
//! an expired upload, the page's own renewal). The retry is the same upload to everyone: the
//! visitor's metadata, and the campaign's album and publishing policy with the answers and the
//! consent given for it. Minting it under the default campaign instead would drop a campaign
//! upload out of its album and out of the approval queue.

use super::campaigns::campaign_plan;
use super::mint::{MintError, MintPlan, Requester, mint_with};
use crate::state::AppState;
use crate::uploads::Upload;

pub async fn renew(
    state: &AppState,
    who: Requester<'_>,
    previous: &Upload,
) -> Result<Upload, MintError> {
    let answers = state
        .store
        .answers_of(&[previous.id])
        .await?
        .remove(&previous.id);
    let campaign = match answers.as_ref().and_then(|a| a.campaign_id) {
        Some(id) => state.store.campaign_by_id(id).await?,
        None => None,
    };
    let plan = match campaign {
        Some(campaign) => campaign_plan(&campaign, answers),
        None => MintPlan {
            answers,
            ..MintPlan::default_campaign(state)
        },
    };
    mint_with(state, who, previous.metadata.clone(), plan).await
}
