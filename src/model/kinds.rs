//! The closed vocabularies of the model: statuses, seniority levels,
//! engagement kinds, asset kinds, opportunity statuses and the channels a
//! quote may be used in.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The value's name as written in JSON and CSV files.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }

            /// Parses the name written in JSON and CSV files (exact, lowercase).
            pub fn parse(text: &str) -> Option<$name> {
                match text { $( $text => Some($name::$variant), )+ _ => None }
            }

            /// The accepted names, joined for error messages.
            pub fn expected() -> String {
                let names: &[&str] = &[ $( $text, )+ ];
                names.join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Whether the company may contact an account at all.
    AccountStatus {
        /// The account may be asked for references.
        Active => "active",
        /// Nobody at the account may be contacted (SCORING.md rule E1).
        DoNotContact => "do_not_contact",
    }
}

vocabulary! {
    /// Whether an advocate can currently be asked.
    AdvocateStatus {
        /// Available for requests.
        Active => "active",
        /// Temporarily unavailable, by the advocate's own choice.
        Paused => "paused",
        /// Must not be contacted.
        DoNotContact => "do_not_contact",
        /// Has left the account.
        Departed => "departed",
    }
}

vocabulary! {
    /// An advocate's level in their organisation. The order is the one
    /// SCORING.md uses for the seniority factor: executive is level 0,
    /// individual contributor level 4.
    Seniority {
        /// C-level and similar (level 0).
        Executive => "executive",
        /// Vice president (level 1).
        Vp => "vp",
        /// Director (level 2).
        Director => "director",
        /// Manager (level 3).
        Manager => "manager",
        /// Individual contributor (level 4).
        Individual => "individual",
    }
}

impl Seniority {
    /// The level SCORING.md assigns: executive 0, vp 1, director 2,
    /// manager 3, individual 4.
    pub fn level(self) -> u8 {
        self as u8
    }
}

vocabulary! {
    /// What an advocate is asked to do.
    EngagementKind {
        /// A call with a prospect.
        ReferenceCall => "reference_call",
        /// A prospect visits the customer.
        SiteVisit => "site_visit",
        /// A written case study.
        CaseStudy => "case_study",
        /// A press release or interview.
        Press => "press",
        /// A talk at an event.
        Speaking => "speaking",
        /// A webinar appearance.
        Webinar => "webinar",
        /// A review on a review site.
        Review => "review",
        /// A seat on the customer advisory board.
        AdvisoryBoard => "advisory_board",
    }
}

vocabulary! {
    /// Where a ledger entry stands in the request workflow.
    EngagementStatus {
        /// Asked for, not yet approved by the account owner.
        Requested => "requested",
        /// Approved by the account owner.
        Approved => "approved",
        /// Took place.
        Completed => "completed",
        /// Refused.
        Declined => "declined",
        /// Withdrawn before it took place.
        Cancelled => "cancelled",
    }
}

impl EngagementStatus {
    /// Whether an entry in this state holds one of the advocate's slots:
    /// requested, approved and completed do; declined and cancelled do not.
    pub fn is_held(self) -> bool {
        matches!(self, EngagementStatus::Requested | EngagementStatus::Approved | EngagementStatus::Completed)
    }
}

vocabulary! {
    /// The form of a piece of reference content.
    AssetKind {
        /// A written case study.
        CaseStudy => "case_study",
        /// A video testimonial.
        Video => "video",
        /// A podcast episode.
        Podcast => "podcast",
        /// A short approved quote.
        Quote => "quote",
        /// An article in the press.
        PressArticle => "press_article",
        /// A slide deck.
        Slides => "slides",
        /// A review on a review site.
        Review => "review",
    }
}

vocabulary! {
    /// Where a sales opportunity stands.
    OpportunityStatus {
        /// Still being worked; its close date is the expected one.
        Open => "open",
        /// Closed and signed.
        Won => "won",
        /// Closed without a deal.
        Lost => "lost",
    }
}

impl OpportunityStatus {
    /// Whether the opportunity is closed, won or lost.
    pub fn is_closed(self) -> bool {
        self != OpportunityStatus::Open
    }
}

vocabulary! {
    /// Where an approved [`Quote`](super::Quote) may be used.
    Channel {
        /// The company's website.
        Web => "web",
        /// Sales presentations and proposals.
        SalesDeck => "sales_deck",
        /// Press releases and interviews.
        Press => "press",
        /// Social media posts.
        Social => "social",
        /// Talks, booths and printed material at events.
        Event => "event",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse_and_serde() {
        for kind in EngagementKind::ALL {
            assert_eq!(EngagementKind::parse(kind.as_str()), Some(*kind));
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(AssetKind::parse("press_article"), Some(AssetKind::PressArticle));
        assert_eq!(AssetKind::parse("Press"), None);
    }

    #[test]
    fn seniority_levels_follow_scoring_md() {
        assert_eq!(Seniority::Executive.level(), 0);
        assert_eq!(Seniority::Vp.level(), 1);
        assert_eq!(Seniority::Individual.level(), 4);
    }

    #[test]
    fn held_statuses() {
        assert!(EngagementStatus::Requested.is_held());
        assert!(EngagementStatus::Completed.is_held());
        assert!(!EngagementStatus::Declined.is_held());
        assert!(!EngagementStatus::Cancelled.is_held());
    }
}
