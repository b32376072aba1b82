//! Rendered pages kept under a key their caller vouches for, until a moment they stop being true.
//!
//! The history page is the one user: its key holds the visitor's change marker (bumped by the
//! database on every write the page shows, by any instance), the CSRF token its forms carry, the
//! language and the page; its deadline is the first upload token on it to run out (the page reads
//! differently from then on without any write). A reload, a second tab or the way back from the
//! send page then costs one marker read and no query or rendering.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;

/// Pages kept per instance: a history page is some tens of KiB, so this stays around 1 MiB.
const CAPACITY: usize = 32;

#[derive(Debug, Default)]
pub struct RenderedPages {
    pages: Mutex<Pages>,
}

#[derive(Debug, Default)]
struct Pages {
    /// The HTML (shared with every response that sends it, never copied), the last second it is
    /// true, and when it was last used.
    by_key: HashMap<String, (Bytes, i64, u64)>,
    clock: u64,
}

impl RenderedPages {
    /// The page kept under `key`, if it is still true at `now` (epoch seconds).
    pub fn get(&self, key: &str, now: i64) -> Option<Bytes> {
        let mut pages = self.pages.lock().ok()?;
        pages.clock += 1;
        let clock = pages.clock;
        let (html, good_until, used) = pages.by_key.get_mut(key)?;
        if now > *good_until {
            pages.by_key.remove(key);
            return None;
        }
        *used = clock;
        Some(html.clone())
    }

    /// Keeps `html` under `key` until `good_until` (inclusive), forgetting the page used longest
    /// ago when full.
    pub fn put(&self, key: String, html: Bytes, good_until: i64) {
        let Ok(mut pages) = self.pages.lock() else {
            return;
        };
        if pages.by_key.len() >= CAPACITY && !pages.by_key.contains_key(&key) {
            let oldest = pages
                .by_key
                .iter()
                .min_by_key(|(_, (_, _, used))| *used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                pages.by_key.remove(&oldest);
            }
        }
        pages.clock += 1;
        let clock = pages.clock;
        pages.by_key.insert(key, (html, good_until, clock));
    }
}

#[cfg(test)]
mod tests {
    use super::{Bytes, CAPACITY, RenderedPages};

    #[test]
    fn a_page_is_kept_until_its_deadline_and_not_a_second_longer() {
        let pages = RenderedPages::default();
        pages.put("k".into(), Bytes::from_static(b"<p>page</p>"), 100);
        assert_eq!(pages.get("k", 100).as_deref(), Some(&b"<p>page</p>"[..]));
        assert_eq!(pages.get("k", 101), None);
        assert_eq!(pages.get("k", 50), None, "an outdated page is forgotten");
        assert_eq!(pages.get("other", 50), None);
    }

    #[test]
    fn when_full_the_page_used_longest_ago_goes_first() {
        let pages = RenderedPages::default();
        for i in 0..CAPACITY {
            pages.put(format!("k{i}"), Bytes::from_static(b"x"), i64::MAX);
        }
        assert!(
            pages.get("k0", 0).is_some(),
            "k0 is used again, so k1 is now the oldest"
        );
        pages.put("new".into(), Bytes::from_static(b"y"), i64::MAX);
        assert!(pages.get("k1", 0).is_none());
        assert!(pages.get("k0", 0).is_some());
        assert!(pages.get("new", 0).is_some());
    }
}
