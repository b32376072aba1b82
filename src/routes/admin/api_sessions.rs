//! `POST /admin/api/users/{sub}/sign-out`: the host site ends every frame session of one of its
//! users (on every instance and browser), say when the user signs out of the host site or an
//! account is closed. From now on, frame sessions whose newest token was issued earlier end at
//! their next request, and tokens issued earlier are refused; a token issued afterwards signs
//! the user in again as usual.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::api_auth::ApiCaller;
use crate::error::AppError;
use crate::state::AppState;
use crate::uploads::now;

#[derive(Serialize)]
struct SignedOut<'a> {
    sub: &'a str,
    /// Unix seconds: tokens issued before this no longer count.
    not_before: i64,
}

pub async fn sign_out_user(
    _caller: ApiCaller,
    state: web::Data<AppState>,
    sub: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let sub = sub.into_inner();
    if sub.trim().is_empty() || sub.chars().count() > 256 || sub.chars().any(char::is_control) {
        return Ok(HttpResponse::BadRequest().json(serde_json::json!({
            "error": "A user name is 1 to 256 characters, none of them control characters."
        })));
    }
    let not_before = now();
    state.store.sign_out_host_user(&sub, not_before).await?;
    tracing::info!("the host site signed a user's frame sessions out");
    Ok(HttpResponse::Ok().json(SignedOut {
        sub: &sub,
        not_before,
    }))
}
