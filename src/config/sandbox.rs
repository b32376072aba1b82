//! Settings of `upload-portal sandbox`: the emulator run on its own.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::twentythree::oauth::Credentials;

use super::error::ConfigError;
use super::server::{LogFormat, data_dir, sandbox_disk_quota_mb, sandbox_exposure};
use super::site::credentials_from;
use super::vars::Vars;

/// Settings of `upload-portal sandbox`: the emulator run on its own.
#[derive(Debug, Clone)]
pub struct SandboxCommandSettings {
    /// The credentials it accepts; `None` means generate a set and print it.
    pub credentials: Option<Credentials>,
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
    /// `SANDBOX_DISK_QUOTA_MB`.
    pub disk_quota_mb: u32,
    /// `SANDBOX_STORE_MAX_MB`.
    pub store_max_mb: u32,
}

impl SandboxCommandSettings {
    /// Reads the environment for a sandbox that will listen on `bind` (`--bind`).
    pub fn from_env(bind: SocketAddr) -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        let lookup = |name: &str| std::env::var(name).ok();
        let vars = Vars::new(&lookup);
        sandbox_exposure(&vars, "--bind", bind)?;
        let credentials = match vars.get("TWENTYTHREE_CONSUMER_KEY") {
            None => None,
            Some(_) => Some(credentials_from(&vars).map_err(|e| ConfigError {
                variable: e.variable,
                problem: "is required when TWENTYTHREE_CONSUMER_KEY is set".into(),
            })?),
        };
        let log_format = if vars.get("LOG_FORMAT").as_deref() == Some("json") {
            LogFormat::Json
        } else {
            LogFormat::Text
        };
        Ok(Self {
            credentials,
            data_dir: data_dir(&vars),
            log_format,
            disk_quota_mb: sandbox_disk_quota_mb(&vars)?,
            store_max_mb: sandbox_store_max_mb(&vars)?,
        })
    }
}

/// `SANDBOX_STORE_MAX_MB`: the stored files the sandbox keeps together at most (default 10 GiB,
/// half the disk quota); beyond it each new file lets the oldest go.
pub(super) fn sandbox_store_max_mb(vars: &Vars) -> Result<u32, ConfigError> {
    vars.number("SANDBOX_STORE_MAX_MB", 10 * 1024, 1..=4_000_000)
}
