//! The variables settings are read from, and the parsers every group of settings shares.

use std::ops::RangeInclusive;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use super::error::{ConfigError, invalid};

/// A source of variables: values are trimmed, and an empty value counts as unset (a `.env` line
/// `NAME=` then means "use the default").
pub struct Vars<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

impl<'a> Vars<'a> {
    pub fn new(lookup: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Self { lookup }
    }

    pub fn get(&self, name: &'static str) -> Option<String> {
        (self.lookup)(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// A whole number in `range`, or `default` when unset.
    pub fn number(
        &self,
        name: &'static str,
        default: u32,
        range: RangeInclusive<u32>,
    ) -> Result<u32, ConfigError> {
        let Some(v) = self.get(name) else {
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

    /// A number of seconds in `range`, or `default` seconds when unset.
    pub fn seconds(
        &self,
        name: &'static str,
        default: u32,
        range: RangeInclusive<u32>,
    ) -> Result<Duration, ConfigError> {
        Ok(Duration::from_secs(
            self.number(name, default, range)?.into(),
        ))
    }

    /// `1`/`true`/`yes` or `0`/`false`/`no`, or `default` when unset.
    pub fn flag(&self, name: &'static str, default: bool) -> Result<bool, ConfigError> {
        match self.get(name).as_deref() {
            None => Ok(default),
            Some("1" | "true" | "yes") => Ok(true),
            Some("0" | "false" | "no") => Ok(false),
            Some(other) => Err(invalid(name, format!("'{other}' must be 1 or 0"))),
        }
    }

    /// A secret of at least `min` bytes, or `None` when unset. The advice in the error is `min`
    /// random bytes written as hex.
    pub fn secret(
        &self,
        name: &'static str,
        min: usize,
    ) -> Result<Option<SecretString>, ConfigError> {
        match self.get(name) {
            Some(v) if v.len() < min => Err(invalid(
                name,
                format!(
                    "must be at least {min} characters ({} random hex digits recommended)",
                    2 * min
                ),
            )),
            other => Ok(other.map(SecretString::from)),
        }
    }

    /// An http(s) base URL without query or fragment, or `None` when unset.
    pub fn base_url(&self, name: &'static str) -> Result<Option<Url>, ConfigError> {
        self.get(name).map(|v| parse_base_url(name, &v)).transpose()
    }
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
