//! Which events a change of an upload makes: the upload (and its videos) as they were before the
//! change and as they are after it, compared. Deriving events from the state itself, not from which
//! function ran, means a replayed callback or a second scan that changes nothing tells nothing.

use super::event::EventType;
use crate::uploads::{Photo, Review, Status, Upload};

/// An upload and its videos, as read inside the change's transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub upload: Upload,
    pub photos: Vec<Photo>,
}

/// The events between `before` (`None`: the change created the upload) and `after`, in the order
/// the host site should hear them, each with the video it is about.
pub fn events_between<'a>(
    before: Option<&Snapshot>,
    after: &'a Snapshot,
) -> Vec<(EventType, Option<&'a Photo>)> {
    let mut events = Vec::new();
    if before.is_none() {
        events.push((EventType::UploadCreated, None));
    }
    let was = |photo: &Photo| {
        before.and_then(|b| {
            b.photos
                .iter()
                .find(|p| p.photo_id == photo.photo_id)
                .map(|p| p.status)
        })
    };
    for photo in &after.photos {
        let previously = was(photo);
        let confirmed = matches!(photo.status, Status::Uploaded | Status::Ready);
        // A claim is not news; 23's confirmation of it is.
        if confirmed && matches!(previously, None | Some(Status::Unverified)) {
            events.push((EventType::UploadReceived, Some(photo)));
        }
        if photo.status == Status::Ready && previously != Some(Status::Ready) {
            events.push((EventType::VideoReady, Some(photo)));
        }
    }
    let status_was = before.map(|b| b.upload.status);
    for (status, event) in [
        (Status::Failed, EventType::UploadFailed),
        (Status::Expired, EventType::UploadExpired),
    ] {
        if after.upload.status == status && status_was != Some(status) {
            events.push((event, None));
        }
    }
    let review_was = before.and_then(|b| b.upload.review);
    for (review, event) in [
        (Review::Approved, EventType::UploadApproved),
        (Review::Rejected, EventType::UploadRejected),
        (Review::Withdrawn, EventType::UploadWithdrawn),
    ] {
        if after.upload.review == Some(review) && review_was != Some(review) {
            events.push((event, None));
        }
    }
    events
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
