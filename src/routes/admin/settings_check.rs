//! "Settings check": what `upload-portal check` proves, on a page, in the operator's language.
//! It runs the very same checks (`check::run_checks`) each time the page is opened: a signed
//! read on the 23 site, a login to the mail server, a signed ping to the host site.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::chrome::AdminChrome;
use super::{Operator, no_store};
use crate::check::findings::SiteProblem;
use crate::check::{Finding, run_checks};
use crate::error::AppError;
use crate::page::{Layout, render_page};
use crate::state::AppState;

/// One check as the page shows it.
pub struct CheckRow {
    /// What was checked (a message id).
    pub subject: &'static str,
    /// `works`, `warning` or `fails`, for the badge and its class.
    pub verdict: &'static str,
    /// The result in plain words, already in the page's language.
    pub said: String,
    /// The other side's own words, as they wrote them.
    pub detail: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/settings_check.html")]
pub struct SettingsCheckPage {
    pub layout: Layout,
    pub admin: AdminChrome,
    pub rows: Vec<CheckRow>,
    pub all_work: bool,
}

pub async fn settings_check(
    _operator: Operator,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let found = run_checks(&state.checks).await;
    let layout = state.layout();
    let page = SettingsCheckPage {
        all_work: found.iter().all(Finding::works),
        rows: found.iter().map(|f| row(&layout, f)).collect(),
        layout,
        admin: AdminChrome::new(&state, "settings"),
    };
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

fn row(layout: &Layout, finding: &Finding) -> CheckRow {
    let (subject, said) = match finding {
        Finding::DatabaseOpens => (
            "admin-check-database",
            layout.t("admin-check-database-opens"),
        ),
        Finding::DatabaseFails(_) => (
            "admin-check-database",
            layout.t("admin-check-database-fails"),
        ),
        Finding::Sandbox => ("admin-check-site", layout.t("admin-check-sandbox")),
        Finding::SiteClient(_) => ("admin-check-site", layout.t("admin-check-site-client")),
        Finding::SiteAccepts { site } => (
            "admin-check-site",
            layout.t1("admin-check-site-accepts", "url", site),
        ),
        Finding::SiteRefuses { site, .. } => {
            let id = match finding.site_problem() {
                Some(SiteProblem::WrongCredentials) => "admin-check-site-credentials",
                Some(SiteProblem::Unreachable) => "admin-check-site-unreachable",
                Some(SiteProblem::TooSlow) => "admin-check-site-slow",
                _ => "admin-check-site-other",
            };
            ("admin-check-site", layout.t1(id, "url", site))
        }
        Finding::PlainHttpPublicUrl(_) => {
            ("admin-check-public-url", layout.t("admin-check-plain-http"))
        }
        Finding::Mail {
            address,
            login,
            problem,
        } => {
            let id = match (problem, login) {
                (Some(_), _) => "admin-check-mail-fails",
                (None, true) => "admin-check-mail-login",
                (None, false) => "admin-check-mail-answers",
            };
            ("admin-check-mail", layout.t1(id, "address", address))
        }
        Finding::Webhooks { answer, in_clear } => {
            let id = match (answer.is_ok(), in_clear) {
                (false, _) => "admin-check-webhooks-fails",
                (true, true) => "admin-check-webhooks-in-clear",
                (true, false) => "admin-check-webhooks-work",
            };
            ("admin-check-webhooks", layout.t(id))
        }
    };
    let verdict = match finding {
        f if !f.works() => "fails",
        Finding::PlainHttpPublicUrl(_) | Finding::Sandbox => "warning",
        Finding::Webhooks { in_clear: true, .. } => "warning",
        _ => "works",
    };
    CheckRow {
        subject,
        verdict,
        said,
        detail: finding.detail(),
    }
}
