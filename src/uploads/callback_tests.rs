use super::*;

const TOKEN: &str = "022fe6e3fb42758d6147c539727c5358af3524b1";

#[test]
fn the_documented_success_callback_parses() {
    let raw = format!(
        "theme=green&domain=videos.example.com&upload_token={TOKEN}&photo_id=12345&tree_id=97531&token=mhpDudicFtdjz1isvidhnzsgqv3kaske"
    );
    let params = CallbackParams::parse(&raw).unwrap();
    assert_eq!(params.upload_token, TOKEN);
    assert_eq!(params.domain.as_deref(), Some("videos.example.com"));
    assert_eq!(
        params.outcome,
        CallbackOutcome::Success {
            photo_id: 12345,
            tree_id: Some(97531),
            token: Some("mhpDudicFtdjz1isvidhnzsgqv3kaske".into())
        }
    );
}

#[test]
fn the_documented_failure_callback_parses_with_its_message_decoded() {
    let raw = format!(
        "domain=videos.example.com&upload_token={TOKEN}&error_message=The+file+type+isn%27t+supported"
    );
    let params = CallbackParams::parse(&raw).unwrap();
    assert_eq!(
        params.outcome,
        CallbackOutcome::Failure {
            error_message: "The file type isn't supported".into()
        }
    );
}

#[test]
fn duplicated_keys_are_refused() {
    let cases = [
        (
            format!("upload_token={TOKEN}&photo_id=1&upload_token={TOKEN}"),
            "upload_token",
        ),
        (
            format!("upload_token={TOKEN}&photo_id=1&photo_id=2"),
            "photo_id",
        ),
        (
            format!("upload_token={TOKEN}&photo_id=1&photo_id=1"),
            "photo_id",
        ),
        (
            format!("upload_token={TOKEN}&error_message=a&error_message=b"),
            "error_message",
        ),
    ];
    for (raw, key) in cases {
        assert_eq!(
            CallbackParams::parse(&raw),
            Err(CallbackParseError::Duplicate(key)),
            "{raw}"
        );
    }
}

#[test]
fn a_callback_with_both_a_video_and_an_error_is_refused() {
    let raw = format!("upload_token={TOKEN}&photo_id=1&error_message=oops");
    assert_eq!(
        CallbackParams::parse(&raw),
        Err(CallbackParseError::Ambiguous)
    );
}

#[test]
fn malformed_photo_ids_are_refused() {
    for bad in [
        "-1",
        "+1",
        "1e3",
        "18446744073709551616",
        "",
        "0",
        "01x",
        &"9".repeat(10_000),
        "%201",
    ] {
        let raw = format!("upload_token={TOKEN}&photo_id={bad}");
        assert!(
            CallbackParams::parse(&raw).is_err(),
            "photo_id={bad} was accepted"
        );
    }
}

#[test]
fn malformed_upload_tokens_are_refused() {
    for bad in [
        "",
        "abc%00def",
        "%C3%A9t%C3%A9",
        "a'b",
        "a;b",
        &"a".repeat(10_000),
    ] {
        let raw = format!("upload_token={bad}&photo_id=1");
        assert!(
            CallbackParams::parse(&raw).is_err(),
            "upload_token={bad} was accepted"
        );
    }
}

#[test]
fn invalid_utf8_is_refused() {
    let raw = format!("upload_token={TOKEN}&error_message=%FF%FE");
    assert_eq!(
        CallbackParams::parse(&raw),
        Err(CallbackParseError::Encoding)
    );
}

#[test]
fn missing_pieces_are_named() {
    assert_eq!(
        CallbackParams::parse("photo_id=1"),
        Err(CallbackParseError::Missing("upload_token"))
    );
    assert_eq!(
        CallbackParams::parse(&format!("upload_token={TOKEN}")),
        Err(CallbackParseError::Missing("photo_id"))
    );
}

#[test]
fn error_messages_lose_control_characters_and_are_capped() {
    let raw = format!(
        "upload_token={TOKEN}&error_message=line%0D%0Abreak%00{}",
        "x".repeat(2000)
    );
    let CallbackOutcome::Failure { error_message } = CallbackParams::parse(&raw).unwrap().outcome
    else {
        panic!("expected a failure")
    };
    assert!(error_message.starts_with("line  break"));
    assert!(!error_message.chars().any(char::is_control));
    assert_eq!(error_message.chars().count(), ERROR_MESSAGE_MAX);
}

#[test]
fn markup_in_error_messages_is_kept_as_text_for_the_page_to_escape() {
    let raw = format!("upload_token={TOKEN}&error_message=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    let CallbackOutcome::Failure { error_message } = CallbackParams::parse(&raw).unwrap().outcome
    else {
        panic!("expected a failure")
    };
    assert_eq!(error_message, "<script>alert(1)</script>");
}

#[test]
fn unknown_echoed_fields_are_ignored() {
    let raw = format!("next=//evil.example&upload_token={TOKEN}&photo_id=7&%3Cscript%3E=1");
    assert!(CallbackParams::parse(&raw).is_ok());
}
