//! Rendering in the Prometheus text exposition format (version 0.0.4).

use std::fmt::Write as _;
use std::sync::atomic::Ordering;

use super::{CallbackOutcome, LATENCY_BUCKETS, Metrics, QueueSizes, lock};

impl Metrics {
    /// Everything, in the Prometheus text exposition format (version 0.0.4). The database's
    /// gauges are left out when they could not be read (`None`), rather than shown as zero.
    pub fn render(&self, queues: Option<&QueueSizes>) -> String {
        let mut out = String::new();
        header(
            &mut out,
            "http_requests_total",
            "counter",
            "HTTP requests by route pattern, method and status.",
        );
        for ((route, method, status), n) in lock(&self.inner.requests).iter() {
            let labels = [
                ("route", route.as_str()),
                ("method", method),
                ("status", &status.to_string()),
            ];
            sample(&mut out, "http_requests_total", &labels, *n);
        }
        header(
            &mut out,
            "upload_tokens_minted_total",
            "counter",
            "Upload tokens 23 issued to visitors.",
        );
        sample(
            &mut out,
            "upload_tokens_minted_total",
            &[],
            self.inner.tokens_minted.load(Ordering::Relaxed),
        );
        header(
            &mut out,
            "callbacks_total",
            "counter",
            "Returns from 23 by outcome.",
        );
        let callbacks = lock(&self.inner.callbacks);
        for outcome in CallbackOutcome::ALL {
            let n = callbacks.get(&outcome).copied().unwrap_or(0);
            sample(
                &mut out,
                "callbacks_total",
                &[("outcome", outcome.as_str())],
                n,
            );
        }
        drop(callbacks);
        self.render_api(&mut out);
        if let Some(queues) = queues {
            render_queues(&mut out, queues);
        }
        out
    }

    fn render_api(&self, out: &mut String) {
        let name = "twentythree_request_duration_seconds";
        header(
            out,
            name,
            "histogram",
            "Time of calls to the 23 API (retries included) by endpoint.",
        );
        let api = lock(&self.inner.api);
        for (endpoint, stats) in api.iter() {
            for (bound, n) in LATENCY_BUCKETS.iter().zip(stats.buckets) {
                let le = bound.to_string();
                sample(
                    out,
                    &format!("{name}_bucket"),
                    &[("endpoint", endpoint), ("le", &le)],
                    n,
                );
            }
            let labels = [("endpoint", *endpoint)];
            sample(
                out,
                &format!("{name}_bucket"),
                &[("endpoint", endpoint), ("le", "+Inf")],
                stats.count,
            );
            sample(out, &format!("{name}_sum"), &labels, stats.sum_seconds);
            sample(out, &format!("{name}_count"), &labels, stats.count);
        }
        header(
            out,
            "twentythree_errors_total",
            "counter",
            "Failed calls to the 23 API by endpoint and kind.",
        );
        for (endpoint, stats) in api.iter() {
            for (kind, n) in &stats.errors {
                sample(
                    out,
                    "twentythree_errors_total",
                    &[("endpoint", endpoint), ("kind", kind)],
                    *n,
                );
            }
        }
        drop(api);
        let health = self.api_health();
        header(
            out,
            "twentythree_last_success_timestamp_seconds",
            "gauge",
            "When 23 last answered (0: not yet).",
        );
        sample(
            out,
            "twentythree_last_success_timestamp_seconds",
            &[],
            health.last_success.unwrap_or(0),
        );
        header(
            out,
            "twentythree_last_failure_timestamp_seconds",
            "gauge",
            "When 23 last failed to answer (0: never).",
        );
        sample(
            out,
            "twentythree_last_failure_timestamp_seconds",
            &[],
            health.last_failure.unwrap_or(0),
        );
    }
}

fn render_queues(out: &mut String, queues: &QueueSizes) {
    header(
        out,
        "uploads_due_for_reconcile",
        "gauge",
        "Uploads the reconciler should ask 23 about now.",
    );
    sample(
        out,
        "uploads_due_for_reconcile",
        &[],
        queues.uploads_due_for_reconcile,
    );
    header(
        out,
        "videos_due_for_refresh",
        "gauge",
        "Videos the refresher should ask 23 about now.",
    );
    sample(
        out,
        "videos_due_for_refresh",
        &[],
        queues.videos_due_for_refresh,
    );
    header(out, "uploads", "gauge", "Stored uploads by status.");
    for (status, n) in &queues.uploads_by_status {
        sample(out, "uploads", &[("status", status)], *n);
    }
}

const PREFIX: &str = "upload_portal_";

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {PREFIX}{name} {help}");
    let _ = writeln!(out, "# TYPE {PREFIX}{name} {kind}");
}

fn sample(out: &mut String, name: &str, labels: &[(&str, &str)], value: impl std::fmt::Display) {
    let _ = write!(out, "{PREFIX}{name}");
    if !labels.is_empty() {
        let labels: Vec<String> = labels
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
            .collect();
        let _ = write!(out, "{{{}}}", labels.join(","));
    }
    let _ = writeln!(out, " {value}");
}

/// The exposition format escapes backslash, double quote and newline in label values.
pub(super) fn escape_label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
