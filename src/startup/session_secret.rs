//! The secret behind session cookies and return links: configured, or generated once and kept.

use std::path::Path;

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
        refuse_if_shared(&path)?;
        let saved = saved.trim();
        anyhow::ensure!(
            saved.len() >= 32,
            "{} is too short to be a session secret; delete it",
            path.display()
        );
        return Ok(SecretString::from(saved.to_string()));
    }
    create_data_dir(&settings.data_dir)?;
    let secret = crate::random::hex_bytes(32);
    write_private(&path, &secret).with_context(|| format!("could not save {}", path.display()))?;
    tracing::info!(
        path = %path.display(),
        "SESSION_SECRET is not set: generated one and saved it; set SESSION_SECRET to share it across instances"
    );
    Ok(SecretString::from(secret))
}

/// Anyone who reads the secret can forge any visitor's cookie and any return link: a file that
/// other users can read is refused, with the fix in the message.
fn refuse_if_shared(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path)
            .with_context(|| format!("could not read the mode of {}", path.display()))?
            .permissions()
            .mode();
        anyhow::ensure!(
            mode & 0o077 == 0,
            "{} can be read by other users (mode {:o}); run `chmod 600 {}` and, if others may have \
             read it, delete it so a new secret is generated",
            path.display(),
            mode & 0o777,
            path.display()
        );
    }
    Ok(())
}

/// Creates `DATA_DIR` (if missing) so that only this user can enter it: it holds the session
/// secret, the SQLite database and the sandbox's files.
pub(super) fn create_data_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("DATA_DIR: could not create {}", dir.display()))
}

/// Writes a file only its owner can read.
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}
