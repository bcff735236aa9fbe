//! The sample program: the sample library with the request workflow behind
//! each of its ledger entries (`data/sample-history.json`).

use serde::Deserialize;

use super::program::{Options, Program};
use super::state::{State, Transition};
use crate::Index;
use crate::model::Library;

const SAMPLE_HISTORY_JSON: &str = include_str!("../../data/sample-history.json");

/// One entry of `data/sample-history.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    engagement: String,
    requested_by: String,
    history: Vec<Transition>,
}

impl Program {
    /// The sample program of [`Library::sample`], kept in memory, with who
    /// asked for each ledger entry and every step of its workflow (when it
    /// was requested and approved, declined with which reason), as
    /// [`Program::record`] shows them. The analytics measure it; examples
    /// and tests start from it.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded files are checked by the crate's tests.
    pub fn sample(options: &Options) -> Program {
        let library = Library::sample();
        let mut state = State::from_library(&library);
        let entries: Vec<Entry> =
            serde_json::from_str(SAMPLE_HISTORY_JSON).expect("embedded sample-history.json parses");
        for (record, entry) in state.saved.requests.iter_mut().zip(entries) {
            assert_eq!(
                record.engagement.id, entry.engagement,
                "sample-history.json follows the ledger's order"
            );
            assert_eq!(
                entry.history.first().map(|step| step.actor.id.as_str()),
                Some(entry.requested_by.as_str()),
                "sample-history.json names the requester as the first step's actor"
            );
            record.history = entry.history;
        }
        let library = state.library().unwrap_or(library);
        Program::assemble(state, Index::new(library), None, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EngagementStatus;

    #[test]
    fn every_entry_has_its_history_ending_in_its_status() {
        let program = Program::sample(&Options::new());
        let state = program.state();
        assert_eq!(state.requests.len(), Library::sample().engagements().len());
        for record in &state.requests {
            let last = record.history.last().expect("a history");
            assert_eq!(last.to, record.engagement.status, "{}", record.engagement.id);
            assert_eq!(record.history[0].to, EngagementStatus::Requested);
            assert!(record.requested_by().is_some());
        }
    }
}
