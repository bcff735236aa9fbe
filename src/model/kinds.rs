//! The closed vocabularies of the model: statuses, seniority levels,
//! engagement kinds, asset kinds, opportunity statuses and the channels a
//! quote may be used in, each written and read by its name
//! ([`fmt::Display`] and [`FromStr`]), and [`UnknownName`], the error a
//! name outside a vocabulary gets.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A name that is none of a closed vocabulary's: what
/// [`str::parse`] returns for an unknown engagement kind, status, factor,
/// rule or region.
///
/// Displays as `unknown engagement kind "call": expected one of
/// reference_call, site_visit, ...`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {text:?}: expected one of {expected}")]
pub struct UnknownName {
    /// What was parsed, e.g. `engagement kind`.
    pub what: &'static str,
    /// The text given.
    pub text: String,
    /// The accepted names, joined with commas.
    pub expected: String,
}

impl UnknownName {
    /// The error for `text`, which is none of `expected` (the accepted
    /// names) of a vocabulary of `what`.
    pub fn new(what: &'static str, text: &str, expected: &[&str]) -> UnknownName {
        UnknownName { what, text: text.to_string(), expected: expected.join(", ") }
    }
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident ($what:literal) { $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)? }
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
            /// Writes the name as in JSON and CSV files.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;

            /// Parses the name written in JSON and CSV files (exact,
            /// lowercase), as [`Self::parse`] does, with an error that
            /// lists the accepted names.
            fn from_str(text: &str) -> Result<$name, UnknownName> {
                $name::parse(text).ok_or_else(|| UnknownName::new($what, text, &[ $( $text, )+ ]))
            }
        }
    };
}

vocabulary! {
    /// Whether the company may contact an account at all.
    AccountStatus ("account status") {
        /// The account may be asked for references.
        Active => "active",
        /// Nobody at the account may be contacted (rule E1 of [`crate::rank`]).
        DoNotContact => "do_not_contact",
    }
}

vocabulary! {
    /// Whether an advocate can currently be asked.
    AdvocateStatus ("advocate status") {
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
    /// the seniority factor uses ([`crate::score::seniority`]): executive
    /// is level 0, individual contributor level 4.
    Seniority ("seniority") {
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
    /// The level the seniority factor compares: executive 0, vp 1,
    /// director 2, manager 3, individual 4.
    pub fn level(self) -> u8 {
        self as u8
    }
}

vocabulary! {
    /// What an advocate is asked to do.
    EngagementKind ("engagement kind") {
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
    EngagementStatus ("engagement status") {
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
    AssetKind ("asset kind") {
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
    OpportunityStatus ("opportunity status") {
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
    Channel ("channel") {
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
    fn every_name_round_trips_through_display_and_from_str() {
        fn check<T: Copy + PartialEq + fmt::Debug + fmt::Display + FromStr<Err = UnknownName>>(all: &[T]) {
            for &value in all {
                assert_eq!(value.to_string().parse::<T>(), Ok(value));
            }
        }
        check(AccountStatus::ALL);
        check(AdvocateStatus::ALL);
        check(Seniority::ALL);
        check(EngagementKind::ALL);
        check(EngagementStatus::ALL);
        check(AssetKind::ALL);
        check(OpportunityStatus::ALL);
        let err = "call".parse::<EngagementKind>().unwrap_err();
        assert_eq!(err.what, "engagement kind");
        assert!(
            err.to_string().starts_with("unknown engagement kind \"call\": expected one of reference_call, ")
        );
    }

    #[test]
    fn seniority_levels() {
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
