//! Campaigns, and what came with each upload of one (answers, consent).

use std::collections::HashMap;

use anyhow::Context as _;

use super::{Store, StoreResult, Tx, on_pool, on_tx};
use crate::uploads::campaign::{Campaign, CampaignSettings};
use crate::uploads::fields::Answer;

/// Another campaign has this slug already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlugTaken;

/// The answers and consent stored with one upload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadAnswers {
    pub campaign_id: Option<i64>,
    pub answers: Vec<Answer>,
    pub consent_version: Option<String>,
    pub consent_at: Option<i64>,
    pub consent_visitor: Option<String>,
}

macro_rules! campaign_columns {
    () => {
        "id, slug, name, prompt, album_id, fixed_tags, publish_policy, max_files, max_file_mb, \
         max_recording_secs, opens_at, closes_at, fields, consent_text, terms_url, language, \
         brand_color, thank_you_text, thank_you_url"
    };
}

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: i64,
    slug: String,
    name: String,
    prompt: String,
    album_id: Option<String>,
    fixed_tags: String,
    publish_policy: String,
    max_files: i64,
    max_file_mb: Option<i64>,
    max_recording_secs: Option<i64>,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    fields: String,
    consent_text: String,
    terms_url: Option<String>,
    language: Option<String>,
    brand_color: Option<String>,
    thank_you_text: String,
    thank_you_url: Option<String>,
}

impl TryFrom<CampaignRow> for Campaign {
    type Error = anyhow::Error;
    fn try_from(r: CampaignRow) -> anyhow::Result<Campaign> {
        let small = |n: i64| u32::try_from(n).context("a campaign limit out of range");
        Ok(Campaign {
            id: r.id,
            settings: CampaignSettings {
                slug: r.slug,
                name: r.name,
                prompt: r.prompt,
                album_id: r.album_id,
                fixed_tags: r.fixed_tags,
                publish_policy: r.publish_policy,
                max_files: small(r.max_files)?,
                max_file_mb: r.max_file_mb.map(small).transpose()?,
                max_recording_secs: r.max_recording_secs.map(small).transpose()?,
                opens_at: r.opens_at,
                closes_at: r.closes_at,
                fields: serde_json::from_str(&r.fields).context("a campaign's fields")?,
                consent_text: r.consent_text,
                terms_url: r.terms_url,
                language: r.language,
                brand_color: r.brand_color,
                thank_you_text: r.thank_you_text,
                thank_you_url: r.thank_you_url,
            },
        })
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Binds a campaign's settings as `$1`…`$18` in the order of the columns after `id`.
macro_rules! bind_settings {
    ($query:expr, $s:expr) => {
        $query
            .bind(&$s.slug)
            .bind(&$s.name)
            .bind(&$s.prompt)
            .bind(&$s.album_id)
            .bind(&$s.fixed_tags)
            .bind(&$s.publish_policy)
            .bind(i64::from($s.max_files))
            .bind($s.max_file_mb.map(i64::from))
            .bind($s.max_recording_secs.map(i64::from))
            .bind($s.opens_at)
            .bind($s.closes_at)
            .bind(serde_json::to_string(&$s.fields).unwrap_or_else(|_| "[]".into()))
            .bind(&$s.consent_text)
            .bind(&$s.terms_url)
            .bind(&$s.language)
            .bind(&$s.brand_color)
            .bind(&$s.thank_you_text)
            .bind(&$s.thank_you_url)
    };
}

impl Store {
    pub async fn create_campaign(
        &self,
        settings: &CampaignSettings,
        now: i64,
    ) -> StoreResult<Result<Campaign, SlugTaken>> {
        let result: Result<CampaignRow, sqlx::Error> = on_pool!(self, |pool| {
            bind_settings!(
            sqlx::query_as(concat!(
                "INSERT INTO campaigns (slug, name, prompt, album_id, fixed_tags, publish_policy, \
                 max_files, max_file_mb, max_recording_secs, opens_at, closes_at, fields, \
                 consent_text, terms_url, language, brand_color, thank_you_text, thank_you_url, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
                 $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING ",
                campaign_columns!()
            )),
            settings
        )
        .bind(now)
        .fetch_one(pool)
        .await
        });
        match result {
            Ok(row) => Ok(Ok(row.try_into()?)),
            Err(e) if is_unique_violation(&e) => Ok(Err(SlugTaken)),
            Err(e) => Err(anyhow::Error::from(e)
                .context("could not store a campaign")
                .into()),
        }
    }

    /// Replaces a campaign's settings; `Ok(None)` when there is no such campaign.
    pub async fn update_campaign(
        &self,
        id: i64,
        settings: &CampaignSettings,
        now: i64,
    ) -> StoreResult<Result<Option<Campaign>, SlugTaken>> {
        let result: Result<Option<CampaignRow>, sqlx::Error> =
            on_pool!(self, |pool| bind_settings!(
                sqlx::query_as(concat!(
                    "UPDATE campaigns SET slug = $1, name = $2, prompt = $3, album_id = $4, \
                     fixed_tags = $5, publish_policy = $6, max_files = $7, max_file_mb = $8, \
                     max_recording_secs = $9, opens_at = $10, closes_at = $11, fields = $12, \
                     consent_text = $13, terms_url = $14, language = $15, brand_color = $16, \
                     thank_you_text = $17, thank_you_url = $18, updated_at = $19 \
                     WHERE id = $20 RETURNING ",
                    campaign_columns!()
                )),
                settings
            )
            .bind(now)
            .bind(id)
            .fetch_optional(pool)
            .await);
        match result {
            Ok(row) => Ok(Ok(row.map(Campaign::try_from).transpose()?)),
            Err(e) if is_unique_violation(&e) => Ok(Err(SlugTaken)),
            Err(e) => Err(anyhow::Error::from(e)
                .context("could not update a campaign")
                .into()),
        }
    }

    pub async fn campaign_by_slug(&self, slug: &str) -> StoreResult<Option<Campaign>> {
        let row: Option<CampaignRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns WHERE slug = $1"
        ))
        .bind(slug)
        .fetch_optional(pool)
        .await)
        .context("could not look up a campaign")?;
        Ok(row.map(Campaign::try_from).transpose()?)
    }

    pub async fn campaign_by_id(&self, id: i64) -> StoreResult<Option<Campaign>> {
        let row: Option<CampaignRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(pool)
        .await)
        .context("could not look up a campaign")?;
        Ok(row.map(Campaign::try_from).transpose()?)
    }

    /// Every campaign, newest first (an operator keeps tens, not thousands).
    pub async fn campaigns(&self) -> StoreResult<Vec<Campaign>> {
        let rows: Vec<CampaignRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            campaign_columns!(),
            " FROM campaigns ORDER BY id DESC LIMIT 1000"
        ))
        .fetch_all(pool)
        .await)
        .context("could not list the campaigns")?;
        Ok(rows
            .into_iter()
            .map(Campaign::try_from)
            .collect::<anyhow::Result<_>>()?)
    }

    /// Uploads this visitor started in this campaign.
    pub async fn campaign_uploads_of(
        &self,
        campaign_id: i64,
        visitor_id: &str,
    ) -> StoreResult<i64> {
        let n: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT count(*) FROM upload_answers a JOIN uploads u ON u.id = a.upload_id \
             WHERE a.campaign_id = $1 AND u.visitor_id = $2"
        )
        .bind(campaign_id)
        .bind(visitor_id)
        .fetch_one(pool)
        .await)
        .context("could not count a visitor's uploads in a campaign")?;
        Ok(n)
    }

    /// The answers and consent of these uploads (those that have any).
    pub async fn answers_of(&self, upload_ids: &[i64]) -> StoreResult<HashMap<i64, UploadAnswers>> {
        let mut found = HashMap::new();
        // One query per id keeps the SQL the same on both backends; pages hold at most 100.
        for &id in upload_ids {
            let row: Option<AnswersRow> = on_pool!(self, |pool| sqlx::query_as(
                "SELECT campaign_id, answers, consent_version, consent_at, consent_visitor \
                 FROM upload_answers WHERE upload_id = $1"
            )
            .bind(id)
            .fetch_optional(pool)
            .await)
            .context("could not read an upload's answers")?;
            if let Some(row) = row {
                found.insert(id, row.try_into()?);
            }
        }
        Ok(found)
    }
}

#[derive(sqlx::FromRow)]
struct AnswersRow {
    campaign_id: Option<i64>,
    answers: String,
    consent_version: Option<String>,
    consent_at: Option<i64>,
    consent_visitor: Option<String>,
}

impl TryFrom<AnswersRow> for UploadAnswers {
    type Error = anyhow::Error;
    fn try_from(r: AnswersRow) -> anyhow::Result<UploadAnswers> {
        Ok(UploadAnswers {
            campaign_id: r.campaign_id,
            answers: serde_json::from_str(&r.answers).context("an upload's answers")?,
            consent_version: r.consent_version,
            consent_at: r.consent_at,
            consent_visitor: r.consent_visitor,
        })
    }
}

impl Tx {
    /// Stores what came with a new upload, in the transaction that stores the upload.
    pub async fn insert_upload_answers(
        &mut self,
        upload_id: i64,
        answers: &UploadAnswers,
    ) -> StoreResult<()> {
        let json = serde_json::to_string(&answers.answers).context("an upload's answers")?;
        on_tx!(self, |conn| sqlx::query(
            "INSERT INTO upload_answers (upload_id, campaign_id, answers, consent_version, \
             consent_at, consent_visitor) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(upload_id)
        .bind(answers.campaign_id)
        .bind(json)
        .bind(&answers.consent_version)
        .bind(answers.consent_at)
        .bind(&answers.consent_visitor)
        .execute(conn)
        .await
        .map(|_| ()))
        .context("could not store an upload's answers")?;
        Ok(())
    }
}
