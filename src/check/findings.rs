//! What one check found: a kind the admin page words in the operator's language, with the
//! detail (the database's, 23's, the mail server's or the host site's own words) beside it.

use super::CheckTargets;
use crate::twentythree::ApiError;

#[derive(Debug)]
pub enum Finding {
    DatabaseOpens,
    /// `DATABASE_URL` does not open: the driver's words.
    DatabaseFails(String),
    /// No `TWENTYTHREE_URL`: the built-in sandbox stands in, there is no site to check.
    Sandbox,
    /// No HTTP client could be built for `TWENTYTHREE_URL`.
    SiteClient(String),
    /// The site accepts the credentials, with write permission.
    SiteAccepts {
        site: String,
    },
    SiteRefuses {
        site: String,
        error: ApiError,
    },
    /// A warning, not a failure: visitors cannot record on a plain-http public name.
    PlainHttpPublicUrl(String),
    /// `problem` is `None` when the server answered (and took the login, if one is set).
    Mail {
        address: String,
        login: bool,
        problem: Option<String>,
    },
    /// The host site's answer to a signed ping, in words; `in_clear` when `WEBHOOK_URL` is
    /// plain http to another machine (allowed by `WEBHOOK_ALLOW_PLAIN_HTTP`).
    Webhooks {
        answer: Result<String, String>,
        in_clear: bool,
    },
}

/// How the 23 site failed the check, for the page's plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteProblem {
    WrongCredentials,
    Unreachable,
    TooSlow,
    Other,
}

impl Finding {
    /// False when the portal cannot work this way (a warning still works).
    pub fn works(&self) -> bool {
        match self {
            Finding::DatabaseFails(_) | Finding::SiteClient(_) | Finding::SiteRefuses { .. } => {
                false
            }
            Finding::Mail { problem, .. } => problem.is_none(),
            Finding::Webhooks { answer, .. } => answer.is_ok(),
            _ => true,
        }
    }

    pub fn site_problem(&self) -> Option<SiteProblem> {
        let Finding::SiteRefuses { error, .. } = self else {
            return None;
        };
        Some(match error {
            e if e.is_credentials_problem() => SiteProblem::WrongCredentials,
            ApiError::Unreachable(_) => SiteProblem::Unreachable,
            ApiError::Timeout => SiteProblem::TooSlow,
            _ => SiteProblem::Other,
        })
    }

    /// The finding in the command line's English, as `upload-portal check` prints it.
    pub fn english(&self) -> String {
        match self {
            Finding::DatabaseOpens => "the database opens".into(),
            Finding::DatabaseFails(problem) => format!("DATABASE_URL: {problem}"),
            Finding::Sandbox => "TWENTYTHREE_URL is not set, so the portal runs in sandbox mode \
                                 (nothing to check against a 23 site)"
                .into(),
            Finding::SiteClient(problem) => format!("TWENTYTHREE_URL: {problem}"),
            Finding::SiteAccepts { site } => {
                format!("{site} accepts the credentials with write permission")
            }
            Finding::SiteRefuses { error, .. } => format!("{} ({error})", error.operator_hint()),
            Finding::PlainHttpPublicUrl(warning) => warning.clone(),
            Finding::Mail {
                problem: Some(problem),
                ..
            } => format!("SMTP_URL: {problem}"),
            Finding::Mail { address, login, .. } => match login {
                true => format!("the mail server at {address} accepts the login"),
                false => format!("the mail server at {address} answers (no login configured)"),
            },
            Finding::Webhooks {
                answer: Err(said), ..
            } => said.clone(),
            // Allowed only by WEBHOOK_ALLOW_PLAIN_HTTP (start-up refuses it otherwise): said
            // every time, so it stays a decision rather than a forgotten default.
            Finding::Webhooks {
                answer: Ok(said),
                in_clear: true,
            } => format!(
                "{said}; note: WEBHOOK_URL is plain http:// to another machine (allowed by \
                 WEBHOOK_ALLOW_PLAIN_HTTP), so events cross the network unencrypted"
            ),
            Finding::Webhooks {
                answer: Ok(said), ..
            } => said.clone(),
        }
    }

    /// The other side's words, for the page beside its plain words; `None` when there are none.
    pub fn detail(&self) -> Option<String> {
        match self {
            Finding::DatabaseFails(detail) | Finding::SiteClient(detail) => Some(detail.clone()),
            Finding::SiteRefuses { error, .. } => Some(error.to_string()),
            Finding::Mail { problem, .. } => problem.clone(),
            Finding::Webhooks { answer, .. } => Some(match answer {
                Ok(said) | Err(said) => said.clone(),
            }),
            _ => None,
        }
    }

    /// The same finding with every configured secret blanked out of its texts.
    pub(super) fn redacted(self, targets: &CheckTargets) -> Finding {
        let r = |text: String| targets.redact(&text);
        match self {
            Finding::DatabaseFails(p) => Finding::DatabaseFails(r(p)),
            Finding::SiteClient(p) => Finding::SiteClient(r(p)),
            Finding::SiteRefuses { site, error } => Finding::SiteRefuses {
                site,
                error: match error {
                    ApiError::Api { code, message } => ApiError::Api {
                        code,
                        message: r(message),
                    },
                    ApiError::Unreachable(p) => ApiError::Unreachable(r(p)),
                    ApiError::Malformed(p) => ApiError::Malformed(r(p)),
                    other => other,
                },
            },
            Finding::Mail {
                address,
                login,
                problem,
            } => Finding::Mail {
                address,
                login,
                problem: problem.map(r),
            },
            Finding::Webhooks { answer, in_clear } => Finding::Webhooks {
                answer: answer.map(r).map_err(r),
                in_clear,
            },
            other => other,
        }
    }
}
