//! The host site's word for who its visitor is: a short-lived JWT in `data-identity`, verified
//! with the `jsonwebtoken` crate.
//!
//! Only HS256 with `EMBED_IDENTITY_SECRET` is accepted, so a token cannot pick its own algorithm
//! ("none", or RS256 with the secret as a public key); `exp` is required and at most an hour
//! ahead, and `aud` must name this portal (its `PUBLIC_URL`), so a token minted for another
//! service that shares the secret is no good here. The signature is checked before the claims.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

/// The longest a token may live: a leaked one is useless after this.
pub const MAX_LIFETIME_SECS: i64 = 3600;
/// Tolerated difference between the host's clock and ours.
const CLOCK_SKEW_SECS: u64 = 60;
/// Tokens longer than this are not worth parsing (a real one is a few hundred bytes).
const MAX_TOKEN_LEN: usize = 4096;

/// Why a token was refused. `Display` is written for the visitor, who sees it in the frame; no
/// variant carries the token or the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("The site you came from sent a sign-in this uploader cannot read.")]
    Malformed,
    #[error("The site you came from signed you in with a method this uploader does not accept.")]
    WrongAlgorithm,
    #[error("The site you came from sent a sign-in that was not signed with the agreed key.")]
    BadSignature,
    #[error("Your sign-in from the site you came from has expired.")]
    Expired,
    #[error("The site you came from sent a sign-in that is valid for too long (at most an hour).")]
    TooLong,
    #[error("The site you came from sent a sign-in that is not valid yet.")]
    NotYetValid,
    #[error("The site you came from sent a sign-in without a usable user name.")]
    NoUser,
    #[error("This uploader does not accept sign-ins from other sites.")]
    NotAccepted,
    #[error("The site you came from sent a sign-in meant for another service.")]
    WrongAudience,
    #[error("The site you came from has signed you out; this sign-in is older than that.")]
    SignedOut,
}

/// What a sound token says: who, until when, and since when (`iat`; without one, the earliest
/// time a token valid for at most an hour can have been made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostUser {
    pub sub: String,
    pub expires_at: i64,
    pub issued_at: i64,
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    // Required by the validation; optional here so that its absence is named as such.
    exp: Option<i64>,
    iat: Option<i64>,
}

/// Only to name the refusal: a header whose `alg` is not HS256 is a wrong algorithm, not noise.
#[derive(Deserialize)]
struct RawHeader {
    alg: String,
}

/// Checks identity tokens against `EMBED_IDENTITY_SECRET`.
#[derive(Clone)]
pub struct IdentityVerifier {
    secret: SecretString,
}

impl std::fmt::Debug for IdentityVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityVerifier([redacted])")
    }
}

impl IdentityVerifier {
    pub fn new(secret: SecretString) -> Self {
        Self { secret }
    }

    /// The user the token names, if it is sound now and meant for the portal at `audience`
    /// (`PUBLIC_URL`, with or without its trailing slash).
    pub fn verify(&self, token: &str, audience: &Url) -> Result<HostUser, IdentityError> {
        let token = token.trim();
        if token.len() > MAX_TOKEN_LEN {
            return Err(IdentityError::Malformed);
        }
        if header_alg(token).is_some_and(|alg| alg != "HS256") {
            return Err(IdentityError::WrongAlgorithm);
        }
        let key = DecodingKey::from_secret(self.secret.expose_secret().as_bytes())
            .map_err(|_| IdentityError::NotAccepted)?;
        let claims = jsonwebtoken::decode::<Claims>(token, &key, &validation(audience))
            .map_err(|e| refusal(e.kind()))?
            .claims;
        let exp = claims.exp.ok_or(IdentityError::TooLong)?;
        let now = jsonwebtoken::get_current_timestamp() as i64;
        if exp > now + MAX_LIFETIME_SECS + CLOCK_SKEW_SECS as i64 {
            return Err(IdentityError::TooLong);
        }
        let sub = claims.sub.ok_or(IdentityError::NoUser)?;
        let usable = !sub.trim().is_empty()
            && sub.chars().count() <= 256
            && !sub.chars().any(char::is_control);
        if !usable {
            return Err(IdentityError::NoUser);
        }
        Ok(HostUser {
            sub,
            expires_at: exp,
            issued_at: claims.iat.unwrap_or(exp - MAX_LIFETIME_SECS),
        })
    }
}

/// HS256 only; `exp` and `aud` required, `nbf` checked when present, a minute of clock skew.
fn validation(audience: &Url) -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = CLOCK_SKEW_SECS;
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "aud"]);
    let url = audience.as_str();
    validation.set_audience(&[url, url.trim_end_matches('/')]);
    validation
}

fn header_alg(token: &str) -> Option<String> {
    use base64::Engine as _;
    let header = token.split('.').next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header)
        .ok()?;
    serde_json::from_slice::<RawHeader>(&bytes)
        .ok()
        .map(|h| h.alg)
}

fn refusal(kind: &ErrorKind) -> IdentityError {
    match kind {
        ErrorKind::InvalidAlgorithm
        | ErrorKind::InvalidAlgorithmName
        | ErrorKind::UnsupportedAlgorithm => IdentityError::WrongAlgorithm,
        ErrorKind::InvalidSignature => IdentityError::BadSignature,
        ErrorKind::ExpiredSignature => IdentityError::Expired,
        ErrorKind::ImmatureSignature => IdentityError::NotYetValid,
        // A token without `exp` would be good forever: as bad as one valid for too long.
        ErrorKind::MissingRequiredClaim(claim) if claim == "exp" => IdentityError::TooLong,
        ErrorKind::MissingRequiredClaim(claim) if claim == "aud" => IdentityError::WrongAudience,
        ErrorKind::InvalidAudience => IdentityError::WrongAudience,
        _ => IdentityError::Malformed,
    }
}

#[cfg(test)]
#[path = "identity_tests.rs"]
mod tests;
