//! The 23 sandbox: a built-in emulator of the parts of a 23 Video site that browser uploads use
//! (get-upload-token, redeem-upload-token with Resumable.js chunks, update-upload-token,
//! photo/list, photo/update, photo/delete, album/list, thumbnails and video pages). Newcomers can
//! try the portal without a 23 account, and any OAuth 1.0a client can be pointed at it.
//!
//! Behaviour follows 23's classic API docs (see `docs/23-api.md`); where they are silent the
//! choice is marked in a comment. State is in memory; only uploaded files touch the disk.

mod album_list;
mod albums;
mod auth;
mod byte_range;
mod callback;
mod chunk_files;
mod chunk_geometry;
mod chunks;
mod controls;
mod cors;
mod duration;
mod envelope;
mod extras;
mod finish;
mod format;
mod get_upload_token;
mod media;
mod media_type;
mod photo_edit;
mod photo_list;
mod receive;
mod redeem;
mod request;
mod routes;
mod settings;
mod state;
mod sweep;
mod text;
mod update_upload_token;
mod xml;

#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use actix_web::HttpRequest;
use anyhow::Context as _;

pub use albums::SandboxAlbum;
pub use settings::{PermissionLevel, SandboxSettings};
pub use state::{ChunkArrival, ListCall, MediaKind, PhotoCall, SandboxPhoto, SandboxToken};

use state::State;

/// The owner of every sandbox upload. 23 would use the authenticated user; the sandbox has one.
const SANDBOX_USER_ID: &str = "1";

/// Route names: `url_for` uses them to find where the sandbox is mounted.
const INDEX_ROUTE: &str = "sandbox-index";
const POST_CALLBACK_SCRIPT_ROUTE: &str = "sandbox-post-callback-js";

#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    settings: SandboxSettings,
    state: Mutex<State>,
    /// 23 puts every object of a site under one tree id; the sandbox picks one per instance.
    tree_id: i64,
    cross_origin_uploads: AtomicBool,
    /// What the configured credentials may do; changeable at run time to show operator faults.
    permission_level: Mutex<PermissionLevel>,
    /// API calls answered (every `/api/…` method but redeem-upload-token, which browsers call).
    api_calls: AtomicU64,
    /// For `background_return_p`, where the sandbox calls the return_url itself.
    http: reqwest::Client,
}

impl Sandbox {
    pub fn new(settings: SandboxSettings) -> anyhow::Result<Self> {
        for dir in [
            settings.storage_dir.clone(),
            incoming_dir(&settings),
            chunks_dir(&settings),
            photos_dir(&settings),
        ] {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("creating sandbox storage {}", dir.display()))?;
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("building the sandbox's HTTP client")?;
        let sandbox = Self {
            inner: Arc::new(Inner {
                tree_id: rand::random_range(1000..100_000),
                cross_origin_uploads: AtomicBool::new(settings.allow_cross_origin_uploads),
                permission_level: Mutex::new(settings.permission_level),
                api_calls: AtomicU64::new(0),
                settings,
                state: Mutex::new(State::new()),
                http,
            }),
        };
        sweep::spawn_sweeper(&sandbox.inner);
        Ok(sandbox)
    }

    /// How many API calls (every `/api/…` method but redeem-upload-token) it has answered, so tests
    /// can prove a page was rendered without asking 23 and benchmarks can count a portal's calls.
    pub fn api_calls(&self) -> u64 {
        self.inner.api_calls.load(Ordering::Relaxed)
    }

    fn count_api_call(&self) {
        self.inner.api_calls.fetch_add(1, Ordering::Relaxed);
    }

    /// Every photo/list call so far: when, and which `upload_token` / `photo_id` it asked about.
    /// Lets a test show that instances sharing a database never ask twice for the same work.
    pub fn list_calls(&self) -> Vec<ListCall> {
        self.state().list_calls.clone()
    }

    fn log_list_call(&self, request: &request::ApiRequest) {
        let call = ListCall {
            at: SystemTime::now(),
            upload_token: request.param("upload_token").map(str::to_owned),
            photo_id: request.param("photo_id").and_then(|id| id.parse().ok()),
        };
        let mut state = self.state();
        // Keep the recent past only, so a long-running sandbox does not grow without bound.
        if state.list_calls.len() >= 10_000 {
            state.list_calls.drain(..5_000);
        }
        state.list_calls.push(call);
    }

    /// Every chunk stored so far, in arrival order (a resent chunk appears twice).
    pub fn chunk_arrivals(&self) -> Vec<ChunkArrival> {
        self.state().chunk_arrivals.clone()
    }

    /// Every photo/update and photo/delete call that passed the signature check, oldest first.
    pub fn photo_calls(&self) -> Vec<PhotoCall> {
        self.state().photo_calls.clone()
    }

    fn log_photo_call(&self, call: PhotoCall) {
        let mut state = self.state();
        if state.photo_calls.len() >= 10_000 {
            state.photo_calls.drain(..5_000);
        }
        state.photo_calls.push(call);
    }

    /// Every uploaded photo, oldest first, with `encoded` as of now.
    pub fn photos(&self) -> Vec<SandboxPhoto> {
        let now = SystemTime::now();
        let state = self.state();
        state
            .photos
            .iter()
            .map(|photo| State::snapshot_photo(photo, now))
            .collect()
    }

    /// Every token minted so far, in no particular order.
    pub fn upload_tokens(&self) -> Vec<SandboxToken> {
        self.state().tokens.values().cloned().collect()
    }

    pub fn upload_token(&self, upload_token: &str) -> Option<SandboxToken> {
        self.state().tokens.get(upload_token).cloned()
    }

    /// The settings signature checks use: the configured ones with the current permission level.
    fn auth_settings(&self) -> SandboxSettings {
        let mut settings = self.settings().clone();
        settings.permission_level = *self
            .inner
            .permission_level
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        settings
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn settings(&self) -> &SandboxSettings {
        &self.inner.settings
    }

    fn tree_id(&self) -> i64 {
        self.inner.tree_id
    }

    fn cross_origin_uploads(&self) -> bool {
        self.inner.cross_origin_uploads.load(Ordering::Relaxed)
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("settings", &self.inner.settings)
            .field("tree_id", &self.inner.tree_id)
            .finish_non_exhaustive()
    }
}

/// The path the sandbox is mounted under (`""` standalone, `"/sandbox-23"` in the portal).
fn mount_prefix(req: &HttpRequest) -> String {
    req.url_for_static(INDEX_ROUTE)
        .map(|url| url.path().trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

fn incoming_dir(settings: &SandboxSettings) -> PathBuf {
    settings.storage_dir.join("incoming")
}

fn chunks_dir(settings: &SandboxSettings) -> PathBuf {
    settings.storage_dir.join("chunks")
}

fn photos_dir(settings: &SandboxSettings) -> PathBuf {
    settings.storage_dir.join("photos")
}
