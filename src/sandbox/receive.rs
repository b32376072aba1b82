//! Reads a redeem-upload-token POST: text fields into memory, the `file` field straight to disk.
//!
//! Not a byte of a file is stored unless a usable `upload_token` field came before it (every
//! client sends the token first: 23's form, Resumable.js, our scripts); otherwise reading stops
//! there, so anyone who reaches the sandbox cannot fill its disk. The body is never collected:
//! each piece the multipart parser yields is written out before the next is read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use actix_multipart::Multipart;
use actix_web::{HttpRequest, web};
use anyhow::Context as _;
use futures_util::StreamExt as _;
use tokio::io::AsyncWriteExt as _;

use super::SandboxSettings;

/// Text fields are small by nature; these caps keep a hostile form from filling memory.
const MAX_FIELD_BYTES: usize = 64 * 1024;
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Big enough that a fast upload is not one blocking write per network packet.
const WRITE_BUFFER: usize = 256 * 1024;

/// A file on disk that is deleted when dropped, unless it was moved away with [`keep_at`].
///
/// [`keep_at`]: UploadedFile::keep_at
#[derive(Debug)]
pub struct UploadedFile {
    path: Option<PathBuf>,
    pub size: u64,
    pub filename: String,
    pub content_type: String,
}

impl UploadedFile {
    pub fn new(path: PathBuf, size: u64, filename: String, content_type: String) -> Self {
        Self {
            path: Some(path),
            size,
            filename,
            content_type,
        }
    }

    pub fn path(&self) -> &Path {
        self.path
            .as_deref()
            .expect("path is only taken by keep_at, which consumes self")
    }

    /// Moves the file to `destination` (same file system) and stops tracking it.
    pub async fn keep_at(mut self, destination: &Path) -> anyhow::Result<()> {
        let path = self.path.take().expect("path present until kept");
        if let Err(e) = tokio::fs::rename(&path, destination).await {
            self.path = Some(path);
            return Err(e).context("moving an upload into place");
        }
        Ok(())
    }
}

impl Drop for UploadedFile {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[derive(Debug, Default)]
pub struct RedeemForm {
    /// Every text field, in the order received.
    pub fields: Vec<(String, String)>,
    pub file: Option<UploadedFile>,
    /// The file went over the size cap; what had been written is already deleted.
    pub file_too_large: bool,
    /// A file came without a usable token before it: nothing was stored, the rest was not read.
    pub file_refused: bool,
}

impl RedeemForm {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Bytes of every file under `dir`, however deep.
fn bytes_under(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => bytes_under(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// The next piece of the body, unless the client stays silent for `idle`: an upload left hanging
/// would otherwise keep its connection and its half-written file for ever.
async fn within<T>(idle: Duration, next: impl Future<Output = T>) -> Result<T, ReceiveError> {
    tokio::time::timeout(idle, next)
        .await
        .map_err(|_| ReceiveError::Unreadable(format!("nothing arrived for {} s", idle.as_secs())))
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error("the upload could not be read: {0}")]
    Unreadable(String),
    #[error("the form's text fields are too large")]
    FieldsTooLarge,
    #[error("the upload could not be stored")]
    Storage(#[source] anyhow::Error),
}

/// Reads the form; `token_usable` judges the `upload_token` received before the file.
pub async fn receive(
    req: &HttpRequest,
    payload: web::Payload,
    settings: &SandboxSettings,
    token_usable: impl Fn(&str) -> bool,
) -> Result<RedeemForm, ReceiveError> {
    let incoming_dir = super::incoming_dir(settings);
    // The quota is read once per request: a sandbox is a development tool, not a file host.
    let room = settings
        .disk_quota
        .saturating_sub(bytes_under(&settings.storage_dir));
    let max_file_size = settings.max_file_size.min(room);
    let idle = settings.upload_idle_timeout;
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut form = RedeemForm::default();
    let mut text_bytes = 0usize;
    while let Some(field) = within(idle, multipart.next()).await? {
        let mut field = field.map_err(|e| ReceiveError::Unreadable(e.to_string()))?;
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        match filename {
            // 23 takes one file per request, in `file`; any other file part is read and dropped.
            Some(_)
                if name == "file" && !token_usable(form.field("upload_token").unwrap_or("")) =>
            {
                form.file_refused = true;
                return Ok(form);
            }
            Some(filename) if name == "file" && form.file.is_none() && !form.file_too_large => {
                let content_type = field
                    .content_type()
                    .map(|m| m.essence_str().to_owned())
                    .unwrap_or_default();
                let path = incoming_dir.join(format!("{}.part", crate::random::hex_bytes(16)));
                let file = UploadedFile::new(path, 0, filename, content_type);
                match write_field(&mut field, file, max_file_size, idle).await? {
                    Some(file) => form.file = Some(file),
                    None => form.file_too_large = true,
                }
            }
            Some(_) => drain(&mut field, idle).await?,
            None => {
                let value = read_text(&mut field, &mut text_bytes, idle).await?;
                form.fields.push((name, value));
            }
        }
    }
    Ok(form)
}

/// Streams one field into `file`; `None` when it passed `max_size` (the rest is drained).
async fn write_field(
    field: &mut actix_multipart::Field,
    mut file: UploadedFile,
    max_size: u64,
    idle: Duration,
) -> Result<Option<UploadedFile>, ReceiveError> {
    let created = tokio::fs::File::create(file.path())
        .await
        .context("creating an incoming upload file")
        .map_err(ReceiveError::Storage)?;
    let mut out = tokio::io::BufWriter::with_capacity(WRITE_BUFFER, created);
    while let Some(chunk) = within(idle, field.next()).await? {
        let chunk = chunk.map_err(|e| ReceiveError::Unreadable(e.to_string()))?;
        file.size += chunk.len() as u64;
        if file.size > max_size {
            drop(out);
            drop(file);
            drain(field, idle).await?;
            return Ok(None);
        }
        out.write_all(&chunk)
            .await
            .context("writing an upload to disk")
            .map_err(ReceiveError::Storage)?;
    }
    out.flush()
        .await
        .context("flushing an upload to disk")
        .map_err(ReceiveError::Storage)?;
    Ok(Some(file))
}

async fn drain(field: &mut actix_multipart::Field, idle: Duration) -> Result<(), ReceiveError> {
    while let Some(chunk) = within(idle, field.next()).await? {
        chunk.map_err(|e| ReceiveError::Unreadable(e.to_string()))?;
    }
    Ok(())
}

async fn read_text(
    field: &mut actix_multipart::Field,
    total: &mut usize,
    idle: Duration,
) -> Result<String, ReceiveError> {
    let mut value = Vec::new();
    while let Some(chunk) = within(idle, field.next()).await? {
        let chunk = chunk.map_err(|e| ReceiveError::Unreadable(e.to_string()))?;
        *total += chunk.len();
        if value.len() + chunk.len() > MAX_FIELD_BYTES || *total > MAX_TEXT_BYTES {
            return Err(ReceiveError::FieldsTooLarge);
        }
        value.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&value).into_owned())
}
