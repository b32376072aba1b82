//! What a visitor says about their video, checked before anything goes to 23.

use serde::Deserialize;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const TAGS_MAX: usize = 500;

/// The new-upload form as posted (field names are 23's: `title`, `description`, `tags`, `publish`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MetadataForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: String,
    pub publish: Option<String>,
    /// The consent box (`1` when ticked), where the operator asks for consent.
    pub consent: Option<String>,
}

/// Validated metadata, ready to send to 23 and to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub description: String,
    /// Space-separated, as 23 expects.
    pub tags: String,
    pub publish: bool,
}

/// Per-field problems, for re-rendering the form with the visitor's input kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    pub title: Option<&'static str>,
    pub description: Option<&'static str>,
    pub tags: Option<&'static str>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.description.is_none() && self.tags.is_none()
    }
}

impl MetadataForm {
    /// Cleans and checks the input. `default_publish` applies when the form says nothing.
    pub fn parse(&self, default_publish: bool) -> Result<Metadata, FieldErrors> {
        let title = single_line(&self.title);
        let description = clean_text(&self.description);
        let tags = normalize_tags(&self.tags);
        let mut errors = FieldErrors::default();
        if title.is_empty() {
            errors.title = Some("Give your video a title.");
        } else if title.chars().count() > TITLE_MAX {
            errors.title = Some("The title is too long (200 characters at most).");
        }
        if description.chars().count() > DESCRIPTION_MAX {
            errors.description = Some("The description is too long (5000 characters at most).");
        }
        if tags.chars().count() > TAGS_MAX {
            errors.tags = Some("Too many tags (500 characters at most).");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let publish = match self.publish.as_deref() {
            Some("1") => true,
            Some("0") => false,
            _ => default_publish,
        };
        Ok(Metadata {
            title,
            description,
            tags,
            publish,
        })
    }
}

impl From<&Metadata> for MetadataForm {
    /// Prefills a form from stored metadata ("try again" keeps what the visitor typed).
    fn from(m: &Metadata) -> Self {
        MetadataForm {
            csrf_token: String::new(),
            title: m.title.clone(),
            description: m.description.clone(),
            tags: m.tags.clone(),
            publish: Some(if m.publish { "1" } else { "0" }.into()),
            consent: None,
        }
    }
}

/// Trims, drops control characters and folds any line break into a space.
fn single_line(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !is_invisible_trick(*c))
        .collect();
    folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Like `single_line` but keeps line breaks, normalised to `\n`.
fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || (!c.is_control() && !is_invisible_trick(c)))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Tags may be typed with commas or spaces; 23 wants them space-separated.
pub(crate) fn normalize_tags(s: &str) -> String {
    single_line(&s.replace(',', " "))
}

/// Bidirectional controls (Unicode's Bidi_Control set, including the Arabic letter mark) and
/// zero-width characters, used to disguise text.
pub(crate) fn is_invisible_trick(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(title: &str, description: &str, tags: &str) -> MetadataForm {
        MetadataForm {
            title: title.into(),
            description: description.into(),
            tags: tags.into(),
            ..Default::default()
        }
    }

    #[test]
    fn input_is_trimmed_and_tags_become_space_separated() {
        let m = form(
            "  My   holiday \n",
            " Line one\r\nLine two ",
            "beach, sun  sea,",
        )
        .parse(true)
        .unwrap();
        assert_eq!(m.title, "My holiday");
        assert_eq!(m.description, "Line one\nLine two");
        assert_eq!(m.tags, "beach sun sea");
        assert!(m.publish);
    }

    #[test]
    fn a_missing_or_overlong_title_is_refused_with_a_message() {
        assert!(form("   ", "", "").parse(true).unwrap_err().title.is_some());
        assert!(
            form(&"x".repeat(201), "", "")
                .parse(true)
                .unwrap_err()
                .title
                .is_some()
        );
        assert!(
            form(&"é".repeat(200), "", "").parse(true).is_ok(),
            "counts characters, not bytes"
        );
    }

    #[test]
    fn overlong_description_and_tags_are_refused() {
        let errors = form("ok", &"d".repeat(5001), &"t ".repeat(300))
            .parse(true)
            .unwrap_err();
        assert!(errors.description.is_some());
        assert!(errors.tags.is_some());
        assert!(errors.title.is_none());
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        let m = form("a\u{0}b\u{202E}c\u{200B}d\u{061C}", "x\u{7}y", "")
            .parse(true)
            .unwrap();
        assert_eq!(m.title, "abcd");
        assert_eq!(m.description, "xy");
    }

    #[test]
    fn publish_follows_the_form_and_falls_back_to_the_default() {
        let mut f = form("t", "", "");
        assert!(!f.parse(false).unwrap().publish);
        f.publish = Some("1".into());
        assert!(f.parse(false).unwrap().publish);
        f.publish = Some("0".into());
        assert!(!f.parse(true).unwrap().publish);
    }
}
