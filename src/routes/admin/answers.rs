//! What came with an upload of a campaign, as the admin shows it beside the upload (list and
//! approval queue) and as the CSV's columns: the campaign, the answers to its fields, and the
//! consent given (version of the text, time, visitor).

use std::collections::HashMap;

use crate::error::AppError;
use crate::page::{human_time, machine_time};
use crate::state::AppState;
use crate::store::UploadAnswers;
use crate::uploads::fields::Answer;

pub struct ConsentView {
    pub version: String,
    pub when_human: String,
    pub when_machine: String,
    pub visitor: String,
}

pub struct AnswersView {
    /// The campaign's name, or `None` for the default page at `/`.
    pub campaign: Option<String>,
    pub answers: Vec<Answer>,
    pub consent: Option<ConsentView>,
}

/// Campaign names by id, for naming an upload's campaign.
pub async fn campaign_names(state: &AppState) -> Result<HashMap<i64, String>, AppError> {
    Ok(state
        .store
        .campaigns()
        .await?
        .into_iter()
        .map(|c| (c.id, c.settings.name))
        .collect())
}

/// The answers of these uploads, by upload id (uploads without any are left out).
pub async fn answers_by_upload(
    state: &AppState,
    upload_ids: &[i64],
) -> Result<HashMap<i64, AnswersView>, AppError> {
    let stored = state.store.answers_of(upload_ids).await?;
    if stored.is_empty() {
        return Ok(HashMap::new());
    }
    let names = campaign_names(state).await?;
    Ok(stored
        .into_iter()
        .map(|(id, a)| (id, view(&a, &names)))
        .collect())
}

fn view(stored: &UploadAnswers, names: &HashMap<i64, String>) -> AnswersView {
    AnswersView {
        campaign: stored.campaign_id.map(|id| {
            names.get(&id).cloned().unwrap_or_else(|| {
                let number = crate::i18n::args(&[("id", id.into())]);
                crate::i18n::current().t_args("admin-answers-campaign-id", &number)
            })
        }),
        answers: stored.answers.clone(),
        consent: stored.consent_version.as_ref().map(|version| ConsentView {
            version: version.clone(),
            when_human: stored.consent_at.map(human_time).unwrap_or_default(),
            when_machine: stored.consent_at.map(machine_time).unwrap_or_default(),
            visitor: stored.consent_visitor.clone().unwrap_or_default(),
        }),
    }
}

/// The CSV's last five cells for one upload (campaign, answers, consent version, time, visitor).
pub fn csv_cells(stored: Option<&UploadAnswers>, names: &HashMap<i64, String>) -> [String; 5] {
    let Some(stored) = stored else {
        return Default::default();
    };
    let campaign = stored
        .campaign_id
        .map(|id| names.get(&id).cloned().unwrap_or_else(|| id.to_string()))
        .unwrap_or_default();
    // One cell: the fields differ from one campaign to the next. Each line `label: answer`.
    let answers = stored
        .answers
        .iter()
        .map(|a| format!("{}: {}", a.label, a.value))
        .collect::<Vec<_>>()
        .join("\n");
    [
        campaign,
        answers,
        stored.consent_version.clone().unwrap_or_default(),
        stored.consent_at.map(machine_time).unwrap_or_default(),
        stored.consent_visitor.clone().unwrap_or_default(),
    ]
}
