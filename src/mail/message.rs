//! What the operator reads: a plain-text UTF-8 mail per upload, or one for several (the digest),
//! each upload with its title, campaign, the visitor's answers and a link to it in `/admin`.
//!
//! Titles, campaign names and answers are the visitor's words. In a header they could carry a
//! line break and with it a header of their own (`Bcc:`), so one-line places get them with every
//! control character replaced by a space, and the subject is cut short as well.

use lettre::Message;
use lettre::message::header::ContentType;
use url::Url;

use super::settings::MailSettings;

/// The longest title a subject carries (characters); the body has it whole.
const SUBJECT_TITLE_CHARS: usize = 80;

/// One upload as the mail tells it, read when the mail is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub upload_id: i64,
    pub title: String,
    pub description: String,
    /// The campaign's name, when it came through one.
    pub campaign: Option<String>,
    /// `(label, value)` of each custom field answered.
    pub answers: Vec<(String, String)>,
    pub videos: usize,
    pub waiting_for_approval: bool,
}

/// The upload in the operator's list: the page that starts at it, scrolled to its row.
pub fn admin_link(public_url: &Url, upload_id: i64) -> String {
    format!(
        "{}/admin?before={}#upload-{upload_id}",
        public_url.as_str().trim_end_matches('/'),
        upload_id.saturating_add(1)
    )
}

/// The mail about `notices` (one or more), from and to the configured addresses.
pub fn compose(
    settings: &MailSettings,
    public_url: &Url,
    notices: &[Notice],
) -> Result<Message, lettre::error::Error> {
    let mut builder = Message::builder()
        .from(settings.from.clone())
        .subject(subject(notices))
        .header(ContentType::TEXT_PLAIN);
    for to in &settings.to {
        builder = builder.to(to.clone());
    }
    builder.body(body(public_url, notices))
}

/// `New video: <title>`, or `3 new videos` for a digest.
pub fn subject(notices: &[Notice]) -> String {
    match notices {
        [one] => {
            let title = one_line(&one.title);
            let mut short: String = title.chars().take(SUBJECT_TITLE_CHARS).collect();
            if short.len() < title.len() {
                short.push('…');
            }
            format!("New video: {short}")
        }
        many => format!("{} new videos", many.len()),
    }
}

/// The text: a line saying what happened, then each upload.
pub fn body(public_url: &Url, notices: &[Notice]) -> String {
    let mut text = match notices.len() {
        1 => "A visitor sent a new video.\n".to_string(),
        n => format!("Visitors sent {n} new videos.\n"),
    };
    for notice in notices {
        text.push('\n');
        text.push_str(&describe(public_url, notice));
    }
    text.push_str("\n-- \nSent by the upload portal at ");
    text.push_str(public_url.as_str().trim_end_matches('/'));
    text.push_str(" (NOTIFY_EMAIL).\n");
    text
}

fn describe(public_url: &Url, notice: &Notice) -> String {
    let mut text = format!("Title: {}\n", one_line(&notice.title));
    if let Some(campaign) = &notice.campaign {
        text.push_str(&format!("Campaign: {}\n", one_line(campaign)));
    }
    if !notice.description.trim().is_empty() {
        text.push_str(&format!("Description: {}\n", indented(&notice.description)));
    }
    for (label, value) in &notice.answers {
        text.push_str(&format!("{}: {}\n", one_line(label), indented(value)));
    }
    if notice.videos > 1 {
        text.push_str(&format!("Videos: {}\n", notice.videos));
    }
    if notice.waiting_for_approval {
        text.push_str("Waiting for your approval.\n");
    }
    text.push_str(&format!(
        "In the admin: {}\n",
        admin_link(public_url, notice.upload_id)
    ));
    text
}

/// The text on one line: control characters (CR, LF, tab, …) become spaces, runs of them one.
fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() {
        "(untitled)".into()
    } else {
        joined
    }
}

/// Several lines kept apart, each continuation indented so it reads as part of the field.
fn indented(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n  ")
        .trim()
        .to_string()
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
