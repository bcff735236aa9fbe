//! The story model: products, accounts, advocates, stories, the engagement
//! ledger and its feedback, prospects, the program policy, sales opportunities and account
//! figures, customer quotes, and the [`Library`] that holds
//! them once they have been checked.
//!
//! Records are plain structs with public fields ([`entities`]); a
//! [`LibraryData`] is any collection of them, and [`Library::new`] is the
//! only way to turn one into a [`Library`], checking every rule at once
//! ([`ValidationError`] lists each problem with its place), including
//! the range of every number, date, string and list ([`limits`]). Reading and
//! writing files is [`crate::io`]'s job; the code tables the checks use
//! are [`crate::taxonomy`]'s.

mod actor;
pub mod entities;
mod feedback;
mod history;
mod kinds;
mod library;
pub mod limits;
mod policy;
mod prospect;
mod quote;
mod sales;
mod sample;
pub(crate) mod validate;

pub use actor::{Actor, Role};
pub use entities::{Account, Advocate, Asset, DateRange, Engagement, Outcome, Product, Story};
pub use feedback::{Feedback, FeedbackFrom, MAX_RATING, MIN_RATING};
pub use history::{EngagementHistory, Transition};
pub use kinds::{
    AccountStatus, AdvocateStatus, AssetKind, Channel, EngagementKind, EngagementStatus, OpportunityStatus,
    Seniority, UnknownName,
};
pub use library::{LabelResolution, Library, LibraryData};
pub use policy::{AccountCap, Currency, CurrencyError, Limits, Policy, PoorFeedback, Tiers, Weights};
pub use prospect::Prospect;
pub use quote::Quote;
pub use sales::{AccountFigure, Opportunity};
pub(crate) use validate::policy_problems;
pub use validate::{DerivedOwnerId, Problem, ProblemKind, ValidationError, owner_id_of};

/// Normalizes a tag (a use case or a competitor name) the way ranking
/// compares them: trimmed, lowercased, inner white space collapsed to one
/// space. `"  Fraud   Detection "` becomes `"fraud detection"`.
pub fn normalize_tag(tag: &str) -> String {
    tag.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_normalize() {
        assert_eq!(super::normalize_tag("  Fraud   Detection "), "fraud detection");
        assert_eq!(super::normalize_tag("SAP\tAriba"), "sap ariba");
        assert_eq!(super::normalize_tag(""), "");
    }
}
