//! [`Program`]: construction, files, locking and the ranking view.

use jiff::Timestamp;
use ndarray::Array2;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::error::Error;
use super::log::{Durability, LogRecord, LogWriter, OpenReport, read_log, strip_place};
use super::state::{Effect, Op, ProgramState, RequestRecord, State};
use crate::model::Library;
use crate::rank::{AdvocateMatch, Index, QueryError, Ranking, Request, Verdict};
use crate::{Prospect, io};

/// File name of the snapshot in a ledger directory.
const SNAPSHOT: &str = "snapshot.json";
/// File name of the log in a ledger directory.
const LOG: &str = "ledger.jsonl";

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
    /// Sync after every append, the system clock.
    pub fn new() -> Options {
        Options::default()
    }

    /// When the log reaches the disk. Default [`Durability::EveryAppend`].
    pub fn durability(&mut self, durability: Durability) -> &mut Options {
        self.durability = durability;
        self
    }

    /// The clock that stamps every transition. Default the system clock
    /// ([`Timestamp::now`]); tests inject a fixed one.
    pub fn clock(&mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> &mut Options {
        self.clock = Arc::new(clock);
        self
    }
}

/// The mutable part, behind one lock so check-and-record is atomic.
pub(crate) struct Inner {
    pub(crate) state: State,
    log: Option<(PathBuf, LogWriter)>,
}

/// What ranking reads.
pub(crate) struct View {
    pub(crate) index: Index,
    pub(crate) hidden: Vec<String>,
}

/// A reference program and its ledger, shared across threads
/// (`Arc<Program>`): the one place that decides who may be asked.
///
/// See the [module docs](super) for the workflow, rights, costs and files.
pub struct Program {
    pub(crate) inner: Mutex<Inner>,
    pub(crate) view: RwLock<View>,
    pub(crate) clock: Clock,
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

    pub(crate) fn assemble(
        state: State,
        index: Index,
        log: Option<(PathBuf, LogWriter)>,
        options: &Options,
    ) -> Program {
        let hidden = state.saved.hidden.iter().cloned().collect();
        Program {
            inner: Mutex::new(Inner { state, log }),
            view: RwLock::new(View { index, hidden }),
            clock: Arc::clone(&options.clock),
        }
    }

    /// Starts a ledger for `library` in directory `dir` (created when
    /// missing): a snapshot of the starting state and an empty log.
    ///
    /// # Errors
    ///
    /// [`Error::Exists`] when `dir` already holds a ledger, [`Error::Io`]
    /// when a file cannot be written.
    pub fn create(library: Library, dir: impl AsRef<Path>, options: &Options) -> Result<Program, Error> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|err| Error::io(dir, err))?;
        let snapshot = dir.join(SNAPSHOT);
        if snapshot.exists() {
            return Err(Error::Exists { path: snapshot });
        }
        let state = State::from_library(&library);
        let library = state.library().unwrap_or(library);
        let log = dir.join(LOG);
        write_atomic(&log, b"")?;
        write_snapshot(&snapshot, &state.saved)?;
        let writer = LogWriter::open(&log, 0, options.durability)?;
        Ok(Program::assemble(state, Index::new(library), Some((log, writer)), options))
    }

    /// Opens the ledger in `dir`: the snapshot, then every complete line of
    /// the log in order. A torn last line is reported, skipped and cut off.
    ///
    /// Cost: reading both files, `O(1)` per logged operation except
    /// advocate and policy changes (`O(n)` each), and one index build.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when a file cannot be read; [`Error::Corrupt`] naming
    /// the file and line when the snapshot or a line before the last does
    /// not parse, a sequence number is out of order, or a line names a
    /// record that does not exist; [`Error::Invalid`] when the replayed
    /// library breaks the model's rules.
    pub fn open(dir: impl AsRef<Path>, options: &Options) -> Result<(Program, OpenReport), Error> {
        let dir = dir.as_ref();
        let snapshot = dir.join(SNAPSHOT);
        let text = std::fs::read(&snapshot).map_err(|err| Error::io(&snapshot, err))?;
        let saved: ProgramState = serde_json::from_slice(&text).map_err(|err| Error::Corrupt {
            path: snapshot.clone(),
            line: err.line(),
            message: format!("not a ledger snapshot: {}", strip_place(&err)),
        })?;
        let mut state = State::from_saved(saved);
        let log = dir.join(LOG);
        let (records, torn, good_len) = read_log(&log)?;
        let mut report = OpenReport { torn, ..OpenReport::default() };
        let in_snapshot = state.saved.seq;
        for (line, LogRecord { seq, op }) in records {
            let corrupt = |message: String| Error::Corrupt { path: log.clone(), line, message };
            if report.replayed == 0 && seq <= in_snapshot {
                report.already_in_snapshot += 1;
                continue;
            }
            let expected = state.saved.seq + 1;
            if seq != expected {
                return Err(corrupt(format!("sequence number {seq} out of order: expected {expected}")));
            }
            state.apply(seq, &op).map_err(corrupt)?;
            report.replayed += 1;
        }
        let library = state.library().map_err(Error::Invalid)?;
        let writer = LogWriter::open(&log, good_len, options.durability)?;
        Ok((Program::assemble(state, Index::new(library), Some((log, writer)), options), report))
    }

    /// Syncs every appended line to the disk (needed only with
    /// [`Durability::Batched`]).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the log when the sync fails.
    pub fn flush(&self) -> Result<(), Error> {
        match &mut self.lock().log {
            Some((_, writer)) => writer.flush(),
            None => Ok(()),
        }
    }

    /// Writes a snapshot of the current state and empties the log.
    ///
    /// Both files are replaced with [`io::write_atomic`]: first the
    /// snapshot (which carries the sequence number of the last operation),
    /// then the log. A crash between the two leaves a new snapshot and the
    /// old log, whose lines the snapshot already holds; [`Program::open`]
    /// skips them. Cost: `O(state)` to write, two directory syncs.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the file when a write fails; the ledger on disk
    /// then still opens to the same state.
    pub fn compact(&self) -> Result<(), Error> {
        let mut inner = self.lock();
        let inner = &mut *inner;
        let Some((log, writer)) = &mut inner.log else { return Ok(()) };
        writer.flush()?;
        let snapshot = log.with_file_name(SNAPSHOT);
        write_snapshot(&snapshot, &inner.state.saved)?;
        write_atomic(log, b"")?;
        *writer = LogWriter::open(log, 0, writer_durability(writer))?;
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

    /// The library ranking currently uses: the program's records with the
    /// policy written into the advocates' limits. Its ledger is as of the
    /// last advocate or policy change; [`Program::state`] has the current one.
    pub fn library(&self) -> Arc<Library> {
        Arc::clone(self.read().index.library())
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

    /// Logs `op` as the next operation, applies it and shows it to ranking.
    /// Rights and eligibility must have been checked.
    pub(crate) fn commit(&self, inner: &mut Inner, op: Op) -> Result<(), Error> {
        let seq = inner.state.saved.seq + 1;
        let mut next = None;
        if matches!(op, Op::UpdateAdvocate { .. } | Op::SetPolicy { .. } | Op::AccountStatus { .. }) {
            // Validate the changed library before anything is logged.
            let mut changed = inner.state.clone();
            changed.apply(seq, &op).map_err(|message| Error::Corrupt {
                path: "op".into(),
                line: 0,
                message,
            })?;
            let index = Index::new(changed.library().map_err(Error::Invalid)?);
            next = Some((changed, index));
        }
        if let Some((_, writer)) = &mut inner.log {
            writer.append(&LogRecord { seq, op: op.clone() })?;
        }
        if let Some((changed, index)) = next {
            inner.state = changed;
            self.write().index = index;
            return Ok(());
        }
        // The callers checked that every id the operation names exists.
        let effect = inner.state.apply(seq, &op).map_err(|message| Error::Corrupt {
            path: inner.log.as_ref().map_or_else(|| "memory".into(), |(path, _)| path.clone()),
            line: 0,
            message,
        })?;
        match effect {
            Effect::Held(advocate) => {
                let held = inner.state.held.get(&advocate).into_iter().flatten().cloned();
                self.write().index.set_held(&advocate, held);
            }
            Effect::Hidden => self.write().hidden = inner.state.saved.hidden.iter().cloned().collect(),
            Effect::Rebuild => {}
        }
        Ok(())
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

    fn write(&self) -> RwLockWriteGuard<'_, View> {
        self.view.write().unwrap_or_else(PoisonError::into_inner)
    }
}

fn writer_durability(writer: &LogWriter) -> Durability {
    writer.durability()
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

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    io::write_atomic(path, bytes).map_err(|err| {
        let source = match err.kind() {
            io::ErrorKind::Io(cause) => std::io::Error::new(cause.kind(), cause.to_string()),
            _ => std::io::Error::other(err.to_string()),
        };
        Error::io(path, source)
    })
}

fn write_snapshot(path: &Path, state: &ProgramState) -> Result<(), Error> {
    // Plain records of strings, numbers and dates always serialize.
    let mut bytes = serde_json::to_vec_pretty(state).expect("a program state serializes to JSON");
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}
