//! The ledger's state ([`ProgramState`]: library, policy, hidden accounts,
//! requests with their history) and the look-ups that make every
//! operation `O(1)` or `O(log n)` in the size of the program: records by
//! id, each advocate's held engagements by day.
//!
//! The operations that change the state are [`super::ops`]'; this file
//! only knows how to find things and how to put a change back
//! ([`Undo`]), which is how an operation refused by an i/o error is taken
//! out again.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

use super::ops::records::{self, Record, RecordKind};
use super::refs::Refs;
use crate::model::{
    AccountStatus, Advocate, Engagement, EngagementStatus, Library, LibraryData, ValidationError,
};
use crate::model::{Actor, EngagementHistory, Feedback, FeedbackFrom, Transition};

/// A ledger entry with its append-only history. Entries the library came
/// with have no history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRecord {
    /// The entry as the library model holds it; `status` is the current state.
    pub engagement: Engagement,
    /// Every transition, oldest first; the first, from no state to
    /// `requested`, is the request itself.
    pub history: Vec<Transition>,
    /// Feedback on the engagement once completed, at most one per side, in
    /// the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Feedback>,
}

impl RequestRecord {
    /// Who made the request (the actor of its first step), `None` for an
    /// entry the library came with.
    pub fn requested_by(&self) -> Option<&Actor> {
        self.history.first().filter(|step| step.from.is_none()).map(|step| &step.actor)
    }

    /// The feedback from `from`'s side, if given.
    pub fn feedback_from(&self, from: FeedbackFrom) -> Option<&Feedback> {
        self.feedback.iter().find(|f| f.from == from)
    }

    /// The advocate's own rating of the experience, if given: what
    /// [`Policy::poor_feedback`](crate::Policy::poor_feedback) reads.
    pub fn advocate_rating(&self) -> Option<u8> {
        self.feedback_from(FeedbackFrom::Advocate).map(|f| f.rating)
    }
}

/// Everything the ledger knows; what a snapshot holds and what replaying a
/// log must reproduce exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramState {
    /// Sequence number of the last operation applied (0 for none).
    pub seq: u64,
    /// The library without its ledger (`engagements` is empty: the
    /// requests are below); its policy is the program's.
    pub library: LibraryData,
    /// Accounts hidden from ranking and requests, in id order.
    pub hidden: BTreeSet<String>,
    /// Every ledger entry, in the order made.
    pub requests: Vec<RequestRecord>,
    /// Number the next generated request id starts looking from.
    pub next_id: u64,
}

/// What an operation (or taking one back) changed, for the ranking view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Effect {
    /// One advocate's held engagements changed.
    Held(String),
    /// Only the hidden accounts changed.
    Hidden,
    /// The record of this kind and id was changed in place
    /// ([`State::in_place`]): the index changes it in place too.
    Replaced { kind: RecordKind, id: String },
    /// The record of this kind and id was taken out ([`State::take`]):
    /// the index takes it out in place too.
    Removed { kind: RecordKind, id: String },
    /// Several of the above, to show in this order (a sync's parts).
    Many(Vec<Effect>),
    /// Only the policy changed: the ranking index must be rebuilt, the
    /// records are as they were.
    Policy,
    /// The library changed in ways not told: the index must be rebuilt.
    Rebuild,
}

/// How to take one applied operation back out of the state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Undo {
    /// Remove the last request, which named this advocate, and restore the
    /// id counter.
    Request { advocate: String, next_id: u64 },
    /// Put the request back in `status`, dropping its last history step.
    Transition { request: usize, status: EngagementStatus },
    /// Drop the last feedback of request number `request`.
    Feedback { request: usize },
    /// Put the advocate record back.
    Advocate { position: usize, advocate: Box<Advocate> },
    /// Put the policy back.
    Policy(Box<crate::model::Policy>),
    /// Hide or show the account again.
    Hidden { account: String, hidden: bool },
    /// Put the account's status back.
    AccountStatus { position: usize, status: AccountStatus },
    /// Put this record back in place of the one with its id; at this
    /// position of its list when the change moved it to the end.
    Put { record: Box<Record>, moved: Option<usize> },
    /// Take out the record of this kind and id that was added.
    Unput { kind: RecordKind, id: String },
    /// Put this removed record back at its position.
    Untake { position: usize, record: Box<Record> },
    /// Put the whole state back as it was (a sync's batch).
    Restore(Box<ProgramState>),
}

/// [`ProgramState`] with look-ups.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub(crate) saved: ProgramState,
    requests: HashMap<String, usize>,
    advocates: HashMap<String, usize>,
    accounts: HashMap<String, usize>,
    stories: HashMap<String, usize>,
    /// Positions of each story's quotes, in the library's order.
    quotes: HashMap<String, Vec<usize>>,
    quote_ids: HashMap<String, usize>,
    /// Held (day, request id) per advocate, ascending.
    pub(crate) held: HashMap<String, BTreeSet<(Date, String)>>,
    /// How many records and requests refer to each record.
    refs: Refs,
}

fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items.iter().enumerate().map(|(i, item)| (id(item).to_string(), i)).collect()
}

fn quote_positions(quotes: &[crate::model::Quote]) -> HashMap<String, Vec<usize>> {
    let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, quote) in quotes.iter().enumerate() {
        positions.entry(quote.story.clone()).or_default().push(i);
    }
    positions
}

/// Notes `id` at `len` (the end of its list) in `map` when it is new
/// (`at` is `None`).
fn note_new(map: &mut HashMap<String, usize>, at: Option<usize>, id: &str, len: usize) {
    if at.is_none() {
        map.insert(id.to_string(), len);
    }
}

/// Takes `id` out of `map`, the later positions moving down one.
fn forget(map: &mut HashMap<String, usize>, id: &str) {
    if let Some(i) = map.remove(id) {
        for at in map.values_mut() {
            *at -= usize::from(*at > i);
        }
    }
}

impl State {
    /// The state of a library fresh from validation: its engagements,
    /// with their statuses and the history it carries, become the ledger's
    /// requests, as history (no rule is checked: what happened happened),
    /// and its hidden accounts the program's.
    pub(crate) fn from_library(library: &Library) -> State {
        let mut data = library.data().clone();
        let engagements = std::mem::take(&mut data.engagements);
        let mut histories: HashMap<String, Vec<Transition>> =
            std::mem::take(&mut data.history).into_iter().map(|h| (h.engagement, h.steps)).collect();
        let hidden = std::mem::take(&mut data.hidden_accounts).into_iter().collect();
        let mut feedback: HashMap<String, Vec<Feedback>> = HashMap::new();
        for given in std::mem::take(&mut data.feedback) {
            feedback.entry(given.engagement.clone()).or_default().push(given);
        }
        let next_id = engagements.len() as u64 + 1;
        let requests = engagements
            .into_iter()
            .map(|engagement| {
                let history = histories.remove(&engagement.id).unwrap_or_default();
                let feedback = feedback.remove(&engagement.id).unwrap_or_default();
                RequestRecord { engagement, history, feedback }
            })
            .collect();
        State::from_saved(ProgramState { seq: 0, library: data, hidden, requests, next_id })
    }

    /// Everything the state holds as one library's data: the records, the
    /// requests as engagements with their histories and feedback, the
    /// hidden accounts.
    pub(crate) fn export(&self) -> LibraryData {
        let mut data = self.ledger_library();
        data.history = self
            .saved
            .requests
            .iter()
            .filter(|r| !r.history.is_empty())
            .map(|r| EngagementHistory { engagement: r.engagement.id.clone(), steps: r.history.clone() })
            .collect();
        data.hidden_accounts = self.saved.hidden.iter().cloned().collect();
        data
    }

    pub(crate) fn from_saved(saved: ProgramState) -> State {
        let mut state = State {
            requests: positions(&saved.requests, |r| &r.engagement.id),
            advocates: positions(&saved.library.advocates, |a| &a.id),
            accounts: positions(&saved.library.accounts, |a| &a.id),
            stories: positions(&saved.library.stories, |s| &s.id),
            quotes: quote_positions(&saved.library.quotes),
            quote_ids: positions(&saved.library.quotes, |q| &q.id),
            held: HashMap::new(),
            refs: Refs::of(&saved),
            saved,
        };
        for record in &state.saved.requests {
            let e = &record.engagement;
            if e.status.is_held() {
                state.held.entry(e.advocate.clone()).or_default().insert((e.date, e.id.clone()));
            }
        }
        state
    }

    /// The library the ranking index is built from: the records with the
    /// requests as its ledger.
    ///
    /// # Errors
    ///
    /// When the data breaks a rule of the model (a bad blackout range, an
    /// invalid policy).
    pub(crate) fn library(&self) -> Result<Library, ValidationError> {
        Library::new(self.ledger_library())
    }

    /// The records with the requests as engagements and their feedback
    /// (what ranking reads of the ledger).
    fn ledger_library(&self) -> LibraryData {
        let mut data = self.saved.library.clone();
        data.engagements = self.saved.requests.iter().map(|r| r.engagement.clone()).collect();
        data.feedback = self.saved.requests.iter().flat_map(|r| r.feedback.iter().cloned()).collect();
        data
    }

    /// The held (day, request id, the advocate's own rating) of `advocate`,
    /// by day: what the ranking index is shown.
    pub(crate) fn held_of(&self, advocate: &str) -> Vec<(Date, String, Option<u8>)> {
        let held = self.held.get(advocate).into_iter().flatten();
        held.map(|(day, id)| (*day, id.clone(), self.record(id).and_then(RequestRecord::advocate_rating)))
            .collect()
    }

    /// The request with this id and its position.
    pub(crate) fn request(&self, id: &str) -> Option<(usize, &RequestRecord)> {
        self.requests.get(id).map(|&i| (i, &self.saved.requests[i]))
    }

    pub(crate) fn record(&self, id: &str) -> Option<&RequestRecord> {
        self.request(id).map(|(_, record)| record)
    }

    /// The advocate with this id and its position in the library.
    pub(crate) fn advocate(&self, id: &str) -> Option<(usize, &Advocate)> {
        self.advocates.get(id).map(|&i| (i, &self.saved.library.advocates[i]))
    }

    /// The account with this id and its position in the library.
    pub(crate) fn account(&self, id: &str) -> Option<(usize, &crate::model::Account)> {
        self.accounts.get(id).map(|&i| (i, &self.saved.library.accounts[i]))
    }

    /// The owner id of the advocate's account.
    pub(crate) fn owner_of_advocate(&self, advocate: &str) -> Option<&str> {
        let (_, advocate) = self.advocate(advocate)?;
        self.account(&advocate.account).map(|(_, account)| account.owner_id.as_str())
    }

    /// The id the next request gets and the counter after it.
    pub(crate) fn fresh_id(&self) -> (String, u64) {
        let mut n = self.saved.next_id;
        loop {
            let id = format!("eng-{n:04}");
            if !self.requests.contains_key(&id) {
                return (id, n + 1);
            }
            n += 1;
        }
    }

    /// Appends a request record; its id must be new.
    pub(crate) fn push_request(&mut self, record: RequestRecord) {
        let e = &record.engagement;
        self.refs.engagement(e, true);
        self.requests.insert(e.id.clone(), self.saved.requests.len());
        if e.status.is_held() {
            self.held.entry(e.advocate.clone()).or_default().insert((e.date, e.id.clone()));
        }
        self.saved.requests.push(record);
    }

    /// Replaces the request with `record`'s id by `record`, or appends it
    /// when the id is new, keeping `held` in step.
    pub(crate) fn put_request(&mut self, record: RequestRecord) {
        let Some(&i) = self.requests.get(&record.engagement.id) else { return self.push_request(record) };
        let old = &self.saved.requests[i].engagement;
        self.refs.engagement(old, false);
        if let Some(held) = self.held.get_mut(&old.advocate) {
            held.remove(&(old.date, old.id.clone()));
        }
        let e = &record.engagement;
        self.refs.engagement(e, true);
        if e.status.is_held() {
            self.held.entry(e.advocate.clone()).or_default().insert((e.date, e.id.clone()));
        }
        self.saved.requests[i] = record;
    }

    /// Sets the status of request number `i`, keeping `held` in step.
    pub(crate) fn set_status(&mut self, i: usize, status: EngagementStatus) {
        let e = &mut self.saved.requests[i].engagement;
        e.status = status;
        let held = self.held.entry(e.advocate.clone()).or_default();
        if status.is_held() {
            held.insert((e.date, e.id.clone()));
        } else {
            held.remove(&(e.date, e.id.clone()));
        }
    }

    /// Changes the library's records with `edit`, keeping the look-ups in
    /// step. `O(n)` for the look-ups.
    pub(crate) fn edit_library<T>(&mut self, edit: impl FnOnce(&mut LibraryData) -> T) -> T {
        let out = edit(&mut self.saved.library);
        self.advocates = positions(&self.saved.library.advocates, |a| &a.id);
        self.accounts = positions(&self.saved.library.accounts, |a| &a.id);
        self.stories = positions(&self.saved.library.stories, |s| &s.id);
        self.quotes = quote_positions(&self.saved.library.quotes);
        self.quote_ids = positions(&self.saved.library.quotes, |q| &q.id);
        self.refs = Refs::of(&self.saved);
        out
    }

    /// Where the record of `kind` with `id` stands in the library: `O(1)`
    /// for advocates, accounts, stories and quotes, `O(n)` for the other
    /// kinds.
    pub(crate) fn position(&self, kind: RecordKind, id: &str) -> Option<usize> {
        match kind {
            RecordKind::Advocate => self.advocates.get(id).copied(),
            RecordKind::Account => self.accounts.get(id).copied(),
            RecordKind::Story => self.stories.get(id).copied(),
            RecordKind::Quote => self.quote_ids.get(id).copied(),
            RecordKind::AccountFigure => {
                // `account@date`, compared field by field.
                let (account, date) = records::parse_figure_id(id)?;
                self.saved.library.account_figures.iter().position(|f| f.account == account && f.date == date)
            }
            _ => records::position(&self.saved.library, kind, id),
        }
    }

    /// The story with this id and its position in the library.
    pub(crate) fn story(&self, id: &str) -> Option<(usize, &crate::model::Story)> {
        self.stories.get(id).map(|&i| (i, &self.saved.library.stories[i]))
    }

    /// The quotes of the story with this id, in the library's order.
    pub(crate) fn quotes_of(&self, story: &str) -> Vec<&crate::model::Quote> {
        let quotes = self.quotes.get(story).map_or(&[][..], Vec::as_slice);
        quotes.iter().map(|&i| &self.saved.library.quotes[i]).collect()
    }

    /// Whether putting `record` (as [`Record::resolved`] makes it) is a
    /// change the ranking index makes in place: every change but an
    /// account whose industry is not a code or that gives no owner id (a
    /// title that does not resolve, which validation refuses), an opportunity
    /// likewise, a record at an unknown account or of an unknown story, and
    /// an advocate or a story that
    /// moves to another account while something refers to it (which
    /// validation refuses too: its stories, quotes and engagements are at
    /// the old account).
    pub(crate) fn in_place(&self, record: &Record) -> bool {
        let industry = |code: &str| crate::taxonomy::naics().contains(code);
        match record {
            Record::Advocate(new) => {
                self.account(&new.account).is_some()
                    && self.advocate(&new.id).is_none_or(|(_, old)| {
                        old.account == new.account || self.referrer(RecordKind::Advocate, &new.id).is_none()
                    })
            }
            Record::Story(new) => {
                self.account(&new.account).is_some()
                    && self.story(&new.id).is_none_or(|(_, old)| {
                        old.account == new.account || self.referrer(RecordKind::Story, &new.id).is_none()
                    })
            }
            Record::Account(new) => industry(&new.industry) && !new.owner_id.trim().is_empty(),
            Record::Product(_) => true,
            Record::Quote(new) => self.story(&new.story).is_some(),
            Record::AccountFigure(new) => self.account(&new.account).is_some(),
            Record::Opportunity(new) => new.prospect.industry.as_deref().is_none_or(industry),
        }
    }

    /// Whether `record` is an advocate or a story that moves to another
    /// account.
    fn moves(&self, record: &Record) -> bool {
        match record {
            Record::Advocate(new) => {
                self.advocate(&new.id).is_some_and(|(_, old)| old.account != new.account)
            }
            Record::Story(new) => self.story(&new.id).is_some_and(|(_, old)| old.account != new.account),
            _ => false,
        }
    }

    /// Puts `record` (as [`Record::resolved`] makes it) into the library:
    /// in place, keeping the look-ups, when [`State::in_place`] says so,
    /// else through [`State::edit_library`]. A record that moves to
    /// another account is taken out and added at the end, as the index
    /// does. The record that was there, if any, with its position when it
    /// moved.
    pub(crate) fn put(&mut self, record: Record) -> (Option<(Record, Option<usize>)>, Effect) {
        let record = record.resolved();
        if !self.in_place(&record) {
            let old = self.edit_library(|data| records::put(data, record));
            return (old.map(|old| (old, None)), Effect::Rebuild);
        }
        let (kind, id) = (record.kind(), record.id());
        if self.moves(&record) {
            let (position, old) = self.take(kind, &id).expect("`moves` found the record in the state");
            self.put(record);
            return (Some((old, Some(position))), Effect::Replaced { kind, id });
        }
        self.refs.record(&record, true);
        let data = &mut self.saved.library;
        let old = match record {
            Record::Advocate(new) => {
                let at = self.advocates.get(&new.id).copied();
                note_new(&mut self.advocates, at, &new.id, data.advocates.len());
                records::place(&mut data.advocates, at, new).map(Record::Advocate)
            }
            Record::Story(new) => {
                let at = self.stories.get(&new.id).copied();
                note_new(&mut self.stories, at, &new.id, data.stories.len());
                records::place(&mut data.stories, at, new).map(Record::Story)
            }
            Record::Account(new) => {
                let at = self.accounts.get(&new.id).copied();
                note_new(&mut self.accounts, at, &new.id, data.accounts.len());
                records::place(&mut data.accounts, at, new).map(Record::Account)
            }
            Record::Product(new) => {
                let at = data.products.iter().position(|p| p.id == new.id);
                records::place(&mut data.products, at, new).map(Record::Product)
            }
            Record::AccountFigure(new) => {
                let at =
                    data.account_figures.iter().position(|f| f.account == new.account && f.date == new.date);
                records::place(&mut data.account_figures, at, new).map(Record::AccountFigure)
            }
            Record::Opportunity(new) => {
                let at = data.opportunities.iter().position(|o| o.id == new.id);
                records::place(&mut data.opportunities, at, new).map(Record::Opportunity)
            }
            Record::Quote(new) => {
                let at = self.quote_ids.get(&new.id).copied();
                match at {
                    None => self.quotes.entry(new.story.clone()).or_default().push(data.quotes.len()),
                    Some(i) if data.quotes[i].story != new.story => {
                        // To another story: its position moves between the
                        // stories' lists, which stay in the library's order.
                        let old = &data.quotes[i].story;
                        if let Some(list) = self.quotes.get_mut(old) {
                            list.retain(|&q| q != i);
                            if list.is_empty() {
                                self.quotes.remove(old);
                            }
                        }
                        let list = self.quotes.entry(new.story.clone()).or_default();
                        let at = list.partition_point(|&q| q < i);
                        list.insert(at, i);
                    }
                    Some(_) => {}
                }
                note_new(&mut self.quote_ids, at, &new.id, data.quotes.len());
                records::place(&mut data.quotes, at, new).map(Record::Quote)
            }
        };
        if let Some(old) = &old {
            self.refs.record(old, false);
        }
        (old.map(|old| (old, None)), Effect::Replaced { kind, id })
    }

    /// Takes the record of `kind` with `id` out of the library, keeping
    /// the others' order and the look-ups in step (`O(n)` to renumber):
    /// its position and the record. The caller checked that nothing refers
    /// to it.
    pub(crate) fn take(&mut self, kind: RecordKind, id: &str) -> Option<(usize, Record)> {
        let i = self.position(kind, id)?;
        let record = records::take(&mut self.saved.library, kind, i);
        self.refs.record(&record, false);
        match &record {
            Record::Advocate(_) => forget(&mut self.advocates, id),
            Record::Account(_) => forget(&mut self.accounts, id),
            Record::Story(_) => {
                forget(&mut self.stories, id);
                self.quotes.remove(id);
            }
            Record::Quote(quote) => {
                forget(&mut self.quote_ids, id);
                if let Some(list) = self.quotes.get_mut(&quote.story) {
                    list.retain(|&q| q != i);
                    if list.is_empty() {
                        self.quotes.remove(&quote.story);
                    }
                }
                for q in self.quotes.values_mut().flatten() {
                    *q -= usize::from(*q > i);
                }
            }
            Record::Product(_) | Record::Opportunity(_) | Record::AccountFigure(_) => {}
        }
        Some((i, record))
    }

    /// What refers to the record of `kind` with `id`, in words, or `None`
    /// when nothing does and it may be removed.
    pub(crate) fn referrer(&self, kind: RecordKind, id: &str) -> Option<String> {
        let hidden = kind == RecordKind::Account && self.saved.hidden.contains(id);
        if self.refs.count(kind, id) == 0 && !hidden {
            debug_assert_eq!(self.named_referrer(kind, id), None, "the counts missed a reference");
            return None;
        }
        self.named_referrer(kind, id)
    }

    /// What refers to the record of `kind` with `id`, found by a pass over
    /// the program: `O(n)`, for a refusal's message.
    fn named_referrer(&self, kind: RecordKind, id: &str) -> Option<String> {
        let data = &self.saved.library;
        let story = |found: Option<&crate::model::Story>| found.map(|s| format!("story {}", s.id));
        let quote = |found: Option<&crate::model::Quote>| found.map(|q| format!("quote {}", q.id));
        match kind {
            RecordKind::Product => story(data.stories.iter().find(|s| s.products.iter().any(|p| p == id)))
                .or_else(|| {
                    let found =
                        data.opportunities.iter().find(|o| o.prospect.products.iter().any(|p| p == id));
                    found.map(|o| format!("opportunity {}", o.id))
                }),
            RecordKind::Account => {
                let advocate =
                    data.advocates.iter().find(|a| a.account == id).map(|a| format!("advocate {}", a.id));
                advocate
                    .or_else(|| story(data.stories.iter().find(|s| s.account == id)))
                    .or_else(|| {
                        let figure = data.account_figures.iter().find(|f| f.account == id);
                        figure.map(|f| format!("account figure {}", records::figure_id(f)))
                    })
                    .or_else(|| self.saved.hidden.contains(id).then(|| "the hidden accounts".to_string()))
            }
            RecordKind::Advocate => {
                let held = self.saved.requests.iter().find(|r| r.engagement.advocate == id);
                held.map(|r| format!("engagement {}", r.engagement.id))
                    .or_else(|| story(data.stories.iter().find(|s| s.advocates.iter().any(|a| a == id))))
                    .or_else(|| quote(data.quotes.iter().find(|q| q.advocate == id)))
            }
            RecordKind::Story => {
                let held = self.saved.requests.iter().find(|r| r.engagement.story == id);
                held.map(|r| format!("engagement {}", r.engagement.id))
                    .or_else(|| quote(data.quotes.iter().find(|q| q.story == id)))
            }
            RecordKind::Opportunity | RecordKind::AccountFigure | RecordKind::Quote => None,
        }
    }

    /// Mutable access to the advocate at `position`.
    pub(crate) fn advocate_mut(&mut self, position: usize) -> &mut Advocate {
        &mut self.saved.library.advocates[position]
    }

    /// Takes an operation back out with its `undo`.
    pub(crate) fn undo(&mut self, undo: Undo) -> Effect {
        match undo {
            Undo::Request { advocate, next_id } => {
                if let Some(record) = self.saved.requests.pop() {
                    let e = &record.engagement;
                    self.refs.engagement(e, false);
                    self.requests.remove(&e.id);
                    if let Some(held) = self.held.get_mut(&e.advocate) {
                        held.remove(&(e.date, e.id.clone()));
                    }
                }
                self.saved.next_id = next_id;
                Effect::Held(advocate)
            }
            Undo::Transition { request, status } => {
                self.saved.requests[request].history.pop();
                self.set_status(request, status);
                Effect::Held(self.saved.requests[request].engagement.advocate.clone())
            }
            Undo::Feedback { request } => {
                let record = &mut self.saved.requests[request];
                record.feedback.pop();
                Effect::Held(record.engagement.advocate.clone())
            }
            Undo::Advocate { position, advocate } => {
                let id = advocate.id.clone();
                self.saved.library.advocates[position] = *advocate;
                Effect::Replaced { kind: RecordKind::Advocate, id }
            }
            Undo::Policy(policy) => {
                self.saved.library.policy = *policy;
                Effect::Policy
            }
            Undo::Hidden { account, hidden } => {
                if hidden {
                    self.saved.hidden.insert(account);
                } else {
                    self.saved.hidden.remove(&account);
                }
                Effect::Hidden
            }
            Undo::AccountStatus { position, status } => {
                let account = &mut self.saved.library.accounts[position];
                account.status = status;
                Effect::Replaced { kind: RecordKind::Account, id: account.id.clone() }
            }
            Undo::Put { record, moved: None } => self.put(*record).1,
            Undo::Put { record, moved: Some(position) } => {
                // A move: back to where it stood (rare: after an i/o error).
                let (kind, id) = (record.kind(), record.id());
                self.edit_library(|data| {
                    if let Some(i) = records::position(data, kind, &id) {
                        records::take(data, kind, i);
                    }
                    records::insert_at(data, position, *record);
                });
                Effect::Rebuild
            }
            Undo::Unput { kind, id } => match self.take(kind, &id) {
                Some(_) => Effect::Removed { kind, id },
                None => Effect::Rebuild,
            },
            Undo::Untake { position, record } => {
                self.edit_library(|data| records::insert_at(data, position, *record));
                Effect::Rebuild
            }
            Undo::Restore(saved) => {
                *self = State::from_saved(*saved);
                Effect::Rebuild
            }
        }
    }
}
