//! `AppError`: every failure a visitor can meet, mapped to a status and a calm page.
//!
//! Internals (SQL errors, 23's raw answers, stack traces) go to the log, never to the page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::page::{ErrorPage, Layout, render_page};
use crate::store::StoreError;
use crate::twentythree::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("page not found")]
    NotFound,
    /// The request was malformed; the message is safe to show.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// A form failed its CSRF check (stale page or another site); the message is safe to show.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// A dependency is briefly unavailable; the message is safe to show.
    #[error("unavailable: {0}")]
    Unavailable(&'static str),
    /// A 23 call failed. `operator_hint` is shown only in sandbox mode, where the visitor is
    /// the operator; it is logged always.
    #[error("23 API call failed: {error}")]
    TwentyThree {
        error: ApiError,
        operator_hint: Option<&'static str>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("could not render a page: {0}")]
    Render(#[from] askama::Error),
}

impl AppError {
    fn page(&self, layout: Layout) -> ErrorPage {
        let (title, message) = match self {
            AppError::NotFound => (
                "Page not found",
                "There is nothing at this address. It may belong to another browser's uploads.",
            ),
            AppError::BadRequest(message) => ("That request didn't work", *message),
            AppError::Forbidden(message) => ("This page was out of date", *message),
            AppError::Unavailable(message) => ("Please try again in a moment", *message),
            AppError::TwentyThree { error, .. } if error.is_transient() => (
                "The video service isn't answering",
                "The video service is not answering right now. Nothing was uploaded; please try again in a moment.",
            ),
            AppError::TwentyThree { .. } => (
                "The video service refused the request",
                "The video service could not take this request. Nothing was uploaded; the site's operator has been told.",
            ),
            AppError::Store(_) => (
                "We couldn't save that just now",
                "Our database did not respond. Nothing was lost: reload this page in a moment to try again.",
            ),
            AppError::Render(_) => (
                "Something went wrong",
                "This page could not be shown. Please try again.",
            ),
        };
        let operator_hint = match self {
            AppError::TwentyThree { operator_hint, .. } => *operator_hint,
            _ => None,
        };
        ErrorPage {
            layout,
            title,
            message,
            operator_hint,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TwentyThree { error, .. } if error.is_transient() => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::TwentyThree { .. } => StatusCode::BAD_GATEWAY,
            AppError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs a server-side failure and renders without app state; `routes::error_pages` then
    /// renders the page again with the app's layout (base path, sandbox banner).
    fn error_response(&self) -> HttpResponse {
        if self.status_code().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        self.render(Layout::plain())
    }
}

impl AppError {
    /// The error's page in this layout, with its status (and `Retry-After` when it is brief).
    pub fn render(&self, layout: Layout) -> HttpResponse {
        let status = self.status_code();
        let mut response = render_page(status, &self.page(layout));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from_static("30"),
            );
        }
        response
    }
}

/// Logs a failed 23 call with what the operator should check: a warning when 23 did not answer
/// (it may next time), an error when it refused. The page shows the hint only in sandbox mode
/// (`AppState::page_hint`).
pub fn log_api_failure(error: &ApiError, during: &'static str) {
    let hint = error.operator_hint();
    if error.is_transient() {
        tracing::warn!(%error, during, hint, "23 did not answer");
    } else {
        tracing::error!(%error, during, hint, "23 refused a call");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::catalog;

    #[test]
    fn every_error_page_speaks_each_language() {
        let errors = [
            AppError::NotFound,
            AppError::BadRequest("This address has a malformed query."),
            // The routes' stale-page refusal, spelled out: tests point down the layers too.
            AppError::Forbidden("This page is out of date; reload it and try again."),
            AppError::Unavailable("The video service did not answer; we will keep checking."),
            AppError::Render(askama::Error::Fmt),
        ];
        for lang in catalog().languages().filter(|l| l.tag() != "en") {
            for error in &errors {
                let page = error.page(Layout::default());
                for english in [page.title, page.message] {
                    assert_ne!(lang.text(english), english, "{lang:?}: {english:?}");
                }
            }
        }
    }
}
