//! Recently read history pages, kept by the version of the visitor's change marker.
//!
//! A history is read far more often than it changes (reloads, tabs left open, the way back from
//! the send page). The marker (`marks.rs`) is bumped by database triggers on every write the page
//! shows, by any instance, and never goes back; so a page read at version `v` is still the page
//! while the marker says `v`, and reading the marker (one indexed row) is all a repeat view costs
//! the database. Each instance keeps its own small cache; the marker is what they share.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{Store, StoreResult, UploadsPage};

/// Pages kept per instance. Few: repeat views are answered from the rendered pages
/// (`page::RenderedPages`) before this is asked; this serves a kept page whose token ran out
/// (same data, different rendering).
const CAPACITY: usize = 16;

/// Who, at which marker version, which page, how many.
type Key = (String, i64, Option<i64>, u32);

#[derive(Debug, Default)]
pub(super) struct HistoryCache {
    pages: Mutex<Pages>,
}

#[derive(Debug, Default)]
struct Pages {
    by_key: HashMap<Key, (Arc<UploadsPage>, u64)>,
    /// Grows with every use; the entry used longest ago goes first when the cache is full.
    clock: u64,
}

impl HistoryCache {
    fn get(&self, key: &Key) -> Option<Arc<UploadsPage>> {
        let mut pages = self.pages.lock().ok()?;
        pages.clock += 1;
        let now = pages.clock;
        let (page, used) = pages.by_key.get_mut(key)?;
        *used = now;
        Some(page.clone())
    }

    fn put(&self, key: Key, page: Arc<UploadsPage>) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        // A visitor's older versions are dead: drop them with the new one's arrival.
        pages
            .by_key
            .retain(|(visitor, version, ..), _| visitor != &key.0 || *version >= key.1);
        if pages.by_key.len() >= CAPACITY {
            let oldest = pages
                .by_key
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                pages.by_key.remove(&oldest);
            }
        }
        pages.clock += 1;
        let now = pages.clock;
        pages.by_key.insert(key, (page, now));
    }
}

impl Store {
    /// `history`, for a caller that has just read the visitor's marker as `version` (read it
    /// first: a change committed in between lands in the page read here, under the older
    /// version, and the next version's request reads again).
    pub async fn history_at(
        &self,
        visitor_id: &str,
        version: i64,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Arc<UploadsPage>> {
        let key = (visitor_id.to_owned(), version, before, limit);
        if let Some(page) = self.history_cache.get(&key) {
            return Ok(page);
        }
        let page = Arc::new(self.history(visitor_id, before, limit).await?);
        self.history_cache.put(key, page.clone());
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::{fresh_store, new_upload};
    use crate::uploads::now;

    #[tokio::test]
    async fn a_page_is_read_again_only_when_the_marker_has_moved() {
        let (store, _db) = fresh_store().await;
        store
            .insert_upload(&new_upload(1, now() + 3600))
            .await
            .unwrap();
        let first = store.history_version("alice").await.unwrap();
        let page = store.history_at("alice", first, None, 50).await.unwrap();
        assert_eq!(page.items.len(), 1);

        store
            .insert_upload(&new_upload(2, now() + 3600))
            .await
            .unwrap();
        let second = store.history_version("alice").await.unwrap();
        assert!(second > first);
        // Asked at the old version, the cache answers with what it read then: no query was made.
        let cached = store.history_at("alice", first, None, 50).await.unwrap();
        assert_eq!(cached.items.len(), 1);
        // At the marker's new version the page is read again and shows the new upload.
        let fresh = store.history_at("alice", second, None, 50).await.unwrap();
        assert_eq!(fresh.items.len(), 2);
        assert_eq!(fresh.items[0].0.metadata.title, "Video 2");
    }

    #[tokio::test]
    async fn a_visitor_never_gets_another_visitors_cached_page() {
        let (store, _db) = fresh_store().await;
        store
            .insert_upload(&new_upload(1, now() + 3600))
            .await
            .unwrap();
        let version = store.history_version("alice").await.unwrap();
        store.history_at("alice", version, None, 50).await.unwrap();
        let other = store.history_at("frank", version, None, 50).await.unwrap();
        assert!(other.items.is_empty());
    }
}
