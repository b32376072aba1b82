//! Verifies OAuth 1.0a (HMAC-SHA1) signatures the way 23 accepts them: protocol parameters from
//! the `Authorization` header, a form-urlencoded body or the query string.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::ExposeSecret as _;

use super::envelope::ApiError;
use super::request::ApiRequest;
use super::settings::{PermissionLevel, SandboxSettings};
use super::state::State;
use crate::twentythree::oauth;

/// How far a request's `oauth_timestamp` may be from the sandbox clock, either way.
pub const TIMESTAMP_TOLERANCE: Duration = Duration::from_secs(10 * 60);

/// A nonce must be remembered as long as a request carrying it could still pass the timestamp
/// check: it may have been stamped up to one tolerance before it was seen and is accepted until
/// one tolerance after its stamp.
const NONCE_MEMORY: Duration = Duration::from_secs(2 * 10 * 60);

/// Why a signed request was refused. All become 23's single `invalid_signature` error; the
/// detail only goes to the debug log, to help whoever is writing a client against the sandbox.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum SignatureProblem {
    #[error("oauth_{0} is missing")]
    Missing(&'static str),
    #[error("only HMAC-SHA1 is supported")]
    UnsupportedMethod,
    #[error("unknown consumer key or token")]
    UnknownCredentials,
    #[error("oauth_timestamp is more than ten minutes away from the server clock")]
    StaleTimestamp,
    #[error("the signature does not match")]
    WrongSignature,
    #[error("the nonce was already used")]
    ReplayedNonce,
}

/// The caller's permission level: `anonymous` when unsigned, the credentials' level when the
/// signature is valid, and `invalid_signature` when a signature was attempted and is wrong.
pub fn authenticate(
    request: &ApiRequest,
    settings: &SandboxSettings,
    state: &Mutex<State>,
    now: SystemTime,
) -> Result<PermissionLevel, ApiError> {
    match check_signature(request, settings, state, now) {
        Ok(Some(level)) => Ok(level),
        Ok(None) => Ok(PermissionLevel::Anonymous),
        Err(problem) => {
            tracing::debug!(%problem, "sandbox refused an OAuth signature");
            Err(ApiError::invalid_signature(PermissionLevel::None))
        }
    }
}

/// `Ok(None)` for an unsigned request.
pub fn check_signature(
    request: &ApiRequest,
    settings: &SandboxSettings,
    state: &Mutex<State>,
    now: SystemTime,
) -> Result<Option<PermissionLevel>, SignatureProblem> {
    let header = request
        .authorization
        .as_deref()
        .and_then(oauth::parse_authorization_header);
    let protocol = protocol_params(request, header.as_deref());
    let get = |name: &str| {
        protocol
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if header.is_none() && get("oauth_signature").is_none() && get("oauth_consumer_key").is_none() {
        return Ok(None);
    }
    let consumer_key =
        get("oauth_consumer_key").ok_or(SignatureProblem::Missing("consumer_key"))?;
    let signature = get("oauth_signature").ok_or(SignatureProblem::Missing("signature"))?;
    let timestamp = get("oauth_timestamp").ok_or(SignatureProblem::Missing("timestamp"))?;
    let nonce = get("oauth_nonce").ok_or(SignatureProblem::Missing("nonce"))?;
    if !get("oauth_signature_method").is_some_and(|m| m.eq_ignore_ascii_case("HMAC-SHA1")) {
        return Err(SignatureProblem::UnsupportedMethod);
    }
    // Privileged credentials always come with an access token, so a request without the right
    // one is treated like a wrong key (23 documents no separate consumer-only level).
    let token = get("oauth_token").unwrap_or_default();
    let credentials = &settings.credentials;
    if consumer_key != credentials.consumer_key || token != credentials.token {
        return Err(SignatureProblem::UnknownCredentials);
    }
    check_timestamp(timestamp, now)?;
    if !signature_matches(request, header.unwrap_or_default(), settings, signature) {
        return Err(SignatureProblem::WrongSignature);
    }
    // Only a valid request may burn a nonce, or anyone could block a client by guessing ahead.
    let key = (consumer_key.to_owned(), token.to_owned(), nonce.to_owned());
    let fresh = state
        .lock()
        .expect("sandbox state lock")
        .remember_nonce(key, now, NONCE_MEMORY);
    if !fresh {
        return Err(SignatureProblem::ReplayedNonce);
    }
    Ok(Some(settings.permission_level))
}

/// The `oauth_*` parameters: from the `Authorization` header when there is one, otherwise
/// from the query string and body.
fn protocol_params(
    request: &ApiRequest,
    header: Option<&[(String, String)]>,
) -> Vec<(String, String)> {
    match header {
        Some(pairs) => pairs.to_vec(),
        None => request
            .params()
            .filter(|(k, _)| k.starts_with("oauth_"))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    }
}

fn check_timestamp(timestamp: &str, now: SystemTime) -> Result<(), SignatureProblem> {
    let timestamp: u64 = timestamp
        .parse()
        .map_err(|_| SignatureProblem::StaleTimestamp)?;
    let now_secs = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    if now_secs.abs_diff(timestamp) > TIMESTAMP_TOLERANCE.as_secs() {
        return Err(SignatureProblem::StaleTimestamp);
    }
    Ok(())
}

/// Recomputes the HMAC-SHA1 signature over what the client signed and compares in constant time.
fn signature_matches(
    request: &ApiRequest,
    mut signed: Vec<(String, String)>,
    settings: &SandboxSettings,
    signature: &str,
) -> bool {
    // Query parameters are signed through the URL itself; body parameters only when the body
    // is form-urlencoded, except stray oauth_* fields, which are protocol parameters wherever
    // they were sent.
    signed.extend(
        request
            .body
            .iter()
            .filter(|(k, _)| request.body_is_signed || k.starts_with("oauth_"))
            .cloned(),
    );
    let base = oauth::signature_base_string(&request.method, &request.url, &signed);
    let credentials = &settings.credentials;
    let expected = oauth::sign(
        &base,
        credentials.consumer_secret.expose_secret(),
        credentials.token_secret.expose_secret(),
    );
    oauth::signatures_match(&expected, signature)
}

#[cfg(test)]
#[path = "auth_tests.rs"]
mod tests;
