//! `WEBHOOK_*`: where upload events go. The rules live with the webhooks (`webhooks::settings`,
//! which imports nothing above it); configuration reads the variables and reports a bad one.

use super::error::ConfigError;
use super::vars::Vars;
use crate::webhooks::settings::{WebhookSettings, from_vars};

pub(super) fn webhook_settings(vars: &Vars) -> Result<Option<WebhookSettings>, ConfigError> {
    from_vars(&|name| vars.get(name))
}
