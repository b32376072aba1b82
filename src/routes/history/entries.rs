//! One upload as the history shows it: its entries (one per video, or one while it has none)
//! and the words and numbers they carry, in the visitor's language.

use crate::page::{human_time, machine_time};
use crate::uploads::{Photo, Review, ServiceError, Status, Upload};

/// One element of the history list: an upload, or one video of an upload that yielded several.
pub(super) struct Entry {
    pub anchor: String,
    pub upload_id: i64,
    pub title: String,
    pub status: Status,
    pub created_human: String,
    pub created_machine: String,
    /// 23's refusal in the visitor's words (a `service-error-*` message id); the original is the
    /// operator's, in /admin.
    pub error_id: Option<&'static str>,
    /// For scripts and tests (`data-photo-id`), never shown: ids are 23's, not the visitor's.
    pub photo_id: Option<i64>,
    pub video_url: Option<String>,
    pub thumbnail_url: Option<String>,
    /// "1:05", once 23 reports the length.
    pub length: Option<String>,
    /// The chosen file's name and size ("clip.mp4 · 12.5 MB"), when the page reported them.
    pub file: Option<String>,
    /// The token still takes a file: link back to the upload form.
    pub can_send: bool,
    /// Failed or expired: offer a fresh token with the same details.
    pub can_retry: bool,
    /// Never got a video (waiting, failed, expired): the visitor may take it off the list.
    pub can_remove: bool,
    /// Where the upload stands with the operator, when it is reviewed: the state (`approving`)
    /// and what the visitor reads (a message id; `approving` still reads "waiting").
    pub review: Option<(&'static str, &'static str)>,
    /// A video the visitor may still withdraw.
    pub can_withdraw: bool,
    /// The private, long-lived withdrawal link (path), for withdrawing from another device.
    pub withdrawal_link: Option<String>,
}

/// An upload with no video yet is one entry; each video it yielded is an entry of its own.
pub(super) fn entries_for(upload: &Upload, photos: &[Photo], now: i64) -> Vec<Entry> {
    let status = upload.effective_status(now);
    let can_send = photos.len() < upload.max_uploads as usize
        && now <= upload.valid_until
        && matches!(
            status,
            Status::Pending | Status::Failed | Status::Uploaded | Status::Ready
        );
    let withdrawn = matches!(upload.review, Some(Review::Withdrawing | Review::Withdrawn));
    let entry = |status: Status, photo: Option<&Photo>| Entry {
        anchor: match photo {
            Some(p) if photos.len() > 1 => format!("upload-{}-{}", upload.id, p.photo_id),
            _ => format!("upload-{}", upload.id),
        },
        upload_id: upload.id,
        title: upload.metadata.title.clone(),
        status,
        created_human: human_time(upload.created_at),
        created_machine: machine_time(upload.created_at),
        error_id: match (photo, &upload.error_message) {
            (None, Some(original)) => Some(ServiceError::classify(original).message_id()),
            _ => None,
        },
        photo_id: photo.map(|p| p.photo_id),
        video_url: photo
            .and_then(|p| p.video_url.clone())
            .filter(|_| !withdrawn),
        thumbnail_url: photo.and_then(|p| p.thumbnail_url.clone()),
        length: photo
            .and_then(|p| p.video_length)
            .filter(|l| *l > 0.0)
            .map(format_length),
        file: upload
            .file
            .as_ref()
            .filter(|_| photos.len() <= 1)
            .map(|f| format!("{} · {}", f.name, format_size(f.size))),
        can_send: can_send && photo.is_none(),
        can_retry: photo.is_none() && matches!(status, Status::Failed | Status::Expired),
        can_remove: photo.is_none()
            && matches!(status, Status::Pending | Status::Failed | Status::Expired),
        review: upload.review.map(|r| (r.as_str(), r.visitor_label_id())),
        can_withdraw: photo.is_some() && !withdrawn,
        withdrawal_link: None,
    };
    if photos.is_empty() {
        vec![entry(status, None)]
    } else {
        photos.iter().map(|p| entry(p.status, Some(p))).collect()
    }
}

/// Seconds as "m:ss" (or "h:mm:ss").
fn format_length(seconds: f64) -> String {
    let total = seconds.round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Bytes as the page's scripts write them (static/format.js: 1024-based, the language's decimal
/// mark and unit names), so a file reads the same while it is sent and in the history.
fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["js-unit-kb", "js-unit-mb", "js-unit-gb", "js-unit-tb"];
    let lang = crate::i18n::current();
    if bytes < 1024 {
        let count = crate::i18n::args(&[("count", bytes.to_string().into())]);
        return lang.t_args("js-bytes", &count);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let digits = usize::from(value < 10.0);
    let mut text = format!("{value:.digits$}");
    if text.ends_with(".0") {
        text.truncate(text.len() - 2);
    }
    if lang.tag() != "en" {
        text = text.replace('.', ",");
    }
    format!("{text} {}", lang.t(UNITS[unit]))
}

#[cfg(test)]
mod tests {
    use super::{format_length, format_size};

    #[test]
    fn sizes_read_like_the_pages_scripts_write_them() {
        assert_eq!(format_size(532), "532 bytes");
        assert_eq!(format_size(12_500_000), "12 MB");
        assert_eq!(format_size(1_250_000), "1.2 MB");
        assert_eq!(format_size(2 * 1024 * 1024), "2 MB");
        assert_eq!(format_size(3_400_000_000), "3.2 GB");
    }

    #[test]
    fn lengths_read_like_a_player_shows_them() {
        assert_eq!(format_length(55.248), "0:55");
        assert_eq!(format_length(65.0), "1:05");
        assert_eq!(format_length(3725.0), "1:02:05");
    }
}
