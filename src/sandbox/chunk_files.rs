//! The chunks of resumable uploads on disk: one directory per upload holding one file, into which
//! each chunk is written at its own offset as it arrives (in any order, several at once). Once the
//! last one is in, that file is the upload: it is renamed, never copied again, so completing a
//! 1 GiB upload costs no more than completing a small one. A chunk normally goes straight into
//! place while it is read (see [`placement`]); one whose fields do not allow that is received
//! into a file of its own, checked, and copied into place.

use std::io::{Seek as _, SeekFrom};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest as _, Sha256};

use super::Sandbox;
use super::chunk_geometry::Geometry;
use super::media_type;
use super::receive::{Placement, RedeemForm, UploadedFile};
use super::state::ChunkedUpload;

/// Where one resumable upload's chunks live; the identifier is the client's, so it is hashed
/// rather than used in a path.
pub struct UploadKey {
    pub state_key: (String, String),
    pub dir: PathBuf,
}

impl UploadKey {
    pub fn new(sandbox: &Sandbox, token: &str, identifier: &str) -> Self {
        let digest = Sha256::digest(format!("{token}\n{identifier}").as_bytes());
        Self {
            state_key: (token.to_owned(), identifier.to_owned()),
            dir: super::chunks_dir(sandbox.settings()).join(hex::encode(digest)),
        }
    }

    fn data_path(&self) -> PathBuf {
        self.dir.join("data")
    }
}

/// Where a chunk goes as it is read: straight into its upload's file at its offset, when the
/// fields before it say which upload and chunk it is, and that the chunk is one 23 would take.
/// `None` otherwise (the chunk is then received into a file of its own and checked as usual).
pub fn placement(sandbox: &Sandbox, form: &RedeemForm) -> Option<Placement> {
    let token = form.field("upload_token")?;
    let identifier = form.field("resumableIdentifier")?;
    let geometry = Geometry::parse(form).ok()?;
    let content_type = form.field("resumableType").filter(|t| !t.is_empty())?;
    media_type::classify(content_type, form.field("resumableFilename")?)?;
    if geometry.total_size > sandbox.settings().max_resumable_size() {
        return None;
    }
    let upload = UploadKey::new(sandbox, token, identifier);
    if let Some(existing) = sandbox.state().chunked_uploads.get_mut(&upload.state_key) {
        let same = (existing.chunk_size, existing.total_size)
            == (geometry.chunk_size, geometry.total_size);
        if existing.assembling || !same {
            return None;
        }
        // Its bytes are about to be overwritten: it counts again once they have all arrived.
        existing.received.remove(&geometry.number);
    }
    std::fs::create_dir_all(&upload.dir).ok()?;
    Some(Placement {
        path: upload.data_path(),
        offset: (geometry.number - 1) * geometry.chunk_size,
        max_len: geometry.expected_size(),
    })
}

pub enum ChunkError {
    Mismatch(String),
    Storage(anyhow::Error),
}

/// Keeps the chunk (a retry replaces the earlier copy; a `placed` one is already in place); true
/// when this request completed the set and must assemble it.
pub async fn store_chunk(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
    file: UploadedFile,
    placed: bool,
) -> Result<bool, ChunkError> {
    {
        let state = sandbox.state();
        if let Some(existing) = state.chunked_uploads.get(&upload.state_key)
            && (existing.chunk_size, existing.total_size)
                != (geometry.chunk_size, geometry.total_size)
        {
            return Err(ChunkError::Mismatch(
                "resumableChunkSize and resumableTotalSize differ from earlier chunks".into(),
            ));
        }
    }
    if !placed {
        copy_into_place(upload, geometry, file).await?;
    }
    mark_received(sandbox, upload, geometry)
}

async fn copy_into_place(
    upload: &UploadKey,
    geometry: &Geometry,
    file: UploadedFile,
) -> Result<(), ChunkError> {
    tokio::fs::create_dir_all(&upload.dir)
        .await
        .context("creating a chunk directory")
        .map_err(ChunkError::Storage)?;
    let offset = (geometry.number - 1) * geometry.chunk_size;
    let data = upload.data_path();
    let size = file.size;
    // The received chunk file is deleted when `file` drops, copied or not.
    let copied = tokio::task::spawn_blocking(move || copy_at(file.path(), &data, offset))
        .await
        .context("copying a chunk")
        .and_then(|copied| copied)
        .map_err(ChunkError::Storage)?;
    if copied != size {
        let problem = anyhow::anyhow!("copied {copied} of a chunk's {size} bytes");
        return Err(ChunkError::Storage(problem));
    }
    Ok(())
}

fn mark_received(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
) -> Result<bool, ChunkError> {
    let mut state = sandbox.state();
    let entry = state
        .chunked_uploads
        .entry(upload.state_key.clone())
        .or_insert_with(|| ChunkedUpload {
            chunk_size: geometry.chunk_size,
            total_size: geometry.total_size,
            received: Default::default(),
            assembling: false,
        });
    entry.received.insert(geometry.number);
    let complete = entry.received.len() as u64 == geometry.chunk_count();
    let assemble = complete && !entry.assembling;
    if assemble {
        entry.assembling = true;
    }
    state.log_chunk(&upload.state_key.1, geometry.number);
    Ok(assemble)
}

/// Copies the chunk at `chunk` into `data` at `offset`, creating `data` if need be. A retried
/// chunk overwrites its own range only. `std::io::copy` between two files lets the kernel copy
/// (`copy_file_range`), so the bytes never pass through this process; nothing is synced, as 23's
/// stand-in on a developer's machine need not survive a power cut.
fn copy_at(chunk: &Path, data: &Path, offset: u64) -> anyhow::Result<u64> {
    let mut source = std::fs::File::open(chunk).context("opening a received chunk")?;
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(data)
        .context("opening the upload's data file")?;
    out.seek(SeekFrom::Start(offset))
        .context("seeking to the chunk's place")?;
    std::io::copy(&mut source, &mut out).context("copying a chunk into place")
}

/// Hands over the upload's data file, complete once every chunk was stored, as a file of its own
/// (renamed out of the chunk directory, which the caller then deletes).
pub async fn assemble(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
    filename: &str,
    content_type: &str,
) -> anyhow::Result<UploadedFile> {
    let path = super::incoming_dir(sandbox.settings())
        .join(format!("{}.part", crate::random::hex_bytes(16)));
    tokio::fs::rename(upload.data_path(), &path)
        .await
        .context("moving the assembled upload")?;
    let file = UploadedFile::new(
        path,
        geometry.total_size,
        filename.to_owned(),
        content_type.to_owned(),
    );
    let written = tokio::fs::metadata(file.path())
        .await
        .context("reading the assembled upload's size")?
        .len();
    anyhow::ensure!(
        written == geometry.total_size,
        "assembled {written} of {} bytes",
        geometry.total_size
    );
    Ok(file)
}
