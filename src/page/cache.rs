//! Rendered pages kept under a key their caller vouches for, until a moment they stop being true.
//!
//! The history page is the one user: its key holds the visitor's change marker (bumped by the
//! database on every write the page shows, by any instance), the CSRF token its forms carry, the
//! language and the page; its deadline is the first upload token on it to run out (the page reads
//! differently from then on without any write). A reload, a second tab or the way back from the
//! send page then costs one marker read and no query or rendering.

use std::sync::Mutex;

use actix_web::web::Bytes;

use super::recent::Recent;

/// Pages kept per instance: a history page is some tens of KiB, so this stays around 1 MiB.
const CAPACITY: usize = 32;

#[derive(Debug, Default)]
pub struct RenderedPages {
    /// The HTML (shared with every response that sends it, never copied) and the last second it
    /// is true.
    pages: Mutex<Recent<(Bytes, i64), CAPACITY>>,
}

impl RenderedPages {
    /// The page kept under `key`, if it is still true at `now` (epoch seconds).
    pub fn get(&self, key: &str, now: i64) -> Option<Bytes> {
        let mut pages = self.pages.lock().ok()?;
        let (html, good_until) = pages.get(key)?;
        if now > *good_until {
            pages.remove(key);
            return None;
        }
        Some(html.clone())
    }

    /// Keeps `html` under `key` until `good_until` (inclusive), forgetting the page used longest
    /// ago when full.
    pub fn put(&self, key: String, html: Bytes, good_until: i64) {
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(key, (html, good_until));
        }
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
