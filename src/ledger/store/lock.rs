//! One writer per ledger directory, enforced by the operating system: an
//! exclusive lock on `ledger.lock` (`flock` on Unix, `LockFileEx` on
//! Windows, through [`std::fs::File::try_lock`]) held for a program's
//! life, as PostgreSQL's `postmaster.pid` keeps a second server out. The
//! file also names the holder's process, so a second opener is told who
//! has the ledger.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::ledger::error::Error;

/// File name of the lock in a ledger directory.
pub(crate) const LOCK: &str = "ledger.lock";

/// The held lock; released when dropped (the file is closed).
#[derive(Debug)]
pub(crate) struct DirLock {
    _file: File,
}

impl DirLock {
    /// Locks `dir` for this process, or says who holds it.
    pub(crate) fn acquire(dir: &Path) -> Result<DirLock, Error> {
        let path = dir.join(LOCK);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|err| Error::io(&path, err))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let holder =
                    if holder.is_empty() { "another process".to_string() } else { holder.to_string() };
                return Err(Error::Locked { dir: dir.to_path_buf(), holder });
            }
            Err(TryLockError::Error(err)) => return Err(Error::io(&path, err)),
        }
        // Who holds it, for the next opener's message; not needed for safety.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = writeln!(file, "process {}", std::process::id());
        Ok(DirLock { _file: file })
    }
}
