//! The host site's word for who its visitor is: a short-lived JWT (HS256) in `data-identity`.
//!
//! Only the alg the operator agreed to (HS256 with `EMBED_IDENTITY_SECRET`) is accepted, so a
//! token cannot pick its own algorithm ("none", or RS256 with the secret as a public key). The
//! signature is checked before the claims are read; the checks are constant-time.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::Sha256;

/// The longest a token may live: a leaked one is useless after this.
pub const MAX_LIFETIME_SECS: i64 = 3600;
/// Tolerated difference between the host's clock and ours.
const CLOCK_SKEW_SECS: i64 = 60;
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
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    typ: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    sub: Option<String>,
    exp: Option<f64>,
    nbf: Option<f64>,
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

    /// The user the token names (its `sub`), if the token is sound at `now` (epoch seconds).
    pub fn verify(&self, token: &str, now: i64) -> Result<String, IdentityError> {
        let token = token.trim();
        if token.len() > MAX_TOKEN_LEN {
            return Err(IdentityError::Malformed);
        }
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(IdentityError::Malformed);
        };
        let header: Header = decode_json(header)?;
        if header.alg != "HS256" || header.typ.is_some_and(|t| !t.eq_ignore_ascii_case("JWT")) {
            return Err(IdentityError::WrongAlgorithm);
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| IdentityError::Malformed)?;
        let signed_len = token.len() - token.rsplit('.').next().map_or(0, str::len) - 1;
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.expose_secret().as_bytes())
            .expect("HMAC takes keys of any size");
        mac.update(&token.as_bytes()[..signed_len]);
        mac.verify_slice(&signature)
            .map_err(|_| IdentityError::BadSignature)?;
        let claims: Claims = decode_json(payload)?;
        check_claims(claims, now)
    }
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, IdentityError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| IdentityError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| IdentityError::Malformed)
}

/// `exp` is required and at most an hour ahead; `sub` is 1–256 characters, none of them control
/// characters, so it reads safely in the admin view and logs.
fn check_claims(claims: Claims, now: i64) -> Result<String, IdentityError> {
    // A token without `exp` would be good forever: as bad as one valid for too long.
    let exp = claims.exp.ok_or(IdentityError::TooLong)? as i64;
    if exp <= now - CLOCK_SKEW_SECS {
        return Err(IdentityError::Expired);
    }
    if exp > now + MAX_LIFETIME_SECS + CLOCK_SKEW_SECS {
        return Err(IdentityError::TooLong);
    }
    if claims
        .nbf
        .is_some_and(|nbf| nbf as i64 > now + CLOCK_SKEW_SECS)
    {
        return Err(IdentityError::NotYetValid);
    }
    let sub = claims.sub.ok_or(IdentityError::NoUser)?;
    let usable =
        !sub.trim().is_empty() && sub.chars().count() <= 256 && !sub.chars().any(char::is_control);
    usable.then_some(sub).ok_or(IdentityError::NoUser)
}

#[cfg(test)]
#[path = "identity_tests.rs"]
mod tests;
