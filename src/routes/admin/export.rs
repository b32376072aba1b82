//! `GET /admin/uploads.csv`: the filtered list, all pages of it, as CSV.
//!
//! Streamed a page at a time along the same id cursor as the HTML list, so a large export
//! neither holds every row in memory nor runs one long query. After the upload's own columns
//! come its campaign, answers and consent (`answers::csv_cells`), formula-guarded like the rest.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use futures_util::stream;

use std::collections::HashMap;

use super::answers::{campaign_names, csv_cells};
use super::{AdminQuery, Operator, csv, no_store};
use crate::error::AppError;
use crate::page::machine_time;
use crate::state::AppState;
use crate::store::{AdminFilter, UploadAnswers};
use crate::uploads::{Photo, Upload};

const BATCH: u32 = 500;

pub const HEADER: [&str; 15] = [
    "id",
    "created_at",
    "status",
    "title",
    "description",
    "tags",
    "visitor",
    "photo_ids",
    "error_message",
    "valid_until",
    "campaign",
    "answers",
    "consent_version",
    "consent_at",
    "consent_visitor",
];

/// Where the export stands between two batches.
enum Cursor {
    Header,
    Before(Option<i64>),
    Done,
}

pub async fn export_uploads(
    _operator: Operator,
    state: web::Data<AppState>,
    query: web::Query<AdminQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = query.filter()?;
    let names = std::sync::Arc::new(campaign_names(&state).await?);
    let body = stream::unfold(Cursor::Header, move |cursor| {
        let state = state.clone();
        let filter = filter.clone();
        let names = names.clone();
        async move { next_chunk(&state, &filter, &names, cursor).await }
    });
    Ok(no_store(
        HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
            .insert_header((CONTENT_DISPOSITION, "attachment; filename=\"uploads.csv\""))
            .streaming(body),
    ))
}

async fn next_chunk(
    state: &AppState,
    filter: &AdminFilter,
    names: &HashMap<i64, String>,
    cursor: Cursor,
) -> Option<(Result<Bytes, actix_web::Error>, Cursor)> {
    let before = match cursor {
        Cursor::Done => return None,
        Cursor::Header => {
            return Some((Ok(Bytes::from(csv::record(&HEADER))), Cursor::Before(None)));
        }
        Cursor::Before(before) => before,
    };
    let batch = async {
        let page = state.store.admin_uploads(filter, before, BATCH).await?;
        let ids: Vec<i64> = page.items.iter().map(|(u, _)| u.id).collect();
        let answers = state.store.answers_of(&ids).await?;
        Ok::<_, crate::store::StoreError>((page, answers))
    };
    match batch.await {
        Ok((page, answers)) => {
            let chunk: String = page
                .items
                .iter()
                .map(|(u, p)| row(u, p, answers.get(&u.id), names))
                .collect();
            let next = match page.older {
                Some(older) => Cursor::Before(Some(older)),
                None => Cursor::Done,
            };
            Some((Ok(Bytes::from(chunk)), next))
        }
        Err(error) => {
            // The status line is already sent; cutting the body short is the only signal left.
            tracing::error!(%error, "the CSV export stopped early");
            let error = actix_web::error::ErrorServiceUnavailable("the export stopped early");
            Some((Err(error), Cursor::Done))
        }
    }
}

fn row(
    upload: &Upload,
    photos: &[Photo],
    answers: Option<&UploadAnswers>,
    names: &HashMap<i64, String>,
) -> String {
    let photo_ids: Vec<String> = photos.iter().map(|p| p.photo_id.to_string()).collect();
    let mut cells = vec![
        upload.id.to_string(),
        machine_time(upload.created_at),
        upload.status.as_str().to_owned(),
        upload.metadata.title.clone(),
        upload.metadata.description.clone(),
        upload.metadata.tags.clone(),
        upload.visitor_id.clone(),
        photo_ids.join(" "),
        upload.error_message.clone().unwrap_or_default(),
        machine_time(upload.valid_until),
    ];
    cells.extend(csv_cells(answers, names));
    csv::record(&cells)
}
