//! OAuth 1.0a request signing (RFC 5849, HMAC-SHA1 only: the one method 23 accepts; how 23 uses
//! it is in `docs/23-api.md`).
//!
//! Written by hand rather than taken from a crate so the signature base string is visible to tests
//! and the same code serves both sides: the portal's client signs, the sandbox verifies.

use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use secrecy::{ExposeSecret, SecretString};
use sha1::Sha1;
use url::Url;

/// RFC 5849 §3.6: everything but `A-Z a-z 0-9 - . _ ~` is escaped, with upper-case hex.
const OAUTH_RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a string the RFC 5849 way (space is `%20`, never `+`).
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, OAUTH_RESERVED).to_string()
}

/// 23's "privileged credentials": a consumer key/secret plus an access token/secret.
#[derive(Clone)]
pub struct Credentials {
    pub consumer_key: String,
    pub consumer_secret: SecretString,
    pub token: String,
    pub token_secret: SecretString,
}

impl fmt::Debug for Credentials {
    // Secrets must never reach a log line, so Debug names only the public halves.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &"[redacted]")
            .field("token", &self.token)
            .field("token_secret", &"[redacted]")
            .finish()
    }
}

impl Credentials {
    /// A fresh random set, for the sandbox when no credentials are configured.
    pub fn generate() -> Self {
        Self {
            consumer_key: format!("sandbox-{}", crate::random::token(12)),
            consumer_secret: SecretString::from(crate::random::token(40)),
            token: format!("sandbox-{}", crate::random::token(12)),
            token_secret: SecretString::from(crate::random::token(40)),
        }
    }
}

/// RFC 5849 §3.4.1.2: lower-case scheme and host, no default port, no query or fragment.
pub fn base_uri(url: &Url) -> String {
    let scheme = url.scheme().to_ascii_lowercase();
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let port = match (url.port(), scheme.as_str()) {
        (Some(80), "http") | (Some(443), "https") | (None, _) => String::new(),
        (Some(p), _) => format!(":{p}"),
    };
    format!("{scheme}://{host}{port}{}", url.path())
}

/// RFC 5849 §3.4.1.3.2: encode names and values, sort by name then value, join with `&` and `=`.
pub fn normalize_parameters(params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature" && k != "realm")
        .map(|(k, v)| (encode(k), encode(v)))
        .collect();
    encoded.sort();
    encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// RFC 5849 §3.4.1: `METHOD&enc(base uri)&enc(normalized parameters)`.
///
/// `params` holds every signed parameter: the `oauth_*` protocol parameters, the URL's query
/// parameters and any `application/x-www-form-urlencoded` body parameters (never multipart).
pub fn signature_base_string(method: &str, url: &Url, params: &[(String, String)]) -> String {
    let mut all: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    all.extend_from_slice(params);
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        encode(&base_uri(url)),
        encode(&normalize_parameters(&all))
    )
}

/// HMAC-SHA1 over the base string, keyed by `enc(consumer_secret)&enc(token_secret)`, base64.
pub fn sign(base_string: &str, consumer_secret: &str, token_secret: &str) -> String {
    let key = format!("{}&{}", encode(consumer_secret), encode(token_secret));
    let mut mac =
        Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(base_string.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Constant-time comparison of a received signature with the expected one.
pub fn signatures_match(expected: &str, received: &str) -> bool {
    use subtle::ConstantTimeEq;
    expected.as_bytes().ct_eq(received.as_bytes()).into()
}

/// The protocol parameters of one signed request, before the signature is added.
pub struct ProtocolParams {
    pub nonce: String,
    pub timestamp: u64,
}

impl ProtocolParams {
    pub fn fresh() -> Self {
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        Self {
            nonce: crate::random::token(32),
            timestamp,
        }
    }
}

/// Signs a request and returns the `Authorization: OAuth …` header value.
///
/// `params` are the request's query and form-urlencoded body parameters (those in `url`'s
/// query are picked up automatically, so pass only body parameters here).
pub fn authorization_header(
    credentials: &Credentials,
    method: &str,
    url: &Url,
    body_params: &[(String, String)],
    protocol: &ProtocolParams,
) -> String {
    let mut oauth: Vec<(String, String)> = vec![
        (
            "oauth_consumer_key".into(),
            credentials.consumer_key.clone(),
        ),
        ("oauth_nonce".into(), protocol.nonce.clone()),
        ("oauth_signature_method".into(), "HMAC-SHA1".into()),
        ("oauth_timestamp".into(), protocol.timestamp.to_string()),
        ("oauth_version".into(), "1.0".into()),
    ];
    if !credentials.token.is_empty() {
        oauth.push(("oauth_token".into(), credentials.token.clone()));
    }
    let mut signed = oauth.clone();
    signed.extend_from_slice(body_params);
    let base = signature_base_string(method, url, &signed);
    let signature = sign(
        &base,
        credentials.consumer_secret.expose_secret(),
        credentials.token_secret.expose_secret(),
    );
    oauth.push(("oauth_signature".into(), signature));
    oauth.sort();
    let fields: Vec<String> = oauth
        .iter()
        .map(|(k, v)| format!("{}=\"{}\"", encode(k), encode(v)))
        .collect();
    format!("OAuth {}", fields.join(", "))
}

/// Parses an `Authorization: OAuth k="v", …` header into decoded pairs (`realm` included;
/// the signature check leaves it out). Returns `None` for anything that is not OAuth.
pub fn parse_authorization_header(header: &str) -> Option<Vec<(String, String)>> {
    let rest = header.trim().strip_prefix("OAuth")?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut pairs = Vec::new();
    for field in rest.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        let (name, value) = field.split_once('=')?;
        let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .ok()
        };
        pairs.push((decode(name.trim())?, decode(value)?));
    }
    Some(pairs)
}

#[cfg(test)]
#[path = "oauth_tests.rs"]
mod tests;
