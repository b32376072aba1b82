//! The portal's connection to one 23 site: OAuth-signed calls with a time budget, a capped
//! body and a typed answer.

use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::AUTHORIZATION;
use url::Url;

use super::error::ApiError;
use super::oauth::{self, Credentials, ProtocolParams};
use super::response::{self, Document, MAX_BODY_BYTES};
use super::types::{
    PermissionLevel, PhotoList, PhotoListQuery, UploadToken, UploadTokenRequest, UploadTokenUpdate,
    token_prefix,
};
use crate::metrics::Metrics;

/// A dead host should fail fast even when the overall budget is generous.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// A retry is only worth sending if it has at least this much of the budget left.
const MIN_RETRY_BUDGET: Duration = Duration::from_millis(500);

/// A 23 API client. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: Url,
    credentials: Credentials,
    timeout: Duration,
    /// Where each call's latency and outcome are counted (and 23's reachability is noted).
    metrics: Metrics,
}

#[derive(Clone, Copy, PartialEq)]
enum Retry {
    Never,
    /// Only for reads: sending them twice changes nothing on 23.
    OnceIfTransient,
}

type Params = Vec<(String, String)>;

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
            metrics: Metrics::default(),
        })
    }

    /// Counts this client's calls in `metrics` (each client otherwise counts into its own).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }

    /// Where the browser posts the file (`/api/photo/redeem-upload-token`): the action of the
    /// upload form. Unsigned; the upload token in the form is the credential.
    pub fn redeem_upload_token_url(&self) -> Url {
        self.endpoint("/api/photo/redeem-upload-token")
    }

    /// Asks 23 for a browser upload token. Never retried: a second token would just expire
    /// unused, but the caller should decide whether to ask again.
    pub async fn get_upload_token(
        &self,
        request: &UploadTokenRequest,
    ) -> Result<UploadToken, ApiError> {
        let mut params = Params::new();
        push(&mut params, "title", Some(&request.title));
        push(&mut params, "description", Some(&request.description));
        push(&mut params, "tags", Some(&request.tags));
        push(
            &mut params,
            "publish",
            Some(if request.publish { "1" } else { "0" }),
        );
        push(&mut params, "album_id", request.album_id.as_deref());
        push(
            &mut params,
            "valid_minutes",
            request.valid_minutes.map(|m| m.to_string()),
        );
        push(
            &mut params,
            "max_uploads",
            request.max_uploads.map(|m| m.to_string()),
        );
        push(&mut params, "return_url", Some(&request.return_url));
        let document = self
            .call(
                Method::POST,
                "/api/photo/get-upload-token",
                params,
                Retry::Never,
            )
            .await?;
        let token = document.upload_token()?;
        tracing::debug!(
            upload_token = token_prefix(&token.upload_token),
            valid_until = token.valid_until,
            "23 issued an upload token"
        );
        Ok(token)
    }

    /// Lists photos matching `query`. Retried once on a connect error or 502/503/504.
    pub async fn photo_list(&self, query: &PhotoListQuery) -> Result<PhotoList, ApiError> {
        let mut params = Params::new();
        push(
            &mut params,
            "photo_id",
            query.photo_id.map(|id| id.to_string()),
        );
        push(&mut params, "token", query.token.as_deref());
        push(&mut params, "upload_token", query.upload_token.as_deref());
        if query.include_unpublished {
            push(&mut params, "include_unpublished_p", Some("1"));
        }
        push(
            &mut params,
            "video_encoded_p",
            query.video_encoded.map(flag),
        );
        push(&mut params, "p", query.page.map(|p| p.to_string()));
        push(&mut params, "size", query.size.map(|s| s.to_string()));
        self.call(
            Method::GET,
            "/api/photo/list",
            params,
            Retry::OnceIfTransient,
        )
        .await?
        .photo_list()
    }

    /// Changes the title, description or tags of what was (or will be) uploaded with a token.
    pub async fn update_upload_token(&self, update: &UploadTokenUpdate) -> Result<(), ApiError> {
        let mut params = Params::new();
        push(&mut params, "upload_token", Some(&update.upload_token));
        push(&mut params, "title", update.title.as_deref());
        push(&mut params, "description", update.description.as_deref());
        push(&mut params, "tags", update.tags.as_deref());
        self.call(
            Method::POST,
            "/api/photo/update-upload-token",
            params,
            Retry::Never,
        )
        .await
        .map(drop)
    }

    /// Proves the credentials are accepted and may create upload tokens.
    ///
    /// Asking for a real upload token would prove it too, but leaves a live bearer token on the
    /// site each time. Instead this makes the cheapest signed read (one unpublished-inclusive
    /// photo) and reads `permission_level`, which 23 puts in every envelope: a bad signature
    /// fails the call itself, and anything below `write` cannot call get-upload-token.
    pub async fn check_credentials(&self) -> Result<(), ApiError> {
        let params = vec![
            ("size".to_owned(), "1".to_owned()),
            ("include_unpublished_p".to_owned(), "1".to_owned()),
        ];
        let document = self
            .call(
                Method::GET,
                "/api/photo/list",
                params,
                Retry::OnceIfTransient,
            )
            .await?;
        let level = document
            .permission_level()
            .ok_or_else(|| ApiError::Malformed("the envelope has no permission_level".into()))?;
        match PermissionLevel::parse(level) {
            Some(parsed) if parsed >= PermissionLevel::Write => Ok(()),
            Some(_) => Err(ApiError::Api {
                code: "permission_denied".into(),
                message: format!(
                    "the credentials have permission level '{level}'; uploads need 'write'"
                ),
            }),
            None => Err(ApiError::Malformed(
                "permission_level is not one of 23's levels".into(),
            )),
        }
    }

    async fn call(
        &self,
        method: Method,
        path: &'static str,
        params: Params,
        retry: Retry,
    ) -> Result<Document, ApiError> {
        let started = Instant::now();
        let deadline = started + self.timeout;
        let mut attempts = 1;
        let result = loop {
            let result = self.attempt(&method, path, &params, deadline).await;
            let Err(error) = &result else { break result };
            if retry == Retry::Never || attempts > 1 || !worth_retrying(error) {
                break result;
            }
            let delay = Duration::from_millis(rand::random_range(50..=250));
            if Instant::now() + delay + MIN_RETRY_BUDGET > deadline {
                break result;
            }
            tokio::time::sleep(delay).await;
            attempts += 1;
        };
        let elapsed = started.elapsed();
        self.metrics
            .record_api_call(path, elapsed, result.as_ref().map(drop));
        let elapsed_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        match &result {
            Ok(_) => tracing::debug!(%method, path, elapsed_ms, attempts, "23 call succeeded"),
            Err(error) => {
                tracing::debug!(%method, path, elapsed_ms, attempts, %error, "23 call failed");
            }
        }
        result
    }

    async fn attempt(
        &self,
        method: &Method,
        path: &str,
        params: &Params,
        deadline: Instant,
    ) -> Result<Document, ApiError> {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(ApiError::Timeout);
        }
        let mut url = self.endpoint(path);
        // Signed fresh per attempt: 23 may refuse a nonce it has already seen.
        let protocol = ProtocolParams::fresh();
        let request = if *method == Method::GET {
            if !params.is_empty() {
                url.query_pairs_mut().extend_pairs(params);
            }
            let auth = oauth::authorization_header(&self.credentials, "GET", &url, &[], &protocol);
            self.http.get(url).header(AUTHORIZATION, auth)
        } else {
            let auth =
                oauth::authorization_header(&self.credentials, "POST", &url, params, &protocol);
            self.http.post(url).header(AUTHORIZATION, auth).form(params)
        };
        let response = request
            .timeout(remaining)
            .send()
            .await
            .map_err(|e| self.transport_error(&e))?;
        if !response.status().is_success() {
            return Err(ApiError::HttpStatus(response.status().as_u16()));
        }
        let body = self.read_capped(response).await?;
        response::parse_xml(&body)
    }

    /// Reads at most [`MAX_BODY_BYTES`], whatever Content-Length claimed.
    async fn read_capped(&self, mut response: reqwest::Response) -> Result<String, ApiError> {
        let too_large = || ApiError::Malformed("the body is larger than 1 MiB".into());
        if response
            .content_length()
            .is_some_and(|n| n > MAX_BODY_BYTES as u64)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        String::from_utf8(body).map_err(|_| ApiError::Malformed("the body is not UTF-8".into()))
    }

    /// `{base}{path}`, keeping any path prefix of the base URL.
    fn endpoint(&self, path: &str) -> Url {
        let mut url = self.base_url.clone();
        let prefix = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{prefix}{path}"));
        url.set_query(None);
        url.set_fragment(None);
        url
    }

    /// reqwest's own messages include the full URL, query and all (upload tokens), so only the
    /// kind of failure and the host are kept.
    fn transport_error(&self, error: &reqwest::Error) -> ApiError {
        let host = match (self.base_url.host_str(), self.base_url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (host, None) => host.unwrap_or_default().to_owned(),
            (None, Some(_)) => String::new(),
        };
        if error.is_timeout() {
            ApiError::Timeout
        } else if error.is_connect() {
            ApiError::Unreachable(format!("cannot connect to {host}"))
        } else {
            ApiError::Unreachable(format!("the connection to {host} failed"))
        }
    }
}

/// Connect failures and gateway errors say nothing reached 23's application; a plain 500
/// might have, so it is not repeated.
fn worth_retrying(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Unreachable(_) | ApiError::HttpStatus(502..=504)
    )
}

/// Adds a parameter unless it is absent or empty: 23 treats both the same, and fewer params
/// mean fewer chances for a signing mismatch.
fn push(params: &mut Params, name: &str, value: Option<impl AsRef<str>>) {
    if let Some(value) = value.filter(|v| !v.as_ref().is_empty()) {
        params.push((name.to_owned(), value.as_ref().to_owned()));
    }
}

fn flag(value: bool) -> &'static str {
    if value { "1" } else { "0" }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
