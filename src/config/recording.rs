//! Recording in the browser: how long a recording may last and at what bitrate the page asks
//! the browser to record. The page gets them as data attributes; 23 transcodes whatever arrives.

use std::net::IpAddr;

use url::{Host, Url};

use super::error::{ConfigError, invalid};
use super::vars::Vars;

#[derive(Debug, Clone, PartialEq)]
pub struct RecordingSettings {
    /// A recording stops by itself at this length (`RECORD_MAX_SECONDS`).
    pub max_seconds: u32,
    /// Shorter recordings get a warning before they are sent (`RECORD_MIN_SECONDS`, optional).
    pub min_seconds: Option<u32>,
    /// Video bits per second asked of `MediaRecorder` (`RECORD_BITRATE`).
    pub bitrate: u32,
}

impl Default for RecordingSettings {
    fn default() -> Self {
        Self {
            max_seconds: 300,
            min_seconds: None,
            bitrate: 2_500_000,
        }
    }
}

impl RecordingSettings {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        let defaults = Self::default();
        let max_seconds = vars.number("RECORD_MAX_SECONDS", defaults.max_seconds, 5..=7200)?;
        let min_seconds = match vars.get("RECORD_MIN_SECONDS") {
            None => None,
            Some(_) => Some(vars.number("RECORD_MIN_SECONDS", 0, 1..=7200)?),
        };
        if min_seconds.is_some_and(|min| min >= max_seconds) {
            return Err(invalid(
                "RECORD_MIN_SECONDS",
                format!("must be less than RECORD_MAX_SECONDS ({max_seconds})"),
            ));
        }
        Ok(Self {
            max_seconds,
            min_seconds,
            bitrate: vars.number("RECORD_BITRATE", defaults.bitrate, 100_000..=20_000_000)?,
        })
    }
}

/// Browsers give the camera only to secure contexts: https, or plain http on a loopback name.
/// A portal reached over plain http on any other name shows no recorder; `check` says so.
pub fn insecure_for_recording(public_url: &Url) -> Option<String> {
    if public_url.scheme() != "http" {
        return None;
    }
    let loopback = match public_url.host() {
        Some(Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name.to_ascii_lowercase().ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    (!loopback).then(|| {
        format!(
            "warning: PUBLIC_URL {public_url} is plain http on a name other than localhost; browsers \
             allow the camera, microphone and screen only over https, so visitors there cannot record \
             (serve the portal over https)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn plain_http_on_a_public_name_is_flagged_for_recording() {
        let warning = insecure_for_recording(&url("http://videos.example.com/")).unwrap();
        assert!(
            warning.contains("PUBLIC_URL") && warning.contains("https"),
            "{warning}"
        );
        assert!(insecure_for_recording(&url("http://192.168.1.10:8080/")).is_some());
    }

    #[test]
    fn https_and_loopback_names_can_record() {
        for ok in [
            "https://videos.example.com/",
            "http://localhost:8080/",
            "http://portal.localhost/",
            "http://127.0.0.1:8080/",
            "http://[::1]:8080/",
        ] {
            assert_eq!(insecure_for_recording(&url(ok)), None, "{ok}");
        }
    }
}
