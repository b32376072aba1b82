use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use secrecy::SecretString;
use serde_json::{Value, json};
use sha2::Sha256;
use url::Url;

use super::{HostUser, IdentityError, IdentityVerifier};

const SECRET: &str = "an identity secret of at least 32 bytes";
const PORTAL: &str = "https://videos.example.com/";

fn now() -> i64 {
    jsonwebtoken::get_current_timestamp() as i64
}

/// What a host server's JWT library produces (header, claims, HMAC-SHA256 over both), written
/// by hand so that the tests can also make what no library would.
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

/// Sound claims for alice, changed by `extra` (a `null` removes one).
fn claims(extra: Value) -> Value {
    let mut claims = json!({"sub": "alice", "aud": PORTAL, "iat": now(), "exp": now() + 600});
    for (key, value) in extra.as_object().unwrap() {
        match value {
            Value::Null => claims.as_object_mut().unwrap().remove(key),
            v => claims
                .as_object_mut()
                .unwrap()
                .insert(key.clone(), v.clone()),
        };
    }
    claims
}

fn hs256(claims: Value) -> String {
    token(json!({"alg": "HS256", "typ": "JWT"}), claims, SECRET)
}

fn verify(token: &str) -> Result<HostUser, IdentityError> {
    IdentityVerifier::new(SecretString::from(SECRET)).verify(token, &Url::parse(PORTAL).unwrap())
}

fn sub(token: &str) -> Result<String, IdentityError> {
    verify(token).map(|user| user.sub)
}

#[test]
fn a_sound_token_names_its_user_and_its_times() {
    let t = hs256(claims(
        json!({"sub": "alice@example.com", "iat": now() - 5}),
    ));
    let user = verify(&t).unwrap();
    assert_eq!(user.sub, "alice@example.com");
    assert_eq!(user.issued_at, now() - 5);
    assert!((user.expires_at - (now() + 600)).abs() <= 2);
}

#[test]
fn the_audience_may_be_written_without_the_trailing_slash() {
    let t = hs256(claims(json!({"aud": "https://videos.example.com"})));
    assert!(verify(&t).is_ok());
}

#[test]
fn a_token_for_another_audience_or_none_is_refused() {
    for aud in [
        json!("https://other.example.com/"),
        json!(null),
        json!(["https://x.example"]),
    ] {
        let t = hs256(claims(json!({ "aud": aud })));
        assert_eq!(sub(&t), Err(IdentityError::WrongAudience), "{aud}");
    }
}

#[test]
fn a_token_signed_with_another_key_is_refused() {
    let t = token(
        json!({"alg": "HS256"}),
        claims(json!({})),
        "another secret, also long enough to pass",
    );
    assert_eq!(sub(&t), Err(IdentityError::BadSignature));
}

#[test]
fn a_token_whose_claims_were_changed_after_signing_is_refused() {
    let t = hs256(claims(json!({})));
    let forged_claims = URL_SAFE_NO_PAD.encode(claims(json!({"sub": "bob"})).to_string());
    let parts: Vec<&str> = t.split('.').collect();
    let forged = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
    assert_eq!(sub(&forged), Err(IdentityError::BadSignature));
}

#[test]
fn expired_tokens_are_refused_beyond_a_minute_of_clock_skew() {
    let t = hs256(claims(json!({"exp": now() - 90})));
    assert_eq!(sub(&t), Err(IdentityError::Expired));
    let t = hs256(claims(json!({"exp": now() - 30})));
    assert!(sub(&t).is_ok(), "within the skew");
}

#[test]
fn tokens_valid_for_more_than_an_hour_or_forever_are_refused() {
    let t = hs256(claims(json!({"exp": now() + 2 * 3600})));
    assert_eq!(sub(&t), Err(IdentityError::TooLong));
    let t = hs256(claims(json!({"exp": null})));
    assert_eq!(sub(&t), Err(IdentityError::TooLong));
}

#[test]
fn a_token_cannot_choose_another_algorithm() {
    for alg in ["none", "HS512", "RS256", "hs256", "ES256"] {
        let t = token(json!({"alg": alg}), claims(json!({})), SECRET);
        assert_eq!(sub(&t), Err(IdentityError::WrongAlgorithm), "{alg}");
    }
    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({"alg": "none"}).to_string()),
        URL_SAFE_NO_PAD.encode(claims(json!({})).to_string())
    );
    assert_eq!(sub(&unsigned), Err(IdentityError::WrongAlgorithm));
}

#[test]
fn a_token_without_a_usable_user_is_refused() {
    for name in [
        json!(""),
        json!("  "),
        json!("a\u{7}b"),
        json!("x".repeat(257)),
        json!(42),
    ] {
        let t = hs256(claims(json!({ "sub": name })));
        assert!(
            matches!(
                sub(&t),
                Err(IdentityError::NoUser | IdentityError::Malformed)
            ),
            "{name}"
        );
    }
    let t = hs256(claims(json!({"sub": null})));
    assert_eq!(sub(&t), Err(IdentityError::NoUser));
}

#[test]
fn a_token_not_valid_yet_is_refused() {
    let t = hs256(claims(json!({"nbf": now() + 300})));
    assert_eq!(sub(&t), Err(IdentityError::NotYetValid));
}

#[test]
fn without_iat_a_token_counts_as_made_an_hour_before_it_expires() {
    let t = hs256(claims(json!({"iat": null})));
    let user = verify(&t).unwrap();
    assert_eq!(user.issued_at, user.expires_at - 3600);
}

#[test]
fn malformed_tokens_are_refused_without_panicking() {
    for t in ["", "abc", "a.b", "a.b.c.d", "!!.!!.!!", &"a".repeat(5000)] {
        assert!(sub(t).is_err(), "{t}");
    }
}
