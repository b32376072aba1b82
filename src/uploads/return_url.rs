//! The `return_url` handed to 23: a random per-upload nonce plus an HMAC over it.
//!
//! 23's redirect back is unsigned and anyone can forge it, and a long callback arrives as a
//! cross-site POST that carries no `SameSite=Lax` cookie. So the callback cannot lean on the
//! visitor's cookie; it finds the upload by this nonce, which only the minting browser and 23
//! ever see. The HMAC lets forged or mangled URLs be turned away before any database lookup.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use url::Url;

type HmacSha256 = Hmac<Sha256>;

const NONCE_LEN: usize = 32;
/// 128 bits of tag are plenty and keep the URL short (23 switches to POST above 1500 chars).
const TAG_HEX_LEN: usize = 32;

/// The signer's own key, derived from the session secret so the two uses never share a key.
fn derive_key(session_secret: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(session_secret).expect("HMAC takes keys of any size");
    mac.update(b"upload-portal/return-url/v1");
    mac.finalize().into_bytes().into()
}

#[derive(Clone)]
pub struct ReturnUrlSigner {
    key: [u8; 32],
    /// The key of `SESSION_SECRET_PREVIOUS`: links it signed still verify during a rotation.
    previous: Option<[u8; 32]>,
}

impl std::fmt::Debug for ReturnUrlSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReturnUrlSigner([redacted])")
    }
}

impl ReturnUrlSigner {
    /// Derives its own key from the session secret, so the two uses never share a key.
    pub fn new(session_secret: &[u8]) -> Self {
        Self {
            key: derive_key(session_secret),
            previous: None,
        }
    }

    /// Also accepts links signed with the secret before the last rotation.
    pub fn with_previous(mut self, previous_secret: &[u8]) -> Self {
        self.previous = Some(derive_key(previous_secret));
        self
    }

    /// A fresh nonce for a new upload.
    pub fn new_nonce(&self) -> String {
        crate::random::token(NONCE_LEN)
    }

    fn mac(&self) -> HmacSha256 {
        HmacSha256::new_from_slice(&self.key).expect("HMAC takes keys of any size")
    }

    fn signed_by(key: &[u8; 32], nonce: &str, tag: &[u8]) -> bool {
        let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any size");
        mac.update(nonce.as_bytes());
        mac.verify_truncated_left(tag).is_ok()
    }

    /// The hex tag that goes beside the nonce.
    pub fn tag(&self, nonce: &str) -> String {
        let mut mac = self.mac();
        mac.update(nonce.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..TAG_HEX_LEN / 2])
    }

    /// True when `tag` was made by this signer for `nonce` (constant-time).
    pub fn verify(&self, nonce: &str, tag: &str) -> bool {
        if nonce.len() != NONCE_LEN || !nonce.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return false;
        }
        let Ok(tag) = hex::decode(tag) else {
            return false;
        };
        if tag.len() != TAG_HEX_LEN / 2 {
            return false;
        }
        Self::signed_by(&self.key, nonce, &tag)
            || self
                .previous
                .is_some_and(|previous| Self::signed_by(&previous, nonce, &tag))
    }

    /// The tag of an upload's private withdrawal link (its own purpose, so a return-URL tag
    /// never works as one).
    pub fn withdrawal_tag(&self, nonce: &str) -> String {
        self.tag(&format!("withdraw:{nonce}"))
    }

    /// True when `tag` is the withdrawal tag of `nonce` under the current or previous secret
    /// (constant-time).
    pub fn verify_withdrawal(&self, nonce: &str, tag: &str) -> bool {
        let Ok(tag) = hex::decode(tag) else {
            return false;
        };
        let purpose = format!("withdraw:{nonce}");
        tag.len() == TAG_HEX_LEN / 2
            && (Self::signed_by(&self.key, &purpose, &tag)
                || self
                    .previous
                    .is_some_and(|previous| Self::signed_by(&previous, &purpose, &tag)))
    }

    /// `{public_url}/uploads/callback/{nonce}/{tag}`: the only URL 23 is asked to return to.
    /// Built from configuration alone, never from request headers.
    pub fn return_url(&self, public_url: &Url, nonce: &str) -> String {
        format!(
            "{}/uploads/callback/{}/{}",
            public_url.as_str().trim_end_matches('/'),
            nonce,
            self.tag(nonce)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> ReturnUrlSigner {
        ReturnUrlSigner::new(b"a test secret that is long enough to use")
    }

    #[test]
    fn a_minted_nonce_verifies_with_its_tag() {
        let s = signer();
        let nonce = s.new_nonce();
        assert!(s.verify(&nonce, &s.tag(&nonce)));
    }

    #[test]
    fn tampered_nonces_tags_and_foreign_keys_are_refused() {
        let s = signer();
        let nonce = s.new_nonce();
        let tag = s.tag(&nonce);
        let mut other = nonce.clone().into_bytes();
        other[0] = if other[0] == b'a' { b'b' } else { b'a' };
        assert!(!s.verify(std::str::from_utf8(&other).unwrap(), &tag));
        assert!(!s.verify(&nonce, &tag[..30]));
        assert!(!s.verify(&nonce, &"0".repeat(32)));
        assert!(!s.verify(&nonce, "not hex at all, not hex at all!!"));
        assert!(!s.verify("short", &s.tag("short")));
        let stranger = ReturnUrlSigner::new(b"another secret that is long enough to use");
        assert!(!stranger.verify(&nonce, &tag));
    }

    #[test]
    fn the_return_url_sits_under_the_public_url_and_stays_short() {
        let s = signer();
        let url = s.return_url(
            &Url::parse("https://upload.example.com/portal/").unwrap(),
            "N".repeat(32).as_str(),
        );
        assert!(url.starts_with("https://upload.example.com/portal/uploads/callback/NNNN"));
        assert!(url.len() < 200);
    }

    #[test]
    fn nonces_do_not_repeat() {
        let s = signer();
        let nonces: std::collections::HashSet<String> =
            (0..10_000).map(|_| s.new_nonce()).collect();
        assert_eq!(nonces.len(), 10_000);
    }
}
