//! The portal's connection to one 23 site: OAuth-signed calls with a time budget, a capped
//! body and a typed answer. The calls themselves are in `calls.rs`, sending and retrying in
//! `transport.rs`.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::error::ApiError;
use super::oauth::Credentials;
use super::observer::{CallObserver, Unobserved};

/// A dead host should fail fast even when the overall budget is generous.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// A 23 API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(super) http: reqwest::Client,
    pub(super) base_url: Url,
    pub(super) credentials: Credentials,
    pub(super) timeout: Duration,
    /// Told of each call's latency and outcome (the metrics, which note 23's reachability).
    pub(super) observer: Arc<dyn CallObserver>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("http", &self.http)
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// `base_url` is the site (`https://videos.example.com`) or a prefix that serves the same
    /// paths (`http://127.0.0.1:8080/sandbox-23`); `timeout` bounds each call, retry included.
    pub fn new(
        base_url: Url,
        credentials: Credentials,
        timeout: Duration,
    ) -> Result<Self, ApiError> {
        if !matches!(base_url.scheme(), "http" | "https") || base_url.host_str().is_none() {
            return Err(ApiError::Unreachable(
                "the 23 base URL is not an http(s) address with a host".into(),
            ));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT.min(timeout))
            .timeout(timeout)
            // A redirect from the API means a wrong base URL (http→https, login page); following
            // it would re-send a signed request somewhere it was not signed for.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("upload-portal/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| ApiError::Unreachable("could not set up the HTTP client".into()))?;
        Ok(Self {
            http,
            base_url,
            credentials,
            timeout,
            observer: Arc::new(Unobserved),
        })
    }

    /// Reports each of this client's calls to `observer` (otherwise nobody is told).
    pub fn with_observer(mut self, observer: Arc<dyn CallObserver>) -> Self {
        self.observer = observer;
        self
    }

    /// `{base}{path}`, keeping any path prefix of the base URL.
    pub(super) fn endpoint(&self, path: &str) -> Url {
        let mut url = self.base_url.clone();
        let prefix = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{prefix}{path}"));
        url.set_query(None);
        url.set_fragment(None);
        url
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
pub(super) mod tests;
