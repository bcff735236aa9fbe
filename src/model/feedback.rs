//! Feedback on completed engagements ([`Feedback`]): the rep rates the
//! call, the advocate rates the experience. The ledger records it
//! ([`crate::ledger::Program::feedback`], with its rights); a library
//! carries it in [`LibraryData::feedback`](super::LibraryData::feedback),
//! so an export keeps it. What it is used for: judgments derived from
//! history ([`crate::eval::implicit`]) and, when the policy asks, a longer
//! rest after a poor experience
//! ([`Policy::poor_feedback`](super::Policy::poor_feedback), rule E5 of
//! [`crate::rank`]).
//!
//! Each engagement takes at most one feedback from each side. A second
//! one from the same side is refused, never merged or replaced: feedback
//! is history, as the workflow steps are.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::actor::Actor;

/// Which side of an engagement gives feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackFrom {
    /// The rep's side, rating the call: the rep who made the request, the
    /// account's owner, or an admin for them.
    Rep,
    /// The advocate's side, rating the experience: the advocate, or an
    /// admin for them.
    Advocate,
}

impl FeedbackFrom {
    /// Both sides, rep first.
    pub const ALL: [FeedbackFrom; 2] = [FeedbackFrom::Rep, FeedbackFrom::Advocate];

    /// `rep` or `advocate`.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackFrom::Rep => "rep",
            FeedbackFrom::Advocate => "advocate",
        }
    }
}

impl fmt::Display for FeedbackFrom {
    /// Writes [`FeedbackFrom::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lowest rating.
pub const MIN_RATING: u8 = 1;

/// The highest rating.
pub const MAX_RATING: u8 = 5;

/// One side's feedback on one completed engagement.
///
/// The rating is `1..=5` (5 best); the note is free text of at most
/// 20,000 bytes; `at` is not before the engagement's day. A library
/// refuses anything else ([`crate::Library::new`] names the place, e.g.
/// `feedback[3].rating`), as it refuses feedback on an engagement that is
/// not completed and a second feedback from one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// The engagement's id.
    pub engagement: String,
    /// Whose side gives it.
    pub from: FeedbackFrom,
    /// 1 (poor) to 5 (excellent): the call for the rep, the experience for
    /// the advocate.
    pub rating: u8,
    /// Whether it helped the deal, when the giver says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helped: Option<bool>,
    /// Whether the call was a no-show: scheduled, but it did not happen.
    /// The engagement is still completed (its slot was held).
    #[serde(default)]
    pub missed: bool,
    /// In the giver's words (may be empty).
    #[serde(default)]
    pub note: String,
    /// Who recorded it.
    pub actor: Actor,
    /// When.
    pub at: Timestamp,
}
