//! Saving a campaign, from the admin's form or the API with the same checks: its settings as
//! `CampaignInput::check` says, a slug no other campaign has, and an album 23 has (asked on
//! every save; nothing is saved while 23 cannot answer).

use crate::state::AppState;
use crate::store::{SlugTaken, StoreError};
use crate::twentythree::ApiError;
use crate::uploads::campaign::{Campaign, CampaignErrors, CampaignInput, CampaignSettings};
use crate::uploads::now;

/// Why a campaign was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the campaign's settings are not valid")]
    Invalid(CampaignErrors),
    /// 23 could not be asked whether the album exists, so nothing was saved; the problem is
    /// under `album_id`, for the form to show beside the field.
    #[error("23 could not be asked about the campaign's album")]
    AlbumUnchecked(CampaignErrors, ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const UNKNOWN_ALBUM: &str =
    "23 has no album with this id; check the id in 23's admin (Channels or Albums).";
const ALBUM_UNCHECKED: &str = "23 could not be reached to check this album, so nothing \
                                   was saved. Try again in a moment.";

impl SaveError {
    fn slug_taken() -> SaveError {
        SaveError::Invalid(CampaignErrors::from([(
            "slug",
            "Another campaign has this slug already; choose another.".to_string(),
        )]))
    }
}

fn check(input: CampaignInput) -> Result<CampaignSettings, SaveError> {
    let languages: Vec<&str> = crate::i18n::catalog()
        .languages()
        .map(|l| l.tag())
        .collect();
    let color = |c: &str| crate::config::brand_color(c).ok();
    input.check(&languages, color).map_err(SaveError::Invalid)
}

/// The settings checked, then the album: saved only if 23 knows it (a typo would otherwise send
/// every upload of the campaign to 23 with an album it refuses, or files them nowhere).
async fn check_with_album(
    state: &AppState,
    input: CampaignInput,
) -> Result<CampaignSettings, SaveError> {
    let settings = check(input)?;
    let Some(album_id) = &settings.album_id else {
        return Ok(settings);
    };
    match state.client.album_exists(album_id).await {
        Ok(true) => Ok(settings),
        Ok(false) => Err(SaveError::Invalid(CampaignErrors::from([(
            "album_id",
            UNKNOWN_ALBUM.to_string(),
        )]))),
        Err(error) => {
            tracing::warn!(%error, album_id, hint = error.operator_hint(),
                "could not ask 23 whether a campaign's album exists; the campaign was not saved");
            Err(SaveError::AlbumUnchecked(
                CampaignErrors::from([("album_id", ALBUM_UNCHECKED.to_string())]),
                error,
            ))
        }
    }
}

/// The problems [`create_campaign`] would refuse `input` for, without saving anything (the
/// admin's form adds them to its own, so the operator sees every one at once). A taken slug is
/// only found on saving, an unknown album only when 23 is asked, on saving.
pub fn problems(input: CampaignInput) -> CampaignErrors {
    match check(input) {
        Err(SaveError::Invalid(errors)) => errors,
        _ => CampaignErrors::new(),
    }
}

pub async fn create_campaign(
    state: &AppState,
    input: CampaignInput,
) -> Result<Campaign, SaveError> {
    let settings = check_with_album(state, input).await?;
    match state.store.create_campaign(&settings, now()).await? {
        Ok(campaign) => {
            tracing::info!(campaign_id = campaign.id, slug = %campaign.settings.slug, "created a campaign");
            Ok(campaign)
        }
        Err(SlugTaken) => Err(SaveError::slug_taken()),
    }
}

/// `Ok(None)`: there is no campaign with this id.
pub async fn update_campaign(
    state: &AppState,
    id: i64,
    input: CampaignInput,
) -> Result<Option<Campaign>, SaveError> {
    let settings = check_with_album(state, input).await?;
    match state.store.update_campaign(id, &settings, now()).await? {
        Ok(campaign) => Ok(campaign),
        Err(SlugTaken) => Err(SaveError::slug_taken()),
    }
}
