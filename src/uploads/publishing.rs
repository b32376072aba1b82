//! Who decides whether a new video goes live on 23: the visitor, nobody (always unpublished),
//! or the operator after looking at it (approval first).

/// How a campaign publishes what visitors send. `MODERATION=on` makes the default campaign
/// `ApprovalFirst`; campaigns store their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PublishPolicy {
    /// The form's visibility choice is sent to 23 as it is (today's behaviour).
    #[default]
    VisitorChooses,
    /// Every video is sent unpublished, whatever the visitor chose; nobody reviews it here.
    AlwaysUnpublished,
    /// Every video is sent unpublished and waits in /admin for the operator's decision:
    /// approving publishes it, rejecting removes it.
    ApprovalFirst,
}

impl PublishPolicy {
    /// The `publish` flag to send to 23 with the upload token.
    pub fn publish(&self, visitor_choice: bool) -> bool {
        match self {
            Self::VisitorChooses => visitor_choice,
            Self::AlwaysUnpublished | Self::ApprovalFirst => false,
        }
    }

    /// Whether each upload waits for the operator before it may be published.
    pub fn needs_approval(&self) -> bool {
        matches!(self, Self::ApprovalFirst)
    }

    /// The name stored with a campaign and shown in settings.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::VisitorChooses => "visitor_chooses",
            Self::AlwaysUnpublished => "always_unpublished",
            Self::ApprovalFirst => "approval_first",
        }
    }

    /// The inverse of [`PublishPolicy::as_str`]; `None` for any other word.
    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::VisitorChooses,
            Self::AlwaysUnpublished,
            Self::ApprovalFirst,
        ]
        .into_iter()
        .find(|policy| policy.as_str() == value.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_visitor_chooses_policy_lets_the_visitors_choice_through() {
        for choice in [true, false] {
            assert_eq!(PublishPolicy::VisitorChooses.publish(choice), choice);
            assert!(!PublishPolicy::AlwaysUnpublished.publish(choice));
            assert!(!PublishPolicy::ApprovalFirst.publish(choice));
        }
    }

    #[test]
    fn only_approval_first_needs_approval() {
        assert!(PublishPolicy::ApprovalFirst.needs_approval());
        assert!(!PublishPolicy::AlwaysUnpublished.needs_approval());
        assert!(!PublishPolicy::VisitorChooses.needs_approval());
    }

    #[test]
    fn each_policy_reads_back_from_its_stored_name() {
        for policy in [
            PublishPolicy::VisitorChooses,
            PublishPolicy::AlwaysUnpublished,
            PublishPolicy::ApprovalFirst,
        ] {
            assert_eq!(PublishPolicy::parse(policy.as_str()), Some(policy));
        }
        assert_eq!(PublishPolicy::parse("publish"), None);
    }
}
