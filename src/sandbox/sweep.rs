//! Forgetting what can no longer be used: tokens past their validity, the resumable uploads begun
//! on them (state and chunk folders), and files a crash or restart left behind. Without it a
//! long-running sandbox would keep every token in memory and every abandoned chunk on disk.

use std::path::Path;
use std::sync::{Arc, Weak};
use std::time::{Duration, SystemTime};

use super::chunk_files::UploadKey;
use super::{Inner, Sandbox};

/// How often the sweep runs.
const EVERY: Duration = Duration::from_secs(60);
/// Files in the chunk and incoming folders untouched for this long belong to no live upload:
/// tokens are valid for a day at most.
const LEFTOVER_AGE: Duration = Duration::from_secs(25 * 3600);

impl Sandbox {
    /// Forgets tokens whose validity ended before `now` and the resumable uploads begun on them,
    /// deleting their chunks; deletes chunk folders and partial files older than a day. Returns how
    /// many tokens were forgotten. Photos stay: `photo/list?upload_token=…` still finds them.
    pub fn sweep(&self, now: SystemTime) -> usize {
        let (tokens, uploads) = {
            let mut state = self.state();
            let before = state.tokens.len();
            state.tokens.retain(|_, token| token.valid_until > now);
            let forgotten = before - state.tokens.len();
            let live: Vec<String> = state.tokens.keys().cloned().collect();
            let mut dropped = Vec::new();
            state.chunked_uploads.retain(|key, _| {
                let keep = live.contains(&key.0);
                if !keep {
                    dropped.push(key.clone());
                }
                keep
            });
            (forgotten, dropped)
        };
        for (token, identifier) in uploads {
            let _ = std::fs::remove_dir_all(UploadKey::new(self, &token, &identifier).dir);
        }
        remove_old_entries(&super::chunks_dir(self.settings()), now);
        remove_old_entries(&super::incoming_dir(self.settings()), now);
        if tokens > 0 {
            tracing::debug!(tokens, "sandbox forgot expired upload tokens");
        }
        tokens
    }
}

/// Runs the sweep every minute for as long as the sandbox exists (when started in a runtime).
pub(super) fn spawn_sweeper(inner: &Arc<Inner>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak: Weak<Inner> = Arc::downgrade(inner);
    runtime.spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            let Some(inner) = weak.upgrade() else { break };
            let sandbox = Sandbox { inner };
            // File system work: off the async workers.
            let _ = tokio::task::spawn_blocking(move || sandbox.sweep(SystemTime::now())).await;
        }
    });
}

/// Deletes the entries of `dir` not modified for `LEFTOVER_AGE`.
fn remove_old_entries(dir: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let modified = entry.metadata().and_then(|m| m.modified());
        let old =
            modified.is_ok_and(|at| now.duration_since(at).unwrap_or_default() > LEFTOVER_AGE);
        if old {
            let path = entry.path();
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
}
