//! 23's own refusal texts (the `error_message` of a callback, the plain answer of a redeem) as the
//! portal's words: visitors read a translated sentence that says what to do, the operator reads
//! 23's original in /admin. 23 documents no codes for these, so they are told apart by their words
//! (docs/23-api.md: "The file type isn't supported"; the sandbox's own texts in src/sandbox/).
//! static/service-errors.js reads 23's answers in the page with the same rules (a browser test,
//! `modules::refusals_of_23_read_in_the_visitors_words`, holds the two to the same cases).

/// What went wrong, as far as a visitor needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceError {
    UnsupportedType,
    NoFile,
    TokenInvalid,
    TooLarge,
    ProcessingFailed,
    /// Words we do not recognise: a general sentence, never 23's English in another language.
    Other,
}

impl ServiceError {
    pub fn classify(original: &str) -> ServiceError {
        let text = original.to_lowercase();
        let has = |word: &str| text.contains(word);
        if has("type") && (has("support") || has("allowed") || has("accept")) {
            ServiceError::UnsupportedType
        } else if has("no file") || has("missing file") || has("empty file") {
            ServiceError::NoFile
        } else if has("token") && (has("invalid") || has("expired") || has("unknown")) {
            ServiceError::TokenInvalid
        } else if has("too large") || has("too big") || has("exceeds") {
            ServiceError::TooLarge
        } else if has("process") || has("stored") || has("transcod") || has("encod") {
            ServiceError::ProcessingFailed
        } else {
            ServiceError::Other
        }
    }

    /// The message id of the visitor's sentence (locales/*/pages.ftl, `service-error-*`).
    pub fn message_id(self) -> &'static str {
        match self {
            ServiceError::UnsupportedType => "service-error-type",
            ServiceError::NoFile => "service-error-no-file",
            ServiceError::TokenInvalid => "service-error-token",
            ServiceError::TooLarge => "service-error-too-large",
            ServiceError::ProcessingFailed => "service-error-processing",
            ServiceError::Other => "service-error-other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ServiceError::{self, *};

    #[test]
    fn the_texts_23_and_the_sandbox_send_each_get_their_own_sentence() {
        let cases = [
            ("The file type isn't supported", UnsupportedType),
            ("No file was uploaded.", NoFile),
            ("The upload token is invalid or has expired.", TokenInvalid),
            ("The file is too large.", TooLarge),
            ("The upload could not be stored.", ProcessingFailed),
            ("error_processing_upload", ProcessingFailed),
            ("Something unexpected", Other),
        ];
        for (original, expected) in cases {
            assert_eq!(ServiceError::classify(original), expected, "{original}");
        }
    }
}
