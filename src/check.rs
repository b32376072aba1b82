//! `upload-portal check`: prove the configuration works before visitors find out it doesn't.
//! Opens the database, makes one signed call to the 23 site, sends the host site a signed
//! `ping` when webhooks are configured, and logs in to the mail server when mail is.

use secrecy::ExposeSecret;

use crate::config::{Settings, TwentyThree};
use crate::store::Store;
use crate::twentythree::Client;

/// One line for the operator: what works, or precisely what doesn't.
pub async fn check_configuration(settings: &Settings) -> Result<String, String> {
    let mut report = check_database_and_site(settings).await?;
    if let Some(warning) = settings
        .public_url
        .as_ref()
        .and_then(crate::config::insecure_for_recording)
    {
        report = format!("{report}; {warning}");
    }
    if let Some(mail) = &settings.mail {
        report = format!("{report}; {}", check_mail(mail).await?);
    }
    match &settings.webhooks {
        None => Ok(report),
        Some(webhooks) => {
            let ping = crate::webhooks::ping(webhooks).await?;
            // Allowed only by WEBHOOK_ALLOW_PLAIN_HTTP (start-up refuses it otherwise): say so
            // every time, so it stays a decision rather than a forgotten default.
            let clear = match webhooks.sends_in_clear() {
                true => {
                    "; note: WEBHOOK_URL is plain http:// to another machine (allowed by \
                         WEBHOOK_ALLOW_PLAIN_HTTP), so events cross the network unencrypted"
                }
                false => "",
            };
            Ok(format!("{report}; {ping}{clear}"))
        }
    }
}

async fn check_database_and_site(settings: &Settings) -> Result<String, String> {
    Store::connect(settings.database_url.expose_secret())
        .await
        .map_err(|e| format!("DATABASE_URL: {e:#}"))?;
    let TwentyThree::Site { url, credentials } = &settings.twentythree else {
        return Ok(
            "the database opens; TWENTYTHREE_URL is not set, so the portal runs in sandbox mode \
                   (nothing to check against a 23 site)"
                .into(),
        );
    };
    let client = Client::new(url.clone(), credentials.clone(), settings.api_timeout)
        .map_err(|e| format!("TWENTYTHREE_URL: {e}"))?;
    match client.check_credentials().await {
        Ok(()) => Ok(format!(
            "the database opens and {url} accepts the credentials with write permission"
        )),
        Err(error) => Err(format!("{} ({error})", error.operator_hint())),
    }
}

/// Connects to the mail server and logs in (no mail is sent).
async fn check_mail(mail: &crate::mail::MailSettings) -> Result<String, String> {
    let mailer = crate::mail::Mailer::new(&mail.server)?;
    mailer
        .try_login()
        .await
        .map_err(|problem| format!("SMTP_URL: {problem}"))?;
    let login = match mail.server.username {
        Some(_) => "accepts the login",
        None => "answers (no login configured)",
    };
    Ok(format!(
        "the mail server at {} {login}",
        mail.server.address()
    ))
}
