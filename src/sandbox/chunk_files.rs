//! The chunks of resumable uploads on disk: one directory per upload, one file per chunk, joined
//! in order once the last one arrives.

use std::path::PathBuf;

use anyhow::Context as _;
use sha2::{Digest as _, Sha256};
use tokio::io::AsyncWriteExt as _;

use super::Sandbox;
use super::chunk_geometry::Geometry;
use super::receive::UploadedFile;
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
}

pub enum ChunkError {
    Mismatch(String),
    Storage(anyhow::Error),
}

/// Keeps the chunk (a retry replaces the earlier copy); true when this request completed the
/// set and must assemble it.
pub async fn store_chunk(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
    file: UploadedFile,
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
    tokio::fs::create_dir_all(&upload.dir)
        .await
        .context("creating a chunk directory")
        .map_err(ChunkError::Storage)?;
    let chunk_path = upload.dir.join(geometry.number.to_string());
    file.keep_at(&chunk_path)
        .await
        .map_err(ChunkError::Storage)?;

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
    if complete && !entry.assembling {
        entry.assembling = true;
        return Ok(true);
    }
    Ok(false)
}

/// Appends the chunks in order into one file, copying through a small buffer.
pub async fn assemble(
    sandbox: &Sandbox,
    upload: &UploadKey,
    geometry: &Geometry,
    filename: &str,
    content_type: &str,
) -> anyhow::Result<UploadedFile> {
    let path = super::incoming_dir(sandbox.settings())
        .join(format!("{}.part", crate::random::hex_bytes(16)));
    let file = UploadedFile::new(
        path,
        geometry.total_size,
        filename.to_owned(),
        content_type.to_owned(),
    );
    let mut out = tokio::fs::File::create(file.path())
        .await
        .context("creating the assembled upload")?;
    let mut written = 0;
    for number in 1..=geometry.chunk_count() {
        let mut chunk = tokio::fs::File::open(upload.dir.join(number.to_string()))
            .await
            .with_context(|| format!("opening chunk {number}"))?;
        written += tokio::io::copy(&mut chunk, &mut out)
            .await
            .with_context(|| format!("appending chunk {number}"))?;
    }
    out.flush().await.context("flushing the assembled upload")?;
    anyhow::ensure!(
        written == geometry.total_size,
        "assembled {written} of {} bytes",
        geometry.total_size
    );
    Ok(file)
}
