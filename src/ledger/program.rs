//! [`Program`]: construction, the one path every change takes
//! ([`Program::commit`]: check, log, apply, show, wait until durable),
//! replay, and the ranking view.

use jiff::Timestamp;
use ndarray::Array2;
use std::collections::VecDeque;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::durability::{Durability, OpenReport};
use super::error::Error;
use super::ops::{Ctx, Op, RecordKind};
use super::state::{Effect, ProgramState, RequestRecord, State, Undo};
use super::store::log::LogRecord;
use super::store::sync::{Arrivals, Failure, Mark};
use super::store::{Store, faults};
use crate::Prospect;
use crate::model::Library;
use crate::rank::{AdvocateMatch, Index, QueryError, Ranking, Request, Verdict};

/// Where the ledger takes the time of each operation from.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// How a [`Program`] syncs its log and tells the time.
#[derive(Clone)]
pub struct Options {
    pub(crate) durability: Durability,
    pub(crate) clock: Clock,
}

impl Default for Options {
    fn default() -> Options {
        Options { durability: Durability::EveryAppend, clock: Arc::new(Timestamp::now) }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options").field("durability", &self.durability).finish_non_exhaustive()
    }
}

impl Options {
    /// Durable on every `Ok` (group commit), the system clock.
    pub fn new() -> Options {
        Options::default()
    }

    /// When an operation is on the disk. Default [`Durability::EveryAppend`].
    pub fn durability(&mut self, durability: Durability) -> &mut Options {
        self.durability = durability;
        self
    }

    /// The clock that stamps every transition. Default the system clock
    /// ([`Timestamp::now`]); tests inject a fixed one. Its days must lie in
    /// 1900..=2199, or operations are refused.
    pub fn clock(&mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> &mut Options {
        self.clock = Arc::new(clock);
        self
    }
}

/// The mutable part, behind one lock so check-and-record is atomic.
pub(crate) struct Inner {
    pub(crate) state: State,
    store: Option<Store>,
    /// Operations applied whose lines are not yet known durable, oldest
    /// first, with what takes each back out.
    pending: VecDeque<(u64, Undo)>,
    /// Why the program refuses changes, after an i/o error.
    poisoned: Option<String>,
}

/// What ranking reads.
pub(crate) struct View {
    pub(crate) index: Index,
    pub(crate) hidden: Vec<String>,
    /// Whether requests changed since the index's library was built: its
    /// engagements are then older than the ledger (ranking reads the
    /// ledger's held engagements directly).
    pub(crate) stale: bool,
    /// The search index, once a search asked for it.
    #[cfg(feature = "search")]
    pub(crate) search: Option<super::search::Searching>,
}

impl View {
    fn of(state: &State) -> Result<View, Error> {
        let library = state.library().map_err(Error::Invalid)?;
        Ok(View {
            index: Index::new(library),
            hidden: state.saved.hidden.iter().cloned().collect(),
            stale: false,
            #[cfg(feature = "search")]
            search: None,
        })
    }

    /// Shows an operation's effect to ranking: in place, else by a rebuild.
    fn show(&mut self, state: &State, effect: &Effect) -> Result<(), Error> {
        #[cfg(feature = "search")]
        self.before_search(effect);
        if !self.patch(state, effect) {
            #[cfg(feature = "search")]
            let search = self.search.take();
            *self = View::of(state)?;
            #[cfg(feature = "search")]
            {
                self.search = search;
            }
        }
        Ok(())
    }

    /// Shows `effect` to ranking in place; `false` when the index must be
    /// rebuilt (it may then be half changed).
    fn patch(&mut self, state: &State, effect: &Effect) -> bool {
        match effect {
            Effect::Held(advocate) => {
                self.stale = true;
                self.index.set_held(advocate, state.held_of(advocate))
            }
            Effect::Hidden => {
                self.hidden = state.saved.hidden.iter().cloned().collect();
                true
            }
            Effect::Replaced { kind, id } => match kind {
                RecordKind::Advocate => {
                    state.advocate(id).is_some_and(|(_, a)| self.index.put_advocate(a.clone()))
                }
                RecordKind::Account => {
                    state.account(id).is_some_and(|(_, a)| self.index.put_account(a.clone()))
                }
                RecordKind::Product => {
                    let product = state.saved.library.products.iter().find(|p| p.id == *id);
                    product.is_some_and(|p| self.index.put_product(p.clone()))
                }
                RecordKind::AccountFigure => state
                    .position(*kind, id)
                    .is_some_and(|i| self.index.put_figure(state.saved.library.account_figures[i].clone())),
                RecordKind::Opportunity => state.position(*kind, id).is_some_and(|i| {
                    self.index.put_opportunity(state.saved.library.opportunities[i].clone())
                }),
                RecordKind::Quote => state.position(*kind, id).is_some_and(|i| {
                    let quote = &state.saved.library.quotes[i];
                    let before = self.index.library().quote(id).map(|q| q.story.clone());
                    let left = before.map(|story| state.quotes_of(&story)).unwrap_or_default();
                    self.index.put_quote(quote.clone(), &state.quotes_of(&quote.story), &left)
                }),
                RecordKind::Story => state
                    .story(id)
                    .is_some_and(|(_, s)| self.index.put_story(s.clone(), &state.quotes_of(id))),
            },
            Effect::Removed { kind, id } => self.remove(state, *kind, id),
            Effect::Many(effects) => {
                // A change refused for want of another (an advocate's move
                // before the story that lets it go) changes nothing; it is
                // tried again once the others are made.
                let refused: Vec<&Effect> =
                    effects.iter().filter(|effect| !self.patch(state, effect)).collect();
                refused.into_iter().all(|effect| self.patch(state, effect))
            }
            Effect::Policy | Effect::Rebuild => false,
        }
    }
}

impl View {
    /// Takes the record of `kind` with `id`, which the state no longer
    /// has, out of the index in place; `false` when it must be rebuilt.
    fn remove(&mut self, state: &State, kind: RecordKind, id: &str) -> bool {
        let index = &mut self.index;
        match kind {
            RecordKind::Advocate => index.remove_advocate(id),
            RecordKind::Story => index.remove_story(id),
            RecordKind::Account => index.remove_account(id),
            RecordKind::Product => index.remove_product(id),
            RecordKind::Opportunity => index.remove_opportunity(id),
            RecordKind::AccountFigure => {
                let parsed = crate::ledger::ops::records::parse_figure_id(id);
                parsed.is_some_and(|(account, date)| index.remove_figure(account, date))
            }
            RecordKind::Quote => {
                let story = index.library().quote(id).map(|q| q.story.clone());
                story.is_some_and(|story| index.remove_quote(id, &state.quotes_of(&story)))
            }
        }
    }
}

/// A reference program and its ledger, shared across threads
/// (`Arc<Program>`): the one place that decides who may be asked.
///
/// See the [module docs](super) for the workflow, rights, costs, files and
/// guarantees.
pub struct Program {
    pub(crate) inner: Mutex<Inner>,
    pub(crate) view: RwLock<View>,
    pub(crate) clock: Clock,
    durability: Durability,
    /// Callers inside [`Program::commit`] that have not yet appended their
    /// line: a sync leader lets them append first (see [`Arrivals`]).
    arriving: Arrivals,
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Program").field("seq", &self.lock().state.saved.seq).finish_non_exhaustive()
    }
}

impl Program {
    /// A program kept in memory only, with the default options: the
    /// library's ledger becomes its first requests (without history).
    pub fn new(library: Library) -> Program {
        Program::with_options(library, &Options::default())
    }

    /// A program kept in memory only.
    pub fn with_options(library: Library, options: &Options) -> Program {
        let state = State::from_library(&library);
        // The library came validated; moving its limits into the policy
        // and back describes the same library.
        let library = state.library().unwrap_or(library);
        Program::assemble(state, Index::new(library), None, options)
    }

    pub(crate) fn assemble(state: State, index: Index, store: Option<Store>, options: &Options) -> Program {
        let hidden = state.saved.hidden.iter().cloned().collect();
        Program {
            inner: Mutex::new(Inner { state, store, pending: VecDeque::new(), poisoned: None }),
            view: RwLock::new(View {
                index,
                hidden,
                stale: false,
                #[cfg(feature = "search")]
                search: None,
            }),
            clock: Arc::clone(&options.clock),
            durability: options.durability,
            arriving: Arrivals::default(),
        }
    }

    /// Starts a ledger for `library` in directory `dir` (created when
    /// missing): a snapshot of the starting state and an empty log, both
    /// synced, and the directory locked for the program's life.
    ///
    /// # Errors
    ///
    /// [`Error::Exists`] when `dir` already holds a snapshot or a log (a
    /// ledger, or what is left of one), [`Error::Locked`] when another
    /// program has the directory open, [`Error::Io`] when a file cannot be
    /// written.
    pub fn create(library: Library, dir: impl AsRef<Path>, options: &Options) -> Result<Program, Error> {
        let state = State::from_library(&library);
        let library = state.library().unwrap_or(library);
        let store = Store::create(dir.as_ref(), &state.saved)?;
        Ok(Program::assemble(state, Index::new(library), Some(store), options))
    }

    /// Opens the ledger in `dir`: locks it, removes the temporary files of
    /// interrupted saves, checks the snapshot's and every log line's
    /// checksum, then replays each operation in order, checking it again
    /// against the rights and rules in force when it was made. A last line
    /// without its line break (what a crash mid-write leaves) is reported,
    /// skipped and cut off; nothing else is ever skipped.
    ///
    /// Cost: reading both files, one index build, and per operation its
    /// own cost when it was made (`O(log n)` for requests and transitions,
    /// `O(n)` for advocate, account status and policy changes).
    ///
    /// # Errors
    ///
    /// [`Error::Locked`] when another program has the directory open;
    /// [`Error::Io`] when a file cannot be read; [`Error::Corrupt`] naming
    /// the file and line when a checksum fails (an edited byte, a line from
    /// another program's log), the snapshot and the log are not one
    /// ledger's, a sequence number does not follow, a complete line does
    /// not parse, or a replayed operation breaks the rules (a request over
    /// a cap, a step its actor was not allowed); [`Error::Invalid`] when the
    /// snapshot's library breaks the model's rules.
    pub fn open(dir: impl AsRef<Path>, options: &Options) -> Result<(Program, OpenReport), Error> {
        let (opened, saved, records, mut report) = Store::open(dir.as_ref())?;
        let log = dir.as_ref().join(super::store::log::LOG);
        let mut state = State::from_saved(saved);
        let mut view = View::of(&state)?;
        report.replayed = records.len();
        for (line, LogRecord { seq, op }) in records {
            let corrupt = |message: String| Error::Corrupt { path: log.clone(), line, message };
            op.check(&Ctx { state: &state, view: &view })
                .map_err(|err| corrupt(format!("operation {seq} is refused on replay: {err}")))?;
            let change = op.apply(&mut state, seq);
            view.show(&state, &change.effect).map_err(|err| corrupt(format!("operation {seq}: {err}")))?;
        }
        let store = opened.finish(state.saved.seq)?;
        let program = Program::assemble(state, view.index, Some(store), options);
        program.write().hidden = view.hidden;
        Ok((program, report))
    }

    /// Makes every operation that returned `Ok` durable (needed only with
    /// [`Durability::Batched`]).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the log when the sync fails (the undurable
    /// operations are then taken out again), [`Error::Poisoned`] after an
    /// earlier failure.
    pub fn flush(&self) -> Result<(), Error> {
        let syncer = {
            let inner = self.lock();
            inner.refuse_if_poisoned()?;
            match &inner.store {
                Some(store) => Arc::clone(&store.syncer),
                None => return Ok(()),
            }
        };
        let seq = syncer.appended_mark().seq;
        syncer.wait(seq, &self.arriving).map_err(|failure| self.fail_after_sync(&failure))
    }

    /// Writes a snapshot of the current state and empties the log.
    ///
    /// First every appended line is synced; then the snapshot is replaced
    /// atomically (it carries the next generation and the sequence number
    /// of the last operation), then the log. A crash between the two leaves
    /// a new snapshot and the old log, whose lines the snapshot already
    /// holds; [`Program::open`] skips them. Cost: `O(state)` to write, two
    /// file syncs and two directory syncs.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the file when a write fails; the program then
    /// refuses further changes ([`Error::Poisoned`]) and the ledger on disk
    /// still opens to the state of the last durable operation.
    pub fn compact(&self) -> Result<(), Error> {
        let mut inner = self.lock();
        inner.refuse_if_poisoned()?;
        let Some(syncer) = inner.store.as_ref().map(|store| Arc::clone(&store.syncer)) else { return Ok(()) };
        // Under the lock nothing is appended: sync what was.
        if let Err(failure) = syncer.wait(inner.state.saved.seq, &Arrivals::default()) {
            return Err(self.fail_locked(&mut inner, &failure));
        }
        inner.pending.clear();
        let Inner { state, store, .. } = &mut *inner;
        let compacted = match store {
            Some(store) => store.compact(&state.saved),
            None => Ok(()),
        };
        if let Err(err) = compacted {
            let failure = Failure { kind: std::io::ErrorKind::Other, message: err.to_string() };
            self.fail_locked(&mut inner, &failure);
            return Err(err);
        }
        Ok(())
    }

    /// A copy of everything the ledger knows; equal for a live program and
    /// the same ledger reopened.
    pub fn state(&self) -> ProgramState {
        self.lock().state.saved.clone()
    }

    /// The request with this id and its history.
    pub fn record(&self, request: &str) -> Option<RequestRecord> {
        self.lock().state.record(request).cloned()
    }

    /// Everything the program holds, as of now, as one library's data:
    /// every record, every engagement with its status and workflow history
    /// ([`LibraryData::history`](crate::LibraryData::history)), the hidden
    /// accounts. Save it with
    /// `io::save_json(&Library::new(program.export())?, path)`; a program
    /// created from it ([`Program::create`]) holds the same records,
    /// engagements and histories and ranks the same. Cost: `O(n)`.
    pub fn export(&self) -> crate::LibraryData {
        self.lock().state.export()
    }

    /// The library as it stands now, ledger included: [`Program::export`]
    /// as a [`Library`], without the workflow history and the hidden
    /// accounts (which only a program uses). Cost: `O(1)` when nothing was
    /// requested since the last change of a record or the policy (the
    /// ranking index's own library), else `O(n)`.
    pub fn library(&self) -> Arc<Library> {
        let inner = self.lock();
        let view = self.read();
        if !view.stale {
            return Arc::clone(view.index.library());
        }
        let mut data = inner.state.export();
        data.history.clear();
        data.hidden_accounts.clear();
        // The state's records came from a valid library and every change
        // was validated, so this validates; should it not, the index's
        // library is the last valid one.
        match Library::new(data) {
            Ok(library) => Arc::new(library),
            Err(_) => Arc::clone(view.index.library()),
        }
    }

    /// [`Index::rank_advocates`] on the ledger as it is now, hidden accounts
    /// left out (as if the request excluded them).
    ///
    /// # Errors
    ///
    /// As [`Index::rank_advocates`].
    pub fn rank_advocates(
        &self,
        prospect: &Prospect,
        request: &Request,
    ) -> Result<Vec<AdvocateMatch>, QueryError> {
        let view = self.read();
        view.index.rank_advocates(prospect, &with_hidden(request, &view.hidden))
    }

    /// [`Index::rank`] on the ledger as it is now, hidden accounts left out:
    /// the list with its status, rule counts and held-back matches.
    ///
    /// # Errors
    ///
    /// As [`Index::rank_advocates`].
    pub fn rank(&self, prospect: &Prospect, request: &Request) -> Result<Ranking, QueryError> {
        let view = self.read();
        view.index.rank(prospect, &with_hidden(request, &view.hidden))
    }

    /// [`Index::explain`] on the ledger as it is now, hidden accounts left out.
    ///
    /// # Errors
    ///
    /// As [`Index::explain`].
    pub fn explain(
        &self,
        advocate: &str,
        prospect: &Prospect,
        request: &Request,
    ) -> Result<Verdict, QueryError> {
        let view = self.read();
        view.index.explain(advocate, prospect, &with_hidden(request, &view.hidden))
    }

    /// [`Index::score_matrix`] on the ledger as it is now, hidden accounts
    /// left out: row `i` is `prospects[i]`, column `j` the `j`-th advocate
    /// of [`Index::advocate_ids`] (returned beside the matrix).
    ///
    /// # Errors
    ///
    /// As [`Index::score_matrix`].
    pub fn score_matrix(
        &self,
        prospects: &[Prospect],
        request: &Request,
    ) -> Result<(Vec<String>, Array2<f32>), QueryError> {
        let view = self.read();
        let matrix = view.index.score_matrix(prospects, &with_hidden(request, &view.hidden))?;
        Ok((view.index.advocate_ids().into_iter().map(str::to_string).collect(), matrix))
    }

    /// The one path of every change: under the lock, `make` builds the
    /// operation from the state and the clock's time; it is checked (rights,
    /// records, rules), written to the log, applied and shown to ranking.
    /// Then, outside the lock, the caller waits until it is durable as the
    /// [`Durability`] says. Returns what `make` returned beside the
    /// operation.
    pub(crate) fn commit<T>(
        &self,
        make: impl FnOnce(&State, Timestamp) -> Result<(Op, T), Error>,
    ) -> Result<T, Error> {
        let arrival = self.arriving.arrive();
        let (seq, out, syncer) = {
            let mut inner = self.lock();
            inner.refuse_if_poisoned()?;
            let syncer = inner.store.as_ref().map(|store| Arc::clone(&store.syncer));
            if let Some(syncer) = &syncer {
                if let Some(failure) = syncer.failed() {
                    return Err(self.fail_locked(&mut inner, &failure));
                }
                let durable = syncer.durable().seq;
                while inner.pending.front().is_some_and(|(seq, _)| *seq <= durable) {
                    inner.pending.pop_front();
                }
            }
            let (op, out) = make(&inner.state, self.now())?;
            op.check(&Ctx { state: &inner.state, view: &self.read() })?;
            let seq = inner.state.saved.seq + 1;
            if let Some(store) = &mut inner.store {
                let record = LogRecord { seq, op: op.clone() };
                match store.writer.append(&record) {
                    Ok(len) => store.syncer.appended(Mark { seq, len }),
                    Err(err) => {
                        let failure = Failure::of(&err);
                        return Err(self.fail_locked(&mut inner, &failure));
                    }
                }
            }
            let change = op.apply(&mut inner.state, seq);
            let shown = self.write().show(&inner.state, &change.effect);
            if let Err(err) = shown {
                // Checked ops keep the library valid; should one not, take
                // it out again rather than leave ranking behind the state.
                let effect = inner.state.undo(change.undo);
                let _ = self.write().show(&inner.state, &effect);
                return Err(err);
            }
            if syncer.is_some() {
                inner.pending.push_back((seq, change.undo));
            }
            (seq, out, syncer)
        };
        drop(arrival);
        let Some(syncer) = syncer else { return Ok(out) };
        let due = match self.durability {
            Durability::EveryAppend => true,
            Durability::Batched(n) => seq.saturating_sub(syncer.durable().seq) >= u64::from(n.get()),
        };
        if due {
            syncer.wait(seq, &self.arriving).map_err(|failure| self.fail_after_sync(&failure))?;
        }
        Ok(out)
    }

    /// After a failed sync: takes the undurable operations out (once) and
    /// returns the error for this caller.
    fn fail_after_sync(&self, failure: &Failure) -> Error {
        let mut inner = self.lock();
        self.fail_locked(&mut inner, failure)
    }

    /// Stops the program after an i/o error: marks the log failed, takes
    /// every operation not known durable back out of the state and of
    /// ranking, and cuts the log back to its last durable line. Idempotent.
    fn fail_locked(&self, inner: &mut Inner, failure: &Failure) -> Error {
        let Some(store) = &inner.store else { return Error::io("memory", failure.to_io()) };
        let (syncer, file) = (Arc::clone(&store.syncer), Arc::clone(&store.writer.file));
        let path = syncer.path().to_path_buf();
        if inner.poisoned.is_none() {
            let durable = syncer.fail(failure.clone());
            while let Some((seq, undo)) = inner.pending.pop_back() {
                if seq <= durable.seq {
                    break;
                }
                let effect = inner.state.undo(undo);
                inner.state.saved.seq = seq - 1;
                let _ = self.write().show(&inner.state, &effect);
            }
            inner.pending.clear();
            let mut cause = failure.message.clone();
            let cut = faults::hit(faults::Point::Cut)
                .and_then(|()| file.set_len(durable.len))
                .and_then(|()| file.sync_all());
            if let Err(err) = cut {
                cause.push_str(&format!(
                    "; the log could not be cut back ({err}), reopen it to see what it holds"
                ));
            }
            inner.poisoned = Some(cause);
        }
        Error::io(path, failure.to_io())
    }

    pub(crate) fn now(&self) -> Timestamp {
        (self.clock)()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere never leaves the state half-changed: every
        // change is one `apply` after the checks.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, View> {
        self.view.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, View> {
        self.view.write().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    fn refuse_if_poisoned(&self) -> Result<(), Error> {
        match (&self.poisoned, &self.store) {
            (Some(cause), Some(store)) => {
                Err(Error::Poisoned { path: store.syncer.path().to_path_buf(), cause: cause.clone() })
            }
            _ => Ok(()),
        }
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        // Batched operations reach the disk on drop; errors have nobody
        // left to tell.
        let _ = self.flush();
    }
}

fn with_hidden(request: &Request, hidden: &[String]) -> Request {
    let mut request = request.clone();
    for account in hidden {
        if !request.exclude_accounts.contains(account) {
            request.exclude_accounts.push(account.clone());
        }
    }
    request
}
