//! Files to upload, made on disk for the browser's file dialog to pick.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `size` bytes of a repeating, non-trivial pattern to `dir/name`.
pub fn media_file(dir: &Path, name: &str, size: usize) -> PathBuf {
    let path = dir.join(name);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let block: Vec<u8> = (0..64 * 1024).map(|i| (i * 31 % 251) as u8).collect();
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len());
        file.write_all(&block[..n]).unwrap();
        left -= n;
    }
    file.flush().unwrap();
    path
}

/// A file of `size` bytes that takes no time to write (a hole the file system fills with zeros).
pub fn sparse_file(dir: &Path, name: &str, size: u64) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().set_len(size).unwrap();
    path
}
