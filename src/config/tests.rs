use std::collections::HashMap;

use secrecy::ExposeSecret;

use super::*;

fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Settings::from_lookup(|name| map.get(name).cloned())
}

#[test]
fn no_variables_at_all_means_sandbox_mode_on_localhost_with_sqlite_under_data() {
    let s = settings(&[]).unwrap();
    assert!(matches!(s.twentythree, TwentyThree::Sandbox));
    assert_eq!(s.bind_addr.to_string(), "127.0.0.1:8080");
    assert_eq!(
        s.public_url, None,
        "derived from the bound address at start-up"
    );
    assert_eq!(
        s.database_url.expose_secret(),
        "sqlite://data/upload-portal.db?mode=rwc"
    );
    assert_eq!(
        s.uploads,
        UploadDefaults {
            album_id: None,
            publish: true,
            valid_minutes: 180,
            max_uploads: 1,
            max_file_mb: 4096,
            chunked_above_mb: 8,
            chunk_size_mb: 8,
            policy: crate::uploads::PublishPolicy::VisitorChooses,
        }
    );
    assert_eq!(
        (s.limits.tokens_per_hour, s.limits.tokens_per_hour_per_ip),
        (30, 60)
    );
    assert_eq!(s.limits.tokens_per_hour_total, 1000);
    assert!(s.limits.trusted_proxies.is_empty());
    assert_eq!(
        s.jobs,
        JobSettings {
            reconcile_every: Duration::from_secs(10),
            refresh_every: Duration::from_secs(30),
        }
    );
    assert_eq!(s.api_timeout, Duration::from_secs(10));
    assert_eq!(s.log_format, LogFormat::Text);
}

#[test]
fn intervals_and_the_timeout_are_read_in_seconds() {
    let s = settings(&[
        ("RECONCILE_INTERVAL_SECS", "60"),
        ("REFRESH_INTERVAL_SECS", " 7 "),
        ("TWENTYTHREE_TIMEOUT_SECS", "30"),
        ("LOG_FORMAT", "json"),
    ])
    .unwrap();
    assert_eq!(s.jobs.reconcile_every, Duration::from_secs(60));
    assert_eq!(
        s.jobs.refresh_every,
        Duration::from_secs(7),
        "values are trimmed"
    );
    assert_eq!(s.api_timeout, Duration::from_secs(30));
    assert_eq!(s.log_format, LogFormat::Json);
}

#[test]
fn a_23_site_needs_all_four_credentials_and_the_error_names_the_missing_one() {
    let err = settings(&[
        ("TWENTYTHREE_URL", "https://videos.example.com"),
        ("TWENTYTHREE_CONSUMER_KEY", "k"),
        ("TWENTYTHREE_CONSUMER_SECRET", "s"),
        ("TWENTYTHREE_ACCESS_TOKEN", "t"),
    ])
    .unwrap_err();
    assert_eq!(err.variable, "TWENTYTHREE_ACCESS_TOKEN_SECRET");
    assert!(!err.to_string().contains('\n'));
}

#[test]
fn a_complete_23_site_configuration_is_accepted_and_trailing_slashes_are_dropped() {
    let s = settings(&[
        ("TWENTYTHREE_URL", "https://videos.example.com/"),
        ("TWENTYTHREE_CONSUMER_KEY", "k"),
        ("TWENTYTHREE_CONSUMER_SECRET", "s"),
        ("TWENTYTHREE_ACCESS_TOKEN", "t"),
        ("TWENTYTHREE_ACCESS_TOKEN_SECRET", "ts"),
    ])
    .unwrap();
    let TwentyThree::Site { url, credentials } = s.twentythree else {
        panic!("expected a site")
    };
    assert_eq!(url.as_str(), "https://videos.example.com/");
    assert_eq!(credentials.consumer_key, "k");
}

#[test]
fn malformed_values_are_refused_with_the_variable_named() {
    let cases = [
        ("BIND_ADDR", "localhost"),
        ("PUBLIC_URL", "ftp://example.com"),
        ("PUBLIC_URL", "not a url"),
        ("TWENTYTHREE_URL", "videos.example.com"),
        ("DATABASE_URL", "mysql://x"),
        ("SESSION_SECRET", "short"),
        ("UPLOAD_VALID_MINUTES", "5"),
        ("UPLOAD_MAX_FILES", "lots"),
        ("UPLOAD_PUBLISH", "maybe"),
        ("LOG_FORMAT", "xml"),
        ("TWENTYTHREE_TIMEOUT_SECS", "0"),
        ("UPLOAD_TOKENS_PER_HOUR", "0"),
        ("UPLOAD_CHUNK_SIZE_MB", "0"),
        ("UPLOAD_CHUNKED_ABOVE_MB", "big"),
        ("RECONCILE_INTERVAL_SECS", "-1"),
        ("REFRESH_INTERVAL_SECS", "soon"),
    ];
    for (name, value) in cases {
        let err =
            settings(&[(name, value)]).expect_err(&format!("{name}={value} should be refused"));
        assert_eq!(
            err.variable, name,
            "wrong variable named for {name}={value}"
        );
    }
}

#[test]
fn sandbox_mode_on_a_reachable_address_is_refused_unless_the_operator_means_it() {
    for bind in ["0.0.0.0:8080", "[::]:8080", "192.0.2.7:8080"] {
        let err = settings(&[("BIND_ADDR", bind)]).expect_err(bind);
        assert_eq!(err.variable, "BIND_ADDR", "{bind}");
        assert!(err.to_string().contains("SANDBOX_PUBLIC=1"), "{err}");
        assert!(!err.to_string().contains('\n'), "one line: {err}");
        settings(&[("BIND_ADDR", bind), ("SANDBOX_PUBLIC", "1")]).expect(bind);
    }
    settings(&[("BIND_ADDR", "127.0.0.1:8080")]).expect("loopback is fine");
    settings(&[("BIND_ADDR", "[::1]:8080")]).expect("loopback is fine");
    let with_site = [
        ("BIND_ADDR", "0.0.0.0:8080"),
        ("TWENTYTHREE_URL", "https://videos.example.com"),
        ("TWENTYTHREE_CONSUMER_KEY", "k"),
        ("TWENTYTHREE_CONSUMER_SECRET", "s"),
        ("TWENTYTHREE_ACCESS_TOKEN", "t"),
        ("TWENTYTHREE_ACCESS_TOKEN_SECRET", "ts"),
    ];
    settings(&with_site).expect("a real 23 site may listen anywhere");
}

#[test]
fn public_url_can_be_set_explicitly() {
    let s = settings(&[
        ("BIND_ADDR", "0.0.0.0:9000"),
        ("SANDBOX_PUBLIC", "1"),
        ("PUBLIC_URL", "https://upload.example.com"),
    ])
    .unwrap();
    assert_eq!(
        s.public_url.unwrap().as_str(),
        "https://upload.example.com/"
    );
}

#[test]
fn a_database_url_in_data_dir_follows_data_dir() {
    let s = settings(&[("DATA_DIR", "/var/lib/portal")]).unwrap();
    assert_eq!(
        s.database_url.expose_secret(),
        "sqlite:///var/lib/portal/upload-portal.db?mode=rwc"
    );
}

#[test]
fn operator_features_are_off_unless_configured() {
    let s = settings(&[]).unwrap();
    assert!(s.admin.is_none());
    assert!(s.metrics_token.is_none());
    assert!(s.trusted_user_header.is_none());
}

#[test]
fn admin_credentials_come_as_a_pair_and_the_password_stays_hidden() {
    let s = settings(&[
        ("ADMIN_USERNAME", "operator"),
        ("ADMIN_PASSWORD", "correct horse battery"),
    ])
    .unwrap();
    let admin = s.admin.clone().expect("admin configured");
    assert_eq!(admin.username, "operator");
    assert!(!format!("{s:?}").contains("correct horse"));

    let cases = [
        (vec![("ADMIN_USERNAME", "operator")], "ADMIN_PASSWORD"),
        (vec![("ADMIN_PASSWORD", "long enough pw")], "ADMIN_USERNAME"),
        (
            vec![("ADMIN_USERNAME", "op"), ("ADMIN_PASSWORD", "short")],
            "ADMIN_PASSWORD",
        ),
        (
            vec![
                ("ADMIN_USERNAME", "op:x"),
                ("ADMIN_PASSWORD", "long enough pw"),
            ],
            "ADMIN_USERNAME",
        ),
    ];
    for (vars, variable) in cases {
        let err = settings(&vars).expect_err(&format!("{vars:?} should be refused"));
        assert_eq!(err.variable, variable, "for {vars:?}");
    }
}

#[test]
fn a_metrics_token_must_be_long_and_is_kept_secret() {
    let err = settings(&[("METRICS_TOKEN", "short")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "METRICS_TOKEN: must be at least 16 characters (32 random hex digits recommended)"
    );
    let err = settings(&[("SESSION_SECRET", "short")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "SESSION_SECRET: must be at least 32 characters (64 random hex digits recommended)"
    );
    let s = settings(&[("METRICS_TOKEN", "0123456789abcdef0123")]).unwrap();
    assert!(s.metrics_token.is_some());
    assert!(!format!("{s:?}").contains("0123456789abcdef0123"));
}

#[test]
fn the_trusted_user_header_is_lower_cased_and_browser_headers_are_refused() {
    let s = settings(&[("TRUSTED_USER_HEADER", "X-Forwarded-User")]).unwrap();
    assert_eq!(s.trusted_user_header.as_deref(), Some("x-forwarded-user"));
    for bad in ["Cookie", "X Forwarded User", "x-user:"] {
        let err = settings(&[("TRUSTED_USER_HEADER", bad)]).unwrap_err();
        assert_eq!(err.variable, "TRUSTED_USER_HEADER", "for {bad}");
    }
}

#[test]
fn debug_output_hides_the_database_password_and_the_secrets() {
    let s = settings(&[
        (
            "DATABASE_URL",
            "postgres://portal:hunter2-db@db.internal/portal",
        ),
        (
            "SESSION_SECRET",
            "a-session-secret-that-is-long-enough-to-use",
        ),
        ("TWENTYTHREE_URL", "https://videos.example.com"),
        ("TWENTYTHREE_CONSUMER_KEY", "k"),
        ("TWENTYTHREE_CONSUMER_SECRET", "consumer-secret-value"),
        ("TWENTYTHREE_ACCESS_TOKEN", "t"),
        ("TWENTYTHREE_ACCESS_TOKEN_SECRET", "token-secret-value"),
    ])
    .unwrap();
    let printed = format!("{s:?}");
    for secret in [
        "hunter2-db",
        "a-session-secret",
        "consumer-secret-value",
        "token-secret-value",
    ] {
        assert!(!printed.contains(secret), "{secret} leaked: {printed}");
    }
}

#[test]
fn recording_defaults_to_five_minutes_at_two_and_a_half_megabits_without_a_minimum() {
    let s = settings(&[]).unwrap();
    assert_eq!(
        s.recording,
        RecordingSettings {
            max_seconds: 300,
            min_seconds: None,
            bitrate: 2_500_000
        }
    );
    let s = settings(&[
        ("RECORD_MAX_SECONDS", "60"),
        ("RECORD_MIN_SECONDS", "5"),
        ("RECORD_BITRATE", "1000000"),
    ])
    .unwrap();
    assert_eq!(
        (
            s.recording.max_seconds,
            s.recording.min_seconds,
            s.recording.bitrate
        ),
        (60, Some(5), 1_000_000)
    );
}

#[test]
fn a_recording_minimum_at_or_above_the_maximum_is_refused_by_name() {
    let e = settings(&[("RECORD_MAX_SECONDS", "30"), ("RECORD_MIN_SECONDS", "30")]).unwrap_err();
    assert_eq!(e.variable, "RECORD_MIN_SECONDS");
    let e = settings(&[("RECORD_MAX_SECONDS", "0")]).unwrap_err();
    assert_eq!(e.variable, "RECORD_MAX_SECONDS");
}
