//! A campaign: a collection page of its own at `/c/<slug>`, and the rules for its settings. The
//! admin's form and the JSON API both fill a [`CampaignInput`]; [`CampaignInput::check`] is the
//! one place that says what a campaign may be.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::fields::{CHOICES_MAX, CustomField, FIELDS_MAX, FieldKind};

/// Who decides whether an upload goes public (stored by these names).
pub const POLICIES: [&str; 3] = ["visitor_chooses", "always_unpublished", "approval_first"];

/// A campaign as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Campaign {
    pub id: i64,
    #[serde(flatten)]
    pub settings: CampaignSettings,
}

/// Everything about a campaign but its id: checked, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSettings {
    pub slug: String,
    pub name: String,
    pub prompt: String,
    pub album_id: Option<String>,
    pub fixed_tags: String,
    pub publish_policy: String,
    pub max_files: u32,
    pub max_file_mb: Option<u32>,
    pub max_recording_secs: Option<u32>,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub fields: Vec<CustomField>,
    pub consent_text: String,
    pub terms_url: Option<String>,
    pub language: Option<String>,
    pub brand_color: Option<String>,
    pub thank_you_text: String,
    pub thank_you_url: Option<String>,
}

/// Whether a campaign takes uploads at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    Open,
    NotYetOpen { opens_at: i64 },
    Closed { closed_at: i64 },
}

impl CampaignSettings {
    pub fn openness(&self, now: i64) -> Openness {
        match (self.opens_at, self.closes_at) {
            (Some(opens_at), _) if now < opens_at => Openness::NotYetOpen { opens_at },
            (_, Some(closed_at)) if now >= closed_at => Openness::Closed { closed_at },
            _ => Openness::Open,
        }
    }

    /// The version of the consent text a visitor agrees to: changing the text or the terms link
    /// changes it, for later uploads only.
    pub fn consent_version(&self) -> Option<String> {
        consent_version(&self.consent_text, self.terms_url.as_deref())
    }

    /// Paragraphs of the prompt, for the page (blank lines separate them).
    pub fn prompt_paragraphs(&self) -> Vec<String> {
        paragraphs(&self.prompt)
    }

    pub fn thank_you_paragraphs(&self) -> Vec<String> {
        paragraphs(&self.thank_you_text)
    }
}

/// A short hash of the consent text (and terms URL) as shown; `None` when there is none.
pub fn consent_version(text: &str, terms_url: Option<&str>) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut hash = Sha256::new();
    hash.update(text.as_bytes());
    hash.update([0]);
    hash.update(terms_url.unwrap_or("").as_bytes());
    let digest = hash.finalize();
    Some(digest[..8].iter().map(|b| format!("{b:02x}")).collect())
}

fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A campaign as an operator wrote it (form or JSON), before it is checked. Times are Unix
/// seconds (the form converts its date fields first).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CampaignInput {
    pub slug: String,
    pub name: String,
    pub prompt: String,
    pub album_id: String,
    pub fixed_tags: String,
    pub publish_policy: String,
    pub max_files: Option<u32>,
    pub max_file_mb: Option<u32>,
    pub max_recording_secs: Option<u32>,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub fields: Vec<CustomField>,
    pub consent_text: String,
    pub terms_url: String,
    pub language: String,
    pub brand_color: String,
    pub thank_you_text: String,
    pub thank_you_url: String,
}

/// Problems per input name (`slug`, `closes_at`, …), in English for the operator.
pub type CampaignErrors = BTreeMap<&'static str, String>;

impl CampaignInput {
    /// The campaign these settings describe, or every problem with them.
    /// `color` turns a colour as written into `#rrggbb`, or refuses it (too light for white text).
    pub fn check(
        self,
        languages: &[&str],
        color: impl Fn(&str) -> Option<String>,
    ) -> Result<CampaignSettings, CampaignErrors> {
        let mut errors = CampaignErrors::new();
        let slug = self.slug.trim().to_ascii_lowercase();
        if !is_slug(&slug) {
            errors.insert(
                "slug",
                "Use 1–60 lower-case letters, digits and dashes, e.g. product-1234.".into(),
            );
        }
        let name = self.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 200 {
            errors.insert(
                "name",
                "Give the campaign a name (200 characters at most).".into(),
            );
        }
        let album_id = non_empty(&self.album_id);
        if let Some(album) = &album_id
            && !album.chars().all(|c| c.is_ascii_digit())
        {
            errors.insert(
                "album_id",
                "An album id is a number, as 23 shows it.".into(),
            );
        }
        let publish_policy = match self.publish_policy.trim() {
            "" => "visitor_chooses".to_string(),
            p if POLICIES.contains(&p) => p.to_string(),
            _ => {
                errors.insert(
                    "publish_policy",
                    "Choose one of the publishing policies.".into(),
                );
                String::new()
            }
        };
        let max_files = self.max_files.unwrap_or(1);
        if !(1..=100).contains(&max_files) {
            errors.insert(
                "max_files",
                "Files per visitor is a number from 1 to 100.".into(),
            );
        }
        if let (Some(opens), Some(closes)) = (self.opens_at, self.closes_at)
            && closes <= opens
        {
            errors.insert(
                "closes_at",
                "The closing time must be after the opening time.".into(),
            );
        }
        if let Err(problem) = check_fields(&self.fields) {
            errors.insert("fields", problem);
        }
        let language = non_empty(&self.language);
        if let Some(tag) = &language
            && !languages.contains(&tag.as_str())
        {
            errors.insert(
                "language",
                format!("Choose one of: {}.", languages.join(", ")),
            );
        }
        let brand_color = non_empty(&self.brand_color).and_then(|c| {
            let checked = color(&c);
            if checked.is_none() {
                errors.insert(
                    "brand_color",
                    "Write a colour as #rrggbb, dark enough for white text on it.".into(),
                );
            }
            checked
        });
        for (key, url) in [
            ("terms_url", &self.terms_url),
            ("thank_you_url", &self.thank_you_url),
        ] {
            if let Some(url) = non_empty(url)
                && !is_web_url(&url)
            {
                errors.insert(key, "Write a full http(s) address.".into());
            }
        }
        for (key, text, max) in [
            ("prompt", &self.prompt, 5000),
            ("consent_text", &self.consent_text, 5000),
            ("thank_you_text", &self.thank_you_text, 5000),
            ("fixed_tags", &self.fixed_tags, 500),
            ("terms_url", &self.terms_url, 2000),
            ("thank_you_url", &self.thank_you_url, 2000),
            ("album_id", &self.album_id, 20),
        ] {
            if text.chars().count() > max {
                errors.insert(key, format!("At most {max} characters."));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CampaignSettings {
            slug,
            name,
            prompt: self.prompt.trim().to_string(),
            album_id,
            fixed_tags: super::metadata::normalize_tags(&self.fixed_tags),
            publish_policy,
            max_files,
            max_file_mb: self.max_file_mb.filter(|mb| *mb > 0),
            max_recording_secs: self.max_recording_secs.filter(|s| *s > 0),
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            fields: self.fields,
            consent_text: self.consent_text.trim().to_string(),
            terms_url: non_empty(&self.terms_url),
            language,
            brand_color,
            thank_you_text: self.thank_you_text.trim().to_string(),
            thank_you_url: non_empty(&self.thank_you_url),
        })
    }
}

fn check_fields(fields: &[CustomField]) -> Result<(), String> {
    if fields.len() > FIELDS_MAX {
        return Err(format!("At most {FIELDS_MAX} fields."));
    }
    let mut seen = std::collections::HashSet::new();
    for field in fields {
        if !is_slug(&field.id) || !seen.insert(field.id.as_str()) {
            return Err(format!(
                "Field ids are distinct slugs; {:?} is not.",
                field.id
            ));
        }
        if field.label.trim().is_empty() || field.label.chars().count() > 200 {
            return Err(format!(
                "Field {:?} needs a label of 200 characters at most.",
                field.id
            ));
        }
        let needs_choices = field.kind == FieldKind::Choice;
        if needs_choices == field.choices.is_empty() || field.choices.len() > CHOICES_MAX {
            return Err(format!(
                "Field {:?}: a choice field lists 1–{CHOICES_MAX} choices, other fields none.",
                field.id
            ));
        }
    }
    Ok(())
}

/// Fields as the admin's form writes them, one per line: `kind | label | required | choice, …`.
pub fn fields_from_lines(text: &str) -> Result<Vec<CustomField>, String> {
    let mut fields: Vec<CustomField> = Vec::new();
    for (n, line) in text.lines().map(str::trim).enumerate() {
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let kind = FieldKind::parse(parts[0]).ok_or_else(|| {
            format!(
                "Line {}: the kind is one of short_text, long_text, email, choice, checkbox.",
                n + 1
            )
        })?;
        let label = parts.get(1).copied().unwrap_or("").to_string();
        let required = match parts.get(2).copied().unwrap_or("optional") {
            "required" => true,
            "optional" | "" => false,
            _ => return Err(format!("Line {}: say required or optional.", n + 1)),
        };
        let choices = parts
            .get(3)
            .map(|c| {
                c.split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let id = unique_id(&label, &fields);
        fields.push(CustomField {
            id,
            label,
            kind,
            required,
            choices,
        });
    }
    Ok(fields)
}

/// The fields as `fields_from_lines` reads them, for the edit form.
pub fn fields_to_lines(fields: &[CustomField]) -> String {
    fields
        .iter()
        .map(|f| {
            let required = if f.required { "required" } else { "optional" };
            let mut line = format!("{} | {} | {required}", f.kind.name(), f.label);
            if !f.choices.is_empty() {
                line.push_str(" | ");
                line.push_str(&f.choices.join(", "));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A slug of the label, numbered when another field has it already.
fn unique_id(label: &str, taken: &[CustomField]) -> String {
    let mut base: String = label
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(40);
    let base = if base.is_empty() {
        "field".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.iter().any(|f| f.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

pub fn is_slug(s: &str) -> bool {
    (1..=60).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn is_web_url(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

fn non_empty(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
#[path = "campaign_tests.rs"]
mod tests;
