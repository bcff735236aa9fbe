//! The story model: products, accounts, advocates, stories, the engagement
//! ledger, prospects, the program policy, sales opportunities and account
//! figures, and the [`Library`] that holds
//! them once they have been checked.
//!
//! Records are plain structs with public fields ([`entities`]); a
//! [`LibraryData`] is any collection of them, and [`Library::new`] is the
//! only way to turn one into a [`Library`], checking every rule at once
//! ([`ValidationError`] lists each problem with its place), including
//! the range of every number, date, string and list ([`limits`]). Reading and
//! writing files is [`crate::io`]'s job; the code tables the checks use
//! are [`crate::taxonomy`]'s.

pub mod entities;
mod kinds;
mod library;
pub mod limits;
mod policy;
mod prospect;
mod sales;
mod sample;
pub(crate) mod validate;

pub use entities::{Account, Advocate, Asset, DateRange, Engagement, Outcome, Product, Story};
pub use kinds::{
    AccountStatus, AdvocateStatus, AssetKind, EngagementKind, EngagementStatus, OpportunityStatus, Seniority,
};
pub use library::{LabelResolution, Library, LibraryData};
pub use policy::{Policy, Weights};
pub use prospect::Prospect;
pub use sales::{AccountFigure, Opportunity};
pub(crate) use validate::policy_problems;
pub use validate::{Problem, ProblemKind, ValidationError};

/// Normalizes a tag (a use case or a competitor name) the way SCORING.md
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
