//! The admin's campaign form as posted: every field as the operator typed it, so a refused form
//! comes back exactly as it was sent. [`CampaignForm::to_input`] turns it into the
//! [`CampaignInput`] the API also fills (numbers, UTC times, one custom field per line); the
//! problems found on the way are added to those of `flows::campaigns`.

use crate::uploads::campaign::{
    Campaign, CampaignErrors, CampaignInput, fields_from_lines, fields_to_lines,
};

/// The form's fields, named like [`CampaignInput`]'s.
#[derive(Debug, Clone, Default)]
pub struct CampaignForm {
    pub slug: String,
    pub name: String,
    pub prompt: String,
    pub album_id: String,
    pub fixed_tags: String,
    pub publish_policy: String,
    pub max_files: String,
    pub max_file_mb: String,
    pub max_recording_secs: String,
    /// `YYYY-MM-DDTHH:MM` in UTC, as `<input type="datetime-local">` sends it.
    pub opens_at: String,
    pub closes_at: String,
    /// One field per line: `kind | label | required | choice, …`.
    pub fields: String,
    pub consent_text: String,
    pub terms_url: String,
    pub language: String,
    pub brand_color: String,
    pub thank_you_text: String,
    pub thank_you_url: String,
}

impl CampaignForm {
    /// The form as posted; unknown names (the CSRF token, a button) are ignored, and a name
    /// given twice keeps its first value.
    pub fn from_pairs(pairs: &[(String, String)]) -> CampaignForm {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        CampaignForm {
            slug: get("slug"),
            name: get("name"),
            prompt: get("prompt"),
            album_id: get("album_id"),
            fixed_tags: get("fixed_tags"),
            publish_policy: get("publish_policy"),
            max_files: get("max_files"),
            max_file_mb: get("max_file_mb"),
            max_recording_secs: get("max_recording_secs"),
            opens_at: get("opens_at"),
            closes_at: get("closes_at"),
            fields: get("fields"),
            consent_text: get("consent_text"),
            terms_url: get("terms_url"),
            language: get("language"),
            brand_color: get("brand_color"),
            thank_you_text: get("thank_you_text"),
            thank_you_url: get("thank_you_url"),
        }
    }

    /// A new campaign's form: one file per visitor, the visitor chooses whether it goes public.
    pub fn blank() -> CampaignForm {
        CampaignForm {
            max_files: "1".into(),
            publish_policy: "visitor_chooses".into(),
            ..CampaignForm::default()
        }
    }

    /// A stored campaign as its edit form shows it.
    pub fn of(campaign: &Campaign) -> CampaignForm {
        let s = &campaign.settings;
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        CampaignForm {
            slug: s.slug.clone(),
            name: s.name.clone(),
            prompt: s.prompt.clone(),
            album_id: s.album_id.clone().unwrap_or_default(),
            fixed_tags: s.fixed_tags.clone(),
            publish_policy: s.publish_policy.clone(),
            max_files: s.max_files.to_string(),
            max_file_mb: number(s.max_file_mb),
            max_recording_secs: number(s.max_recording_secs),
            opens_at: s.opens_at.map(form_time).unwrap_or_default(),
            closes_at: s.closes_at.map(form_time).unwrap_or_default(),
            fields: fields_to_lines(&s.fields),
            consent_text: s.consent_text.clone(),
            terms_url: s.terms_url.clone().unwrap_or_default(),
            language: s.language.clone().unwrap_or_default(),
            brand_color: s.brand_color.clone().unwrap_or_default(),
            thank_you_text: s.thank_you_text.clone(),
            thank_you_url: s.thank_you_url.clone().unwrap_or_default(),
        }
    }

    /// The input to check and save, and the problems already found reading the form (a number
    /// that is not one, a time that is not one, a custom field line that cannot be read).
    pub fn to_input(&self) -> (CampaignInput, CampaignErrors) {
        let mut errors = CampaignErrors::new();
        let mut number = |key: &'static str, value: &str| match value.trim() {
            "" => None,
            n => n.parse::<u32>().ok().or_else(|| {
                errors.insert(key, "Write a whole number (or leave it empty).".into());
                None
            }),
        };
        let max_files = number("max_files", &self.max_files);
        let max_file_mb = number("max_file_mb", &self.max_file_mb);
        let max_recording_secs = number("max_recording_secs", &self.max_recording_secs);
        let mut time = |key: &'static str, value: &str| match value.trim() {
            "" => None,
            t => parse_form_time(t).or_else(|| {
                errors.insert(key, "Write a time like 2026-12-24T09:00 (UTC).".into());
                None
            }),
        };
        let opens_at = time("opens_at", &self.opens_at);
        let closes_at = time("closes_at", &self.closes_at);
        let fields = fields_from_lines(&self.fields).unwrap_or_else(|problem| {
            errors.insert("fields", problem);
            Vec::new()
        });
        let input = CampaignInput {
            slug: self.slug.clone(),
            name: self.name.clone(),
            prompt: self.prompt.clone(),
            album_id: self.album_id.clone(),
            fixed_tags: self.fixed_tags.clone(),
            publish_policy: self.publish_policy.clone(),
            max_files,
            max_file_mb,
            max_recording_secs,
            opens_at,
            closes_at,
            fields,
            consent_text: self.consent_text.clone(),
            terms_url: self.terms_url.clone(),
            language: self.language.clone(),
            brand_color: self.brand_color.clone(),
            thank_you_text: self.thank_you_text.clone(),
            thank_you_url: self.thank_you_url.clone(),
        };
        (input, errors)
    }
}

const FORM_TIME: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");

/// Unix seconds as `<input type="datetime-local">` shows them, in UTC.
pub fn form_time(epoch: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(epoch)
        .ok()
        .and_then(|t| t.format(FORM_TIME).ok())
        .unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM` (a space for the `T`, and seconds, are taken too), read as UTC.
fn parse_form_time(value: &str) -> Option<i64> {
    let value = value.replacen(' ', "T", 1);
    let minutes = value.get(..16)?;
    let rest = &value[16..];
    let seconds: i64 = match rest {
        "" => 0,
        s => s
            .strip_prefix(':')?
            .parse()
            .ok()
            .filter(|s| (0..60).contains(s))?,
    };
    let t = time::PrimitiveDateTime::parse(minutes, FORM_TIME).ok()?;
    Some(t.assume_utc().unix_timestamp() + seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn times_are_read_and_written_in_utc_as_the_date_time_input_sends_them() {
        assert_eq!(parse_form_time("2026-12-24T09:00"), Some(1_798_102_800));
        assert_eq!(parse_form_time("2026-12-24 09:00:30"), Some(1_798_102_830));
        assert_eq!(form_time(1_798_102_800), "2026-12-24T09:00");
        for bad in [
            "24/12/2026 09:00",
            "2026-12-24",
            "2026-13-01T00:00",
            "2026-12-24T09:00:99",
        ] {
            assert_eq!(parse_form_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_times_and_field_lines_that_cannot_be_read_are_named_by_their_input() {
        let form = CampaignForm::from_pairs(&pairs(&[
            ("max_files", "three"),
            ("max_file_mb", "-1"),
            ("opens_at", "tomorrow"),
            ("fields", "colour | Favourite"),
        ]));
        let (_, errors) = form.to_input();
        for key in ["max_files", "max_file_mb", "opens_at", "fields"] {
            assert!(errors.contains_key(key), "{key}: {errors:?}");
        }
    }

    #[test]
    fn a_filled_form_becomes_the_input_the_api_would_send() {
        let form = CampaignForm::from_pairs(&pairs(&[
            ("slug", "product-1234"),
            ("max_files", " 3 "),
            ("max_recording_secs", ""),
            ("closes_at", "2026-12-24T09:00"),
            (
                "fields",
                "email | Your e-mail | required\nchoice | Plan | optional | Basic, Pro",
            ),
            ("csrf_token", "ignored"),
        ]));
        let (input, errors) = form.to_input();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(input.slug, "product-1234");
        assert_eq!(input.max_files, Some(3));
        assert_eq!(input.max_recording_secs, None);
        assert_eq!(input.closes_at, Some(1_798_102_800));
        assert_eq!(input.fields.len(), 2);
        assert_eq!(input.fields[1].choices, ["Basic", "Pro"]);
    }
}
