//! One HTTP attempt at a delivery: a signed POST that follows no redirect, is bounded in time,
//! and reads at most a few hundred bytes of the answer (a receiver's error page is not ours to
//! store or log whole).

use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;
use url::Url;

use super::signing::SigningKey;

/// How much of a receiver's answer is kept (for the operator's "last status or error").
pub const BODY_CAP: usize = 256;

/// What the receiver made of one attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// The HTTP status, when the receiver answered at all.
    pub status: Option<u16>,
    /// Why it did not count as delivered: a transport error or the start of a non-2xx answer.
    pub error: Option<String>,
    pub duration: Duration,
}

impl Attempt {
    pub fn delivered(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// One line for the admin page: `HTTP 500: oops` or `timed out after 10 s`.
    pub fn summary(&self) -> String {
        match (self.status, &self.error) {
            (Some(status), Some(error)) => format!("HTTP {status}: {error}"),
            (Some(status), None) => format!("HTTP {status}"),
            (None, Some(error)) => error.clone(),
            (None, None) => "no answer".into(),
        }
    }
}

/// Sends deliveries to one receiver. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Sender {
    http: reqwest::Client,
    url: Url,
    key: SigningKey,
    timeout: Duration,
}

/// One message: its id, its timestamp and its bytes (the same on every attempt but the timestamp).
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    pub webhook_id: &'a str,
    pub payload: &'a str,
}

impl Sender {
    pub fn new(url: Url, key: SigningKey, timeout: Duration) -> reqwest::Result<Sender> {
        let http = reqwest::Client::builder()
            // A redirect could carry the signed event to a host the operator never named.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("upload-portal/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Sender {
            http,
            url,
            key,
            timeout,
        })
    }

    /// Posts the message once, signed with the current time (receivers refuse stale timestamps,
    /// so a retry a day later must not reuse the first one).
    pub async fn send(&self, message: Message<'_>) -> Attempt {
        let started = Instant::now();
        let timestamp = crate::uploads::now();
        let signature = self
            .key
            .sign(message.webhook_id, timestamp, message.payload);
        let sent = self
            .http
            .post(self.url.clone())
            .header(CONTENT_TYPE, "application/json")
            .header("webhook-id", message.webhook_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(message.payload.to_string())
            .send()
            .await;
        let (status, error) = match sent {
            Ok(response) => self.read_answer(response).await,
            Err(error) => (None, Some(self.describe(&error))),
        };
        Attempt {
            status,
            error,
            duration: started.elapsed(),
        }
    }

    /// The status, and for a non-2xx answer the start of its body as text.
    async fn read_answer(&self, mut response: reqwest::Response) -> (Option<u16>, Option<String>) {
        let status = response.status().as_u16();
        if response.status().is_success() {
            return (Some(status), None);
        }
        let mut kept = Vec::new();
        while kept.len() < BODY_CAP {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    kept.extend_from_slice(&chunk[..chunk.len().min(BODY_CAP - kept.len())])
                }
                _ => break,
            }
        }
        let text: String = String::from_utf8_lossy(&kept)
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let text = text.trim();
        let error = if response.status().is_redirection() {
            "redirects are not followed".to_string()
        } else if text.is_empty() {
            return (Some(status), None);
        } else {
            text.to_string()
        };
        (Some(status), Some(error))
    }

    /// A transport failure in words, without the URL (it may carry a credential).
    fn describe(&self, error: &reqwest::Error) -> String {
        if error.is_timeout() {
            format!("timed out after {} s", self.timeout.as_secs())
        } else if error.is_connect() {
            "could not connect".into()
        } else {
            "the request failed before an answer".into()
        }
    }
}
