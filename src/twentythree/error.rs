//! What can go wrong when the portal talks to 23, sorted by who has to act on it.

/// A failed 23 API call.
///
/// No variant ever carries a secret, a signature or a full upload token: the strings are either
/// 23's own `code`/`message`, a host name, or a short description written by this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 23 answered `status="error"`. The classic API does this with HTTP 200.
    #[error("23 answered with error {code}: {message}")]
    Api { code: String, message: String },
    /// No complete answer within the configured timeout.
    #[error("23 did not answer in time")]
    Timeout,
    /// Connecting failed (DNS, refused, reset). The string names the host.
    #[error("23 could not be reached: {0}")]
    Unreachable(String),
    /// A non-2xx status, typically a proxy's 5xx in front of 23, or a redirect we refuse to follow.
    #[error("23 answered with HTTP status {0}")]
    HttpStatus(u16),
    /// The body is not a 23 envelope we can trust: not XML/JSON, truncated, too large, a DOCTYPE,
    /// the wrong root, or a required field is missing.
    #[error("23 sent a response we cannot use: {0}")]
    Malformed(String),
    /// Not sent: this instance already has its limit of calls to 23 in flight (or this upload
    /// was checked moments ago). Nothing reached 23.
    #[error("too many calls to 23 at once; not sent")]
    Busy,
}

/// 23 codes that mean "fix the configured credentials", not "try again".
const CREDENTIAL_CODES: [&str; 5] = [
    "invalid_signature",
    "invalid_oauth_site",
    "invalid_oauth_user",
    "token_required",
    "permission_denied",
];

impl ApiError {
    /// True when the operator must fix the consumer key/secret or access token, or their rights.
    pub fn is_credentials_problem(&self) -> bool {
        matches!(self, Self::Api { code, .. } if CREDENTIAL_CODES.contains(&code.as_str()))
    }

    /// True when the same call might succeed a moment later without anyone changing anything.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout | Self::Unreachable(_) | Self::Busy => true,
            Self::HttpStatus(status) => (500..=599).contains(status),
            Self::Api { .. } | Self::Malformed(_) => false,
        }
    }

    /// One plain sentence for the operator's log or status page saying what to look at.
    pub fn operator_hint(&self) -> &'static str {
        match self {
            Self::Api { code, .. } => match code.as_str() {
                "invalid_signature" => {
                    "23 rejected the OAuth signature: check TWENTYTHREE_CONSUMER_KEY/\
                     TWENTYTHREE_CONSUMER_SECRET and the access token (and the server clock)"
                }
                "invalid_oauth_site" => {
                    "23 says these credentials belong to another site: check TWENTYTHREE_URL \
                     against the site the credentials were created on"
                }
                "invalid_oauth_user" | "token_required" => {
                    "23 does not accept the access token: check TWENTYTHREE_ACCESS_TOKEN and \
                     TWENTYTHREE_ACCESS_TOKEN_SECRET"
                }
                "permission_denied" => "The credentials lack write permission on this 23 site",
                _ => "23 refused the request; its error code and message are in the log",
            },
            Self::Timeout => {
                "The 23 site did not answer within TWENTYTHREE_TIMEOUT_SECS: it is slow or down"
            }
            Self::Unreachable(_) => {
                "The 23 site could not be reached: check TWENTYTHREE_URL, DNS and the network"
            }
            Self::HttpStatus(status) if (500..=599).contains(status) => {
                "The 23 site (or a proxy in front of it) is failing; try again shortly"
            }
            Self::HttpStatus(status) if (300..=399).contains(status) => {
                "The 23 site answered with a redirect: check that TWENTYTHREE_URL uses the \
                 site's canonical https address"
            }
            Self::HttpStatus(_) => {
                "The 23 site answered with an unexpected HTTP status: check TWENTYTHREE_URL"
            }
            Self::Malformed(_) => {
                "The 23 site sent something that is not a 23 API response: check TWENTYTHREE_URL \
                 points at the site itself, not a login page or proxy"
            }
            Self::Busy => {
                "This instance had TWENTYTHREE_MAX_IN_FLIGHT calls to 23 waiting already: a burst \
                 of requests, or 23 answering slowly"
            }
        }
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
