use std::collections::HashMap;
use std::time::Duration;

use super::*;

fn read(pairs: &[(&str, &str)]) -> Result<Option<WebhookSettings>, ConfigError> {
    let vars: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    from_vars(&|name: &'static str| vars.get(name).cloned())
}

const SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

#[test]
fn no_url_means_no_webhooks() {
    assert!(read(&[]).unwrap().is_none());
    assert!(read(&[("WEBHOOK_SECRET", SECRET)]).unwrap().is_none());
}

#[test]
fn defaults_retry_for_about_a_day_with_a_first_retry_within_ten_seconds() {
    let settings = read(&[
        ("WEBHOOK_URL", "https://cms.example.com/hook"),
        ("WEBHOOK_SECRET", SECRET),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(settings.timeout, Duration::from_secs(10));
    assert_eq!(settings.max_attempts(), 11);
    assert!(settings.retry_after(1).unwrap() <= Duration::from_secs(10));
    let total: Duration = settings.retry_schedule.iter().sum();
    assert!(
        total > Duration::from_secs(20 * 3600) && total < Duration::from_secs(28 * 3600),
        "{total:?}"
    );
    assert_eq!(
        settings.retry_after(10),
        Some(Duration::from_secs(8 * 3600))
    );
    assert_eq!(
        settings.retry_after(11),
        None,
        "after the last attempt, no more"
    );
}

#[test]
fn each_bad_variable_is_named_and_the_secret_never_repeated() {
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("WEBHOOK_URL", "https://cms.example.com")],
            "WEBHOOK_SECRET",
        ),
        (
            &[
                ("WEBHOOK_URL", "ftp://cms.example.com"),
                ("WEBHOOK_SECRET", SECRET),
            ],
            "WEBHOOK_URL",
        ),
        (
            &[("WEBHOOK_URL", "not a url"), ("WEBHOOK_SECRET", SECRET)],
            "WEBHOOK_URL",
        ),
        (
            &[
                ("WEBHOOK_URL", "http://h"),
                ("WEBHOOK_SECRET", "whsec_c2hvcnQ="),
            ],
            "WEBHOOK_SECRET",
        ),
        (
            &[
                ("WEBHOOK_URL", "http://h"),
                ("WEBHOOK_SECRET", SECRET),
                ("WEBHOOK_TIMEOUT_SECS", "0"),
            ],
            "WEBHOOK_TIMEOUT_SECS",
        ),
        (
            &[
                ("WEBHOOK_URL", "http://h"),
                ("WEBHOOK_SECRET", SECRET),
                ("WEBHOOK_RETRY_SCHEDULE", "5s,soon"),
            ],
            "WEBHOOK_RETRY_SCHEDULE",
        ),
    ];
    for (vars, variable) in cases {
        let error = read(vars).unwrap_err();
        assert_eq!(error.variable, variable, "{vars:?}");
        assert!(
            !error.problem.contains("c2hvcnQ") && !error.problem.contains("C2FV"),
            "{error:?}"
        );
    }
}

#[test]
fn schedules_take_units_or_none() {
    assert_eq!(
        parse_schedule("1, 2s,3m,1h").unwrap(),
        [1, 2, 180, 3600].map(Duration::from_secs)
    );
    assert!(parse_schedule("none").unwrap().is_empty());
    for bad in ["", "0s", "5d", "-1", "1s,,2s", "8d"] {
        assert!(parse_schedule(bad).is_err(), "{bad}");
    }
}

#[test]
fn plain_http_to_another_machine_is_refused_unless_allowed_and_loopback_is_fine() {
    let with = |url: &str, allow: Option<&str>| {
        let mut vars = vec![("WEBHOOK_URL", url), ("WEBHOOK_SECRET", SECRET)];
        vars.extend(allow.map(|a| ("WEBHOOK_ALLOW_PLAIN_HTTP", a)));
        read(&vars)
    };
    for url in [
        "http://cms.example.com/hook",
        "http://10.0.0.7:8080/hook",
        "http://[2001:db8::1]/h",
    ] {
        let error = with(url, None).unwrap_err();
        assert_eq!(error.variable, "WEBHOOK_URL", "{url}");
        assert!(
            error.problem.contains("WEBHOOK_ALLOW_PLAIN_HTTP"),
            "{error:?}"
        );
        assert!(with(url, Some("0")).is_err(), "{url}");
        let allowed = with(url, Some("1")).unwrap().unwrap();
        assert!(allowed.sends_in_clear(), "{url}");
    }
    for url in [
        "https://cms.example.com/hook",
        "http://127.0.0.1:9000/hook",
        "http://localhost:9000/hook",
        "http://[::1]:9000/hook",
    ] {
        let settings = with(url, None).unwrap().unwrap();
        assert!(!settings.sends_in_clear(), "{url}");
    }
    let error = with("http://cms.example.com", Some("maybe")).unwrap_err();
    assert_eq!(error.variable, "WEBHOOK_ALLOW_PLAIN_HTTP");
}
