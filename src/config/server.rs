//! Where the portal listens and keeps its data, and how it logs.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::error::{ConfigError, invalid};
use super::vars::Vars;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

pub(super) fn bind_addr(vars: &Vars) -> Result<SocketAddr, ConfigError> {
    match vars.get("BIND_ADDR") {
        None => Ok(SocketAddr::from(([127, 0, 0, 1], 8080))),
        Some(v) => v.parse().map_err(|_| {
            invalid(
                "BIND_ADDR",
                format!("'{v}' is not an address like 127.0.0.1:8080"),
            )
        }),
    }
}

/// The sandbox accepts files and API calls from anyone who reaches it, with throwaway credentials
/// printed on start: on an address other hosts can reach, that is an open file drop. Refused unless
/// `SANDBOX_PUBLIC=1` says the operator means it. `variable` names the setting that chose `bind`.
pub(super) fn sandbox_exposure(
    vars: &Vars,
    variable: &'static str,
    bind: SocketAddr,
) -> Result<(), ConfigError> {
    if bind.ip().is_loopback() || vars.flag("SANDBOX_PUBLIC", false)? {
        return Ok(());
    }
    Err(invalid(
        variable,
        format!(
            "{bind} is reachable from other machines, and the 23 sandbox would accept anyone's files \
             there; listen on 127.0.0.1, set TWENTYTHREE_URL, or set SANDBOX_PUBLIC=1 if you mean it"
        ),
    ))
}

/// `SANDBOX_DISK_QUOTA_MB`: how much the sandbox keeps on disk at most (default 20 GiB).
pub(super) fn sandbox_disk_quota_mb(vars: &Vars) -> Result<u32, ConfigError> {
    vars.number("SANDBOX_DISK_QUOTA_MB", 20 * 1024, 1..=4_000_000)
}

pub(super) fn data_dir(vars: &Vars) -> PathBuf {
    PathBuf::from(vars.get("DATA_DIR").unwrap_or_else(|| "data".into()))
}

/// `DATABASE_URL`, by default a SQLite file in the data directory.
pub(super) fn database_url(vars: &Vars, data_dir: &Path) -> Result<SecretString, ConfigError> {
    let database_url = vars.get("DATABASE_URL").unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("upload-portal.db").display()
        )
    });
    if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
        return Err(invalid(
            "DATABASE_URL",
            "must start with sqlite: or postgres://",
        ));
    }
    Ok(SecretString::from(database_url))
}

impl LogFormat {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        match vars.get("LOG_FORMAT").as_deref() {
            None | Some("text") => Ok(LogFormat::Text),
            Some("json") => Ok(LogFormat::Json),
            Some(other) => Err(invalid(
                "LOG_FORMAT",
                format!("'{other}' is neither text nor json"),
            )),
        }
    }
}
