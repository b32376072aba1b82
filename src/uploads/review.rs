//! Where an upload stands with the operator, and which decisions may move it: approve and reject
//! (the operator's, on a waiting upload) and withdraw (the visitor's, on their own upload). A
//! decision is written at once (`approving`, …) and carried out on 23 by the jobs (`approved`, …).

/// An upload's review state; uploads nobody reviews have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Sent unpublished; waiting in the operator's queue.
    Waiting,
    /// Approved; 23 has not published it yet.
    Approving,
    /// Approved and published on 23.
    Approved,
    /// Rejected; 23 has not removed it yet.
    Rejecting,
    /// Rejected and removed from 23 (or kept there unpublished).
    Rejected,
    /// Withdrawn by the visitor; 23 has not deleted it yet.
    Withdrawing,
    /// Withdrawn and deleted from 23.
    Withdrawn,
}

/// A decision about one upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// `keep_in_23`: leave the video unpublished on 23 instead of deleting it.
    Reject {
        keep_in_23: bool,
    },
    Withdraw,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject { .. } => "reject",
            Self::Withdraw => "withdraw",
        }
    }

    pub fn parse(kind: &str, keep_in_23: bool) -> Option<Self> {
        match kind {
            "approve" => Some(Self::Approve),
            "reject" => Some(Self::Reject { keep_in_23 }),
            "withdraw" => Some(Self::Withdraw),
            _ => None,
        }
    }

    /// The state the decision moves an upload to at once, or `None` when it may not be taken
    /// from `current`: only a waiting upload is approved or rejected, and an upload is withdrawn
    /// once (whatever the operator decided before).
    pub fn decide(self, current: Option<Review>) -> Option<Review> {
        match (self, current) {
            (Self::Approve, Some(Review::Waiting)) => Some(Review::Approving),
            (Self::Reject { .. }, Some(Review::Waiting)) => Some(Review::Rejecting),
            (Self::Withdraw, Some(Review::Withdrawing | Review::Withdrawn)) => None,
            (Self::Withdraw, _) => Some(Review::Withdrawing),
            _ => None,
        }
    }
}

impl Review {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Approving => "approving",
            Self::Approved => "approved",
            Self::Rejecting => "rejecting",
            Self::Rejected => "rejected",
            Self::Withdrawing => "withdrawing",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Waiting,
            Self::Approving,
            Self::Approved,
            Self::Rejecting,
            Self::Rejected,
            Self::Withdrawing,
            Self::Withdrawn,
        ]
        .into_iter()
        .find(|r| r.as_str() == value)
    }

    /// The state once 23 has carried out the decision that led here.
    pub fn carried_out(self) -> Self {
        match self {
            Self::Approving => Self::Approved,
            Self::Rejecting => Self::Rejected,
            Self::Withdrawing => Self::Withdrawn,
            done => done,
        }
    }

    /// What the visitor's history says: waiting (until 23 published it), published, not
    /// published, or withdrawn. The message id of the five locales.
    pub fn visitor_label_id(self) -> &'static str {
        match self {
            Self::Waiting | Self::Approving => "review-waiting",
            Self::Approved => "review-published",
            Self::Rejecting | Self::Rejected => "review-not-published",
            Self::Withdrawing | Self::Withdrawn => "review-withdrawn",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_waiting_upload_is_approved_or_rejected() {
        let reject = Decision::Reject { keep_in_23: false };
        assert_eq!(
            Decision::Approve.decide(Some(Review::Waiting)),
            Some(Review::Approving)
        );
        assert_eq!(
            reject.decide(Some(Review::Waiting)),
            Some(Review::Rejecting)
        );
        for other in [
            None,
            Some(Review::Approved),
            Some(Review::Rejecting),
            Some(Review::Withdrawn),
        ] {
            assert_eq!(Decision::Approve.decide(other), None, "{other:?}");
            assert_eq!(reject.decide(other), None, "{other:?}");
        }
    }

    #[test]
    fn an_upload_is_withdrawn_once_whatever_was_decided_before() {
        for before in [
            None,
            Some(Review::Waiting),
            Some(Review::Approving),
            Some(Review::Approved),
        ] {
            assert_eq!(Decision::Withdraw.decide(before), Some(Review::Withdrawing));
        }
        assert_eq!(Decision::Withdraw.decide(Some(Review::Withdrawing)), None);
        assert_eq!(Decision::Withdraw.decide(Some(Review::Withdrawn)), None);
    }

    #[test]
    fn carrying_out_finishes_each_decided_state() {
        assert_eq!(Review::Approving.carried_out(), Review::Approved);
        assert_eq!(Review::Rejecting.carried_out(), Review::Rejected);
        assert_eq!(Review::Withdrawing.carried_out(), Review::Withdrawn);
        assert_eq!(Review::Waiting.carried_out(), Review::Waiting);
        for review in [Review::Waiting, Review::Approved, Review::Withdrawn] {
            assert_eq!(Review::parse(review.as_str()), Some(review));
        }
    }
}
