//! What `upload-portal check` and the admin's "Settings check" page prove about the configuration
//! before visitors find out it doesn't: the database opens, one signed call to the 23 site, a
//! login to the mail server when mail is on, a signed `ping` to the host site when webhooks are.
//!
//! Both run [`run_checks`]; each [`Finding`] is a kind of result (so the page can say it in the
//! operator's language) with the technical detail as the other side wrote it. No finding ever
//! holds a secret: the detail texts pass [`CheckTargets::redact`] as well.

pub mod findings;

pub use findings::Finding;

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::config::{Settings, TwentyThree};
use crate::mail::MailSettings;
use crate::store::Store;
use crate::twentythree::Client;
use crate::webhooks::WebhookSettings;

/// The settings the checks need, kept by the app for the admin page.
pub struct CheckTargets {
    database_url: SecretString,
    twentythree: TwentyThree,
    api_timeout: Duration,
    public_url: Option<Url>,
    mail: Option<MailSettings>,
    webhooks: Option<WebhookSettings>,
    /// Every secret of the configuration, blanked out of any text a check reports.
    secrets: Vec<SecretString>,
}

impl CheckTargets {
    pub fn of(settings: &Settings) -> CheckTargets {
        let mut secrets: Vec<SecretString> = [
            settings.session_secret.clone(),
            settings.session_secret_previous.clone(),
            settings.metrics_token.clone(),
            settings.admin_api_token.clone(),
            settings.admin.as_ref().map(|a| a.password.clone()),
            settings
                .mail
                .as_ref()
                .and_then(|m| m.server.password.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let TwentyThree::Site { credentials, .. } = &settings.twentythree {
            secrets.push(credentials.consumer_secret.clone());
            secrets.push(credentials.token_secret.clone());
        }
        if let Ok(url) = Url::parse(settings.database_url.expose_secret())
            && let Some(password) = url.password()
        {
            secrets.push(SecretString::from(password.to_string()));
        }
        CheckTargets {
            database_url: settings.database_url.clone(),
            twentythree: settings.twentythree.clone(),
            api_timeout: settings.api_timeout,
            public_url: settings.public_url.clone(),
            mail: settings.mail.clone(),
            webhooks: settings.webhooks.clone(),
            secrets,
        }
    }

    /// `text` with every configured secret replaced by `…`.
    pub fn redact(&self, text: &str) -> String {
        self.secrets
            .iter()
            .map(ExposeSecret::expose_secret)
            // A short value would blank out ordinary words; real secrets are long.
            .filter(|secret| secret.len() >= 6)
            .fold(text.to_string(), |text, secret| text.replace(secret, "…"))
    }
}

/// Every check, in the order the operator reads them; none stops the others.
pub async fn run_checks(targets: &CheckTargets) -> Vec<Finding> {
    let mut found = vec![check_database(targets).await, check_site(targets).await];
    if let Some(warning) = targets
        .public_url
        .as_ref()
        .and_then(crate::config::insecure_for_recording)
    {
        found.push(Finding::PlainHttpPublicUrl(warning));
    }
    if let Some(mail) = &targets.mail {
        found.push(check_mail(mail).await);
    }
    if let Some(webhooks) = &targets.webhooks {
        found.push(Finding::Webhooks {
            answer: crate::webhooks::ping(webhooks).await,
            in_clear: webhooks.sends_in_clear(),
        });
    }
    found
        .into_iter()
        .map(|finding| finding.redacted(targets))
        .collect()
}

/// `upload-portal check`: one line for the operator, what works or precisely what doesn't.
pub async fn check_configuration(settings: &Settings) -> Result<String, String> {
    let found = run_checks(&CheckTargets::of(settings)).await;
    let failed: Vec<String> = found
        .iter()
        .filter(|f| !f.works())
        .map(Finding::english)
        .collect();
    match failed.is_empty() {
        true => Ok(found
            .iter()
            .map(Finding::english)
            .collect::<Vec<_>>()
            .join("; ")),
        false => Err(failed.join("; ")),
    }
}

async fn check_database(targets: &CheckTargets) -> Finding {
    match Store::connect(targets.database_url.expose_secret()).await {
        Ok(_) => Finding::DatabaseOpens,
        Err(e) => Finding::DatabaseFails(format!("{e:#}")),
    }
}

async fn check_site(targets: &CheckTargets) -> Finding {
    let TwentyThree::Site { url, credentials } = &targets.twentythree else {
        return Finding::Sandbox;
    };
    let site = url.to_string();
    match Client::new(url.clone(), credentials.clone(), targets.api_timeout) {
        Err(e) => Finding::SiteClient(e.to_string()),
        Ok(client) => match client.check_credentials().await {
            Ok(()) => Finding::SiteAccepts { site },
            Err(error) => Finding::SiteRefuses { site, error },
        },
    }
}

/// Connects to the mail server and logs in (no mail is sent).
async fn check_mail(mail: &MailSettings) -> Finding {
    let address = mail.server.address();
    let result = match crate::mail::Mailer::new(&mail.server) {
        Ok(mailer) => mailer.try_login().await,
        Err(problem) => Err(problem),
    };
    Finding::Mail {
        address,
        login: mail.server.username.is_some(),
        problem: result.err(),
    }
}

#[cfg(test)]
mod tests;
