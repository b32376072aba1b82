//! `WEBHOOK_*` settings, parsed here and called from the configuration (which owns the
//! environment): the receiver's URL, the signing secret, the per-attempt timeout and the retry
//! schedule.

use std::time::Duration;

use url::Url;

use crate::config_error::{ConfigError, invalid};

use super::signing::SigningKey;

/// Waits before each retry: the first within seconds (a receiver restarting), then growing so a
/// receiver down for most of a day still gets every event. 11 attempts over about 23.7 hours.
pub const DEFAULT_SCHEDULE: &str = "5s,30s,2m,10m,30m,1h,2h,4h,8h,8h";
const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// Where and how events are delivered.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    pub url: Url,
    pub key: SigningKey,
    /// Bound on one attempt: connecting, sending and reading the answer.
    pub timeout: Duration,
    /// The wait before retry 1, 2, …; after the last one the delivery is marked failed.
    pub retry_schedule: Vec<Duration>,
}

impl WebhookSettings {
    /// Attempts in all: the first and one per step of the schedule.
    pub fn max_attempts(&self) -> u32 {
        u32::try_from(self.retry_schedule.len()).unwrap_or(u32::MAX - 1) + 1
    }

    /// Events go unencrypted over a network: plain `http://` to a host other than this machine
    /// (loopback names and addresses stay on it, as with a receiver beside the portal).
    pub fn sends_in_clear(&self) -> bool {
        let on_this_machine = match self.url.host() {
            Some(url::Host::Domain(d)) => d == "localhost" || d.ends_with(".localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        self.url.scheme() == "http" && !on_this_machine
    }

    /// How long to wait after failed attempt number `attempts` (1-based); `None` once the
    /// schedule is used up.
    pub fn retry_after(&self, attempts: u32) -> Option<Duration> {
        let step = usize::try_from(attempts.checked_sub(1)?).ok()?;
        self.retry_schedule.get(step).copied()
    }
}

/// Reads the settings from trimmed, non-empty variables. `WEBHOOK_URL` unset means no webhooks.
pub fn from_vars(
    var: &impl Fn(&'static str) -> Option<String>,
) -> Result<Option<WebhookSettings>, ConfigError> {
    let Some(url) = var("WEBHOOK_URL") else {
        return Ok(None);
    };
    let url = Url::parse(&url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| invalid("WEBHOOK_URL", "must be an http:// or https:// URL"))?;
    let secret = var("WEBHOOK_SECRET").ok_or_else(|| {
        invalid(
            "WEBHOOK_SECRET",
            "is required with WEBHOOK_URL (whsec_ + base64 of 24 or more random bytes)",
        )
    })?;
    // The problem is described, never the value: this line ends up in logs.
    let key = SigningKey::parse(&secret).map_err(|e| invalid("WEBHOOK_SECRET", e.to_string()))?;
    let timeout = match var("WEBHOOK_TIMEOUT_SECS") {
        None => DEFAULT_TIMEOUT_SECS,
        Some(v) => v
            .parse()
            .ok()
            .filter(|n| (1..=120).contains(n))
            .ok_or_else(|| {
                invalid(
                    "WEBHOOK_TIMEOUT_SECS",
                    format!("'{v}' must be a whole number from 1 to 120"),
                )
            })?,
    };
    let allow_plain_http = var("WEBHOOK_ALLOW_PLAIN_HTTP");
    let schedule = var("WEBHOOK_RETRY_SCHEDULE").unwrap_or_else(|| DEFAULT_SCHEDULE.into());
    let retry_schedule =
        parse_schedule(&schedule).map_err(|problem| invalid("WEBHOOK_RETRY_SCHEDULE", problem))?;
    let settings = WebhookSettings {
        url,
        key,
        timeout: Duration::from_secs(timeout),
        retry_schedule,
    };
    // Checked last, so each other bad variable is still named first.
    if settings.sends_in_clear() && !plain_http_allowed(allow_plain_http)? {
        return Err(invalid(
            "WEBHOOK_URL",
            "is plain http:// to another machine, so titles, descriptions and unpublished \
             videos' tokens would cross the network unencrypted; use https://, or set \
             WEBHOOK_ALLOW_PLAIN_HTTP=1 if that network is trusted",
        ));
    }
    Ok(Some(settings))
}

/// `WEBHOOK_ALLOW_PLAIN_HTTP`: `1`/`true`/`yes` or `0`/`false`/`no` (the default).
fn plain_http_allowed(value: Option<String>) -> Result<bool, ConfigError> {
    match value.as_deref() {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => Err(invalid(
            "WEBHOOK_ALLOW_PLAIN_HTTP",
            format!("'{other}' must be 1 or 0"),
        )),
    }
}

/// `5s,30s,2m,1h`: waits with a unit (s, m, h); a bare number is seconds. `none` means no retry.
pub fn parse_schedule(text: &str) -> Result<Vec<Duration>, String> {
    if text.trim() == "none" {
        return Ok(Vec::new());
    }
    let steps = text
        .split(',')
        .map(|step| {
            parse_wait(step.trim())
                .ok_or_else(|| format!("'{}' is not a wait like 30s, 10m or 2h", step.trim()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if steps.len() > 50 {
        return Err("at most 50 retries".into());
    }
    Ok(steps)
}

fn parse_wait(step: &str) -> Option<Duration> {
    let (number, unit) = match step.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => step.split_at(at),
        None => (step, "s"),
    };
    let n: u64 = number.parse().ok().filter(|n| *n >= 1)?;
    let seconds = match unit {
        "s" => n,
        "m" => n.checked_mul(60)?,
        "h" => n.checked_mul(3600)?,
        _ => return None,
    };
    (seconds <= 7 * 24 * 3600).then(|| Duration::from_secs(seconds))
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
