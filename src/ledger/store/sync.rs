//! Group commit: callers append their lines under the program's lock, then
//! wait outside it for one shared sync that covers every line appended so
//! far. The first waiter to find no sync running becomes the leader: it
//! notes how far the log has been appended, syncs the file, checks that
//! the file is still where the ledger keeps it (a deleted or moved
//! directory is an error, not a silent loss), and wakes everyone whose line
//! the sync covered.
//!
//! A leader first lets the callers already inside a commit append their
//! lines (for at most [`GATHER`]), so that one sync covers them too: with
//! 8 threads this doubles the durable requests per second, since without
//! it each sync covers only the lines appended during the one before. A
//! lone caller never waits: nobody else is arriving.
//!
//! A failed sync is never retried: it is remembered, every waiter and
//! every later caller gets it, and the program takes the undurable
//! operations out again (see [`crate::ledger::Durability`]).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The longest a sync leader waits for arriving callers to append.
pub(crate) const GATHER: Duration = Duration::from_micros(200);

/// How long a leader waits even with nobody arriving, when the last sync
/// covered more than one line: callers it woke are likely to come back.
pub(crate) const LINGER: Duration = Duration::from_micros(80);

/// How many callers are between entering a commit and appending their
/// line (or being refused).
#[derive(Debug, Default)]
pub(crate) struct Arrivals(AtomicUsize);

/// One caller on its way to the log; leaves when dropped.
pub(crate) struct Arrival<'a>(&'a Arrivals);

impl Arrivals {
    pub(crate) fn arrive(&self) -> Arrival<'_> {
        self.0.fetch_add(1, Ordering::AcqRel);
        Arrival(self)
    }

    fn any(&self) -> bool {
        self.0.load(Ordering::Acquire) > 0
    }
}

impl Drop for Arrival<'_> {
    fn drop(&mut self) {
        self.0.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A point in the log: the last sequence number and the file's length
/// after its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Mark {
    pub(crate) seq: u64,
    pub(crate) len: u64,
}

/// An i/o error of a sync or a write, kept to be told to every caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) kind: std::io::ErrorKind,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn of(err: &std::io::Error) -> Failure {
        Failure { kind: err.kind(), message: err.to_string() }
    }

    pub(crate) fn to_io(&self) -> std::io::Error {
        std::io::Error::new(self.kind, self.message.clone())
    }
}

#[derive(Debug)]
struct Shared {
    file: Arc<File>,
    appended: Mark,
    durable: Mark,
    syncing: bool,
    failed: Option<Failure>,
}

/// The sync state of one open log.
#[derive(Debug)]
pub(crate) struct Syncer {
    path: PathBuf,
    shared: Mutex<Shared>,
    done: Condvar,
    /// Whether the last sync covered more than one line.
    grouped: std::sync::atomic::AtomicBool,
}

impl Syncer {
    /// A syncer for the log at `path`, open as `file`, durable up to `at`.
    pub(crate) fn new(path: &Path, file: Arc<File>, at: Mark) -> Syncer {
        let shared = Shared { file, appended: at, durable: at, syncing: false, failed: None };
        Syncer {
            path: path.to_path_buf(),
            shared: Mutex::new(shared),
            done: Condvar::new(),
            grouped: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // Every change to `Shared` is a plain assignment: never half done.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Records that the log now reaches `at` (called after each append).
    pub(crate) fn appended(&self, at: Mark) {
        self.lock().appended = at;
    }

    pub(crate) fn appended_mark(&self) -> Mark {
        self.lock().appended
    }

    pub(crate) fn durable(&self) -> Mark {
        self.lock().durable
    }

    pub(crate) fn failed(&self) -> Option<Failure> {
        self.lock().failed.clone()
    }

    /// Marks the log failed (keeping the first failure) and returns the
    /// last durable mark, which stays fixed from now on.
    pub(crate) fn fail(&self, failure: Failure) -> Mark {
        let mut shared = self.lock();
        shared.failed.get_or_insert(failure);
        self.done.notify_all();
        shared.durable
    }

    /// Waits until operation `seq` is durable, syncing as the leader when
    /// no sync is running.
    ///
    /// # Errors
    ///
    /// The failure of a sync (this one's or an earlier one's): `seq` may
    /// not be durable, and the caller must take the undurable operations
    /// out.
    pub(crate) fn wait(&self, seq: u64, arriving: &Arrivals) -> Result<(), Failure> {
        let mut shared = self.lock();
        loop {
            if let Some(failure) = &shared.failed {
                return Err(failure.clone());
            }
            if shared.durable.seq >= seq {
                return Ok(());
            }
            if shared.syncing {
                shared = self.done.wait(shared).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            shared.syncing = true;
            drop(shared);
            // Let those on their way append first (bounded: a caller may be
            // slow to arrive, never unboundedly).
            let start = Instant::now();
            let linger = if self.grouped.load(Ordering::Relaxed) { LINGER } else { Duration::ZERO };
            std::thread::yield_now();
            loop {
                let waited = start.elapsed();
                if waited >= GATHER || (!arriving.any() && waited >= linger) {
                    break;
                }
                std::thread::yield_now();
            }
            shared = self.lock();
            let (target, file) = (shared.appended, Arc::clone(&shared.file));
            drop(shared);
            let result = super::faults::hit(super::faults::Point::Sync)
                .and_then(|()| file.sync_data())
                .and_then(|()| still_linked(&file, &self.path));
            shared = self.lock();
            shared.syncing = false;
            match result {
                Ok(()) if shared.failed.is_none() && target.seq > shared.durable.seq => {
                    self.grouped.store(target.seq > shared.durable.seq + 1, Ordering::Relaxed);
                    shared.durable = target
                }
                Ok(()) => {}
                Err(err) => {
                    shared.failed.get_or_insert(Failure::of(&err));
                }
            }
            self.done.notify_all();
        }
    }

    /// Switches to a new log file (after a compaction), durable up to `at`.
    /// The caller holds the program's lock and has synced everything.
    pub(crate) fn replace(&self, file: Arc<File>, at: Mark) {
        let mut shared = self.lock();
        while shared.syncing {
            shared = self.done.wait(shared).unwrap_or_else(PoisonError::into_inner);
        }
        shared.file = file;
        shared.appended = at;
        shared.durable = at;
    }
}

/// Whether `file` is still the file at `path`: a log whose directory was
/// deleted or moved accepts writes and syncs that reach nothing the ledger
/// will ever read again.
fn still_linked(file: &File, path: &Path) -> std::io::Result<()> {
    let gone = |why: &str| {
        std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the log is no longer at {} ({why}); its changes would be lost", path.display()),
        )
    };
    let at_path = std::fs::metadata(path).map_err(|err| gone(&err.to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let open = file.metadata()?;
        if open.nlink() == 0 || (open.dev(), open.ino()) != (at_path.dev(), at_path.ino()) {
            return Err(gone("the file was deleted or replaced"));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, at_path);
    Ok(())
}
