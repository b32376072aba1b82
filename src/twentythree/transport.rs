//! Sending one API call: a signed request per attempt, one retry for reads when nothing reached
//! 23, a capped body, and errors that never carry the request URL.

use std::time::{Duration, Instant};

use reqwest::Method;
use reqwest::header::AUTHORIZATION;

use super::client::Client;
use super::error::ApiError;
use super::oauth::{self, ProtocolParams};
use super::response::{self, Document, MAX_BODY_BYTES};

/// A retry is only worth sending if it has at least this much of the budget left.
const MIN_RETRY_BUDGET: Duration = Duration::from_millis(500);

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Retry {
    Never,
    /// Only for reads: sending them twice changes nothing on 23.
    OnceIfTransient,
}

pub(super) type Params = Vec<(String, String)>;

impl Client {
    /// Sends `params` to `path` within the client's time budget and tells the observer.
    pub(super) async fn call(
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
        self.observer
            .observe(path, elapsed, result.as_ref().map(drop));
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
        let response = self
            .signed(method, path, params)
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

    /// A request with its OAuth header: GET parameters go in the query (and, from there, into
    /// the signature), POST parameters in the form body and the signature.
    fn signed(&self, method: &Method, path: &str, params: &Params) -> reqwest::RequestBuilder {
        let mut url = self.endpoint(path);
        // Signed fresh per attempt: 23 may refuse a nonce it has already seen.
        let protocol = ProtocolParams::fresh();
        if *method == Method::GET {
            if !params.is_empty() {
                url.query_pairs_mut().extend_pairs(params);
            }
            let auth = oauth::authorization_header(&self.credentials, "GET", &url, &[], &protocol);
            self.http.get(url).header(AUTHORIZATION, auth)
        } else {
            let auth =
                oauth::authorization_header(&self.credentials, "POST", &url, params, &protocol);
            self.http.post(url).header(AUTHORIZATION, auth).form(params)
        }
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

#[cfg(test)]
#[path = "transport_tests.rs"]
mod tests;
