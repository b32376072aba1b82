//! Standard Webhooks signatures: `v1,` + base64 of HMAC-SHA256 over `id.timestamp.body`, keyed
//! with the bytes of a `whsec_…` secret. Any Standard Webhooks library verifies them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Fewer random bytes than this make a guessable key; the specification asks for 24 to 64.
pub const MIN_SECRET_BYTES: usize = 24;
const PREFIX: &str = "whsec_";

/// The signing key. Its `Debug` never shows the key, so settings can be logged whole.
#[derive(Clone)]
pub struct SigningKey(Vec<u8>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(redacted)")
    }
}

/// Why a `WEBHOOK_SECRET` was refused (the message never repeats the value).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("must start with whsec_ (the Standard Webhooks form)")]
    NoPrefix,
    #[error("after whsec_ must come base64")]
    NotBase64,
    #[error("must hold at least {MIN_SECRET_BYTES} random bytes")]
    TooShort,
}

impl SigningKey {
    /// Reads a secret in the Standard Webhooks form `whsec_` + base64 of the key.
    pub fn parse(secret: &str) -> Result<SigningKey, SecretError> {
        let encoded = secret.strip_prefix(PREFIX).ok_or(SecretError::NoPrefix)?;
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| SecretError::NotBase64)?;
        if key.len() < MIN_SECRET_BYTES {
            return Err(SecretError::TooShort);
        }
        Ok(SigningKey(key))
    }

    /// A fresh random secret in its `whsec_` form (for tests and the README's advice).
    pub fn generate() -> String {
        let bytes = hex::decode(crate::random::hex_bytes(32)).expect("hex from hex_bytes");
        format!("{PREFIX}{}", STANDARD.encode(bytes))
    }

    /// The `webhook-signature` header value for this message.
    pub fn sign(&self, webhook_id: &str, timestamp: i64, body: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any size");
        mac.update(format!("{webhook_id}.{timestamp}.").as_bytes());
        mac.update(body.as_bytes());
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_the_specifications_example_byte_for_byte() {
        // The Standard Webhooks reference libraries' own test vector.
        let key = SigningKey::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        let signature = key.sign(
            "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            1649367553,
            r#"{"email":"test@example.com","username":"test_user"}"#,
        );
        assert_eq!(signature, "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=");
    }

    #[test]
    fn refuses_secrets_that_are_not_whsec_base64_of_24_bytes() {
        assert_eq!(
            SigningKey::parse("C2FVsBQI").unwrap_err(),
            SecretError::NoPrefix
        );
        assert_eq!(
            SigningKey::parse("whsec_!!").unwrap_err(),
            SecretError::NotBase64
        );
        let short = format!("whsec_{}", STANDARD.encode([7u8; 23]));
        assert_eq!(
            SigningKey::parse(&short).unwrap_err(),
            SecretError::TooShort
        );
        assert!(SigningKey::parse(&SigningKey::generate()).is_ok());
    }

    #[test]
    fn debug_output_hides_the_key() {
        let key = SigningKey::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        assert_eq!(format!("{key:?}"), "SigningKey(redacted)");
    }
}
