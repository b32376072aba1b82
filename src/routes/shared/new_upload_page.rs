//! The new-upload form page: shown fresh, prefilled again after a refusal, and after a failed
//! mint or renewal.

use actix_session::Session;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::flows::MintError;
use crate::page::{Layout, render_page};
use crate::routes::shared::send_page::Sending;
use crate::session::csrf_token;
use crate::state::AppState;
use crate::uploads::MetadataForm;
use crate::uploads::metadata::FieldErrors;

#[derive(Template)]
#[template(path = "new_upload.html")]
pub struct NewUploadPage {
    pub layout: Layout,
    pub csrf_token: String,
    pub form: MetadataForm,
    pub publish: bool,
    pub errors: FieldErrors,
    /// Why the last attempt did not go through, in the visitor's words.
    pub problem: Option<&'static str>,
    pub operator_hint: Option<&'static str>,
    /// For the script that sends the file first (`static/new-upload-page.js`).
    pub sending: Sending,
    /// Recording limits, for `parts/recorder.html` (recording on `/` starts the upload too).
    pub recording: crate::config::RecordingSettings,
    /// How many files one upload takes.
    pub max_files: u32,
    /// The default campaign's consent box (`CONSENT_TEXT`), for `parts/consent.html`.
    pub consent: crate::config::Consent,
    pub consent_checked: bool,
    pub consent_problem: Option<&'static str>,
}

impl NewUploadPage {
    /// The form, prefilled with what the visitor typed (nothing is ever lost to an error).
    pub fn new(state: &AppState, session: &Session, form: MetadataForm) -> Self {
        let publish = match form.publish.as_deref() {
            Some("1") => true,
            Some("0") => false,
            _ => state.uploads.publish,
        };
        let consent_checked = form.consent.as_deref() == Some("1");
        NewUploadPage {
            layout: state.layout(),
            csrf_token: csrf_token(session),
            form,
            publish,
            errors: FieldErrors::default(),
            problem: None,
            operator_hint: None,
            sending: Sending::new(state),
            recording: state.recording.clone(),
            max_files: state.uploads.max_uploads,
            consent: state.consent.clone(),
            consent_checked,
            consent_problem: None,
        }
    }
}

/// The HTTP status that says why no token was minted.
pub fn mint_status(error: &MintError) -> StatusCode {
    match error {
        MintError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        MintError::Api(e) if e.is_transient() => StatusCode::SERVICE_UNAVAILABLE,
        MintError::Api(_) => StatusCode::BAD_GATEWAY,
        MintError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// The new-upload form again, prefilled, saying why no token was minted.
pub fn mint_failed_page(
    state: &AppState,
    session: &Session,
    form: MetadataForm,
    error: &MintError,
) -> HttpResponse {
    let mut page = NewUploadPage::new(state, session, form);
    page.problem = Some(error.message());
    if let MintError::Api(api) = error {
        page.operator_hint = state.page_hint(api);
    }
    with_retry_after(render_page(mint_status(error), &page), error)
}

/// Adds `Retry-After` when a limit refused the mint: when the oldest counted token leaves the hour.
pub fn with_retry_after(mut response: HttpResponse, error: &MintError) -> HttpResponse {
    if let Some(seconds) = error.retry_after() {
        response.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(seconds.max(1)),
        );
    }
    response
}
