//! The per-visitor change marker: any instance tells "has this visitor's history changed?" with
//! one indexed read. Database triggers (migration `…_history_marks`) bump it on every write the
//! history shows, so no code path, job or instance can change a history and leave it behind.
//! The same triggers note which uploads each version was about (`history_changes`, the last
//! 64 versions), so a page kept at an older version can be brought up to date row by row.

use anyhow::Context as _;

use super::{Store, StoreResult, on_pool};

/// A history's version, and what changed since an earlier one.
#[derive(Debug, PartialEq)]
pub struct HistorySince {
    pub version: i64,
    /// The uploads written after the earlier version up to `version`, each once; `None` when no
    /// earlier version was given, or when the log no longer holds every version in between.
    pub changed: Option<Vec<i64>>,
}

impl Store {
    /// The version of the visitor's history: 0 before their first upload, then growing with every
    /// change the page would show (never with a job's bookkeeping).
    pub async fn history_version(&self, visitor_id: &str) -> StoreResult<i64> {
        Ok(self.history_since(visitor_id, None).await?.version)
    }

    /// The version of the visitor's history and, given the version of a page kept earlier, which
    /// uploads changed since: one statement, so the page's validator and what to render again
    /// cost one read together (and agree: both come from the same snapshot).
    pub async fn history_since(
        &self,
        visitor_id: &str,
        since: Option<i64>,
    ) -> StoreResult<HistorySince> {
        let rows: Vec<(i64, Option<i64>, Option<i64>)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT m.version, c.version, c.upload_id FROM history_marks m \
             LEFT JOIN history_changes c ON c.visitor_id = m.visitor_id AND c.version > $2 \
             WHERE m.visitor_id = $1"
        )
        .bind(visitor_id)
        .bind(since.unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await)
        .context("could not read the history's change marker")?;
        let version = rows.first().map_or(0, |(version, _, _)| *version);
        let changed = since.filter(|since| *since <= version).and_then(|since| {
            let mut versions: Vec<i64> = rows.iter().filter_map(|(_, v, _)| *v).collect();
            versions.sort_unstable();
            versions.dedup();
            let mut ids: Vec<i64> = rows.iter().filter_map(|(_, _, id)| *id).collect();
            ids.sort_unstable();
            ids.dedup();
            (versions.len() as i64 == version - since).then_some(ids)
        });
        Ok(HistorySince { version, changed })
    }
}

#[cfg(test)]
#[path = "marks_tests.rs"]
mod tests;
