use super::*;

/// The value of the one sample whose line starts with `series` (name plus labels).
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn requests_are_counted_by_route_method_and_status() {
    let metrics = Metrics::default();
    metrics.record_request("/uploads/{id}/send", "GET", 200);
    metrics.record_request("/uploads/{id}/send", "GET", 200);
    metrics.record_request("/uploads/{id}/send", "GET", 404);
    let text = metrics.render(None);
    let ok = r#"upload_portal_http_requests_total{route="/uploads/{id}/send",method="GET",status="200"}"#;
    let missing = r#"upload_portal_http_requests_total{route="/uploads/{id}/send",method="GET",status="404"}"#;
    assert_eq!(value(&text, ok), Some(2.0));
    assert_eq!(value(&text, missing), Some(1.0));
}

#[test]
fn every_callback_outcome_is_exposed_from_the_start_so_rates_work() {
    let metrics = Metrics::default();
    metrics.callback(CallbackOutcome::Refused);
    let text = metrics.render(None);
    assert_eq!(
        value(&text, r#"upload_portal_callbacks_total{outcome="refused"}"#),
        Some(1.0)
    );
    assert_eq!(
        value(
            &text,
            r#"upload_portal_callbacks_total{outcome="confirmed"}"#
        ),
        Some(0.0)
    );
}

#[test]
fn api_latency_lands_in_cumulative_buckets_and_errors_are_counted_by_kind() {
    let metrics = Metrics::default();
    metrics.record_api_call("/api/photo/list", Duration::from_millis(80), Ok(()));
    metrics.record_api_call(
        "/api/photo/list",
        Duration::from_secs(3),
        Err(&ApiError::Timeout),
    );
    let text = metrics.render(None);
    let bucket = |le: &str| {
        let series = format!(
            r#"upload_portal_twentythree_request_duration_seconds_bucket{{endpoint="/api/photo/list",le="{le}"}}"#
        );
        value(&text, &series)
    };
    assert_eq!(bucket("0.05"), Some(0.0));
    assert_eq!(bucket("0.1"), Some(1.0));
    assert_eq!(bucket("2.5"), Some(1.0));
    assert_eq!(bucket("5"), Some(2.0));
    assert_eq!(bucket("+Inf"), Some(2.0));
    let count =
        r#"upload_portal_twentythree_request_duration_seconds_count{endpoint="/api/photo/list"}"#;
    assert_eq!(value(&text, count), Some(2.0));
    let timeouts =
        r#"upload_portal_twentythree_errors_total{endpoint="/api/photo/list",kind="timeout"}"#;
    assert_eq!(value(&text, timeouts), Some(1.0));
}

#[test]
fn an_error_answer_from_23_proves_it_reachable_but_a_timeout_does_not() {
    let metrics = Metrics::default();
    assert_eq!(
        metrics.api_health(),
        ApiHealth {
            last_success: None,
            last_failure: None
        }
    );
    let refused = ApiError::Api {
        code: "invalid_signature".into(),
        message: "no".into(),
    };
    metrics.record_api_call("/api/photo/list", Duration::ZERO, Err(&refused));
    let health = metrics.api_health();
    assert!(health.last_success.is_some() && health.last_failure.is_none());
    assert!(health.is_reachable());

    let down = Metrics::default();
    down.record_api_call("/api/photo/list", Duration::ZERO, Err(&ApiError::Timeout));
    assert!(!down.api_health().is_reachable());
}

#[test]
fn the_latest_news_from_23_decides_whether_it_counts_as_reachable() {
    let health = |s, f| ApiHealth {
        last_success: s,
        last_failure: f,
    };
    assert!(health(None, None).is_reachable(), "no news is not bad news");
    assert!(health(Some(20), Some(10)).is_reachable());
    assert!(!health(Some(10), Some(20)).is_reachable());
}

#[test]
fn queue_sizes_and_uploads_by_status_are_gauges() {
    let queues = QueueSizes {
        uploads_due_for_reconcile: 3,
        videos_due_for_refresh: 1,
        uploads_by_status: vec![("pending".into(), 7)],
        ..QueueSizes::default()
    };
    let text = Metrics::default().render(Some(&queues));
    assert!(text.contains("# TYPE upload_portal_uploads_due_for_reconcile gauge"));
    assert_eq!(
        value(&text, "upload_portal_uploads_due_for_reconcile"),
        Some(3.0)
    );
    assert_eq!(
        value(&text, "upload_portal_videos_due_for_refresh"),
        Some(1.0)
    );
    assert_eq!(
        value(&text, r#"upload_portal_uploads{status="pending"}"#),
        Some(7.0)
    );
}

#[test]
fn label_values_are_escaped() {
    let metrics = Metrics::default();
    metrics.record_request("a\"b\\c\nd", "GET", 200);
    let text = metrics.render(None);
    let series =
        r#"upload_portal_http_requests_total{route="a\"b\\c\nd",method="GET",status="200"}"#;
    assert_eq!(value(&text, series), Some(1.0), "{text}");
}

#[test]
fn each_family_keeps_its_type_and_help_for_dashboards() {
    let metrics = Metrics::default();
    metrics.record_request("/healthz", "GET", 200);
    metrics.record_api_call("/api/photo/list", Duration::ZERO, Err(&ApiError::Timeout));
    let queues = QueueSizes {
        uploads_by_status: vec![("pending".into(), 1)],
        ..QueueSizes::default()
    };
    let text = metrics.render(Some(&queues));
    for line in [
        "# HELP upload_portal_http_requests_total HTTP requests by route pattern, method and status.",
        "# TYPE upload_portal_http_requests_total counter",
        "# TYPE upload_portal_upload_tokens_minted_total counter",
        "# HELP upload_portal_callbacks_total Returns from 23 by outcome.",
        "# TYPE upload_portal_twentythree_request_duration_seconds histogram",
        "# TYPE upload_portal_twentythree_errors_total counter",
        "# HELP upload_portal_twentythree_last_success_timestamp_seconds When 23 last answered (0: not yet).",
        "# TYPE upload_portal_twentythree_last_failure_timestamp_seconds gauge",
        "# TYPE upload_portal_videos_due_for_refresh gauge",
        "# HELP upload_portal_uploads Stored uploads by status.",
        "# TYPE upload_portal_uploads gauge",
        "upload_portal_upload_tokens_minted_total 0",
        "upload_portal_twentythree_last_success_timestamp_seconds 0",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} missing from:\n{text}"
        );
    }
    assert!(
        !text.contains("# EOF"),
        "text format 0.0.4, not OpenMetrics"
    );
}

#[test]
fn unknown_queue_sizes_are_left_out_rather_than_shown_as_zero() {
    let text = Metrics::default().render(None);
    assert!(!text.contains("uploads_due_for_reconcile"));
    assert!(text.contains("upload_portal_callbacks_total"));
}

#[test]
fn only_one_caller_at_a_time_may_probe_23() {
    let metrics = Metrics::default();
    assert!(metrics.claim_probe(1_000, 30));
    assert!(
        !metrics.claim_probe(1_010, 30),
        "too soon after the last probe"
    );
    assert!(metrics.claim_probe(1_030, 30));
}

#[test]
fn each_job_says_whether_this_instance_leads_it() {
    let metrics = Metrics::default();
    metrics.job_leader("reconcile", true);
    metrics.job_leader("refresh", false);
    let text = metrics.render(None);
    assert_eq!(
        value(&text, r#"upload_portal_job_leader{job="reconcile"}"#),
        Some(1.0)
    );
    assert_eq!(
        value(&text, r#"upload_portal_job_leader{job="refresh"}"#),
        Some(0.0)
    );
    metrics.job_leader("reconcile", false);
    let text = metrics.render(None);
    assert_eq!(
        value(&text, r#"upload_portal_job_leader{job="reconcile"}"#),
        Some(0.0),
        "a leader that lost its lease says so"
    );
    assert!(text.contains("# TYPE upload_portal_job_leader gauge"));
}
