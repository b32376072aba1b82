//! The sandbox's in-memory site: upload tokens, photos, seen nonces and test switches.
//!
//! Everything lives behind one mutex; every operation on it is short and never awaits, so a
//! plain `std::sync::Mutex` is enough.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// An upload token as get-upload-token stored it.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxToken {
    pub upload_token: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub publish: bool,
    pub album_id: String,
    pub user_id: String,
    pub return_url: Option<String>,
    pub background_return: bool,
    /// Unknown parameters of get-upload-token, echoed in the callback in the order received.
    pub extra_params: Vec<(String, String)>,
    pub max_uploads: u32,
    pub uses_left: u32,
    pub valid_minutes: u32,
    pub valid_until: SystemTime,
}

impl SandboxToken {
    pub fn is_usable(&self, now: SystemTime) -> bool {
        self.uses_left > 0 && now < self.valid_until
    }
}

/// One photo/list call, as the sandbox saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListCall {
    pub at: SystemTime,
    pub upload_token: Option<String>,
    pub photo_id: Option<i64>,
}

/// One photo/update or photo/delete call that passed the signature check, as the sandbox saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoCall {
    pub at: SystemTime,
    /// `/api/photo/update` or `/api/photo/delete`.
    pub endpoint: &'static str,
    /// `anonymous` when unsigned, else the credentials' level.
    pub permission_level: super::PermissionLevel,
    pub photo_id: Option<i64>,
    /// Every parameter but the `oauth_*` ones, in the order received.
    pub params: Vec<(String, String)>,
}

impl PhotoCall {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One uploaded video (23 calls every object a "photo").
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxPhoto {
    pub photo_id: i64,
    pub tree_id: i64,
    pub token: String,
    pub upload_token: String,
    pub title: String,
    pub description: String,
    pub tags: String,
    pub album_id: String,
    pub user_id: String,
    pub published: bool,
    pub size: u64,
    pub original_filename: String,
    pub content_type: String,
    pub kind: MediaKind,
    pub stored_at: PathBuf,
    /// False once the file was let go to keep the store below its cap (`store_max`).
    pub file_kept: bool,
    /// The `resumableIdentifier` it was assembled from, if it came in chunks.
    pub resumable_identifier: Option<String>,
    /// Seconds it plays, as its container says (`duration`); reported once encoded.
    pub length: Option<f64>,
    pub created_at: SystemTime,
    /// When it counts as encoded; `encoded` is this compared with the time of the snapshot.
    pub encoded_at: SystemTime,
    pub encoded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Video,
    Audio,
    Image,
}

/// A resumable upload in progress, keyed by (upload token, resumableIdentifier).
#[derive(Debug)]
pub struct ChunkedUpload {
    pub chunk_size: u64,
    pub total_size: u64,
    pub received: HashSet<u64>,
    /// Set by the request that found the last missing chunk, so only one request assembles.
    pub assembling: bool,
}

#[derive(Debug)]
pub struct State {
    pub tokens: HashMap<String, SandboxToken>,
    pub photos: Vec<SandboxPhoto>,
    pub next_photo_id: i64,
    /// (consumer key, token, nonce) → when it was seen; pruned once outside the timestamp window.
    pub seen_nonces: HashMap<(String, String, String), SystemTime>,
    pub chunked_uploads: HashMap<(String, String), ChunkedUpload>,
    pub failing_chunks: Option<(u32, u16)>,
    pub list_calls: Vec<ListCall>,
    pub photo_calls: Vec<PhotoCall>,
    /// How many photo/update or photo/delete calls still answer HTTP 503 (a failing site).
    pub failing_photo_edits: u32,
    /// Every chunk stored, in arrival order, so a test can tell a chunk sent twice.
    pub chunk_arrivals: Vec<ChunkArrival>,
}

/// One chunk the sandbox stored: which file (`resumableIdentifier`) and which chunk of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkArrival {
    pub identifier: String,
    pub number: u64,
}

/// 23 photo ids are plain increasing integers; starting above zero makes them look like ids.
const FIRST_PHOTO_ID: i64 = 1000;

impl State {
    pub fn new() -> Self {
        Self {
            tokens: HashMap::new(),
            photos: Vec::new(),
            next_photo_id: FIRST_PHOTO_ID,
            seen_nonces: HashMap::new(),
            chunked_uploads: HashMap::new(),
            failing_chunks: None,
            list_calls: Vec::new(),
            photo_calls: Vec::new(),
            failing_photo_edits: 0,
            chunk_arrivals: Vec::new(),
        }
    }

    /// Records a nonce; false when it was already used inside `window`.
    pub fn remember_nonce(
        &mut self,
        key: (String, String, String),
        now: SystemTime,
        window: Duration,
    ) -> bool {
        self.seen_nonces
            .retain(|_, seen| now.duration_since(*seen).unwrap_or_default() <= window);
        match self.seen_nonces.entry(key) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(now);
                true
            }
        }
    }

    /// Takes one use of a usable token; `None` if it is unknown, used up or expired.
    pub fn take_token_use(&mut self, upload_token: &str, now: SystemTime) -> Option<SandboxToken> {
        let token = self.tokens.get_mut(upload_token)?;
        if !token.is_usable(now) {
            return None;
        }
        token.uses_left -= 1;
        Some(token.clone())
    }

    pub fn usable_token(&self, upload_token: &str, now: SystemTime) -> Option<&SandboxToken> {
        self.tokens
            .get(upload_token)
            .filter(|token| token.is_usable(now))
    }

    /// Logs a stored chunk, keeping the recent past only (a long-running sandbox stays small).
    pub fn log_chunk(&mut self, identifier: &str, number: u64) {
        if self.chunk_arrivals.len() >= 100_000 {
            self.chunk_arrivals.drain(..50_000);
        }
        self.chunk_arrivals.push(ChunkArrival {
            identifier: identifier.to_owned(),
            number,
        });
    }

    /// Consumes one pending failure set by `fail_next_chunks`, returning the status to answer.
    pub fn take_chunk_failure(&mut self) -> Option<u16> {
        let (count, status) = self.failing_chunks?;
        self.failing_chunks = (count > 1).then(|| (count - 1, status));
        Some(status)
    }

    pub fn allocate_photo_id(&mut self) -> i64 {
        let id = self.next_photo_id;
        self.next_photo_id += 1;
        id
    }

    /// Marks the oldest stored files as gone until those kept add up to at most `cap` bytes (the
    /// newest is always kept); returns the files to delete.
    pub fn let_oldest_files_go(&mut self, cap: u64) -> Vec<PathBuf> {
        let mut kept: u64 = self
            .photos
            .iter()
            .filter(|p| p.file_kept)
            .map(|p| p.size)
            .sum();
        let mut dropped = Vec::new();
        let older = self.photos.len().saturating_sub(1);
        for photo in self.photos[..older].iter_mut().filter(|p| p.file_kept) {
            if kept <= cap {
                break;
            }
            kept -= photo.size;
            photo.file_kept = false;
            tracing::info!(
                photo_id = photo.photo_id,
                size = photo.size,
                "the sandbox let an old file go to stay below its store cap"
            );
            dropped.push(std::mem::take(&mut photo.stored_at));
        }
        dropped
    }

    pub fn snapshot_photo(photo: &SandboxPhoto, now: SystemTime) -> SandboxPhoto {
        SandboxPhoto {
            encoded: now >= photo.encoded_at,
            ..photo.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nonce(n: &str) -> (String, String, String) {
        ("key".into(), "token".into(), n.into())
    }

    #[test]
    fn a_nonce_is_accepted_once_and_refused_when_replayed() {
        let mut state = State::new();
        let now = SystemTime::now();
        let window = Duration::from_secs(600);
        assert!(state.remember_nonce(nonce("a"), now, window));
        assert!(!state.remember_nonce(nonce("a"), now, window));
        assert!(state.remember_nonce(nonce("b"), now, window));
    }

    #[test]
    fn nonces_older_than_the_window_are_forgotten() {
        let mut state = State::new();
        let then = SystemTime::now();
        let window = Duration::from_secs(600);
        state.remember_nonce(nonce("a"), then, window);
        let later = then + Duration::from_secs(601);
        state.remember_nonce(nonce("b"), later, window);
        assert_eq!(state.seen_nonces.len(), 1);
    }

    fn stored(state: &mut State, size: u64) {
        let photo_id = state.allocate_photo_id();
        let now = SystemTime::now();
        state.photos.push(SandboxPhoto {
            photo_id,
            tree_id: 1,
            token: String::new(),
            upload_token: String::new(),
            title: String::new(),
            description: String::new(),
            tags: String::new(),
            album_id: String::new(),
            user_id: String::new(),
            published: false,
            size,
            original_filename: String::new(),
            content_type: String::new(),
            kind: MediaKind::Video,
            stored_at: PathBuf::from(format!("/tmp/{photo_id}")),
            file_kept: true,
            resumable_identifier: None,
            length: None,
            created_at: now,
            encoded_at: now,
            encoded: false,
        });
    }

    fn kept(state: &State) -> Vec<bool> {
        state.photos.iter().map(|p| p.file_kept).collect()
    }

    #[test]
    fn the_oldest_files_go_until_the_kept_ones_fit_the_cap() {
        let mut state = State::new();
        for size in [40, 30, 20] {
            stored(&mut state, size);
        }
        assert!(state.let_oldest_files_go(100).is_empty(), "90 fits in 100");
        stored(&mut state, 50);
        let gone = state.let_oldest_files_go(100);
        assert_eq!(gone, [PathBuf::from("/tmp/1000")], "140 - 40 = 100 fits");
        assert_eq!(kept(&state), [false, true, true, true]);
        assert!(state.photos[0].stored_at.as_os_str().is_empty());
    }

    #[test]
    fn the_newest_file_is_kept_even_when_it_alone_passes_the_cap() {
        let mut state = State::new();
        stored(&mut state, 10);
        stored(&mut state, 500);
        assert_eq!(state.let_oldest_files_go(100).len(), 1);
        assert_eq!(kept(&state), [false, true]);
    }

    #[test]
    fn chunk_failures_count_down_and_then_stop() {
        let mut state = State::new();
        state.failing_chunks = Some((2, 503));
        assert_eq!(state.take_chunk_failure(), Some(503));
        assert_eq!(state.take_chunk_failure(), Some(503));
        assert_eq!(state.take_chunk_failure(), None);
    }
}
