//! `GET /healthz`: the process is up. `GET /readyz`: it can serve, i.e. its database answers; the
//! answer also says whether 23 answers, without failing on it (every instance shares the same
//! 23, so taking one out of the load balancer would not help).

use std::time::Duration;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web;
use serde::Serialize;

use crate::page::machine_time;
use crate::state::AppState;
use crate::uploads::now;

/// 23 is asked directly only when nothing was heard from it for this long.
const QUIET_SECS: i64 = 30;
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn health_check() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

#[derive(Serialize)]
struct Readiness {
    ready: bool,
    database: &'static str,
    twentythree: TwentyThreeHealth,
}

#[derive(Serialize)]
struct TwentyThreeHealth {
    /// `null` until 23 has been called at all.
    reachable: Option<bool>,
    last_success: Option<String>,
    last_failure: Option<String>,
}

pub async fn readiness_check(state: web::Data<AppState>) -> HttpResponse {
    let database_ok = state.store.is_ready().await;
    if !database_ok {
        tracing::warn!("not ready: the database does not answer or lacks its tables");
    }
    probe_23_if_quiet(&state).await;
    let health = state.metrics.api_health();
    let known = health.last_success.is_some() || health.last_failure.is_some();
    let body = Readiness {
        ready: database_ok,
        database: if database_ok { "ok" } else { "unavailable" },
        twentythree: TwentyThreeHealth {
            reachable: known.then(|| health.is_reachable()),
            last_success: health.last_success.map(machine_time),
            last_failure: health.last_failure.map(machine_time),
        },
    };
    let status = if database_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    HttpResponse::build(status).json(body)
}

/// Makes the cheapest signed call when 23 has been quiet, at most once per `QUIET_SECS` across
/// all callers, and never for longer than `PROBE_TIMEOUT`.
async fn probe_23_if_quiet(state: &AppState) {
    let now = now();
    let health = state.metrics.api_health();
    let latest = health.last_success.max(health.last_failure);
    if latest.is_some_and(|at| now - at < QUIET_SECS) || !state.metrics.claim_probe(now, QUIET_SECS)
    {
        return;
    }
    // The outcome lands in the metrics, which the caller reads next.
    let _ = state.client.check_credentials_within(PROBE_TIMEOUT).await;
}
