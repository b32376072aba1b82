//! `GET /admin`: every upload across visitors, filtered, with counts and the last errors.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::answers::{AnswersView, answers_by_upload};
use super::chrome::AdminChrome;
use super::{AdminQuery, Operator, no_store};
use crate::error::AppError;
use crate::page::{Layout, human_time, machine_time, render_page};
use crate::state::AppState;
use crate::uploads::{Photo, Status, Upload};

const PAGE_SIZE: u32 = 50;
const FAILURES_SHOWN: u32 = 10;

/// One status choice above the list: how many it holds, and the link that picks it.
pub struct StatusChoice {
    pub label: String,
    pub value: &'static str,
    pub count: i64,
    pub link: String,
    pub chosen: bool,
}

pub struct Row {
    pub id: i64,
    pub created_human: String,
    pub created_machine: String,
    pub status: Status,
    pub title: String,
    pub visitor: String,
    pub photos: Vec<(i64, Option<String>)>,
    pub error_message: Option<String>,
    /// Its campaign, answers and consent, when it has any.
    pub answers: Option<AnswersView>,
}

pub struct FailureRow {
    pub id: i64,
    pub title: String,
    pub reason: String,
    pub when_human: String,
    pub when_machine: String,
}

#[derive(Template)]
#[template(path = "admin/uploads.html")]
pub struct AdminUploadsPage {
    pub layout: Layout,
    pub admin: AdminChrome,
    pub query: AdminQuery,
    pub statuses: Vec<StatusChoice>,
    pub rows: Vec<Row>,
    pub first_page: Option<String>,
    pub older: Option<String>,
    pub csv_link: String,
    pub failures: Vec<FailureRow>,
}

pub async fn admin_uploads(
    _operator: Operator,
    state: web::Data<AppState>,
    query: web::Query<AdminQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filter = query.filter()?;
    let page = state
        .store
        .admin_uploads(&filter, query.before, PAGE_SIZE)
        .await?;
    let counts = state.store.admin_status_counts(&filter).await?;
    let failures = state.store.recent_failures(FAILURES_SHOWN).await?;
    let ids: Vec<i64> = page.items.iter().map(|(u, _)| u.id).collect();
    let mut answers = answers_by_upload(&state, &ids).await?;

    let count_of = |status: Status| {
        counts
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    };
    let layout = state.layout();
    let mut statuses = vec![StatusChoice {
        label: layout.t("admin-uploads-all"),
        value: "",
        count: counts.iter().map(|(_, n)| n).sum(),
        link: query.with_status("").link(None),
        chosen: filter.status.is_none(),
    }];
    statuses.extend(Status::ALL.into_iter().map(|status| StatusChoice {
        label: layout.status(status.as_str()),
        value: status.as_str(),
        count: count_of(status),
        link: query.with_status(status.as_str()).link(None),
        chosen: filter.status == Some(status),
    }));
    let admin = state.path("/admin");
    let page = AdminUploadsPage {
        layout,
        admin: AdminChrome::new(&state, "uploads"),
        statuses,
        rows: page
            .items
            .iter()
            .map(|(u, p)| row(u, p, answers.remove(&u.id)))
            .collect(),
        first_page: query.before.map(|_| format!("{admin}{}", query.link(None))),
        older: page
            .older
            .map(|older| format!("{admin}{}", query.link(Some(older)))),
        csv_link: format!("{}{}", state.path("/admin/uploads.csv"), query.link(None)),
        failures: failures
            .into_iter()
            .map(|f| FailureRow {
                id: f.id,
                title: f.title,
                reason: f.error_message,
                when_human: human_time(f.updated_at),
                when_machine: machine_time(f.updated_at),
            })
            .collect(),
        query,
    };
    Ok(no_store(render_page(StatusCode::OK, &page)))
}

fn row(upload: &Upload, photos: &[Photo], answers: Option<AnswersView>) -> Row {
    Row {
        id: upload.id,
        created_human: human_time(upload.created_at),
        created_machine: machine_time(upload.created_at),
        status: upload.status,
        title: upload.metadata.title.clone(),
        visitor: upload.visitor_id.clone(),
        photos: photos
            .iter()
            .map(|p| (p.photo_id, p.video_url.clone()))
            .collect(),
        error_message: upload.error_message.clone(),
        answers,
    }
}
