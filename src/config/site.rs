//! Which 23 site the portal talks to, and with which credentials.

use secrecy::SecretString;
use url::Url;

use crate::twentythree::oauth::Credentials;

use super::error::{ConfigError, invalid};
use super::vars::Vars;

/// Which 23 site the portal talks to.
#[derive(Debug, Clone)]
pub enum TwentyThree {
    /// `TWENTYTHREE_URL` unset: the built-in emulator, mounted under `/sandbox-23/`.
    Sandbox,
    Site {
        url: Url,
        credentials: Credentials,
    },
}

impl TwentyThree {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        match vars.base_url("TWENTYTHREE_URL")? {
            None => Ok(TwentyThree::Sandbox),
            Some(url) => Ok(TwentyThree::Site {
                url,
                credentials: credentials_from(vars)?,
            }),
        }
    }
}

/// Reads the four `TWENTYTHREE_*` credential variables; all four are required together.
pub(super) fn credentials_from(vars: &Vars) -> Result<Credentials, ConfigError> {
    let required = |name: &'static str| {
        vars.get(name).ok_or_else(|| {
            invalid(
                name,
                "is required when TWENTYTHREE_URL is set (23's privileged credentials)",
            )
        })
    };
    Ok(Credentials {
        consumer_key: required("TWENTYTHREE_CONSUMER_KEY")?,
        consumer_secret: SecretString::from(required("TWENTYTHREE_CONSUMER_SECRET")?),
        token: required("TWENTYTHREE_ACCESS_TOKEN")?,
        token_secret: SecretString::from(required("TWENTYTHREE_ACCESS_TOKEN_SECRET")?),
    })
}
