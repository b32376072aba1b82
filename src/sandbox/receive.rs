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
use tokio::io::{AsyncSeekExt as _, AsyncWriteExt as _};

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

    /// A file that was written in place (see [`Placement`]): nothing to move or delete.
    fn placed(size: u64, filename: String, content_type: String) -> Self {
        Self {
            path: None,
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
    /// The file went straight to the place `receive` was given for it (a chunk, into its upload's
    /// file); `file` then only describes it and owns nothing on disk.
    pub placed: bool,
}

/// Where a file's bytes may go as they arrive: `offset` into the file at `path`, at most `max_len`.
pub struct Placement {
    pub path: PathBuf,
    pub offset: u64,
    pub max_len: u64,
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

/// Reads the form; `token_usable` judges the `upload_token` received before the file, and `place`
/// may name, from the fields before it, where the file goes instead of a file of its own.
pub async fn receive(
    req: &HttpRequest,
    payload: web::Payload,
    settings: &SandboxSettings,
    token_usable: impl Fn(&str) -> bool,
    place: impl Fn(&RedeemForm) -> Option<Placement>,
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
                if let Some(placement) = place(&form) {
                    let max_len = placement.max_len.min(max_file_size);
                    let out = open_at(&placement.path, placement.offset).await?;
                    match stream_to(&mut field, out, max_len, idle).await? {
                        Some(size) => {
                            form.file = Some(UploadedFile::placed(size, filename, content_type));
                            form.placed = true;
                        }
                        None => form.file_too_large = true,
                    }
                    continue;
                }
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
    match stream_to(field, created, max_size, idle).await? {
        Some(size) => {
            file.size = size;
            Ok(Some(file))
        }
        None => Ok(None), // `file` drops here, deleting what was written
    }
}

/// Opens (creating if need be, never truncating) the file at `path`, positioned at `offset`.
async fn open_at(path: &Path, offset: u64) -> Result<tokio::fs::File, ReceiveError> {
    let mut out = tokio::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .await
        .context("opening the file an upload goes into")
        .map_err(ReceiveError::Storage)?;
    out.seek(std::io::SeekFrom::Start(offset))
        .await
        .context("seeking to an upload's place")
        .map_err(ReceiveError::Storage)?;
    Ok(out)
}

/// Streams one field into `out`; its size, or `None` when it passed `max_size` (the rest is
/// drained, and what was buffered is not written).
async fn stream_to(
    field: &mut actix_multipart::Field,
    out: tokio::fs::File,
    max_size: u64,
    idle: Duration,
) -> Result<Option<u64>, ReceiveError> {
    let mut out = tokio::io::BufWriter::with_capacity(WRITE_BUFFER, out);
    let mut size = 0u64;
    while let Some(chunk) = within(idle, field.next()).await? {
        let chunk = chunk.map_err(|e| ReceiveError::Unreadable(e.to_string()))?;
        size += chunk.len() as u64;
        if size > max_size {
            drop(out);
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
    Ok(Some(size))
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
