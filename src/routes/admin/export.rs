//! `GET /admin/uploads.csv`: the filtered list, all pages of it, as CSV.
//!
//! Streamed a page at a time along the same id cursor as the HTML list, so a large export
//! neither holds every row in memory nor runs one long query.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use futures_util::stream;

use super::{AdminQuery, Operator, csv, no_store};
use crate::error::AppError;
use crate::page::machine_time;
use crate::state::AppState;
use crate::store::AdminFilter;
use crate::uploads::{Photo, Upload};

const BATCH: u32 = 500;

pub const HEADER: [&str; 10] = [
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
    let body = stream::unfold(Cursor::Header, move |cursor| {
        let state = state.clone();
        let filter = filter.clone();
        async move { next_chunk(&state, &filter, cursor).await }
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
    cursor: Cursor,
) -> Option<(Result<Bytes, actix_web::Error>, Cursor)> {
    let before = match cursor {
        Cursor::Done => return None,
        Cursor::Header => {
            return Some((Ok(Bytes::from(csv::record(&HEADER))), Cursor::Before(None)));
        }
        Cursor::Before(before) => before,
    };
    match state.store.admin_uploads(filter, before, BATCH).await {
        Ok(page) => {
            let chunk: String = page.items.iter().map(|(u, p)| row(u, p)).collect();
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

fn row(upload: &Upload, photos: &[Photo]) -> String {
    let photo_ids: Vec<String> = photos.iter().map(|p| p.photo_id.to_string()).collect();
    csv::record(&[
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
    ])
}
