//! Who may see the operator's pages: HTTP Basic against `ADMIN_USERNAME`/`ADMIN_PASSWORD`.
//!
//! Basic rather than a login form: it needs no session or CSRF token (the admin pages only
//! read), works the same on every instance, and lets `curl` fetch the CSV export. It is only safe
//! over TLS, which the operator's reverse proxy terminates in front of the portal.

use actix_web::http::StatusCode;
use actix_web::http::header::{
    AUTHORIZATION, CACHE_CONTROL, HeaderMap, RETRY_AFTER, WWW_AUTHENTICATE,
};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, dev::Payload, web};
use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq;

use futures_util::future::LocalBoxFuture;

use crate::client_addr::client_ip;
use crate::config::AdminCredentials;
use crate::error::AppError;
use crate::state::AppState;
use crate::throttle::LoginThrottle;

/// Proof that the request carries the operator's credentials. Handlers that take one as an
/// argument are admin-only.
#[derive(Debug)]
pub struct Operator;

/// Why a request may not see an admin page.
#[derive(Debug, thiserror::Error)]
pub enum AdminAuthError {
    /// No credentials are configured: the pages do not exist.
    #[error("the operator view is off")]
    Off,
    #[error("missing or wrong operator credentials")]
    Unauthorized,
    /// `/metrics` with `METRICS_TOKEN` set, without that token.
    #[error("missing or wrong metrics token")]
    NoToken,
    /// Too many failed logins from this address: try again in this many seconds.
    #[error("too many failed logins from this address")]
    SlowDown(u64),
}

impl ResponseError for AdminAuthError {
    fn status_code(&self) -> StatusCode {
        match self {
            AdminAuthError::Off => StatusCode::NOT_FOUND,
            AdminAuthError::Unauthorized | AdminAuthError::NoToken => StatusCode::UNAUTHORIZED,
            AdminAuthError::SlowDown(_) => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AdminAuthError::Off => AppError::NotFound.error_response(),
            AdminAuthError::Unauthorized => HttpResponse::Unauthorized()
                .insert_header((
                    WWW_AUTHENTICATE,
                    r#"Basic realm="upload-portal operator", charset="UTF-8""#,
                ))
                .insert_header((CACHE_CONTROL, "no-store"))
                .content_type("text/plain; charset=utf-8")
                .body(crate::i18n::current().t("admin-login-required")),
            AdminAuthError::NoToken => HttpResponse::Unauthorized()
                .insert_header((WWW_AUTHENTICATE, r#"Bearer realm="upload-portal metrics""#))
                .insert_header((CACHE_CONTROL, "no-store"))
                .content_type("text/plain; charset=utf-8")
                .body(crate::i18n::current().t("admin-metrics-token-required")),
            AdminAuthError::SlowDown(seconds) => HttpResponse::TooManyRequests()
                .insert_header((RETRY_AFTER, seconds.to_string()))
                .insert_header((CACHE_CONTROL, "no-store"))
                .content_type("text/plain; charset=utf-8")
                .body(crate::i18n::current().t("admin-login-slow-down")),
        }
    }
}

impl FromRequest for Operator {
    type Error = AdminAuthError;
    type Future = LocalBoxFuture<'static, Result<Operator, AdminAuthError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let Some(state) = req.app_data::<web::Data<AppState>>() else {
                return Err(AdminAuthError::Off);
            };
            throttled(&req, state, || match &state.admin {
                None => Err(AdminAuthError::Off),
                Some(admin) if is_operator(req.headers(), admin) => Ok(()),
                Some(_) => Err(AdminAuthError::Unauthorized),
            })
            .await
            .map(|()| Operator)
        })
    }
}

/// Runs `check` unless this client address is locked out after failed logins, and counts its
/// failures in the database every instance shares: a locked-out address gets 429 without its
/// credentials being looked at, whichever instance it asks. With the database out of reach the
/// credentials are still checked, unthrottled and logged: `/metrics` must answer most when the
/// database does not, and an outage is not something a guesser can call up.
pub async fn throttled(
    req: &HttpRequest,
    state: &AppState,
    check: impl FnOnce() -> Result<(), AdminAuthError>,
) -> Result<(), AdminAuthError> {
    let ip = client_ip(req, &state.limits.trusted_proxies);
    let throttle = LoginThrottle::new(&state.store);
    let unthrottled = |error: crate::store::StoreError| {
        tracing::error!(%ip, %error, "could not read or count failed logins; checked unthrottled");
    };
    if let Some(wait) = throttle.locked_for(ip).await.unwrap_or_else(|e| {
        unthrottled(e);
        None
    }) {
        // Rounded up: a client that waits exactly this long finds the lockout over.
        let wait_secs = wait.as_millis().div_ceil(1000).max(1) as u64;
        tracing::warn!(%ip, wait_secs, "refused a login from an address locked out after failures");
        return Err(AdminAuthError::SlowDown(wait_secs));
    }
    let result = check();
    match &result {
        // A request without credentials is a browser about to ask for them, not a guess.
        Err(AdminAuthError::Unauthorized | AdminAuthError::NoToken)
            if req.headers().contains_key(AUTHORIZATION) =>
        {
            match throttle.failed(ip).await {
                Ok(failures) => {
                    tracing::warn!(%ip, failures, "refused an operator login: wrong or no credentials")
                }
                Err(error) => unthrottled(error),
            }
        }
        Ok(()) => throttle.succeeded(ip).await.unwrap_or_else(unthrottled),
        Err(_) => {}
    }
    result
}

/// True when the request's `Authorization: Basic` names the configured operator.
pub fn is_operator(headers: &HeaderMap, admin: &AdminCredentials) -> bool {
    let Some((username, password)) = basic_credentials(headers) else {
        return false;
    };
    // Both compared every time, so timing tells nothing about which one was wrong.
    let user_ok = same_secret(&username, &admin.username);
    let password_ok = same_secret(&password, admin.password.expose_secret());
    user_ok & password_ok
}

/// True when the request's `Authorization: Bearer` is `token`.
pub fn has_bearer_token(headers: &HeaderMap, token: &SecretString) -> bool {
    let Some(given) = authorization(headers, "bearer") else {
        return false;
    };
    same_secret(given.trim(), token.expose_secret())
}

/// Compares digests so that neither the content nor the length of the secret shows in timing.
fn same_secret(given: &str, expected: &str) -> bool {
    let given = Sha256::digest(given.as_bytes());
    let expected = Sha256::digest(expected.as_bytes());
    given.as_slice().ct_eq(expected.as_slice()).into()
}

/// The user and password of `Authorization: Basic base64(user:password)`.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = authorization(headers, "basic")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (username, password) = decoded.split_once(':')?;
    Some((username.to_owned(), password.to_owned()))
}

/// The credentials of an `Authorization` header with this scheme (schemes ignore case).
fn authorization<'h>(headers: &'h HeaderMap, scheme: &str) -> Option<&'h str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (given_scheme, credentials) = value.split_once(' ')?;
    given_scheme
        .eq_ignore_ascii_case(scheme)
        .then_some(credentials)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderValue;

    use super::*;

    fn admin() -> AdminCredentials {
        AdminCredentials {
            username: "operator".into(),
            password: SecretString::from("correct horse battery"),
        }
    }

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn basic(user_and_password: &str) -> HeaderMap {
        let encoded = base64::engine::general_purpose::STANDARD.encode(user_and_password);
        with_authorization(&format!("Basic {encoded}"))
    }

    #[test]
    fn only_the_configured_username_and_password_together_are_accepted() {
        assert!(is_operator(
            &basic("operator:correct horse battery"),
            &admin()
        ));
        assert!(!is_operator(&basic("operator:wrong"), &admin()));
        assert!(!is_operator(
            &basic("someone:correct horse battery"),
            &admin()
        ));
        assert!(!is_operator(
            &basic("operator:correct horse battery "),
            &admin()
        ));
        assert!(!is_operator(&HeaderMap::new(), &admin()));
        assert!(!is_operator(
            &with_authorization("Basic !!!not base64"),
            &admin()
        ));
    }

    #[test]
    fn the_scheme_name_ignores_case_and_a_password_may_contain_colons() {
        let admin = AdminCredentials {
            username: "op".into(),
            password: SecretString::from("a:b:c:d:e:f:g"),
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode("op:a:b:c:d:e:f:g");
        assert!(is_operator(
            &with_authorization(&format!("bAsIc {encoded}")),
            &admin
        ));
    }

    #[test]
    fn a_bearer_token_must_match_exactly() {
        let token = SecretString::from("0123456789abcdef0123");
        assert!(has_bearer_token(
            &with_authorization("Bearer 0123456789abcdef0123"),
            &token
        ));
        assert!(!has_bearer_token(
            &with_authorization("Bearer 0123456789abcdef012"),
            &token
        ));
        assert!(!has_bearer_token(&basic("0123456789abcdef0123:"), &token));
    }
}
