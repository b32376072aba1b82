use std::collections::HashMap;

use super::*;

#[test]
fn every_configured_secret_is_blanked_out_of_what_a_check_reports() {
    let secrets = [
        (
            "DATABASE_URL",
            "postgres://portal:Db-pass-Kq8Zx3Lm@db.internal/portal",
        ),
        ("TWENTYTHREE_URL", "https://videos.example.com"),
        ("TWENTYTHREE_CONSUMER_KEY", "consumer-key"),
        ("TWENTYTHREE_CONSUMER_SECRET", "Consumer-secret-Vb7Qm2Xc"),
        ("TWENTYTHREE_ACCESS_TOKEN", "access-token"),
        ("TWENTYTHREE_ACCESS_TOKEN_SECRET", "Token-secret-Lp4Rt8Zw"),
        ("SESSION_SECRET", "Session-secret-Ny6Hd1Kf5Gs0JaWq3Er7Ty2Ui"),
        (
            "SMTP_URL",
            "smtps://mailer:Smtp-pass-Yt6Bn3Qw@mail.example.com:465",
        ),
        ("NOTIFY_EMAIL", "operator@example.com"),
        ("ADMIN_USERNAME", "operator"),
        ("ADMIN_PASSWORD", "Admin-pass-Hj4Kd9Xs"),
    ];
    let vars: HashMap<&str, &str> = secrets.into_iter().collect();
    let settings = Settings::from_lookup(|name| vars.get(name).map(|v| v.to_string()))
        .expect("a valid configuration");
    let targets = CheckTargets::of(&settings);
    let hidden = [
        "Db-pass-Kq8Zx3Lm",
        "Consumer-secret-Vb7Qm2Xc",
        "Token-secret-Lp4Rt8Zw",
        "Session-secret-Ny6Hd1Kf5Gs0JaWq3Er7Ty2Ui",
        "Smtp-pass-Yt6Bn3Qw",
        "Admin-pass-Hj4Kd9Xs",
    ];
    let said = format!("the server said: {}", hidden.join(" and "));
    let redacted = targets.redact(&said);
    for secret in hidden {
        assert!(!redacted.contains(secret), "{secret} in {redacted}");
    }
    assert!(
        redacted.starts_with("the server said: … and …"),
        "{redacted}"
    );
}
