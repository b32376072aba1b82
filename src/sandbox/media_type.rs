//! Which uploads the sandbox accepts. 23 documents no whitelist, only the error for a refused
//! type; the sandbox accepts what a video site plausibly would: any `video/*`, `audio/*` or
//! `image/*`, and a generic `application/octet-stream` (or no type at all, as chunk uploads
//! often send) when the file name has a known media extension.

use super::state::MediaKind;

const VIDEO_EXTENSIONS: &[&str] = &[
    "mp4", "m4v", "mov", "qt", "avi", "mkv", "webm", "wmv", "flv", "mpg", "mpeg", "mpe", "m2v",
    "3gp", "3g2", "ogv", "mts", "m2ts", "ts", "mxf", "dv", "vob", "asf", "f4v",
];
const AUDIO_EXTENSIONS: &[&str] = &[
    "mp3", "wav", "m4a", "aac", "ogg", "oga", "flac", "wma", "aif", "aiff", "opus",
];
const IMAGE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "heic", "bmp", "tif", "tiff",
];

/// The documented example of 23's error for a refused file.
pub const UNSUPPORTED_TYPE: &str = "The file type isn't supported";

pub fn classify(content_type: &str, filename: &str) -> Option<MediaKind> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.split_once('/') {
        Some(("video", _)) => Some(MediaKind::Video),
        Some(("audio", _)) => Some(MediaKind::Audio),
        Some(("image", _)) => Some(MediaKind::Image),
        _ if essence.is_empty() || essence == "application/octet-stream" => by_extension(filename),
        _ => None,
    }
}

fn by_extension(filename: &str) -> Option<MediaKind> {
    let (_, extension) = filename.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    let known = |list: &[&str]| list.contains(&extension.as_str());
    if known(VIDEO_EXTENSIONS) {
        Some(MediaKind::Video)
    } else if known(AUDIO_EXTENSIONS) {
        Some(MediaKind::Audio)
    } else if known(IMAGE_EXTENSIONS) {
        Some(MediaKind::Image)
    } else {
        None
    }
}

/// A short, safe extension for the stored copy (never a path piece the client chose).
pub fn stored_extension(filename: &str) -> String {
    filename
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| {
            !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .unwrap_or_else(|| "bin".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_accepted_whatever_the_file_name() {
        assert_eq!(classify("video/mp4", "x"), Some(MediaKind::Video));
        assert_eq!(
            classify("audio/mpeg; charset=x", "x"),
            Some(MediaKind::Audio)
        );
        assert_eq!(classify("image/png", "x"), Some(MediaKind::Image));
    }

    #[test]
    fn octet_streams_are_judged_by_their_extension() {
        assert_eq!(
            classify("application/octet-stream", "clip.MOV"),
            Some(MediaKind::Video)
        );
        assert_eq!(classify("", "song.mp3"), Some(MediaKind::Audio));
        assert_eq!(classify("application/octet-stream", "notes.txt"), None);
        assert_eq!(classify("application/octet-stream", "noextension"), None);
    }

    #[test]
    fn other_types_are_refused() {
        assert_eq!(classify("text/plain", "clip.mp4"), None);
        assert_eq!(classify("application/pdf", "a.pdf"), None);
    }

    #[test]
    fn stored_extensions_never_carry_path_pieces() {
        assert_eq!(stored_extension("a.MP4"), "mp4");
        assert_eq!(stored_extension("a./../x"), "bin");
        assert_eq!(stored_extension("none"), "bin");
    }
}
