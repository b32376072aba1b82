//! A campaign's custom fields and the visitor's answers to them, checked on the server whatever
//! the browser did: required, length, e-mail shape, allowed choices. Messages are per field, in
//! English; pages translate them (`Layout::text`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Longest answer to a short field, and to a long one (characters).
pub const SHORT_MAX: usize = 200;
pub const LONG_MAX: usize = 5000;
/// Most fields one campaign may ask, and most choices one field may offer.
pub const FIELDS_MAX: usize = 20;
pub const CHOICES_MAX: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    ShortText,
    LongText,
    Email,
    Choice,
    Checkbox,
}

impl FieldKind {
    pub fn parse(s: &str) -> Option<FieldKind> {
        Some(
            match s
                .trim()
                .to_ascii_lowercase()
                .replace([' ', '-'], "_")
                .as_str()
            {
                "short_text" | "text" | "short" => FieldKind::ShortText,
                "long_text" | "long" | "textarea" => FieldKind::LongText,
                "email" | "e_mail" => FieldKind::Email,
                "choice" | "select" => FieldKind::Choice,
                "checkbox" => FieldKind::Checkbox,
                _ => return None,
            },
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            FieldKind::ShortText => "short_text",
            FieldKind::LongText => "long_text",
            FieldKind::Email => "email",
            FieldKind::Choice => "choice",
            FieldKind::Checkbox => "checkbox",
        }
    }
}

/// One question of a campaign's form. `id` names the form field (`field_<id>`) and the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl CustomField {
    /// The form field's name.
    pub fn input_name(&self) -> String {
        format!("field_{}", self.id)
    }
}

/// An answer as stored with the upload: the label as it was asked, so a later edit of the
/// campaign does not change what an old upload says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub id: String,
    pub label: String,
    pub value: String,
}

/// Checks the posted form against the fields: every answer, or every field's problem.
pub fn check_answers(
    fields: &[CustomField],
    posted: &HashMap<String, String>,
) -> Result<Vec<Answer>, HashMap<String, &'static str>> {
    let mut answers = Vec::new();
    let mut problems = HashMap::new();
    for field in fields {
        let raw = posted.get(&field.input_name()).map(String::as_str);
        match check_one(field, raw.unwrap_or("")) {
            Ok(value) => answers.push(Answer {
                id: field.id.clone(),
                label: field.label.clone(),
                value,
            }),
            Err(problem) => {
                problems.insert(field.id.clone(), problem);
            }
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

fn check_one(field: &CustomField, raw: &str) -> Result<String, &'static str> {
    let value = match field.kind {
        FieldKind::LongText => raw.replace("\r\n", "\n").trim().to_string(),
        _ => raw.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err("This answer contains characters that cannot be kept.");
    }
    let max = if field.kind == FieldKind::LongText {
        LONG_MAX
    } else {
        SHORT_MAX
    };
    // Counted before anything else: a huge answer gets one short message, not a copy of itself.
    if value.chars().count() > max {
        return Err(if max == LONG_MAX {
            "This answer is too long (5000 characters at most)."
        } else {
            "This answer is too long (200 characters at most)."
        });
    }
    if field.kind == FieldKind::Checkbox {
        let ticked = matches!(value.as_str(), "1" | "on" | "yes" | "true");
        if field.required && !ticked {
            return Err("Tick this box to continue.");
        }
        return Ok(if ticked { "yes" } else { "no" }.into());
    }
    if value.is_empty() {
        return if field.required {
            Err("Please answer this question.")
        } else {
            Ok(value)
        };
    }
    match field.kind {
        FieldKind::Email if !looks_like_email(&value) => {
            Err("Write an e-mail address like name@example.com.")
        }
        FieldKind::Choice if !field.choices.contains(&value) => {
            Err("Choose one of the answers offered.")
        }
        _ => Ok(value),
    }
}

/// The shape of an address, no more: one `@`, something before it, a dotted domain after.
pub fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind, required: bool) -> CustomField {
        CustomField {
            id: "q".into(),
            label: "Question".into(),
            kind,
            required,
            choices: vec!["Alpha".into(), "Beta".into()],
        }
    }

    fn answer(
        field: &CustomField,
        value: &str,
    ) -> Result<Vec<Answer>, HashMap<String, &'static str>> {
        let posted = HashMap::from([("field_q".to_string(), value.to_string())]);
        check_answers(std::slice::from_ref(field), &posted)
    }

    #[test]
    fn required_fields_need_an_answer_and_optional_ones_may_stay_empty() {
        assert!(answer(&field(FieldKind::ShortText, true), "  ").is_err());
        let empty = answer(&field(FieldKind::ShortText, false), "").unwrap();
        assert_eq!(empty[0].value, "");
        assert!(answer(&field(FieldKind::Checkbox, true), "").is_err());
        assert_eq!(
            answer(&field(FieldKind::Checkbox, true), "1").unwrap()[0].value,
            "yes"
        );
    }

    #[test]
    fn emails_choices_and_lengths_are_checked() {
        let email = field(FieldKind::Email, true);
        assert!(answer(&email, "ann@example.com").is_ok());
        for bad in ["ann", "ann@example", "@example.com", "a b@example.com"] {
            assert!(answer(&email, bad).is_err(), "{bad}");
        }
        assert!(answer(&field(FieldKind::Choice, true), "Gamma").is_err());
        assert!(answer(&field(FieldKind::Choice, true), "Beta").is_ok());
        let megabyte = "x".repeat(1 << 20);
        let problems = answer(&field(FieldKind::LongText, false), &megabyte).unwrap_err();
        assert!(problems["q"].contains("too long"));
    }
}
