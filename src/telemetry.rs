//! Logging: `tracing` to stdout, text or JSON, one line per request, and a request id on every line
//! logged while a request is handled. Also counts requests for `/metrics`.

use std::io::IsTerminal as _;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use tracing::{Instrument as _, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt as _;

use crate::config::LogFormat;
use crate::state::AppState;

const REQUEST_ID: &str = "x-request-id";

/// Installs the global subscriber, writing to stdout. `RUST_LOG` overrides the default filter.
/// Colours only on a terminal: a log file or journald gets plain text.
pub fn init(format: LogFormat) {
    let colours = Colours::for_stdout(std::io::stdout().is_terminal());
    let _ = subscriber(format, std::io::stdout, colours).try_init();
}

/// Whether text lines carry ANSI colour codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colours {
    On,
    Off,
}

impl Colours {
    /// Escape codes are noise in anything but a terminal (files, pipes, journald).
    pub fn for_stdout(is_terminal: bool) -> Colours {
        if is_terminal {
            Colours::On
        } else {
            Colours::Off
        }
    }
}

/// The subscriber `init` installs, writing to `writer` instead (tests capture the lines).
///
/// In JSON every line carries the fields of the spans it was logged in (`span` and `spans`), so
/// a line logged anywhere while a request is handled has the request's `request_id`.
pub fn subscriber<W>(
    format: LogFormat,
    writer: W,
    colours: Colours,
) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(colours == Colours::On)
        .with_writer(writer);
    match format {
        LogFormat::Text => Box::new(builder.finish()),
        LogFormat::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(true)
                .finish(),
        ),
    }
}

/// Wraps every request in a span carrying a request id, logs its outcome and counts it.
///
/// Only the route *pattern* is logged, never the path or query: callback URLs carry the
/// upload's nonce and 23's tokens, which must not end up in log files.
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let request_id = proxy_request_id(&req).unwrap_or_else(|| crate::random::token(16));
    let route = req.match_pattern().unwrap_or_else(|| "(unmatched)".into());
    let method = req.method().to_string();
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.metrics.clone());
    let span = tracing::info_span!("request", %request_id, %method, %route);
    let started = Instant::now();
    let result = next.call(req).instrument(span.clone()).await;
    let elapsed_ms = started.elapsed().as_millis() as u64;
    let _entered = span.enter();
    let status = match &result {
        Ok(response) => response.status(),
        Err(error) => error.as_response_error().status_code(),
    };
    if let Some(metrics) = metrics {
        metrics.record_request(&route, &method, status.as_u16());
    }
    match result {
        Ok(mut response) => {
            tracing::info!(status = status.as_u16(), elapsed_ms, "request handled");
            if let Ok(value) = HeaderValue::from_str(&request_id) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(REQUEST_ID), value);
            }
            Ok(response)
        }
        Err(error) => {
            tracing::warn!(%error, status = status.as_u16(), elapsed_ms, "request failed");
            Err(error)
        }
    }
}

/// An `X-Request-Id` set by the reverse proxy, so its logs and ours share one id. Only short
/// plain tokens are taken: anything else could forge log structure and is replaced.
fn proxy_request_id(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(REQUEST_ID)?.to_str().ok()?;
    let plain = (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    plain.then(|| value.to_owned())
}

#[cfg(test)]
#[path = "telemetry_tests.rs"]
mod tests;
