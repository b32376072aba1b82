use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::SecretString;
use serde_json::{Value, json};
use sha2::Sha256;

use super::{IdentityError, IdentityVerifier};

const SECRET: &str = "an identity secret of at least 32 bytes";
const NOW: i64 = 1_800_000_000;

/// What a host server's JWT library produces (header, claims, HMAC-SHA256 over both).
fn token(header: Value, claims: Value, secret: &str) -> String {
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signed}.{signature}")
}

fn hs256(claims: Value) -> String {
    token(json!({"alg": "HS256", "typ": "JWT"}), claims, SECRET)
}

fn verify(token: &str) -> Result<String, IdentityError> {
    IdentityVerifier::new(SecretString::from(SECRET)).verify(token, NOW)
}

#[test]
fn a_sound_token_names_its_user() {
    let t = hs256(json!({"sub": "alice@example.com", "exp": NOW + 600, "iat": NOW}));
    assert_eq!(verify(&t), Ok("alice@example.com".to_string()));
}

#[test]
fn a_token_signed_with_another_key_is_refused() {
    let t = token(
        json!({"alg": "HS256"}),
        json!({"sub": "alice", "exp": NOW + 600}),
        "another secret, also long enough to pass",
    );
    assert_eq!(verify(&t), Err(IdentityError::BadSignature));
}

#[test]
fn a_token_whose_claims_were_changed_after_signing_is_refused() {
    let t = hs256(json!({"sub": "alice", "exp": NOW + 600}));
    let forged_claims = URL_SAFE_NO_PAD.encode(json!({"sub": "bob", "exp": NOW + 600}).to_string());
    let parts: Vec<&str> = t.split('.').collect();
    let forged = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
    assert_eq!(verify(&forged), Err(IdentityError::BadSignature));
}

#[test]
fn expired_tokens_are_refused_beyond_a_minute_of_clock_skew() {
    let t = hs256(json!({"sub": "alice", "exp": NOW - 61}));
    assert_eq!(verify(&t), Err(IdentityError::Expired));
    let t = hs256(json!({"sub": "alice", "exp": NOW - 30}));
    assert!(verify(&t).is_ok(), "within the skew");
}

#[test]
fn tokens_valid_for_more_than_an_hour_or_forever_are_refused() {
    let t = hs256(json!({"sub": "alice", "exp": NOW + 2 * 3600}));
    assert_eq!(verify(&t), Err(IdentityError::TooLong));
    let t = hs256(json!({"sub": "alice"}));
    assert_eq!(verify(&t), Err(IdentityError::TooLong));
}

#[test]
fn a_token_cannot_choose_another_algorithm() {
    for alg in ["none", "HS512", "RS256", "hs256"] {
        let t = token(
            json!({"alg": alg}),
            json!({"sub": "alice", "exp": NOW + 60}),
            SECRET,
        );
        assert_eq!(verify(&t), Err(IdentityError::WrongAlgorithm), "{alg}");
    }
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({"alg": "none"}).to_string()),
        URL_SAFE_NO_PAD.encode(json!({"sub": "alice", "exp": NOW + 60}).to_string())
    );
    assert_eq!(verify(&unsigned), Err(IdentityError::WrongAlgorithm));
}

#[test]
fn a_token_without_a_usable_user_is_refused() {
    for sub in [
        json!(""),
        json!("  "),
        json!("a\u{7}b"),
        json!("x".repeat(257)),
        json!(42),
    ] {
        let t = hs256(json!({"sub": sub, "exp": NOW + 60}));
        assert!(
            matches!(
                verify(&t),
                Err(IdentityError::NoUser | IdentityError::Malformed)
            ),
            "{sub}"
        );
    }
    let t = hs256(json!({"exp": NOW + 60}));
    assert_eq!(verify(&t), Err(IdentityError::NoUser));
}

#[test]
fn a_token_not_valid_yet_is_refused() {
    let t = hs256(json!({"sub": "alice", "exp": NOW + 600, "nbf": NOW + 300}));
    assert_eq!(verify(&t), Err(IdentityError::NotYetValid));
}

#[test]
fn malformed_tokens_are_refused_without_panicking() {
    for t in ["", "abc", "a.b", "a.b.c.d", "!!.!!.!!", &"a".repeat(5000)] {
        assert!(verify(t).is_err(), "{t}");
    }
}
