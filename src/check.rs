//! `upload-portal check`: prove the configuration works before visitors find out it doesn't.
//! Opens the database, makes one signed call to the 23 site, and sends the host site a signed
//! `ping` when webhooks are configured.

use secrecy::ExposeSecret;

use crate::config::{Settings, TwentyThree};
use crate::store::Store;
use crate::twentythree::Client;

/// One line for the operator: what works, or precisely what doesn't.
pub async fn check_configuration(settings: &Settings) -> Result<String, String> {
    let report = check_database_and_site(settings).await?;
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
