//! 23's redirect back is unsigned and the uploader can add any field to it: whatever the query
//! string or form body, parsing gives a callback that keeps the documented promises, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upload_portal::uploads::callback::ERROR_MESSAGE_MAX;
use upload_portal::uploads::{CallbackOutcome, CallbackParams};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return; // the route refuses non-UTF-8 bodies before parsing
    };
    let Ok(params) = CallbackParams::parse(raw) else {
        return;
    };
    let opaque = |s: &str| (1..=128).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    assert!(opaque(&params.upload_token), "{:?}", params.upload_token);
    assert!(params.domain.as_ref().is_none_or(|d| !d.is_empty() && d.len() <= 255));
    match params.outcome {
        CallbackOutcome::Success { photo_id, tree_id, token } => {
            assert!(photo_id > 0);
            assert!(tree_id.is_none_or(|t| t > 0));
            assert!(token.as_deref().is_none_or(opaque));
        }
        CallbackOutcome::Failure { error_message } => {
            assert!(!error_message.is_empty());
            assert!(error_message.chars().count() <= ERROR_MESSAGE_MAX);
            assert!(!error_message.chars().any(char::is_control), "{error_message:?}");
            assert_eq!(error_message, error_message.trim());
        }
    }
});
