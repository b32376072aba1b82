//! Settings, read once from the environment (and `.env`), validated, typed.
//!
//! Nothing else in the crate reads environment variables: a bad value stops start-up here with one
//! line that names the variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::jobs::JobSettings;
use crate::twentythree::oauth::Credentials;

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
    pub twentythree: TwentyThree,
    pub api_timeout: Duration,
    pub uploads: UploadDefaults,
    pub jobs: JobSettings,
    pub log_format: LogFormat,
    /// Who may open `/admin`; `None` turns the operator view off (404).
    pub admin: Option<AdminCredentials>,
    /// Bearer token for `/metrics`; without it the admin credentials are asked for.
    pub metrics_token: Option<SecretString>,
    /// Lower-case name of a header set by the operator's proxy that names the signed-in user.
    pub trusted_user_header: Option<String>,
    /// Where upload events are sent (`WEBHOOK_URL`); `None` sends none.
    pub webhooks: Option<crate::webhooks::WebhookSettings>,
}

/// The operator's login for `/admin` (HTTP Basic).
#[derive(Debug, Clone)]
pub struct AdminCredentials {
    pub username: String,
    pub password: SecretString,
}

/// Which 23 site the portal talks to.
#[derive(Debug, Clone)]
pub enum TwentyThree {
    /// `TWENTYTHREE_URL` unset: the built-in emulator, mounted under `/sandbox-23/`.
    Sandbox,
    Site {
        url: Url,
        credentials: Credentials,
    },
}

/// What every upload token asks 23 for, chosen by the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadDefaults {
    pub album_id: Option<String>,
    pub publish: bool,
    pub valid_minutes: u32,
    pub max_uploads: u32,
    /// How many upload tokens one visitor may mint per hour.
    pub tokens_per_hour: u32,
    /// Largest file the page lets a visitor pick, in MiB (checked in the browser before sending).
    pub max_file_mb: u32,
    /// Files above this many MiB are sent in Resumable.js chunks, so a dropped connection resumes.
    pub chunked_above_mb: u32,
    /// Chunk size in MiB.
    pub chunk_size_mb: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A setting that is missing or malformed. Displays as one line naming the variable.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

fn invalid(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}

impl Settings {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds settings from any source of variables (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &'static str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };

        let bind_addr: SocketAddr = match var("BIND_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(v) => v.parse().map_err(|_| {
                invalid(
                    "BIND_ADDR",
                    format!("'{v}' is not an address like 127.0.0.1:8080"),
                )
            })?,
        };
        let public_url = var("PUBLIC_URL")
            .map(|v| parse_base_url("PUBLIC_URL", &v))
            .transpose()?;
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
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
        let session_secret = match var("SESSION_SECRET") {
            Some(v) if v.len() < 32 => {
                return Err(invalid(
                    "SESSION_SECRET",
                    "must be at least 32 characters (64 random hex digits recommended)",
                ));
            }
            other => other.map(SecretString::from),
        };
        let twentythree = match var("TWENTYTHREE_URL") {
            None => TwentyThree::Sandbox,
            Some(v) => TwentyThree::Site {
                url: parse_base_url("TWENTYTHREE_URL", &v)?,
                credentials: credentials_from(&var)?,
            },
        };
        let api_timeout =
            Duration::from_secs(number(&var, "TWENTYTHREE_TIMEOUT_SECS", 10, 1..=120)?.into());
        let uploads = UploadDefaults {
            album_id: var("UPLOAD_ALBUM_ID"),
            publish: flag(&var, "UPLOAD_PUBLISH", true)?,
            valid_minutes: number(&var, "UPLOAD_VALID_MINUTES", 180, 15..=1440)?,
            max_uploads: number(&var, "UPLOAD_MAX_FILES", 1, 1..=100)?,
            tokens_per_hour: number(&var, "UPLOAD_TOKENS_PER_HOUR", 30, 1..=100_000)?,
            max_file_mb: number(&var, "UPLOAD_MAX_FILE_MB", 4096, 1..=16_384)?,
            chunked_above_mb: number(&var, "UPLOAD_CHUNKED_ABOVE_MB", 64, 1..=16_384)?,
            chunk_size_mb: number(&var, "UPLOAD_CHUNK_SIZE_MB", 8, 1..=512)?,
        };
        let jobs = JobSettings {
            reconcile_every: Duration::from_secs(
                number(&var, "RECONCILE_INTERVAL_SECS", 10, 1..=3600)?.into(),
            ),
            refresh_every: Duration::from_secs(
                number(&var, "REFRESH_INTERVAL_SECS", 5, 1..=3600)?.into(),
            ),
        };
        let log_format = match var("LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(invalid(
                    "LOG_FORMAT",
                    format!("'{other}' is neither text nor json"),
                ));
            }
        };
        Ok(Self {
            bind_addr,
            public_url,
            database_url: SecretString::from(database_url),
            data_dir,
            session_secret,
            twentythree,
            api_timeout,
            uploads,
            jobs,
            log_format,
            admin: admin_credentials(&var)?,
            metrics_token: metrics_token(&var)?,
            trusted_user_header: trusted_user_header(&var)?,
            webhooks: crate::webhooks::settings::from_vars(&var).map_err(|e| ConfigError {
                variable: e.variable,
                problem: e.problem,
            })?,
        })
    }
}

/// `ADMIN_USERNAME` and `ADMIN_PASSWORD`, both or neither.
fn admin_credentials(
    var: &impl Fn(&'static str) -> Option<String>,
) -> Result<Option<AdminCredentials>, ConfigError> {
    match (var("ADMIN_USERNAME"), var("ADMIN_PASSWORD")) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(invalid("ADMIN_PASSWORD", "is required with ADMIN_USERNAME")),
        (None, Some(_)) => Err(invalid("ADMIN_USERNAME", "is required with ADMIN_PASSWORD")),
        // HTTP Basic splits user and password at the first colon.
        (Some(username), Some(_)) if username.contains(':') => {
            Err(invalid("ADMIN_USERNAME", "must not contain ':'"))
        }
        (Some(_), Some(password)) if password.chars().count() < 12 => {
            Err(invalid("ADMIN_PASSWORD", "must be at least 12 characters"))
        }
        (Some(username), Some(password)) => Ok(Some(AdminCredentials {
            username,
            password: SecretString::from(password),
        })),
    }
}

fn metrics_token(
    var: &impl Fn(&'static str) -> Option<String>,
) -> Result<Option<SecretString>, ConfigError> {
    match var("METRICS_TOKEN") {
        Some(token) if token.len() < 16 => Err(invalid(
            "METRICS_TOKEN",
            "must be at least 16 characters (32 random hex digits recommended)",
        )),
        other => Ok(other.map(SecretString::from)),
    }
}

/// A header name as HTTP allows it, lower-cased. Headers the browser itself controls would let
/// any visitor choose their identity, so those are refused outright.
fn trusted_user_header(
    var: &impl Fn(&'static str) -> Option<String>,
) -> Result<Option<String>, ConfigError> {
    let Some(name) = var("TRUSTED_USER_HEADER") else {
        return Ok(None);
    };
    let name = name.to_ascii_lowercase();
    let is_token = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !is_token {
        return Err(invalid(
            "TRUSTED_USER_HEADER",
            format!("'{name}' is not a header name like X-Forwarded-User"),
        ));
    }
    const BROWSER_HEADERS: [&str; 6] = [
        "cookie",
        "authorization",
        "host",
        "origin",
        "referer",
        "user-agent",
    ];
    if BROWSER_HEADERS.contains(&name.as_str()) {
        return Err(invalid(
            "TRUSTED_USER_HEADER",
            format!("'{name}' is sent by browsers; name a header your proxy sets"),
        ));
    }
    Ok(Some(name))
}

/// Reads the four `TWENTYTHREE_*` credential variables; all four are required together.
pub fn credentials_from(
    var: &impl Fn(&'static str) -> Option<String>,
) -> Result<Credentials, ConfigError> {
    let required = |name: &'static str| {
        var(name).ok_or_else(|| {
            invalid(
                name,
                "is required when TWENTYTHREE_URL is set (23's privileged credentials)",
            )
        })
    };
    Ok(Credentials {
        consumer_key: required("TWENTYTHREE_CONSUMER_KEY")?,
        consumer_secret: SecretString::from(required("TWENTYTHREE_CONSUMER_SECRET")?),
        token: required("TWENTYTHREE_ACCESS_TOKEN")?,
        token_secret: SecretString::from(required("TWENTYTHREE_ACCESS_TOKEN_SECRET")?),
    })
}

fn parse_base_url(variable: &'static str, value: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(value.trim_end_matches('/')).map_err(|_| {
        invalid(
            variable,
            format!("'{value}' is not a URL like https://videos.example.com"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(
            variable,
            format!("'{value}' must be an http:// or https:// URL"),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(variable, "must not carry a query or fragment"));
    }
    Ok(url)
}

fn number(
    var: &impl Fn(&'static str) -> Option<String>,
    name: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, ConfigError> {
    let Some(v) = var(name) else {
        return Ok(default);
    };
    match v.parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(invalid(
            name,
            format!(
                "'{v}' must be a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        )),
    }
}

fn flag(
    var: &impl Fn(&'static str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match var(name).as_deref() {
        None => Ok(default),
        Some("1" | "true" | "yes") => Ok(true),
        Some("0" | "false" | "no") => Ok(false),
        Some(other) => Err(invalid(name, format!("'{other}' must be 1 or 0"))),
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;

/// Settings of `upload-portal sandbox`: the emulator run on its own.
#[derive(Debug, Clone)]
pub struct SandboxCommandSettings {
    /// The credentials it accepts; `None` means generate a set and print it.
    pub credentials: Option<Credentials>,
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
}

impl SandboxCommandSettings {
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        let var = |name: &'static str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let credentials = match var("TWENTYTHREE_CONSUMER_KEY") {
            None => None,
            Some(_) => Some(credentials_from(&var).map_err(|e| ConfigError {
                variable: e.variable,
                problem: "is required when TWENTYTHREE_CONSUMER_KEY is set".into(),
            })?),
        };
        let log_format = if var("LOG_FORMAT").as_deref() == Some("json") {
            LogFormat::Json
        } else {
            LogFormat::Text
        };
        Ok(Self {
            credentials,
            data_dir: PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "data".into())),
            log_format,
        })
    }
}
