//! `GET /metrics`: Prometheus text exposition, for a scraper holding `METRICS_TOKEN` (as a bearer
//! token) or, without one configured, the operator's login. With neither configured: 404.

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::flows::FORGET_AFTER_SECS;
use crate::routes::admin::auth::{AdminAuthError, has_bearer_token, is_operator, throttled};
use crate::state::AppState;
use crate::uploads::now;

pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AdminAuthError> {
    throttled(&req, &state, || authorize(&req, &state)).await?;
    let queues = match state.store.queue_sizes(now(), FORGET_AFTER_SECS).await {
        Ok(queues) => Some(queues),
        Err(error) => {
            tracing::warn!(%error, "metrics without the database's gauges");
            None
        }
    };
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"))
        .body(state.metrics.render(queues.as_ref())))
}

fn authorize(req: &HttpRequest, state: &AppState) -> Result<(), AdminAuthError> {
    match (&state.metrics_token, &state.admin) {
        (Some(token), _) if has_bearer_token(req.headers(), token) => Ok(()),
        (Some(_), _) => Err(AdminAuthError::NoToken),
        (None, Some(admin)) if is_operator(req.headers(), admin) => Ok(()),
        (None, Some(_)) => Err(AdminAuthError::Unauthorized),
        (None, None) => Err(AdminAuthError::Off),
    }
}
