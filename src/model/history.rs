//! The workflow history of engagements: each step (requested, approved,
//! declined, cancelled, completed) with who made it, when and why. The
//! ledger writes it ([`crate::ledger::Program`]); a library carries it in
//! [`LibraryData::history`](super::LibraryData::history), so an export of
//! a program loses none of it.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::kinds::EngagementStatus;
use crate::model::Actor;

/// One step of a request's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The state before; `None` for the request itself.
    pub from: Option<EngagementStatus>,
    /// The state after.
    pub to: EngagementStatus,
    /// Who made the step.
    pub actor: Actor,
    /// When.
    pub at: Timestamp,
    /// Why, in the actor's words (may be empty).
    pub reason: String,
}

/// The steps of one engagement, oldest first: the first takes it from no
/// state to `requested`, each next one from the state the last left, and
/// the last ends in the engagement's status; their times never go back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngagementHistory {
    /// The engagement's id.
    pub engagement: String,
    /// Its steps, oldest first.
    pub steps: Vec<Transition>,
}
