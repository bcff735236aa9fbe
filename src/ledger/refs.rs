//! How many records and requests refer to each record ([`Refs`]): what lets
//! the ledger tell in `O(1)` that nothing refers to a record, so that it
//! may be removed or moved to another account without a pass over the
//! program. Naming *what* refers to it (for a refusal) is
//! [`State::referrer`](super::state::State::referrer)'s pass.

use std::collections::HashMap;

use super::ops::records::{Record, RecordKind};
use super::state::ProgramState;
use crate::model::{AccountFigure, Advocate, Engagement, Opportunity, Quote, Story};

/// Counts of references to records, by kind and id; records nothing
/// refers to have no entry. Hidden accounts are not counted (the state's
/// set says it).
#[derive(Debug, Clone, Default)]
pub(crate) struct Refs([HashMap<String, u32>; 7]);

/// What each kind of record refers to.
fn of_advocate(a: &Advocate) -> impl Iterator<Item = (RecordKind, &str)> {
    std::iter::once((RecordKind::Account, a.account.as_str()))
}

fn of_story(s: &Story) -> impl Iterator<Item = (RecordKind, &str)> {
    let products = s.products.iter().map(|p| (RecordKind::Product, p.as_str()));
    let advocates = s.advocates.iter().map(|a| (RecordKind::Advocate, a.as_str()));
    std::iter::once((RecordKind::Account, s.account.as_str())).chain(products).chain(advocates)
}

fn of_opportunity(o: &Opportunity) -> impl Iterator<Item = (RecordKind, &str)> {
    o.prospect.products.iter().map(|p| (RecordKind::Product, p.as_str()))
}

fn of_figure(f: &AccountFigure) -> impl Iterator<Item = (RecordKind, &str)> {
    std::iter::once((RecordKind::Account, f.account.as_str()))
}

fn of_quote(q: &Quote) -> impl Iterator<Item = (RecordKind, &str)> {
    [(RecordKind::Story, q.story.as_str()), (RecordKind::Advocate, q.advocate.as_str())].into_iter()
}

fn of_engagement(e: &Engagement) -> impl Iterator<Item = (RecordKind, &str)> {
    [(RecordKind::Advocate, e.advocate.as_str()), (RecordKind::Story, e.story.as_str())].into_iter()
}

impl Refs {
    /// The references among the state's records and requests. `O(n)`.
    pub(crate) fn of(saved: &ProgramState) -> Refs {
        let mut refs = Refs::default();
        let data = &saved.library;
        data.advocates.iter().for_each(|a| refs.add(of_advocate(a)));
        data.stories.iter().for_each(|s| refs.add(of_story(s)));
        data.opportunities.iter().for_each(|o| refs.add(of_opportunity(o)));
        data.account_figures.iter().for_each(|f| refs.add(of_figure(f)));
        data.quotes.iter().for_each(|q| refs.add(of_quote(q)));
        saved.requests.iter().for_each(|r| refs.add(of_engagement(&r.engagement)));
        refs
    }

    /// Counts (`add`) or stops counting what `record` refers to.
    pub(crate) fn record(&mut self, record: &Record, add: bool) {
        let targets: Vec<(RecordKind, &str)> = match record {
            Record::Product(_) | Record::Account(_) => Vec::new(),
            Record::Advocate(a) => of_advocate(a).collect(),
            Record::Story(s) => of_story(s).collect(),
            Record::Opportunity(o) => of_opportunity(o).collect(),
            Record::AccountFigure(f) => of_figure(f).collect(),
            Record::Quote(q) => of_quote(q).collect(),
        };
        if add { self.add(targets) } else { self.subtract(targets) }
    }

    /// Counts (`add`) or stops counting what the engagement refers to.
    pub(crate) fn engagement(&mut self, engagement: &Engagement, add: bool) {
        if add { self.add(of_engagement(engagement)) } else { self.subtract(of_engagement(engagement)) }
    }

    /// How many records and requests refer to the record of `kind` with `id`.
    pub(crate) fn count(&self, kind: RecordKind, id: &str) -> u32 {
        self.0[kind as usize].get(id).copied().unwrap_or(0)
    }

    fn add<'a>(&mut self, targets: impl IntoIterator<Item = (RecordKind, &'a str)>) {
        for (kind, id) in targets {
            let counts = &mut self.0[kind as usize];
            match counts.get_mut(id) {
                Some(n) => *n += 1,
                None => drop(counts.insert(id.to_string(), 1)),
            }
        }
    }

    fn subtract<'a>(&mut self, targets: impl IntoIterator<Item = (RecordKind, &'a str)>) {
        for (kind, id) in targets {
            let counts = &mut self.0[kind as usize];
            if let Some(n) = counts.get_mut(id) {
                *n -= 1;
                if *n == 0 {
                    counts.remove(id);
                }
            }
        }
    }
}
