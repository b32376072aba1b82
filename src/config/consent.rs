//! The default campaign's consent: `CONSENT_TEXT` and `CONSENT_TERMS_URL`. With a text set, the
//! form behind `/` has a required box with it, and no token is minted without it ticked.

use super::error::{ConfigError, invalid};
use super::vars::Vars;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Consent {
    /// `None`: no consent asked.
    pub text: Option<String>,
    pub terms_url: Option<String>,
}

pub(super) fn consent(vars: &Vars) -> Result<Consent, ConfigError> {
    let text = vars.get("CONSENT_TEXT");
    if text.as_ref().is_some_and(|t| t.chars().count() > 5000) {
        return Err(invalid("CONSENT_TEXT", "must be at most 5000 characters"));
    }
    let terms_url = vars.base_url("CONSENT_TERMS_URL")?.map(String::from);
    if terms_url.is_some() && text.is_none() {
        return Err(invalid("CONSENT_TERMS_URL", "needs CONSENT_TEXT"));
    }
    Ok(Consent { text, terms_url })
}
