//! The parameters 23 appends to `return_url`, parsed strictly.
//!
//! 23 echoes any extra form field into the callback, so a visitor can add their own `photo_id`
//! or `error_message`. Duplicated keys, both outcomes at once, or malformed values are refused
//! before anything is looked up or stored.

use std::borrow::Cow;

/// A parsed callback: which token it is about, and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackParams {
    pub upload_token: String,
    /// 23's site domain as 23 reports it; only logged, never used to build links.
    pub domain: Option<String>,
    pub outcome: CallbackOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackOutcome {
    Success {
        photo_id: i64,
        tree_id: Option<i64>,
        token: Option<String>,
    },
    Failure {
        error_message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackParseError {
    #[error("the parameter {0} appears more than once")]
    Duplicate(&'static str),
    #[error("the parameter {0} is missing")]
    Missing(&'static str),
    #[error("the parameter {0} is malformed")]
    Invalid(&'static str),
    #[error("the callback reports both a video and an error")]
    Ambiguous,
    #[error("the callback is not valid UTF-8 form data")]
    Encoding,
}

/// Longest error message kept; 23's are a sentence.
pub const ERROR_MESSAGE_MAX: usize = 500;
const KNOWN: [&str; 6] = [
    "upload_token",
    "domain",
    "photo_id",
    "tree_id",
    "token",
    "error_message",
];

impl CallbackParams {
    /// Parses a query string or an `application/x-www-form-urlencoded` body.
    pub fn parse(raw: &str) -> Result<Self, CallbackParseError> {
        let mut found: [Option<String>; 6] = Default::default();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key)?;
            let Some(index) = KNOWN.iter().position(|k| *k == key) else {
                continue; // other echoed fields are ignored, never stored or reflected
            };
            if found[index].is_some() {
                return Err(CallbackParseError::Duplicate(KNOWN[index]));
            }
            found[index] = Some(decode(value)?.into_owned());
        }
        let [
            upload_token,
            domain,
            photo_id,
            tree_id,
            token,
            error_message,
        ] = found;

        let upload_token = upload_token.ok_or(CallbackParseError::Missing("upload_token"))?;
        if !is_opaque_token(&upload_token) {
            return Err(CallbackParseError::Invalid("upload_token"));
        }
        let domain = domain.filter(|d| !d.is_empty());
        if domain.as_ref().is_some_and(|d| d.len() > 255) {
            return Err(CallbackParseError::Invalid("domain"));
        }
        let outcome = match (photo_id, error_message) {
            (Some(_), Some(_)) => return Err(CallbackParseError::Ambiguous),
            (None, None) => return Err(CallbackParseError::Missing("photo_id")),
            (None, Some(message)) => CallbackOutcome::Failure {
                error_message: clean_message(&message),
            },
            (Some(photo_id), None) => CallbackOutcome::Success {
                photo_id: parse_id(&photo_id).ok_or(CallbackParseError::Invalid("photo_id"))?,
                tree_id: match tree_id.filter(|t| !t.is_empty()) {
                    None => None,
                    Some(t) => Some(parse_id(&t).ok_or(CallbackParseError::Invalid("tree_id"))?),
                },
                token: match token.filter(|t| !t.is_empty()) {
                    None => None,
                    Some(t) if is_opaque_token(&t) => Some(t),
                    Some(_) => return Err(CallbackParseError::Invalid("token")),
                },
            },
        };
        Ok(CallbackParams {
            upload_token,
            domain,
            outcome,
        })
    }
}

fn decode(s: &str) -> Result<Cow<'_, str>, CallbackParseError> {
    let plus_as_space = s.replace('+', " ");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&plus_as_space).collect();
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|_| CallbackParseError::Encoding)
}

/// 23's tokens are opaque: 40 hex characters in the classic docs, 64 alphanumerics in v2.
fn is_opaque_token(s: &str) -> bool {
    (1..=128).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A positive decimal id that fits the database's BIGINT: no sign, exponent or padding tricks.
fn parse_id(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|&id| id > 0)
}

/// Strips control and bidi characters and caps the length; the page escapes what remains.
fn clean_message(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|&c| !crate::uploads::metadata::is_invisible_trick(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(ERROR_MESSAGE_MAX)
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "23 reported an error without a message.".into()
    } else {
        trimmed.into()
    }
}

#[cfg(test)]
#[path = "callback_tests.rs"]
mod tests;
