//! [`SyncOp`]: a sync as the log holds it, one operation of many parts,
//! checked as a whole (every part's problems at once) and applied as a
//! whole or not at all.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use super::engagements;
use super::report::SyncProblem;
use crate::ledger::error::Error;
use crate::ledger::ops::records::{self, Record, RecordKind, figure_id};
use crate::ledger::ops::{Change, Ctx};
use crate::ledger::state::{Effect, RequestRecord, State, Undo};
use crate::model::validate::ranges::date_out_of_range;
use crate::model::{Actor, Library, LibraryData, Problem};

/// One part of a sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub(crate) enum Part {
    /// Add the record, or replace the one of its kind with its id.
    Put { record: Record },
    /// Remove the record of this kind and id.
    Remove { kind: RecordKind, id: String },
    /// Add the engagement as history, or move an existing one on.
    Engagement { record: RequestRecord },
}

impl Part {
    /// The kind and id of what the part changes.
    fn name(&self) -> (String, String) {
        match self {
            Part::Put { record } => (record.kind().name().to_string(), record.id()),
            Part::Remove { kind, id } => (kind.name().to_string(), id.clone()),
            Part::Engagement { record } => ("engagement".to_string(), record.engagement.id.clone()),
        }
    }
}

/// A sync as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SyncOp {
    pub(crate) exported_at: Timestamp,
    pub(crate) parts: Vec<Part>,
    pub(crate) actor: Actor,
    pub(crate) at: Timestamp,
}

/// The refusal of a sync by a non-admin.
pub(super) fn forbidden(actor: &Actor) -> Error {
    Error::Forbidden {
        actor: actor.clone(),
        operation: "sync the program with a crm export".to_string(),
        rule: "only admins may",
    }
}

impl SyncOp {
    /// Rights, the export's time, then every part; the changed program must
    /// be a valid library. Every problem of every part is reported at once.
    /// `O(n)` plus a validation of the whole program.
    pub(crate) fn check(&self, ctx: &Ctx<'_>) -> Result<(), Error> {
        if !self.actor.is_admin() {
            return Err(forbidden(&self.actor));
        }
        if let Some(message) = date_out_of_range(self.exported_at.to_zoned(jiff::tz::TimeZone::UTC).date()) {
            return Err(Error::OutOfRange { field: "exported_at".into(), message });
        }
        if self.exported_at > self.at {
            let message = format!(
                "an export written at {} is later than the program's clock ({}): expected an export of the past",
                self.exported_at, self.at
            );
            return Err(Error::Dates { message });
        }
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for part in &self.parts {
            let (what, id) = part.name();
            let problem = |message: String| SyncProblem { what: what.clone(), id: id.clone(), message };
            if !seen.insert((what.clone(), id.clone())) {
                problems.push(problem("named twice in one sync: expected one change per record".into()));
            }
            match part {
                Part::Put { .. } => {}
                Part::Remove { kind, id } => {
                    if records::position(&ctx.state.saved.library, *kind, id).is_none() {
                        problems.push(problem(format!("unknown {kind} id `{id}`: nothing to remove")));
                    }
                }
                Part::Engagement { record } => {
                    let old = ctx.state.record(&record.engagement.id);
                    if let Some((_, message)) =
                        old.and_then(|old| engagements::refusal(old, record, self.exported_at))
                    {
                        problems.push(problem(message));
                    }
                }
            }
        }
        let mut changed = ctx.state.clone();
        self.apply(&mut changed);
        for part in &self.parts {
            if let Part::Remove { kind, id } = part
                && let Some(by) = changed.referrer(*kind, id)
            {
                let message = format!("cannot be removed: {by} refers to it; retire it instead");
                problems.push(SyncProblem { what: kind.name().to_string(), id: id.clone(), message });
            }
        }
        let data = changed.export();
        if let Err(err) = Library::new(data.clone()) {
            problems.extend(err.problems().iter().map(|p| problem_of(&data, p)));
        }
        if problems.is_empty() { Ok(()) } else { Err(Error::Sync { problems }) }
    }

    /// Applies every part: records in one pass over each kind's list
    /// (changed ones in place, added ones at the end in the part's order,
    /// removed ones out), then the engagements. `O(n)`. The ranking index
    /// makes the parts in place ([`effects`]) unless there are many.
    pub(crate) fn apply(&self, state: &mut State) -> Change {
        let before = Box::new(state.saved.clone());
        let effect = effects(state, &self.parts).map_or(Effect::Rebuild, Effect::Many);
        state.edit_library(|data| merge(data, &self.parts));
        for part in &self.parts {
            if let Part::Engagement { record } = part {
                state.put_request(record.clone());
            }
        }
        Change { effect, undo: Undo::Restore(before) }
    }
}

/// The most record parts a sync has for the ranking index to make them in
/// place rather than be rebuilt: each new or removed advocate or story
/// renumbers the rows after it (0.2-0.8 ms at 100k advocates), so a few
/// hundred cost less than a rebuild.
pub(crate) const IN_PLACE_PARTS: usize = 256;

/// What the parts change, as the ranking index can make it in place (so
/// that each change finds what it needs): records put, kind by kind in
/// the order of [`RecordKind::ALL`] (accounts before their advocates,
/// advocates before their stories) and within a kind in the parts' order
/// (the order [`merge`] adds them in); then records removed, kinds in the
/// reverse order; then the held engagements of each advocate whose
/// engagements changed. `None` when the index is better rebuilt: more
/// than [`IN_PLACE_PARTS`] record parts.
fn effects(state: &State, parts: &[Part]) -> Option<Vec<Effect>> {
    let records = parts.iter().filter(|p| !matches!(p, Part::Engagement { .. })).count();
    if records > IN_PLACE_PARTS {
        return None;
    }
    let (mut puts, mut removes, mut held) = (Vec::new(), Vec::new(), std::collections::BTreeSet::new());
    for part in parts {
        match part {
            Part::Put { record } => puts.push((record.kind(), record.id())),
            Part::Remove { kind, id } => removes.push((*kind, id.clone())),
            Part::Engagement { record } => {
                held.insert(record.engagement.advocate.clone());
                if let Some(old) = state.record(&record.engagement.id) {
                    held.insert(old.engagement.advocate.clone());
                }
            }
        }
    }
    puts.sort_by_key(|&(kind, _)| kind);
    removes.sort_by_key(|&(kind, _)| std::cmp::Reverse(kind));
    let puts = puts.into_iter().map(|(kind, id)| Effect::Replaced { kind, id });
    let removes = removes.into_iter().map(|(kind, id)| Effect::Removed { kind, id });
    Some(puts.chain(removes).chain(held.into_iter().map(Effect::Held)).collect())
}

/// The record a validation problem of the changed program is about, by
/// its place (`advocates[3].account`).
fn problem_of(data: &LibraryData, problem: &Problem) -> SyncProblem {
    let place = problem.place.as_str();
    let (section, rest) = place.split_once('[').unwrap_or((place, ""));
    let index = rest.split_once(']').and_then(|(i, _)| i.parse::<usize>().ok());
    let field = place.split_once("].").map_or("", |(_, field)| field);
    let message =
        if field.is_empty() { problem.message.clone() } else { format!("{field}: {}", problem.message) };
    let named = |what: &str, id: Option<String>| match id {
        Some(id) => SyncProblem { what: what.to_string(), id, message: message.clone() },
        None => SyncProblem { what: "library".to_string(), id: String::new(), message: problem.to_string() },
    };
    let at = |i: Option<usize>| i.unwrap_or(usize::MAX);
    match section {
        "products" => named("product", data.products.get(at(index)).map(|r| r.id.clone())),
        "accounts" => named("account", data.accounts.get(at(index)).map(|r| r.id.clone())),
        "advocates" => named("advocate", data.advocates.get(at(index)).map(|r| r.id.clone())),
        "stories" => named("story", data.stories.get(at(index)).map(|r| r.id.clone())),
        "opportunities" => named("opportunity", data.opportunities.get(at(index)).map(|r| r.id.clone())),
        "account_figures" => named("account_figure", data.account_figures.get(at(index)).map(figure_id)),
        "quotes" => named("quote", data.quotes.get(at(index)).map(|r| r.id.clone())),
        "engagements" => named("engagement", data.engagements.get(at(index)).map(|r| r.id.clone())),
        "history" => named("engagement", data.history.get(at(index)).map(|r| r.engagement.clone())),
        "hidden_accounts" => named("account", data.hidden_accounts.get(at(index)).cloned()),
        _ if section.starts_with("policy") => {
            SyncProblem { what: "policy".to_string(), id: String::new(), message: problem.to_string() }
        }
        _ => named("library", None),
    }
}

/// Puts and removes the parts' records, kind by kind.
fn merge(data: &mut LibraryData, parts: &[Part]) {
    let mut puts: HashMap<RecordKind, Vec<&Record>> = HashMap::new();
    let mut removes: HashMap<RecordKind, HashSet<&str>> = HashMap::new();
    for part in parts {
        match part {
            Part::Put { record } => puts.entry(record.kind()).or_default().push(record),
            Part::Remove { kind, id } => {
                removes.entry(*kind).or_default().insert(id);
            }
            Part::Engagement { .. } => {}
        }
    }
    for kind in RecordKind::ALL {
        let (put, remove) =
            (puts.remove(&kind).unwrap_or_default(), removes.remove(&kind).unwrap_or_default());
        if put.is_empty() && remove.is_empty() {
            continue;
        }
        let mut new: HashMap<String, &Record> = put.iter().map(|r| (r.id(), *r)).collect();
        let mut merged = Vec::new();
        for record in take_all(data, kind) {
            let id = record.id();
            if remove.contains(id.as_str()) {
                continue;
            }
            match new.get(&id) {
                // A record that moves to another account goes to the end
                // (below), as a single change puts it, and the index does.
                Some(put) if put.account() != record.account() => {}
                Some(_) => merged.push(new.remove(&id).cloned().unwrap_or(record)),
                None => merged.push(record),
            }
        }
        merged.extend(put.into_iter().filter(|r| new.remove(&r.id()).is_some()).cloned());
        for record in merged {
            records::push(data, record);
        }
    }
}

/// Takes every record of `kind` out of `data`, in order.
fn take_all(data: &mut LibraryData, kind: RecordKind) -> Vec<Record> {
    fn all<T>(items: &mut Vec<T>, wrap: fn(T) -> Record) -> Vec<Record> {
        std::mem::take(items).into_iter().map(wrap).collect()
    }
    match kind {
        RecordKind::Product => all(&mut data.products, Record::Product),
        RecordKind::Account => all(&mut data.accounts, Record::Account),
        RecordKind::Advocate => all(&mut data.advocates, Record::Advocate),
        RecordKind::Story => all(&mut data.stories, Record::Story),
        RecordKind::Opportunity => all(&mut data.opportunities, Record::Opportunity),
        RecordKind::AccountFigure => all(&mut data.account_figures, Record::AccountFigure),
        RecordKind::Quote => all(&mut data.quotes, Record::Quote),
    }
}
