//! How long a stored video plays, read from its container's headers (never decoded), so
//! `photo/list` reports `video_length` as 23 does once it has the file.
//!
//! MP4 and QuickTime: the movie header (`moov/mvhd`: duration over timescale), wherever the
//! `moov` box is. WebM and Matroska: `Segment/Info/Duration`, or, for a browser's recording
//! (MediaRecorder writes no duration: it streams), the last cluster's time plus its last block's.
//! Anything else, or a file these cannot read, has no length: 0, as before.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// How much of a WebM's end is searched for its last cluster: a few seconds of a recording at
/// the bit rates the recorder asks for.
const WEBM_TAIL: u64 = 8 * 1024 * 1024;

/// The file's length in seconds, when its container says.
pub fn media_length(path: &Path) -> Option<f64> {
    let mut file = File::open(path).ok()?;
    let mut magic = [0_u8; 8];
    file.read_exact(&mut magic).ok()?;
    let seconds = if magic[..4] == [0x1A, 0x45, 0xDF, 0xA3] {
        webm_length(&mut file)
    } else if &magic[4..8] == b"ftyp" || &magic[4..8] == b"moov" || &magic[4..8] == b"mdat" {
        mp4_length(&mut file)
    } else {
        None
    };
    seconds.filter(|s| s.is_finite() && *s > 0.0)
}

fn mp4_length(file: &mut File) -> Option<f64> {
    let end = file.metadata().ok()?.len();
    let (moov, moov_end) = find_box(file, 0, end, b"moov")?;
    let (mvhd, _) = find_box(file, moov, moov_end, b"mvhd")?;
    file.seek(SeekFrom::Start(mvhd)).ok()?;
    let mut version = [0_u8; 4];
    file.read_exact(&mut version).ok()?;
    let (timescale, duration) = if version[0] == 1 {
        let mut b = [0_u8; 28];
        file.read_exact(&mut b).ok()?;
        (be(&b[16..20]), be(&b[20..28]))
    } else {
        let mut b = [0_u8; 16];
        file.read_exact(&mut b).ok()?;
        (be(&b[8..12]), be(&b[12..16]))
    };
    (timescale > 0).then(|| duration as f64 / timescale as f64)
}

/// The first box of `kind` between `start` and `end`: where its contents start and end.
fn find_box(file: &mut File, start: u64, end: u64, kind: &[u8; 4]) -> Option<(u64, u64)> {
    let mut at = start;
    for _ in 0..10_000 {
        if at + 8 > end {
            return None;
        }
        file.seek(SeekFrom::Start(at)).ok()?;
        let mut header = [0_u8; 8];
        file.read_exact(&mut header).ok()?;
        let (mut size, mut body) = (be(&header[..4]), at + 8);
        if size == 1 {
            let mut large = [0_u8; 8];
            file.read_exact(&mut large).ok()?;
            size = be(&large);
            body += 8;
        } else if size == 0 {
            size = end - at;
        }
        if size < body - at || at + size > end {
            return None;
        }
        if &header[4..8] == kind {
            return Some((body, at + size));
        }
        at += size;
    }
    None
}

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, b| n << 8 | u64::from(*b))
}

mod ebml {
    pub const SEGMENT: u64 = 0x1853_8067;
    pub const INFO: u64 = 0x1549_A966;
    pub const TIMECODE_SCALE: u64 = 0x2A_D7B1;
    pub const DURATION: u64 = 0x4489;
    pub const CLUSTER: u64 = 0x1F43_B675;
    pub const TIMECODE: u64 = 0xE7;
    pub const SIMPLE_BLOCK: u64 = 0xA3;
    pub const BLOCK_GROUP: u64 = 0xA0;
    pub const BLOCK: u64 = 0xA1;

    /// A variable-length integer at the start of `b`: its value (with the length marker kept for
    /// an id, removed for a size; `None` for a size of all ones, "unknown") and its length.
    pub fn vint(b: &[u8], keep_marker: bool) -> Option<(Option<u64>, usize)> {
        let first = *b.first()?;
        let len = first.leading_zeros() as usize + 1;
        if len > 8 || b.len() < len {
            return None;
        }
        let marker = if keep_marker { 0 } else { 0x80_u8 >> (len - 1) };
        let value = b[1..len]
            .iter()
            .fold(u64::from(first & !marker), |n, x| n << 8 | u64::from(*x));
        let unknown = !keep_marker && value == (1_u64 << (7 * len)) - 1;
        Some(((!unknown).then_some(value), len))
    }

    /// An element header: id, size (`None`: unknown), header length.
    pub fn header(b: &[u8]) -> Option<(u64, Option<u64>, usize)> {
        let (id, id_len) = vint(b, true)?;
        let (size, size_len) = vint(&b[id_len..], false)?;
        Some((id?, size, id_len + size_len))
    }

    pub fn uint(b: &[u8]) -> u64 {
        b.iter().fold(0, |n, x| n << 8 | u64::from(*x))
    }
}

fn webm_length(file: &mut File) -> Option<f64> {
    let mut head = vec![0_u8; 64 * 1024];
    file.seek(SeekFrom::Start(0)).ok()?;
    let read = file.read(&mut head).ok()?;
    head.truncate(read);
    let (_, ebml_size, len) = ebml::header(&head)?;
    let segment_at = len + usize::try_from(ebml_size?).ok()?;
    let (id, _, len) = ebml::header(head.get(segment_at..)?)?;
    if id != ebml::SEGMENT {
        return None;
    }
    // The segment's first children, up to its first cluster: Info is among them.
    let (mut scale, mut duration) = (1_000_000_u64, None);
    let mut at = segment_at + len;
    while let Some((id, Some(size), len)) = head.get(at..).and_then(ebml::header) {
        let size = usize::try_from(size).ok()?;
        if id == ebml::CLUSTER {
            break;
        }
        if id == ebml::INFO {
            let info = head.get(at + len..at + len + size)?;
            let mut i = 0;
            while let Some((id, Some(size), len)) = info.get(i..).and_then(ebml::header) {
                let value = info.get(i + len..i + len + usize::try_from(size).ok()?)?;
                match (id, value.len()) {
                    (ebml::TIMECODE_SCALE, _) => scale = ebml::uint(value),
                    (ebml::DURATION, 4) => {
                        duration = Some(f64::from(f32::from_be_bytes(value.try_into().ok()?)))
                    }
                    (ebml::DURATION, 8) => {
                        duration = Some(f64::from_be_bytes(value.try_into().ok()?))
                    }
                    _ => {}
                }
                i += len + value.len();
            }
            break;
        }
        at += len + size;
    }
    let ticks = match duration {
        Some(ticks) => ticks,
        None => last_cluster_end(file)? as f64,
    };
    Some(ticks * scale as f64 / 1e9)
}

/// The time of the last block in the file's last cluster (in timecode units), searched for in
/// the file's last `WEBM_TAIL` bytes; a cluster is only believed when its first child is its
/// timecode, so a frame's bytes that happen to look like a cluster's id are passed over.
fn last_cluster_end(file: &mut File) -> Option<u64> {
    let end = file.metadata().ok()?.len();
    let start = end.saturating_sub(WEBM_TAIL);
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut tail = Vec::new();
    file.take(WEBM_TAIL).read_to_end(&mut tail).ok()?;
    let id = [0x1F, 0x43, 0xB6, 0x75];
    let candidates = (0..tail.len().saturating_sub(4))
        .rev()
        .filter(|&i| tail[i..i + 4] == id);
    candidates
        .into_iter()
        .find_map(|at| cluster_end(&tail[at..]))
}

fn cluster_end(cluster: &[u8]) -> Option<u64> {
    let (id, size, len) = ebml::header(cluster)?;
    if id != ebml::CLUSTER {
        return None;
    }
    let body_end = size.map_or(cluster.len(), |s| (len + s as usize).min(cluster.len()));
    let body = &cluster[len..body_end];
    let (id, Some(size), tc_len) = ebml::header(body)? else {
        return None;
    };
    if id != ebml::TIMECODE || size > 8 {
        return None;
    }
    let timecode = ebml::uint(body.get(tc_len..tc_len + size as usize)?);
    let mut latest = 0_i64;
    let mut at = tc_len + size as usize;
    while let Some((id, Some(size), len)) = body.get(at..).and_then(ebml::header) {
        let Some(content) = body.get(at + len..at + len + size as usize) else {
            break;
        };
        let block = match id {
            ebml::SIMPLE_BLOCK => Some(content),
            ebml::BLOCK_GROUP => ebml::header(content)
                .filter(|(id, _, _)| *id == ebml::BLOCK)
                .and_then(|(_, _, len)| content.get(len..)),
            _ => None,
        };
        if let Some(block) = block
            && let Some((_, track_len)) = ebml::vint(block, false)
            && let Some(relative) = block.get(track_len..track_len + 2)
        {
            latest = latest.max(i64::from(i16::from_be_bytes([relative[0], relative[1]])));
        }
        at += len + size as usize;
    }
    Some((timecode as i64 + latest).max(0) as u64)
}

#[cfg(test)]
#[path = "duration_tests.rs"]
mod tests;
