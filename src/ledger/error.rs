//! [`Error`]: why the ledger refused an operation or could not be opened.

use std::path::PathBuf;

use crate::model::Actor;
use crate::model::{EngagementStatus, ValidationError};
use crate::rank::Exclusion;

/// Why an operation was refused, or the ledger's files could not be read
/// or written. Messages are lowercase and name the actor, request, file or
/// line concerned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The actor's role does not allow the operation.
    #[error("{actor} may not {operation}: {rule}")]
    Forbidden {
        /// Who asked.
        actor: Actor,
        /// What they asked, e.g. "approve request eng-0042".
        operation: String,
        /// Who may.
        rule: &'static str,
    },
    /// The advocate cannot be asked: an eligibility rule of [`crate::rank`] fails
    /// (E8 when the story's account is hidden from ranking).
    #[error("advocate {advocate} cannot be requested for story {story}: {exclusion}")]
    Ineligible {
        /// The advocate asked for.
        advocate: String,
        /// The story asked for.
        story: String,
        /// Why, as ranking says it (its `rule()` names the rule).
        exclusion: Exclusion,
    },
    /// The advocate is not listed on the story.
    #[error("advocate {advocate} does not tell story {story}")]
    NotOnStory {
        /// The advocate asked for.
        advocate: String,
        /// The story asked for.
        story: String,
    },
    /// The request is not in a state that allows the transition.
    #[error("request {request}: cannot {} {} {from} request", verb(*to), article(*from))]
    InvalidTransition {
        /// The request's id.
        request: String,
        /// Its state.
        from: EngagementStatus,
        /// The state asked for.
        to: EngagementStatus,
    },
    /// Feedback the engagement cannot take: it is not completed, or its
    /// side already gave feedback (which is kept as given, never replaced).
    #[error("feedback on request {request}: {message}")]
    Feedback {
        /// The request's id.
        request: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// No record of this kind has this id.
    #[error("unknown {what} id `{id}`")]
    Unknown {
        /// "advocate", "story", "account" or "request".
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// An admin or advocate change would leave the library invalid.
    #[error("the change was refused: {0}")]
    Invalid(ValidationError),
    /// A ledger (or part of one) already exists where one was to be created.
    #[error("{}: a ledger file already exists here; open the ledger instead, or remove its files", path.display())]
    Exists {
        /// The ledger file found.
        path: PathBuf,
    },
    /// Another [`Program`](super::Program), in this process or another,
    /// has the ledger directory open.
    #[error("{}: the ledger is already open ({holder}); close it there first", dir.display())]
    Locked {
        /// The ledger directory.
        dir: PathBuf,
        /// Who holds it, as far as known, e.g. "process 4242".
        holder: String,
    },
    /// An earlier write or sync of the log failed: the program refuses
    /// every further change until it is reopened (the operations that
    /// were not durable were taken out again).
    #[error("{}: the ledger refuses changes after an i/o error ({cause}); reopen it", path.display())]
    Poisoned {
        /// The log file.
        path: PathBuf,
        /// The error that stopped it.
        cause: String,
    },
    /// A number, date or text of an operation is outside its range (see
    /// [`crate::model::limits`]).
    #[error("{field}: {message}")]
    OutOfRange {
        /// What is out of range, e.g. `date` or `reason`.
        field: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A record cannot be removed: engagements or other records refer to it.
    #[error("{what} `{id}` cannot be removed: {by} refers to it; retire it instead")]
    InUse {
        /// "advocate", "story", "account" or "product".
        what: &'static str,
        /// The record's id.
        id: String,
        /// What refers to it, e.g. "engagement eng-0042".
        by: String,
    },
    /// An operation's dates do not fit the program's clock: a request
    /// dated in the past, a completion before the engagement's day, a step
    /// before the request's last one.
    #[error("{message}")]
    Dates {
        /// What does not fit, naming both dates.
        message: String,
    },
    /// A sync was refused as a whole and nothing was applied: every
    /// problem found, each naming its record.
    #[error("the sync was refused, nothing was applied: {}", sync_problems(problems))]
    Sync {
        /// Every problem, naming the record (kind and id) of each.
        problems: Vec<super::sync::SyncProblem>,
    },
    /// A replayed operation repeats an id.
    #[error("{what} id `{id}` is used twice")]
    Duplicate {
        /// "request".
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The operating system refused to read or write a ledger file.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A ledger file holds something other than what the ledger wrote.
    #[error("{}, line {line}: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong, lowercase.
        message: String,
    },
}

/// The verb of a transition to `to`.
pub(crate) fn verb(to: EngagementStatus) -> &'static str {
    match to {
        EngagementStatus::Requested => "request",
        EngagementStatus::Approved => "approve",
        EngagementStatus::Completed => "complete",
        EngagementStatus::Declined => "decline",
        EngagementStatus::Cancelled => "cancel",
    }
}

fn sync_problems(problems: &[super::sync::SyncProblem]) -> String {
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    list.join("; ")
}

fn article(status: EngagementStatus) -> &'static str {
    if status.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    pub(crate) fn unknown(what: &'static str, id: &str) -> Error {
        Error::Unknown { what, id: id.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_messages_name_both_states() {
        let err = Error::InvalidTransition {
            request: "eng-0042".into(),
            from: EngagementStatus::Declined,
            to: EngagementStatus::Completed,
        };
        assert_eq!(err.to_string(), "request eng-0042: cannot complete a declined request");
        let err = Error::InvalidTransition {
            request: "eng-7".into(),
            from: EngagementStatus::Approved,
            to: EngagementStatus::Approved,
        };
        assert_eq!(err.to_string(), "request eng-7: cannot approve an approved request");
    }
}
