//! Upload states and the one place where they change.

use std::fmt;

/// Where an upload stands. The names are part of the page contract (`data-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Token minted, nothing heard back yet.
    Pending,
    /// 23 confirmed at least one video made from the token.
    Uploaded,
    /// 23 finished encoding.
    Ready,
    /// 23 reported an error for the upload.
    Failed,
    /// The token's deadline passed with no upload.
    Expired,
    /// A callback claimed a video but 23 could not be asked to confirm it yet.
    Unverified,
}

/// Something that happened to an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// 23 lists the video under this upload's token.
    VideoConfirmed,
    /// A callback named a video but 23 was unreachable.
    VideoClaimed,
    /// 23's callback carried `error_message`.
    UploadFailed,
    /// `valid_until` passed.
    TokenExpired,
    /// 23 reports the video encoded.
    VideoEncoded,
    /// 23 answered and does not list the video a callback claimed.
    ClaimRejected,
}

impl Event {
    pub const ALL: [Event; 6] = [
        Event::VideoConfirmed,
        Event::VideoClaimed,
        Event::UploadFailed,
        Event::TokenExpired,
        Event::VideoEncoded,
        Event::ClaimRejected,
    ];
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Pending,
        Status::Uploaded,
        Status::Ready,
        Status::Failed,
        Status::Expired,
        Status::Unverified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Uploaded => "uploaded",
            Status::Ready => "ready",
            Status::Failed => "failed",
            Status::Expired => "expired",
            Status::Unverified => "unverified",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == s)
    }

    /// The state after `event`. Every pair is defined, so replays and races are harmless:
    /// an event that does not move the upload forward leaves it where it is.
    pub fn after(self, event: Event) -> Status {
        use Event::*;
        use Status::*;
        match (self, event) {
            // A confirmed video outranks every earlier doubt, failure or deadline: 23 has it.
            (Pending | Unverified | Failed | Expired, VideoConfirmed) => Uploaded,
            (Uploaded | Ready, VideoConfirmed) => self,
            (Pending | Failed | Expired, VideoClaimed) => Unverified,
            (Unverified | Uploaded | Ready, VideoClaimed) => self,
            // With several files per token, one failure does not undo a confirmed video.
            (Pending, UploadFailed) => Failed,
            (_, UploadFailed) => self,
            (Pending, TokenExpired) => Expired,
            (_, TokenExpired) => self,
            (Uploaded, VideoEncoded) => Ready,
            (_, VideoEncoded) => self,
            // The claim was false (or premature): back to waiting; expiry takes it from there.
            (Unverified, ClaimRejected) => Pending,
            (_, ClaimRejected) => self,
        }
    }

    /// Human wording for pages.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pending => "Waiting for the file",
            Status::Uploaded => "Uploaded, processing",
            Status::Ready => "Ready",
            Status::Failed => "Failed",
            Status::Expired => "Expired",
            Status::Unverified => "Received, confirming with 23",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Event::*;
    use super::Status::*;
    use super::*;

    #[test]
    fn every_transition_matches_the_table() {
        // (from, event, to): the whole state machine, row by row.
        let table = [
            (Pending, VideoConfirmed, Uploaded),
            (Pending, VideoClaimed, Unverified),
            (Pending, UploadFailed, Failed),
            (Pending, TokenExpired, Expired),
            (Pending, VideoEncoded, Pending),
            (Pending, ClaimRejected, Pending),
            (Unverified, VideoConfirmed, Uploaded),
            (Unverified, VideoClaimed, Unverified),
            (Unverified, UploadFailed, Unverified),
            (Unverified, TokenExpired, Unverified),
            (Unverified, VideoEncoded, Unverified),
            (Unverified, ClaimRejected, Pending),
            (Uploaded, VideoConfirmed, Uploaded),
            (Uploaded, VideoClaimed, Uploaded),
            (Uploaded, UploadFailed, Uploaded),
            (Uploaded, TokenExpired, Uploaded),
            (Uploaded, VideoEncoded, Ready),
            (Uploaded, ClaimRejected, Uploaded),
            (Ready, VideoConfirmed, Ready),
            (Ready, VideoClaimed, Ready),
            (Ready, UploadFailed, Ready),
            (Ready, TokenExpired, Ready),
            (Ready, VideoEncoded, Ready),
            (Ready, ClaimRejected, Ready),
            (Failed, VideoConfirmed, Uploaded),
            (Failed, VideoClaimed, Unverified),
            (Failed, UploadFailed, Failed),
            (Failed, TokenExpired, Failed),
            (Failed, VideoEncoded, Failed),
            (Failed, ClaimRejected, Failed),
            (Expired, VideoConfirmed, Uploaded),
            (Expired, VideoClaimed, Unverified),
            (Expired, UploadFailed, Expired),
            (Expired, TokenExpired, Expired),
            (Expired, VideoEncoded, Expired),
            (Expired, ClaimRejected, Expired),
        ];
        assert_eq!(
            table.len(),
            Status::ALL.len() * Event::ALL.len(),
            "the table covers every pair"
        );
        for (from, event, to) in table {
            assert_eq!(from.after(event), to, "{from} + {event:?}");
        }
    }

    #[test]
    fn applying_an_event_twice_changes_nothing_more() {
        for from in Status::ALL {
            for event in [
                VideoConfirmed,
                VideoClaimed,
                UploadFailed,
                TokenExpired,
                VideoEncoded,
            ] {
                let once = from.after(event);
                assert_eq!(once.after(event), once, "{from} + {event:?} twice");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("done"), None);
    }
}
