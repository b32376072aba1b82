use super::*;
use crate::uploads::Metadata;

fn upload(status: Status) -> Upload {
    Upload {
        id: 1,
        visitor_id: "v".into(),
        nonce: "n".into(),
        upload_token: "t".into(),
        metadata: Metadata {
            title: "T".into(),
            description: String::new(),
            tags: String::new(),
            publish: true,
        },
        status,
        error_message: None,
        max_uploads: 2,
        valid_until: 0,
        created_at: 0,
        file: None,
        review: None,
    }
}

fn photo(id: i64, status: Status) -> Photo {
    Photo {
        upload_id: 1,
        photo_id: id,
        tree_id: None,
        token: None,
        status,
        video_url: None,
        thumbnail_url: None,
        video_length: None,
    }
}

fn snap(status: Status, photos: &[(i64, Status)]) -> Snapshot {
    Snapshot {
        upload: upload(status),
        photos: photos.iter().map(|(id, s)| photo(*id, *s)).collect(),
    }
}

type Events = Vec<(EventType, Option<i64>)>;

fn kinds(before: Option<&Snapshot>, after: &Snapshot) -> Events {
    events_between(before, after)
        .into_iter()
        .map(|(e, p)| (e, p.map(|p| p.photo_id)))
        .collect()
}

use EventType::*;
use Status::*;

#[test]
fn each_change_tells_what_the_host_site_needs_and_nothing_more() {
    let table: Vec<(Option<Snapshot>, Snapshot, Events)> = vec![
        (None, snap(Pending, &[]), vec![(UploadCreated, None)]),
        (
            Some(snap(Pending, &[])),
            snap(Uploaded, &[(7, Uploaded)]),
            vec![(UploadReceived, Some(7))],
        ),
        (
            Some(snap(Pending, &[])),
            snap(Unverified, &[(7, Unverified)]),
            vec![],
        ),
        (
            Some(snap(Unverified, &[(7, Unverified)])),
            snap(Uploaded, &[(7, Uploaded)]),
            vec![(UploadReceived, Some(7))],
        ),
        (
            Some(snap(Uploaded, &[(7, Uploaded)])),
            snap(Ready, &[(7, Ready)]),
            vec![(VideoReady, Some(7))],
        ),
        (
            Some(snap(Pending, &[])),
            snap(Failed, &[]),
            vec![(UploadFailed, None)],
        ),
        (
            Some(snap(Pending, &[])),
            snap(Expired, &[]),
            vec![(UploadExpired, None)],
        ),
        (
            Some(snap(Unverified, &[(7, Unverified)])),
            snap(Pending, &[]),
            vec![],
        ),
        // A second video on a token that allows two: a second `upload.received`.
        (
            Some(snap(Uploaded, &[(7, Uploaded)])),
            snap(Uploaded, &[(7, Uploaded), (8, Uploaded)]),
            vec![(UploadReceived, Some(8))],
        ),
        // Found already encoded: received, then ready.
        (
            Some(snap(Expired, &[])),
            snap(Ready, &[(9, Ready)]),
            vec![(UploadReceived, Some(9)), (VideoReady, Some(9))],
        ),
    ];
    for (before, after, expected) in table {
        assert_eq!(
            kinds(before.as_ref(), &after),
            expected,
            "{before:?} -> {after:?}"
        );
    }
}

#[test]
fn a_change_that_changes_nothing_tells_nothing() {
    for s in [
        snap(Pending, &[]),
        snap(Uploaded, &[(7, Uploaded)]),
        snap(Ready, &[(7, Ready)]),
        snap(Failed, &[]),
        snap(Expired, &[]),
        snap(Unverified, &[(7, Unverified)]),
    ] {
        assert!(kinds(Some(&s), &s).is_empty(), "{s:?}");
    }
}
