//! Campaigns as use cases: resolve a slug to the campaign a visitor may upload to, and mint in it
//! with its album, tags, policy, limits, answers and consent (saving one is `campaign_save`).
//! The default campaign behind `/` keeps today's settings.

use std::collections::HashMap;

pub use super::campaign_save::{SaveError, create_campaign, problems, update_campaign};
use super::mint::{MintError, MintPlan, Requester, mint_with};
use crate::state::AppState;
use crate::store::{StoreError, UploadAnswers};
use crate::uploads::campaign::{Campaign, Openness, consent_version};
use crate::uploads::fields::check_answers;
use crate::uploads::{Metadata, PublishPolicy, Upload, now};

/// The default campaign's consent (`CONSENT_TEXT` behind `/`): what to store with the upload,
/// nothing when no consent is asked, or the problem when the box was not ticked.
pub fn default_consent(
    state: &AppState,
    ticked: bool,
    visitor_id: &str,
) -> Result<Option<UploadAnswers>, &'static str> {
    let version = state
        .consent
        .text
        .as_deref()
        .and_then(|text| consent_version(text, state.consent.terms_url.as_deref()));
    check_submission(
        None,
        version.map(|v| (v, ticked)),
        &HashMap::new(),
        visitor_id,
    )
    .map_err(|problems| problems.consent.unwrap_or(CONSENT_MISSING))
}

/// Why a visitor cannot upload to a campaign now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    Unknown,
    NotYetOpen { opens_at: i64 },
    Closed { closed_at: i64 },
}

/// The campaign at `/c/<slug>`, if it takes uploads now.
pub async fn open_campaign(
    state: &AppState,
    slug: &str,
) -> Result<Result<Campaign, (Unavailable, Option<Campaign>)>, StoreError> {
    let Some(campaign) = state.store.campaign_by_slug(slug).await? else {
        return Ok(Err((Unavailable::Unknown, None)));
    };
    Ok(match campaign.settings.openness(now()) {
        Openness::Open => Ok(campaign),
        Openness::NotYetOpen { opens_at } => {
            Err((Unavailable::NotYetOpen { opens_at }, Some(campaign)))
        }
        Openness::Closed { closed_at } => Err((Unavailable::Closed { closed_at }, Some(campaign))),
    })
}

/// The campaign an upload was started in, if any: its send page shows the campaign's prompt
/// again, so a visitor recording there still sees what they were asked.
pub async fn campaign_of_upload(
    state: &AppState,
    upload_id: i64,
) -> Result<Option<Campaign>, StoreError> {
    let answers = state.store.answers_of(&[upload_id]).await?;
    match answers.get(&upload_id).and_then(|a| a.campaign_id) {
        Some(campaign_id) => state.store.campaign_by_id(campaign_id).await,
        None => Ok(None),
    }
}

/// What was wrong with a visitor's answers: per field (by id), and the consent box.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerProblems {
    pub fields: HashMap<String, &'static str>,
    pub consent: Option<&'static str>,
}

impl AnswerProblems {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.consent.is_none()
    }
}

pub const CONSENT_MISSING: &str = "Please tick the box to agree before sending your video.";

/// The answers and consent to store, or every problem with them. Nothing is stored or minted
/// until all are right.
pub fn check_submission(
    campaign: Option<&Campaign>,
    consent: Option<(String, bool)>,
    posted: &HashMap<String, String>,
    visitor_id: &str,
) -> Result<Option<UploadAnswers>, AnswerProblems> {
    let mut problems = AnswerProblems::default();
    let fields = campaign
        .map(|c| c.settings.fields.as_slice())
        .unwrap_or(&[]);
    let answers = check_answers(fields, posted).unwrap_or_else(|p| {
        problems.fields = p;
        Vec::new()
    });
    let consent_version = match consent {
        Some((version, true)) => Some(version),
        Some((_, false)) => {
            problems.consent = Some(CONSENT_MISSING);
            None
        }
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    if campaign.is_none() && consent_version.is_none() {
        return Ok(None);
    }
    Ok(Some(UploadAnswers {
        campaign_id: campaign.map(|c| c.id),
        answers,
        consent_at: consent_version.as_ref().map(|_| now()),
        consent_visitor: consent_version.as_ref().map(|_| visitor_id.to_string()),
        consent_version,
    }))
}

/// Why no token was minted in a campaign.
#[derive(Debug, thiserror::Error)]
pub enum CampaignMintError {
    #[error("the campaign does not take uploads now")]
    Unavailable(Unavailable),
    #[error("the visitor has started as many uploads as the campaign allows")]
    LimitReached,
    #[error(transparent)]
    Mint(#[from] MintError),
}

impl From<StoreError> for CampaignMintError {
    fn from(e: StoreError) -> Self {
        CampaignMintError::Mint(MintError::Store(e))
    }
}

/// Mints a token in `campaign` (checked again here: it may have closed since the page was shown)
/// with its album, its fixed tags after the visitor's, and its publishing policy.
pub async fn mint_in_campaign(
    state: &AppState,
    who: Requester<'_>,
    campaign: &Campaign,
    mut metadata: Metadata,
    answers: UploadAnswers,
) -> Result<Upload, CampaignMintError> {
    let settings = &campaign.settings;
    if let Err((why, _)) = open_campaign(state, &settings.slug).await? {
        return Err(CampaignMintError::Unavailable(why));
    }
    let started = state
        .store
        .campaign_uploads_of(campaign.id, who.visitor_id)
        .await?;
    if started >= i64::from(settings.max_files) {
        return Err(CampaignMintError::LimitReached);
    }
    metadata.tags = with_fixed_tags(&metadata.tags, &settings.fixed_tags);
    let plan = campaign_plan(campaign, Some(answers));
    Ok(mint_with(state, who, metadata, plan).await?)
}

/// What a mint in `campaign` asks 23 for: its album, one file per token, its publishing policy
/// (approval first when the stored one is unknown, the safe side), and the answers to store.
pub fn campaign_plan(campaign: &Campaign, answers: Option<UploadAnswers>) -> MintPlan {
    let settings = &campaign.settings;
    MintPlan {
        policy: PublishPolicy::parse(&settings.publish_policy)
            .unwrap_or(PublishPolicy::ApprovalFirst),
        album_id: settings.album_id.clone(),
        max_uploads: 1,
        answers,
    }
}

/// The visitor's tags, then the campaign's that are not among them.
fn with_fixed_tags(visitor: &str, fixed: &str) -> String {
    let mut tags: Vec<&str> = visitor.split_whitespace().collect();
    for tag in fixed.split_whitespace() {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_tags_follow_the_visitors_own_once() {
        assert_eq!(
            with_fixed_tags("fun testimonial", "product:1234 testimonial"),
            "fun testimonial product:1234"
        );
        assert_eq!(with_fixed_tags("", "a"), "a");
    }

    #[test]
    fn an_unticked_consent_box_is_a_problem_and_stores_nothing() {
        let posted = HashMap::new();
        let refused = check_submission(None, Some(("v1".into(), false)), &posted, "ann");
        assert_eq!(refused.unwrap_err().consent, Some(CONSENT_MISSING));
        let given = check_submission(None, Some(("v1".into(), true)), &posted, "ann")
            .unwrap()
            .unwrap();
        assert_eq!(given.consent_version.as_deref(), Some("v1"));
        assert_eq!(given.consent_visitor.as_deref(), Some("ann"));
        assert_eq!(check_submission(None, None, &posted, "ann").unwrap(), None);
    }
}
