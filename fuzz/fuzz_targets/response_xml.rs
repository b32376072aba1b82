//! 23's XML answers come from the network (or from whatever sits in front of 23): any body must
//! give a `Document` or an error, never a panic, and never a partial document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use upload_portal::twentythree::ApiError;
use upload_portal::twentythree::response::{MAX_BODY_BYTES, parse_xml};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return; // the client decodes bodies as UTF-8 before parsing
    };
    match parse_xml(body) {
        Ok(document) => {
            assert!(body.len() <= MAX_BODY_BYTES);
            assert_eq!(document.envelope.get("status"), Some("ok"));
            // The typed readers must cope with whatever fields a well-formed answer carries.
            let _ = document.upload_token();
            let _ = document.photo_list();
        }
        Err(ApiError::Api { code, .. }) => assert!(!code.is_empty()),
        Err(_) => {}
    }
});
