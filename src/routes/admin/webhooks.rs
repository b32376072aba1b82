//! `GET /admin/webhooks`: what the host site was told (event, upload, attempts, last answer, next
//! attempt), optionally failed ones only; `POST /admin/webhooks/{id}/retry` sends a failed one
//! again under its own id.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::chrome::{AdminChrome, admin_form};
use super::{Operator, no_store};
use crate::error::AppError;
use crate::page::{Layout, human_time, machine_time, render_page, see_other};
use crate::session::csrf_token;
use crate::state::AppState;
use crate::store::Delivery;

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct DeliveriesQuery {
    /// `1`: failed deliveries only.
    #[serde(default)]
    pub failed: Option<u8>,
    pub before: Option<i64>,
}

pub struct DeliveryRow {
    pub id: i64,
    pub event: String,
    pub upload_id: i64,
    pub state: String,
    /// The message id naming the state.
    pub state_label: &'static str,
    pub attempts: i64,
    /// `HTTP 500: …`, `could not connect`, or empty before the first answer.
    pub last_answer: String,
    pub when_human: String,
    pub when_machine: String,
    /// The next attempt, for pending deliveries.
    pub next_human: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/webhooks.html")]
pub struct AdminWebhooksPage {
    pub layout: Layout,
    pub admin: AdminChrome,
    pub enabled: bool,
    pub failed_only: bool,
    pub rows: Vec<DeliveryRow>,
    pub older: Option<String>,
    pub csrf_token: String,
}

pub async fn admin_webhooks(
    _operator: Operator,
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<DeliveriesQuery>,
) -> Result<HttpResponse, AppError> {
    let failed_only = query.failed == Some(1);
    let page = state
        .store
        .deliveries(failed_only, query.before, PAGE_SIZE)
        .await?;
    let filter = if failed_only { "failed=1&" } else { "" };
    let page = AdminWebhooksPage {
        layout: state.layout(),
        admin: AdminChrome::new(&state, "webhooks"),
        enabled: state.webhooks.is_enabled(),
        failed_only,
        rows: page.items.iter().map(row).collect(),
        older: page
            .older
            .map(|id| format!("{}?{filter}before={id}", state.path("/admin/webhooks"))),
        csrf_token: csrf_token(&session),
    };
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

pub async fn retry_webhook(
    _operator: Operator,
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    // Basic credentials ride along on any request the browser makes, so a form needs its token.
    admin_form(&req, &session, &body, &state)?;
    let now = crate::webhooks::now_ms();
    if state.store.retry_delivery(id.into_inner(), now).await? {
        state.webhooks.committed();
    }
    Ok(see_other(&state.path("/admin/webhooks?failed=1")))
}

fn row(d: &Delivery) -> DeliveryRow {
    let seconds = |ms: i64| ms.div_euclid(1000);
    DeliveryRow {
        id: d.id,
        event: d.event_type.clone(),
        upload_id: d.upload_id,
        state: d.state.clone(),
        state_label: match d.state.as_str() {
            "pending" => "admin-delivery-pending",
            "delivered" => "admin-delivery-delivered",
            _ => "admin-delivery-failed",
        },
        attempts: d.attempts,
        last_answer: match (d.last_status, &d.last_error) {
            (_, Some(error)) => error.clone(),
            (Some(status), None) => format!("HTTP {status}"),
            (None, None) => String::new(),
        },
        when_human: human_time(seconds(d.created_at)),
        when_machine: machine_time(seconds(d.created_at)),
        next_human: (d.state == "pending").then(|| human_time(seconds(d.next_attempt_at))),
    }
}
