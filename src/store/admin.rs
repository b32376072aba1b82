//! Queries of the operator's view: every upload across visitors.
//!
//! Filters are optional, so their SQL is assembled at run time (see `conditions.rs`), but only
//! from the fixed fragments in this file: every value the operator typed is bound as a parameter.

use anyhow::Context as _;
use sqlx::AssertSqlSafe;

use super::conditions::{Conditions, Value, bind_values};
use super::rows::{UploadRow, parse_status, upload_columns};
use super::{Store, StoreResult, UploadsPage, on_pool};
use crate::uploads::Status;

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

impl AdminFilter {
    /// The filter's conditions on `uploads u`; the status one only if `with_status`.
    fn conditions(&self, with_status: bool) -> Conditions {
        let mut c = Conditions::default();
        if let Some(status) = self.status.filter(|_| with_status) {
            let p = c.param(Value::Text(status.as_str().into()));
            c.sql.push(format!("u.status = {p}"));
        }
        if let Some(from) = self.created_from {
            let p = c.param(Value::Int(from));
            c.sql.push(format!("u.created_at >= {p}"));
        }
        if let Some(before) = self.created_before {
            let p = c.param(Value::Int(before));
            c.sql.push(format!("u.created_at < {p}"));
        }
        if let Some(search) = self
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
    ) -> StoreResult<UploadsPage> {
        let mut c = filter.conditions(true);
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
        self.uploads_page(rows, limit).await
    }

    /// How many uploads match `filter` in each status (its own status filter ignored, so the
    /// counts show what choosing each status would give). Statuses with none are left out.
    pub async fn admin_status_counts(
        &self,
        filter: &AdminFilter,
    ) -> StoreResult<Vec<(Status, i64)>> {
        let c = filter.conditions(false);
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
}

#[cfg(test)]
#[path = "admin_tests.rs"]
mod tests;
