//! Settings, read once from the environment (and `.env`), validated, typed.
//!
//! Nothing else in the crate reads environment variables: a bad value stops start-up here with one
//! line that names the variable. One file per group of settings; `vars` holds the shared parsers.
//! Configuration sits low in the layers: it imports nothing but `twentythree::oauth`'s
//! `Credentials`, `embed`'s settings types (which import nothing of the crate) and the webhook
//! and mail settings' own parsers (`webhooks::settings`, `mail::settings`, leaves).

mod brand;
mod consent;
mod embed;
mod error;
mod jobs;
mod limits;
mod mail;
mod operator;
mod recording;
mod sandbox;
mod server;
mod site;
mod uploads;
mod vars;
mod webhooks;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::embed::EmbedSettings;
pub use brand::{Brand, brand_color};
pub use consent::Consent;

pub use error::ConfigError;
pub use jobs::JobSettings;
pub use limits::{Cidr, Limits, canonical};
pub use operator::AdminCredentials;
pub use recording::{RecordingSettings, insecure_for_recording};
pub use sandbox::SandboxCommandSettings;
pub use server::LogFormat;
pub use site::TwentyThree;
pub use uploads::UploadDefaults;
use vars::Vars;

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind_addr: SocketAddr,
    /// The portal's public base URL (`return_url`s and cookie security derive from it). `None`
    /// means `http://{BIND_ADDR}`, filled in by startup once the real port is known.
    pub public_url: Option<Url>,
    /// May carry a password, so it is kept out of Debug output like the other secrets.
    pub database_url: SecretString,
    /// Where generated state lives: the SQLite file, the session secret, sandbox uploads.
    pub data_dir: PathBuf,
    pub session_secret: Option<SecretString>,
    /// The secret before the last rotation: still opens cookies and return links, never seals.
    pub session_secret_previous: Option<SecretString>,
    pub twentythree: TwentyThree,
    pub api_timeout: Duration,
    pub uploads: UploadDefaults,
    pub jobs: JobSettings,
    pub limits: Limits,
    pub log_format: LogFormat,
    /// Who may open `/admin`; `None` turns the operator view off (404).
    pub admin: Option<AdminCredentials>,
    /// Bearer token for `/metrics`; without it the admin credentials are asked for.
    pub metrics_token: Option<SecretString>,
    /// Bearer token for the admin API (`/admin/api/`); without it the API does not exist.
    pub admin_api_token: Option<SecretString>,
    /// Lower-case name of a header set by the operator's proxy that names the signed-in user.
    pub trusted_user_header: Option<String>,
    /// The operator's name, colour, logo and name for the video service, shown on every page.
    pub brand: Brand,
    /// A language of `locales/`, for visitors who chose none and whose browser asks for none we have.
    pub default_language: String,
    /// Sandbox mode: the most the built-in sandbox keeps on disk (`SANDBOX_DISK_QUOTA_MB`).
    pub sandbox_disk_quota_mb: u32,
    /// Sandbox mode: the stored files the built-in sandbox keeps together (`SANDBOX_STORE_MAX_MB`).
    pub sandbox_store_max_mb: u32,
    /// `EMBED_ORIGINS` and `EMBED_IDENTITY_SECRET` (the sandbox demo's origin is added by startup).
    pub embed: EmbedSettings,
    /// Where upload events are sent (`WEBHOOK_URL`); `None` sends none.
    pub webhooks: Option<crate::webhooks::WebhookSettings>,
    /// `SERVER_TIMING=1`: the history page says where its time went (for benchmarks).
    pub server_timing: bool,
    /// `RECORD_MAX_SECONDS`, `RECORD_MIN_SECONDS`, `RECORD_BITRATE`: recording in the browser.
    pub recording: RecordingSettings,
    /// The default campaign's consent text (`CONSENT_TEXT`, `CONSENT_TERMS_URL`).
    pub consent: Consent,
    /// Mail to the operator about new videos (`SMTP_URL`, `NOTIFY_*`); `None` sends none.
    pub mail: Option<crate::mail::MailSettings>,
}

impl Settings {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds settings from any source of variables (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let vars = Vars::new(&get);
        let data_dir = server::data_dir(&vars);
        let bind_addr = server::bind_addr(&vars)?;
        let twentythree = TwentyThree::from_vars(&vars)?;
        if matches!(twentythree, TwentyThree::Sandbox) {
            server::sandbox_exposure(&vars, "BIND_ADDR", bind_addr)?;
        }
        let public_url = vars.base_url("PUBLIC_URL")?;
        let mail = mail::mail_settings(&vars, public_url.as_ref())?;
        Ok(Self {
            embed: embed::embed_settings(&vars, public_url.as_ref(), bind_addr)?,
            bind_addr,
            public_url,
            database_url: server::database_url(&vars, &data_dir)?,
            data_dir,
            session_secret: vars.secret("SESSION_SECRET", 32)?,
            session_secret_previous: vars.secret("SESSION_SECRET_PREVIOUS", 32)?,
            twentythree,
            api_timeout: vars.seconds("TWENTYTHREE_TIMEOUT_SECS", 10, 1..=120)?,
            uploads: UploadDefaults::from_vars(&vars)?,
            jobs: JobSettings::from_vars(&vars)?,
            limits: Limits::from_vars(&vars)?,
            log_format: LogFormat::from_vars(&vars)?,
            admin: operator::admin_credentials(&vars)?,
            metrics_token: vars.secret("METRICS_TOKEN", 16)?,
            admin_api_token: vars.secret("ADMIN_API_TOKEN", 32)?,
            trusted_user_header: operator::trusted_user_header(&vars)?,
            brand: Brand::from_vars(&vars)?,
            default_language: brand::default_language(&vars)?,
            sandbox_disk_quota_mb: server::sandbox_disk_quota_mb(&vars)?,
            sandbox_store_max_mb: sandbox::sandbox_store_max_mb(&vars)?,
            webhooks: webhooks::webhook_settings(&vars)?,
            server_timing: vars.flag("SERVER_TIMING", false)?,
            recording: RecordingSettings::from_vars(&vars)?,
            consent: consent::consent(&vars)?,
            mail,
        })
    }
}

#[cfg(test)]
mod tests;
