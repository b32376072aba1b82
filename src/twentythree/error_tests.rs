use super::*;

fn api(code: &str) -> ApiError {
    ApiError::Api {
        code: code.into(),
        message: "m".into(),
    }
}

#[test]
fn signature_site_user_token_and_permission_codes_are_credentials_problems() {
    for code in CREDENTIAL_CODES {
        assert!(api(code).is_credentials_problem(), "{code}");
    }
}

#[test]
fn other_23_codes_and_transport_failures_are_not_credentials_problems() {
    assert!(!api("invalid_input").is_credentials_problem());
    assert!(!api("no_such_photo").is_credentials_problem());
    assert!(!ApiError::Timeout.is_credentials_problem());
    assert!(!ApiError::HttpStatus(401).is_credentials_problem());
}

#[test]
fn timeouts_unreachable_hosts_and_5xx_are_transient() {
    assert!(ApiError::Timeout.is_transient());
    assert!(ApiError::Unreachable("videos.example.com".into()).is_transient());
    for status in [500, 502, 503, 504] {
        assert!(ApiError::HttpStatus(status).is_transient(), "{status}");
    }
}

#[test]
fn api_errors_4xx_and_malformed_bodies_are_not_transient() {
    assert!(!api("invalid_signature").is_transient());
    assert!(!ApiError::HttpStatus(401).is_transient());
    assert!(!ApiError::HttpStatus(301).is_transient());
    assert!(!ApiError::Malformed("x".into()).is_transient());
}

#[test]
fn operator_hints_name_what_to_check() {
    assert!(
        api("invalid_signature")
            .operator_hint()
            .contains("TWENTYTHREE_CONSUMER_KEY")
    );
    assert!(
        api("permission_denied")
            .operator_hint()
            .contains("write permission")
    );
    assert!(ApiError::Timeout.operator_hint().contains("did not answer"));
    assert!(
        ApiError::HttpStatus(302)
            .operator_hint()
            .contains("redirect")
    );
    assert_ne!(
        ApiError::HttpStatus(503).operator_hint(),
        ApiError::HttpStatus(404).operator_hint()
    );
}

#[test]
fn display_carries_23s_code_and_message() {
    let error = ApiError::Api {
        code: "invalid_album".into(),
        message: "No such album".into(),
    };
    assert_eq!(
        error.to_string(),
        "23 answered with error invalid_album: No such album"
    );
}
