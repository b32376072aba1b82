//! Queries of the operator's view and of `/metrics` and `/readyz`: every upload across visitors.
//!
//! Filters are optional, so their SQL is assembled at run time, but only from the fixed fragments
//! in this file: every value the operator typed is bound as a parameter, never spliced in.

use anyhow::Context as _;
use sqlx::AssertSqlSafe;

use super::rows::{PhotoRow, UploadRow, parse_status, photo_columns, upload_columns};
use super::{Store, StoreResult, on_pool};
use crate::metrics::QueueSizes;
use crate::uploads::{Photo, Status, Upload};

/// Which uploads the operator is looking at. Empty means all of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AdminFilter {
    pub status: Option<Status>,
    /// Created at or after (epoch seconds).
    pub created_from: Option<i64>,
    /// Created strictly before (epoch seconds).
    pub created_before: Option<i64>,
    /// Part of a title (any case), or a photo id.
    pub search: Option<String>,
}

/// One page of the operator's list, newest first.
#[derive(Debug, Clone)]
pub struct AdminPage {
    pub uploads: Vec<(Upload, Vec<Photo>)>,
    /// Pass as `before` to get the next (older) page.
    pub older: Option<i64>,
}

/// A failed upload and 23's reason, for the "last errors" list.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct FailedUpload {
    pub id: i64,
    pub visitor_id: String,
    pub title: String,
    pub error_message: String,
    /// When the failure was recorded (epoch seconds).
    pub updated_at: i64,
}

enum Value {
    Int(i64),
    Text(String),
}

/// A WHERE clause under construction: fixed SQL text plus the values it binds, numbered
/// `$1, $2, …` in the order they are added (ascending order of first use, as both backends want).
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    /// Remembers `value` and returns its placeholder.
    fn param(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    /// ` WHERE a AND b`, or nothing.
    fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.sql.join(" AND "))
        }
    }

    /// The filter's conditions on `uploads u`; the status one only if `with_status`.
    fn of(filter: &AdminFilter, with_status: bool) -> Conditions {
        let mut c = Conditions::default();
        if let Some(status) = filter.status.filter(|_| with_status) {
            let p = c.param(Value::Text(status.as_str().into()));
            c.sql.push(format!("u.status = {p}"));
        }
        if let Some(from) = filter.created_from {
            let p = c.param(Value::Int(from));
            c.sql.push(format!("u.created_at >= {p}"));
        }
        if let Some(before) = filter.created_before {
            let p = c.param(Value::Int(before));
            c.sql.push(format!("u.created_at < {p}"));
        }
        if let Some(search) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let pattern = c.param(Value::Text(format!("%{}%", escape_like(search))));
            let title = format!("LOWER(u.title) LIKE LOWER({pattern}) ESCAPE '\\'");
            match search.parse::<i64>() {
                Ok(photo_id) => {
                    let p = c.param(Value::Int(photo_id));
                    c.sql.push(format!(
                        "({title} OR EXISTS (SELECT 1 FROM photos p WHERE p.upload_id = u.id AND p.photo_id = {p}))"
                    ));
                }
                Err(_) => c.sql.push(title),
            }
        }
        c
    }
}

/// Binds every value of a `Conditions` to a query, in order.
macro_rules! bind_values {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.clone()),
            };
        }
        query
    }};
}

/// `%`, `_` and the escape character itself match literally in a search.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Store {
    /// Uploads matching `filter`, newest first, `limit` at a time, older than `before` (an id).
    pub async fn admin_uploads(
        &self,
        filter: &AdminFilter,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<AdminPage> {
        let mut c = Conditions::of(filter, true);
        let before = c.param(Value::Int(before.unwrap_or(i64::MAX)));
        c.sql.push(format!("u.id < {before}"));
        let limit_param = c.param(Value::Int(i64::from(limit) + 1));
        let sql = format!(
            "SELECT {} FROM uploads u{} ORDER BY u.id DESC LIMIT {limit_param}",
            upload_columns!(),
            c.clause()
        );
        let rows: Vec<UploadRow> = on_pool!(self, |pool| {
            let query = sqlx::query_as(AssertSqlSafe(sql));
            bind_values!(query, &c.values).fetch_all(pool).await
        })
        .context("could not list uploads for the operator")?;
        let mut uploads: Vec<Upload> = rows
            .into_iter()
            .map(Upload::try_from)
            .collect::<anyhow::Result<_>>()?;
        let older = if uploads.len() > limit as usize {
            uploads.truncate(limit as usize);
            uploads.last().map(|u| u.id)
        } else {
            None
        };
        let mut photos = self.photos_of_uploads(&uploads).await?;
        let uploads = uploads
            .into_iter()
            .map(|u| {
                let (mine, rest) = photos.drain(..).partition(|p| p.upload_id == u.id);
                photos = rest;
                (u, mine)
            })
            .collect();
        Ok(AdminPage { uploads, older })
    }

    /// How many uploads match `filter` in each status (its own status filter ignored, so the
    /// counts show what choosing each status would give). Statuses with none are left out.
    pub async fn admin_status_counts(
        &self,
        filter: &AdminFilter,
    ) -> StoreResult<Vec<(Status, i64)>> {
        let c = Conditions::of(filter, false);
        let sql = format!(
            "SELECT u.status, COUNT(*) FROM uploads u{} GROUP BY u.status",
            c.clause()
        );
        let rows: Vec<(String, i64)> = on_pool!(self, |pool| {
            let query = sqlx::query_as(AssertSqlSafe(sql));
            bind_values!(query, &c.values).fetch_all(pool).await
        })
        .context("could not count uploads by status")?;
        let mut counts = Vec::new();
        for (status, n) in rows {
            counts.push((parse_status(&status)?, n));
        }
        counts.sort_by_key(|(status, _)| Status::ALL.iter().position(|s| s == status));
        Ok(counts)
    }

    /// The most recently failed uploads with 23's reasons, newest first.
    pub async fn recent_failures(&self, limit: u32) -> StoreResult<Vec<FailedUpload>> {
        let failures: Vec<FailedUpload> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, visitor_id, title, error_message, updated_at FROM uploads \
                 WHERE status = 'failed' AND error_message IS NOT NULL \
                 ORDER BY updated_at DESC, id DESC LIMIT $1",
            )
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
        })
        .context("could not list failed uploads")?;
        Ok(failures)
    }

    /// The background jobs' backlog, counted as they would claim it, and uploads by status.
    pub async fn queue_sizes(&self, now: i64, forget_after: i64) -> StoreResult<QueueSizes> {
        let uploads_due_for_reconcile: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM uploads WHERE status IN ('pending', 'unverified', 'expired') \
                   AND (next_check_at IS NULL OR next_check_at <= $1) AND valid_until > $2",
            )
            .bind(now)
            .bind(now - forget_after)
            .fetch_one(pool)
            .await
        })
        .context("could not count uploads due for reconciling")?;
        let videos_due_for_refresh: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM photos \
                 WHERE status = 'uploaded' AND (next_refresh_at IS NULL OR next_refresh_at <= $1)",
            )
            .bind(now)
            .fetch_one(pool)
            .await
        })
        .context("could not count videos due for refreshing")?;
        let uploads_by_status = self
            .admin_status_counts(&AdminFilter::default())
            .await?
            .into_iter()
            .map(|(status, n)| (status.as_str().to_owned(), n))
            .collect();
        Ok(QueueSizes {
            uploads_due_for_reconcile,
            videos_due_for_refresh,
            uploads_by_status,
        })
    }

    /// True when the database answers and both tables can be read: a reachable server with a
    /// broken schema cannot serve a single page, so it is not ready either.
    pub async fn is_ready(&self) -> bool {
        const SQL: &str = "SELECT (SELECT COUNT(*) FROM uploads WHERE id = 0) \
                                + (SELECT COUNT(*) FROM photos WHERE upload_id = 0)";
        on_pool!(self, |pool| sqlx::query_scalar::<_, i64>(SQL)
            .fetch_one(pool)
            .await
            .is_ok())
    }

    /// The videos of these uploads, in one query.
    async fn photos_of_uploads(&self, uploads: &[Upload]) -> StoreResult<Vec<Photo>> {
        if uploads.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = Conditions::default();
        let placeholders: Vec<String> = uploads.iter().map(|u| c.param(Value::Int(u.id))).collect();
        let sql = format!(
            "SELECT {} FROM photos p WHERE p.upload_id IN ({}) ORDER BY p.photo_id",
            photo_columns!(),
            placeholders.join(", ")
        );
        let rows: Vec<PhotoRow> = on_pool!(self, |pool| {
            let query = sqlx::query_as(AssertSqlSafe(sql));
            bind_values!(query, &c.values).fetch_all(pool).await
        })
        .context("could not read the videos of the operator's list")?;
        Ok(rows
            .into_iter()
            .map(Photo::try_from)
            .collect::<anyhow::Result<_>>()?)
    }
}

#[cfg(test)]
#[path = "admin_tests.rs"]
mod tests;
