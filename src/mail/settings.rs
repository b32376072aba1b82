//! `SMTP_URL`, `NOTIFY_*` settings, parsed here and called from the configuration (which owns the
//! environment): the mail server, who hears of new videos, from which address, and how often.
//!
//! The URL carries the SMTP password, so no message here ever repeats the value it refuses.

use std::time::Duration;

use lettre::message::Mailbox;
use secrecy::SecretString;
use url::Url;

use crate::config_error::{ConfigError, invalid};

/// Waits between attempts start here and double up to `MAX_RETRY_WAIT`; mail is never given up.
const DEFAULT_FIRST_RETRY_SECS: u64 = 30;
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(3600);
/// How long a digest collects uploads before it is sent.
pub const DIGEST_PERIOD: Duration = Duration::from_secs(3600);

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtps://`: TLS from the first byte (port 465).
    Tls,
    /// `smtp://…?tls=starttls` (or `required`): plain until STARTTLS, which must succeed (port 587).
    StartTls,
    /// `smtp://…?tls=opportunistic`: STARTTLS when the server offers it, else plain.
    Opportunistic,
    /// `smtp://`: no encryption (a relay on this machine or a trusted network; port 25).
    Plain,
}

/// The mail server: where it is, how the connection is protected, and the login, if any.
#[derive(Debug, Clone)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    /// `SecretString` keeps it out of Debug output.
    pub password: Option<SecretString>,
}

impl SmtpServer {
    /// `host:port`, the way messages name the server (never with the login).
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The server is on this machine (a loopback name or address).
    pub fn is_local(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        match host.parse::<std::net::IpAddr>() {
            Ok(ip) => ip.is_loopback(),
            Err(_) => host == "localhost" || host.ends_with(".localhost"),
        }
    }
}

/// One mail per upload, or one per hour for all that came in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyMode {
    EachUpload,
    Hourly,
}

/// Everything the mail job needs.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub server: SmtpServer,
    pub to: Vec<Mailbox>,
    pub from: Mailbox,
    pub mode: NotifyMode,
    /// The wait after the first failed attempt; each further failure doubles it.
    pub first_retry: Duration,
}

impl MailSettings {
    /// How long to wait after `attempts` failed attempts (1-based): doubling, at most an hour.
    pub fn retry_after(&self, attempts: u32) -> Duration {
        let factor = 1u32 << attempts.saturating_sub(1).min(16);
        self.first_retry
            .saturating_mul(factor)
            .min(MAX_RETRY_WAIT)
            .max(Duration::from_secs(1))
    }
}

/// Reads the settings from trimmed, non-empty variables. `NOTIFY_EMAIL` unset means no mail;
/// `public_host` (from `PUBLIC_URL`) names the default sender's domain.
pub fn from_vars(
    var: &impl Fn(&'static str) -> Option<String>,
    public_host: Option<&str>,
) -> Result<Option<MailSettings>, ConfigError> {
    let Some(to) = var("NOTIFY_EMAIL") else {
        if var("SMTP_URL").is_some() {
            return Err(invalid(
                "NOTIFY_EMAIL",
                "is required with SMTP_URL (the operator's address, for mail about new videos)",
            ));
        }
        return Ok(None);
    };
    let to = to
        .split(',')
        .map(|a| a.trim().parse::<Mailbox>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            invalid(
                "NOTIFY_EMAIL",
                "must be an address like videos@example.com (several separated by commas)",
            )
        })?;
    let url = var("SMTP_URL").ok_or_else(|| {
        invalid(
            "SMTP_URL",
            "is required with NOTIFY_EMAIL (like smtps://user:password@mail.example.com)",
        )
    })?;
    let server = parse_smtp_url(&url)?;
    let from = match var("NOTIFY_FROM") {
        Some(from) => from.parse::<Mailbox>().map_err(|_| {
            invalid(
                "NOTIFY_FROM",
                "must be an address like \"Upload portal <portal@example.com>\"",
            )
        })?,
        None => default_from(&server, public_host),
    };
    let mode = match var("NOTIFY_MODE").as_deref() {
        None | Some("each") => NotifyMode::EachUpload,
        Some("hourly") => NotifyMode::Hourly,
        Some(other) => {
            return Err(invalid(
                "NOTIFY_MODE",
                format!("'{other}' must be each or hourly"),
            ));
        }
    };
    let first_retry = match var("SMTP_RETRY_SECS") {
        None => DEFAULT_FIRST_RETRY_SECS,
        Some(v) => v
            .parse()
            .ok()
            .filter(|n| (1..=3600).contains(n))
            .ok_or_else(|| {
                invalid(
                    "SMTP_RETRY_SECS",
                    format!("'{v}' must be a whole number from 1 to 3600"),
                )
            })?,
    };
    Ok(Some(MailSettings {
        server,
        to,
        from,
        mode,
        first_retry: Duration::from_secs(first_retry),
    }))
}

/// `smtp[s]://[user[:password]@]host[:port][?tls=starttls|required|opportunistic]`.
fn parse_smtp_url(text: &str) -> Result<SmtpServer, ConfigError> {
    let bad = |problem: &str| invalid("SMTP_URL", problem);
    let url = Url::parse(text)
        .map_err(|_| bad("is not a URL like smtps://user:password@mail.example.com"))?;
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("names no mail server host"))?
        .to_string();
    if url.fragment().is_some() || !matches!(url.path(), "" | "/") {
        return Err(bad(
            "must be only smtp[s]://user:password@host:port[?tls=…]",
        ));
    }
    let mut tls = None;
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), tls) {
            ("tls", None) => tls = Some(value.into_owned()),
            _ => {
                return Err(bad(
                    "takes one query parameter, tls=starttls or tls=opportunistic",
                ));
            }
        }
    }
    let security = match (url.scheme(), tls.as_deref()) {
        ("smtps", None) => Security::Tls,
        ("smtp", None) => Security::Plain,
        ("smtp", Some("starttls" | "required")) => Security::StartTls,
        ("smtp", Some("opportunistic")) => Security::Opportunistic,
        ("smtps", Some(_)) => return Err(bad("smtps:// is TLS already; drop ?tls=")),
        ("smtp", Some(_)) => return Err(bad("tls= must be starttls or opportunistic")),
        _ => return Err(bad("must start with smtp:// or smtps://")),
    };
    let port = url.port().unwrap_or(match security {
        Security::Tls => 465,
        Security::StartTls | Security::Opportunistic => 587,
        Security::Plain => 25,
    });
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|s| s.into_owned())
            .map_err(|_| bad("has a user name or password that is not UTF-8 once decoded"))
    };
    let username = Some(decode(url.username())?).filter(|u| !u.is_empty());
    let password = url.password().map(decode).transpose()?;
    if password.is_some() && username.is_none() {
        return Err(bad("has a password but no user name"));
    }
    let server = SmtpServer {
        host,
        port,
        security,
        username,
        password: password.map(SecretString::from),
    };
    let unprotected = matches!(server.security, Security::Plain | Security::Opportunistic);
    if server.password.is_some() && unprotected && !server.is_local() {
        return Err(bad(
            "would send the password unencrypted to another machine; use smtps:// or \
             smtp://…?tls=starttls",
        ));
    }
    Ok(server)
}

/// The login when it is an address (many providers send only as the account), else
/// `upload-portal@` the public host.
fn default_from(server: &SmtpServer, public_host: Option<&str>) -> Mailbox {
    let login = server.username.as_deref().filter(|u| u.contains('@'));
    let address = match login {
        Some(login) => login.to_string(),
        None => format!(
            "upload-portal@{}",
            public_host
                .filter(|h| h.contains('.') && h.parse::<std::net::IpAddr>().is_err())
                .unwrap_or("localhost")
        ),
    };
    format!("Upload portal <{address}>")
        .parse()
        .unwrap_or_else(|_| {
            "Upload portal <upload-portal@localhost>"
                .parse()
                .expect("valid")
        })
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
