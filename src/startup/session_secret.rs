//! The secret behind session cookies and return links: configured, or generated once and kept.

use anyhow::Context as _;
use secrecy::SecretString;

use crate::config::Settings;

/// `SESSION_SECRET`, or one generated on first start and kept in the data directory so restarts
/// keep visitors' sessions and return links valid.
pub(super) fn session_secret(settings: &Settings) -> anyhow::Result<SecretString> {
    if let Some(secret) = &settings.session_secret {
        return Ok(secret.clone());
    }
    let path = settings.data_dir.join("session-secret");
    if let Ok(saved) = std::fs::read_to_string(&path) {
        let saved = saved.trim();
        anyhow::ensure!(
            saved.len() >= 32,
            "{} is too short to be a session secret; delete it",
            path.display()
        );
        return Ok(SecretString::from(saved.to_string()));
    }
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("DATA_DIR: could not create {}", settings.data_dir.display()))?;
    let secret = crate::random::hex_bytes(32);
    write_private(&path, &secret).with_context(|| format!("could not save {}", path.display()))?;
    tracing::info!(
        path = %path.display(),
        "SESSION_SECRET is not set: generated one and saved it; set SESSION_SECRET to share it across instances"
    );
    Ok(SecretString::from(secret))
}

/// Writes a file only its owner can read.
fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}
