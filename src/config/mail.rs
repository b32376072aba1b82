//! `SMTP_URL`, `NOTIFY_*`: mail to the operator about new videos. The rules live with the mail
//! (`mail::settings`, which imports only the shared `config_error`); configuration reads the
//! variables and reports a bad one.

use url::Url;

use super::error::ConfigError;
use super::vars::Vars;
use crate::mail::settings::{MailSettings, from_vars};

pub(super) fn mail_settings(
    vars: &Vars,
    public_url: Option<&Url>,
) -> Result<Option<MailSettings>, ConfigError> {
    from_vars(&|name| vars.get(name), public_url.and_then(Url::host_str))
}
