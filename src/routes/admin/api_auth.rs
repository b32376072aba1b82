//! Who may call the admin API (`/admin/api/…`): a program holding `ADMIN_API_TOKEN` as a bearer
//! token. Compared in constant time (digests, so the length does not show either), and counted
//! by the same per-address lockout as the operator's login. Without the token configured, the
//! API does not exist (404).

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, RETRY_AFTER, WWW_AUTHENTICATE};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, dev::Payload, web};
use futures_util::future::LocalBoxFuture;

use super::auth::{AdminAuthError, has_bearer_token, throttled};
use crate::error::AppError;
use crate::state::AppState;

/// Proof that the request carries `ADMIN_API_TOKEN`. Handlers that take one are API-only.
#[derive(Debug)]
pub struct ApiCaller;

/// Why an admin API call was refused. Answers are JSON, for programs.
#[derive(Debug, thiserror::Error)]
pub enum ApiAuthError {
    #[error("the admin API is off")]
    Off,
    #[error("missing or wrong admin API token")]
    Unauthorized,
    #[error("too many failed calls from this address")]
    SlowDown(u64),
}

impl ResponseError for ApiAuthError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiAuthError::Off => StatusCode::NOT_FOUND,
            ApiAuthError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiAuthError::SlowDown(_) => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((CACHE_CONTROL, "no-store"));
        let error = match self {
            ApiAuthError::Off => return AppError::NotFound.error_response(),
            ApiAuthError::Unauthorized => {
                response.insert_header((
                    WWW_AUTHENTICATE,
                    r#"Bearer realm="upload-portal admin API""#,
                ));
                "The admin API token (ADMIN_API_TOKEN) is required as a bearer token."
            }
            ApiAuthError::SlowDown(seconds) => {
                response.insert_header((RETRY_AFTER, seconds.to_string()));
                "Too many failed calls from your address. Please wait and try again."
            }
        };
        response.json(serde_json::json!({ "error": error }))
    }
}

/// Checks the bearer token against `ADMIN_API_TOKEN` (through the login lockout).
pub async fn authorize_api(req: &HttpRequest, state: &AppState) -> Result<(), ApiAuthError> {
    let Some(token) = &state.admin_api_token else {
        return Err(ApiAuthError::Off);
    };
    throttled(req, state, || {
        match has_bearer_token(req.headers(), token) {
            true => Ok(()),
            false => Err(AdminAuthError::NoToken),
        }
    })
    .await
    .map_err(|error| match error {
        AdminAuthError::SlowDown(seconds) => ApiAuthError::SlowDown(seconds),
        AdminAuthError::Off => ApiAuthError::Off,
        AdminAuthError::Unauthorized | AdminAuthError::NoToken => ApiAuthError::Unauthorized,
    })
}

impl FromRequest for ApiCaller {
    type Error = ApiAuthError;
    type Future = LocalBoxFuture<'static, Result<ApiCaller, ApiAuthError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or(ApiAuthError::Off)?;
            authorize_api(&req, state).await.map(|()| ApiCaller)
        })
    }
}
