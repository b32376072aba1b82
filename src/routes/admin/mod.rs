//! The operator's view behind `ADMIN_USERNAME`/`ADMIN_PASSWORD`: every upload across visitors,
//! the approval queue, campaigns and webhook deliveries, in one layout (`chrome`). Every form
//! that changes something passes `chrome::admin_form` (CSRF token and same-site origin); with no
//! credentials configured none of it exists.

pub mod answers;
pub mod api;
pub mod api_auth;
pub mod api_sessions;
pub mod approval;
pub mod auth;
pub mod campaign_form;
pub mod campaign_page;
pub mod campaigns;
pub mod chrome;
pub mod csv;
pub mod export;
pub mod qr;
pub mod settings_check;
pub mod uploads;
pub mod webhooks;

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::web;
use serde::{Deserialize, Serialize};

pub use auth::Operator;

use crate::error::AppError;
use crate::store::AdminFilter;
use crate::uploads::Status;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(uploads::admin_uploads))
        .route("/admin/uploads.csv", web::get().to(export::export_uploads))
        .route("/admin/webhooks", web::get().to(webhooks::admin_webhooks))
        .route(
            "/admin/settings",
            web::get().to(settings_check::settings_check),
        )
        .service(
            web::resource("/admin/approval")
                .route(web::get().to(approval::approval_queue))
                .route(web::post().to(approval::decide)),
        )
        .service(
            web::resource("/admin/campaigns")
                .app_data(web::PayloadConfig::new(campaigns::FORM_LIMIT))
                .route(web::get().to(campaigns::list_campaigns))
                .route(web::post().to(campaigns::create)),
        )
        .route(
            "/admin/campaigns/new",
            web::get().to(campaigns::new_campaign_form),
        )
        .service(
            web::resource("/admin/campaigns/{id}")
                .app_data(web::PayloadConfig::new(campaigns::FORM_LIMIT))
                .route(web::get().to(campaign_page::campaign_page))
                .route(web::post().to(campaign_page::update)),
        )
        .route(
            "/admin/campaigns/{id}/{action}",
            web::post().to(campaign_page::open_or_close),
        )
        .route(
            "/admin/api/users/{sub}/sign-out",
            web::post().to(api_sessions::sign_out_user),
        )
        .route(
            "/admin/webhooks/{id}/retry",
            web::post().to(webhooks::retry_webhook),
        )
        .configure(api::configure);
}

/// The filter as the page's form submits it (and its links repeat it).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AdminQuery {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// First day, `YYYY-MM-DD` (UTC).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// Last day, included, `YYYY-MM-DD` (UTC).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<i64>,
}

impl AdminQuery {
    pub fn filter(&self) -> Result<AdminFilter, AppError> {
        let status = match self.status.trim() {
            "" => None,
            s => Some(Status::parse(s).ok_or(AppError::BadRequest("There is no such status."))?),
        };
        Ok(AdminFilter {
            status,
            created_from: day_start(&self.from, 0)?,
            created_before: day_start(&self.to, 1)?,
            search: Some(self.q.trim().to_owned()).filter(|q| !q.is_empty()),
        })
    }

    /// This filter as a query string (with `?`), at another page; empty when there is nothing.
    pub fn link(&self, before: Option<i64>) -> String {
        let query = AdminQuery {
            before,
            ..self.clone()
        };
        match serde_urlencoded::to_string(&query) {
            Ok(s) if !s.is_empty() => format!("?{s}"),
            _ => String::new(),
        }
    }

    /// The same filter with another status (`""` for all), from the first page.
    pub fn with_status(&self, status: &str) -> AdminQuery {
        AdminQuery {
            status: status.to_owned(),
            before: None,
            ..self.clone()
        }
    }
}

/// Midnight UTC of `YYYY-MM-DD` plus `days_after` days, as epoch seconds; `None` if empty.
fn day_start(value: &str, days_after: i64) -> Result<Option<i64>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    // Month and day may drop their leading zero (`2026-2-3`), as people type them.
    let format =
        time::macros::format_description!("[year]-[month padding:none]-[day padding:none]");
    let date = time::Date::parse(value, format)
        .map_err(|_| AppError::BadRequest("Dates are written like 2026-11-27."))?;
    let start = date.midnight().assume_utc().unix_timestamp();
    Ok(Some(start + days_after * 86_400))
}

/// Operator pages must never be kept by a browser or a shared cache.
pub fn no_store(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_range_covers_whole_utc_days_with_the_last_day_included() {
        let query = AdminQuery {
            from: "2026-11-27".into(),
            to: "2026-11-27".into(),
            ..Default::default()
        };
        let filter = query.filter().unwrap();
        assert_eq!(filter.created_from, Some(1_795_737_600));
        assert_eq!(filter.created_before, Some(1_795_737_600 + 86_400));
    }

    #[test]
    fn malformed_dates_and_unknown_statuses_are_refused() {
        for (from, status) in [("27/11/2026", ""), ("2026-02-30", ""), ("", "lost")] {
            let query = AdminQuery {
                from: from.into(),
                status: status.into(),
                ..Default::default()
            };
            assert!(
                query.filter().is_err(),
                "{from:?} {status:?} should be refused"
            );
        }
    }

    #[test]
    fn links_repeat_the_filter_and_leave_out_empty_fields() {
        let query = AdminQuery {
            q: "a&b".into(),
            status: "failed".into(),
            ..Default::default()
        };
        assert_eq!(query.link(Some(7)), "?status=failed&q=a%26b&before=7");
        assert_eq!(AdminQuery::default().link(None), "");
        assert_eq!(query.with_status("").link(None), "?q=a%26b");
    }
}
