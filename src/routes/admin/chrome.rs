//! What every admin page shares: the menu, the notice region, and the check every admin form
//! passes before it changes anything.
//!
//! The operator's browser sends the Basic credentials with any request, a forged one from
//! another site too, so credentials alone prove nothing for a POST. Each form therefore carries
//! the session's CSRF token, and a browser's `Origin` or `Sec-Fetch-Site` naming another site
//! refuses it even with the token (`session::trusted_form`).

use actix_session::Session;
use actix_web::HttpRequest;

use crate::error::AppError;
use crate::session::trusted_form;
use crate::state::AppState;

pub const STALE_FORM: &str =
    "This form had expired or did not come from this site. Reload the page and try again.";

/// The menu's sections, in order: (key, path, message id of the label).
const SECTIONS: [(&str, &str, &str); 5] = [
    ("uploads", "/admin", "admin-menu-uploads"),
    ("approval", "/admin/approval", "admin-menu-approval"),
    ("campaigns", "/admin/campaigns", "admin-menu-campaigns"),
    ("webhooks", "/admin/webhooks", "admin-menu-webhooks"),
    ("settings", "/admin/settings", "admin-menu-settings"),
];

/// The admin layout's data (`templates/admin/base.html`).
#[derive(Debug, Clone)]
pub struct AdminChrome {
    pub base: String,
    /// Which menu entry this page belongs to.
    pub section: &'static str,
    /// What the last action did, read out by screen readers (the `role=status` region).
    pub notice: Option<String>,
}

pub struct MenuItem {
    pub href: String,
    /// A message id.
    pub label: &'static str,
    pub current: bool,
}

impl AdminChrome {
    pub fn new(state: &AppState, section: &'static str) -> AdminChrome {
        AdminChrome {
            base: state.base_path(),
            section,
            notice: None,
        }
    }

    pub fn with_notice(mut self, notice: Option<String>) -> AdminChrome {
        self.notice = notice;
        self
    }

    pub fn menu(&self) -> Vec<MenuItem> {
        SECTIONS
            .iter()
            .map(|(key, path, label)| MenuItem {
                href: format!("{}{path}", self.base),
                label,
                current: *key == self.section,
            })
            .collect()
    }
}

/// The fields of an admin form from one of our own pages, or 403 (nothing changed).
pub fn admin_form(
    req: &HttpRequest,
    session: &Session,
    body: &[u8],
    state: &AppState,
) -> Result<Vec<(String, String)>, AppError> {
    trusted_form(req, session, body, &state.public_url).ok_or_else(|| {
        tracing::warn!(path = %req.path(), "refused an admin form without a valid CSRF token or from another site");
        AppError::Forbidden(STALE_FORM)
    })
}

/// The first value of a form field.
pub fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
