//! A list page kept as its rendered rows, so that after a change only the changed rows are
//! rendered again (issue 23 §2: the first history view after an upload changes).
//!
//! The history is the one user: its first page, newest first, one row per upload. The key is
//! the caller's (visitor, CSRF token, language); the list remembers the change marker's version
//! it was read at, and the database's change log says which rows moved since.

use std::sync::{Arc, Mutex};

use super::recent::Recent;

/// Lists kept per instance: a history's first page is some tens of KiB of rows, so this stays
/// within a few MiB.
const CAPACITY: usize = 64;

/// One rendered row: an upload's entries as HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptRow {
    /// The row's id (the upload's): the list is newest first, highest id first.
    pub id: i64,
    pub html: Arc<str>,
    /// The last second the row reads like this without any write (a token running out).
    pub good_until: i64,
}

/// The first page of a list as rendered at one version of its change marker.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptList {
    pub version: i64,
    pub rows: Vec<KeptRow>,
    /// The id to pass as `before` for the next page; `None` when this page is all there is.
    pub older: Option<i64>,
}

impl KeptList {
    /// Rows whose time ran out at `now`: they must be read again like changed ones.
    pub fn outdated(&self, now: i64) -> impl Iterator<Item = i64> + '_ {
        self.rows
            .iter()
            .filter(move |row| row.good_until < now)
            .map(|row| row.id)
    }

    /// This list at `version`, where `changed` names every row that may differ and `fresh` holds
    /// those of them still on the list, rendered anew. `None` when the page cannot be told from
    /// what is here: a row left a page that has older pages behind it (the next row is unknown).
    pub fn with_changes(
        &self,
        version: i64,
        changed: &[i64],
        fresh: Vec<KeptRow>,
        limit: usize,
    ) -> Option<KeptList> {
        let last_kept = self.rows.last().map(|row| row.id);
        let mut rows: Vec<KeptRow> = self
            .rows
            .iter()
            .filter(|row| !changed.contains(&row.id))
            .cloned()
            .collect();
        // A row older than this page's last one, with older pages behind it, is on a later page.
        let on_this_page =
            |row: &KeptRow| self.older.is_none() || last_kept.is_some_and(|last| row.id >= last);
        rows.extend(fresh.into_iter().filter(on_this_page));
        rows.sort_unstable_by_key(|row| std::cmp::Reverse(row.id));
        if self.older.is_some() && rows.len() < limit {
            return None;
        }
        let truncated = rows.len() > limit;
        rows.truncate(limit);
        let older = if self.older.is_some() || truncated {
            rows.last().map(|row| row.id)
        } else {
            None
        };
        Some(KeptList {
            version,
            rows,
            older,
        })
    }
}

#[derive(Debug, Default)]
pub struct RenderedRows {
    lists: Mutex<Recent<Arc<KeptList>, CAPACITY>>,
}

impl RenderedRows {
    pub fn get(&self, key: &str) -> Option<Arc<KeptList>> {
        self.lists.lock().ok()?.get(key).cloned()
    }

    /// Keeps `list` under `key` unless a newer version is kept there already (another request
    /// got further), forgetting the list used longest ago when full.
    pub fn put(&self, key: String, list: Arc<KeptList>) {
        let Ok(mut lists) = self.lists.lock() else {
            return;
        };
        if lists
            .peek(&key)
            .is_some_and(|kept| kept.version > list.version)
        {
            return;
        }
        lists.insert(key, list);
    }
}

#[cfg(test)]
#[path = "kept_rows_tests.rs"]
mod tests;
