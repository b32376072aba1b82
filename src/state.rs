//! The state every handler shares, built once by `startup`.

use secrecy::SecretString;
use url::Url;

use crate::config::{AdminCredentials, Brand, Limits, RecordingSettings, UploadDefaults};
use crate::embed::EmbedSettings;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::metrics::Metrics;
use crate::page::Layout;
use crate::store::Store;
use crate::twentythree::{ApiError, Client, SiteLinks};
use crate::uploads::ReturnUrlSigner;

pub struct AppState {
    pub store: Store,
    pub client: Client,
    pub return_urls: ReturnUrlSigner,
    /// The portal's public base URL.
    pub public_url: Url,
    /// The 23 site as the browser reaches it: the form's action and video links come from here.
    pub links: SiteLinks,
    /// The built-in emulator stands in for 23; the visitor is then the operator too.
    pub sandbox_mode: bool,
    pub uploads: UploadDefaults,
    /// How long recordings made on the page may be, and their bitrate.
    pub recording: RecordingSettings,
    /// What the portal does for anyone per hour, and how much of 23 one instance uses at once.
    pub limits: Limits,
    /// Who may open `/admin`; `None` turns it off.
    pub admin: Option<AdminCredentials>,
    /// Bearer token for `/metrics` (else the admin credentials are asked for).
    pub metrics_token: Option<SecretString>,
    /// Bearer token for the admin API (`/admin/api/`); `None` turns it off.
    pub admin_api_token: Option<SecretString>,
    /// The proxy-set header that names the signed-in user, lower-case.
    pub trusted_user_header: Option<String>,
    pub metrics: Metrics,
    pub brand: Brand,
    /// For visitors who chose no language and whose browser asks for none we have.
    pub default_language: Lang,
    /// Who may embed the portal, and the host pages' identity tokens.
    pub embed: EmbedSettings,
    /// Whether upload events are written for the host site, and the nudge for their delivery.
    pub webhooks: crate::webhooks::Outbox,
    /// Whether the operator is mailed about new videos, and the nudge for the mail job.
    pub mail: crate::mail::MailOutbox,
    /// Send `Server-Timing` on the history page (`SERVER_TIMING=1`).
    pub server_timing: bool,
    /// History pages as last rendered, kept by the visitor's change marker.
    pub history_pages: crate::page::RenderedPages,
    /// The first history page's rows per visitor, so a change renders only its rows.
    pub history_rows: crate::page::RenderedRows,
    /// The default campaign's consent text, if any.
    pub consent: crate::config::Consent,
    /// What the admin's "Settings check" checks, the same as `upload-portal check`.
    pub checks: std::sync::Arc<crate::check::CheckTargets>,
}

impl AppState {
    pub fn layout(&self) -> Layout {
        Layout {
            sandbox: self.sandbox_mode,
            base: self.base_path(),
            lang: crate::i18n::current(),
            brand: self.brand.clone(),
            embed_origins: self.embed.all_origins().collect::<Vec<_>>().join(" "),
            frame: crate::page::frame_look(),
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

    /// The operator's hint for the page: only in sandbox mode, where the visitor is the operator.
    pub fn page_hint(&self, error: &ApiError) -> Option<&'static str> {
        self.sandbox_mode.then(|| error.operator_hint())
    }

    /// An `AppError` for a failed 23 call (already logged, with `error::log_api_failure`, where
    /// the call was made), carrying the page's hint.
    pub fn api_error(&self, error: ApiError) -> AppError {
        AppError::TwentyThree {
            operator_hint: self.page_hint(&error),
            error,
        }
    }
}
