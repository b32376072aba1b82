//! The state every handler shares, built once by `startup`.

use secrecy::SecretString;
use url::Url;

use crate::config::{AdminCredentials, UploadDefaults};
use crate::error::AppError;
use crate::metrics::Metrics;
use crate::routes::page::Layout;
use crate::store::Store;
use crate::twentythree::{ApiError, Client};
use crate::uploads::ReturnUrlSigner;

pub struct AppState {
    pub store: Store,
    pub client: Client,
    pub return_urls: ReturnUrlSigner,
    /// The portal's public base URL.
    pub public_url: Url,
    /// The 23 site as the browser reaches it: the form's action and video links start here.
    pub site_url: Url,
    /// The built-in emulator stands in for 23; the visitor is then the operator too.
    pub sandbox_mode: bool,
    pub uploads: UploadDefaults,
    /// Who may open `/admin`; `None` turns it off.
    pub admin: Option<AdminCredentials>,
    /// Bearer token for `/metrics` (else the admin credentials are asked for).
    pub metrics_token: Option<SecretString>,
    /// The proxy-set header that names the signed-in user, lower-case.
    pub trusted_user_header: Option<String>,
    pub metrics: Metrics,
    /// Whether upload events are written for the host site, and the nudge for their delivery.
    pub webhooks: crate::webhooks::Outbox,
}

impl AppState {
    pub fn layout(&self) -> Layout {
        Layout {
            sandbox: self.sandbox_mode,
            base: self.base_path(),
        }
    }

    /// The public URL's path without its trailing slash: "" at the root, "/portal" below it.
    pub fn base_path(&self) -> String {
        self.public_url.path().trim_end_matches('/').to_string()
    }

    /// A path of ours, under the public base path.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.base_path())
    }

    /// A URL on the 23 site as the browser sees it.
    pub fn site_link(&self, path: &str) -> String {
        format!("{}{path}", self.site_url.as_str().trim_end_matches('/'))
    }

    /// What an operator needs to hear about a failed 23 call: always in the log, and on the
    /// page too in sandbox mode, where the person at the browser runs the portal.
    pub fn operator_hint(&self, error: &ApiError, during: &'static str) -> Option<&'static str> {
        let hint = error.operator_hint();
        if error.is_transient() {
            tracing::warn!(%error, during, hint, "23 did not answer");
        } else {
            tracing::error!(%error, during, hint, "23 refused a call");
        }
        self.page_hint(error)
    }

    /// The operator's hint for the page: only in sandbox mode, where the visitor is the operator.
    pub fn page_hint(&self, error: &ApiError) -> Option<&'static str> {
        self.sandbox_mode.then(|| error.operator_hint())
    }

    /// An `AppError` for a failed 23 call, logged with the operator's hint.
    pub fn api_failure(&self, error: ApiError, during: &'static str) -> AppError {
        let operator_hint = self.operator_hint(&error, during);
        AppError::TwentyThree {
            error,
            operator_hint,
        }
    }
}
