//! The operator's access: the `/admin` login, the `/metrics` token, and the proxy header that
//! names the signed-in user.

use secrecy::SecretString;

use super::error::{ConfigError, invalid};
use super::vars::Vars;

/// The operator's login for `/admin` (HTTP Basic).
#[derive(Debug, Clone)]
pub struct AdminCredentials {
    pub username: String,
    pub password: SecretString,
}

/// `ADMIN_USERNAME` and `ADMIN_PASSWORD`, both or neither.
pub(super) fn admin_credentials(vars: &Vars) -> Result<Option<AdminCredentials>, ConfigError> {
    match (vars.get("ADMIN_USERNAME"), vars.get("ADMIN_PASSWORD")) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(invalid("ADMIN_PASSWORD", "is required with ADMIN_USERNAME")),
        (None, Some(_)) => Err(invalid("ADMIN_USERNAME", "is required with ADMIN_PASSWORD")),
        // HTTP Basic splits user and password at the first colon.
        (Some(username), Some(_)) if username.contains(':') => {
            Err(invalid("ADMIN_USERNAME", "must not contain ':'"))
        }
        (Some(_), Some(password)) if password.chars().count() < 12 => {
            Err(invalid("ADMIN_PASSWORD", "must be at least 12 characters"))
        }
        (Some(username), Some(password)) => Ok(Some(AdminCredentials {
            username,
            password: SecretString::from(password),
        })),
    }
}

/// A header name as HTTP allows it, lower-cased. Headers the browser itself controls would let
/// any visitor choose their identity, so those are refused outright.
pub(super) fn trusted_user_header(vars: &Vars) -> Result<Option<String>, ConfigError> {
    let Some(name) = vars.get("TRUSTED_USER_HEADER") else {
        return Ok(None);
    };
    let name = name.to_ascii_lowercase();
    let is_token = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !is_token {
        return Err(invalid(
            "TRUSTED_USER_HEADER",
            format!("'{name}' is not a header name like X-Forwarded-User"),
        ));
    }
    const BROWSER_HEADERS: [&str; 6] = [
        "cookie",
        "authorization",
        "host",
        "origin",
        "referer",
        "user-agent",
    ];
    if BROWSER_HEADERS.contains(&name.as_str()) {
        return Err(invalid(
            "TRUSTED_USER_HEADER",
            format!("'{name}' is sent by browsers; name a header your proxy sets"),
        ));
    }
    Ok(Some(name))
}
