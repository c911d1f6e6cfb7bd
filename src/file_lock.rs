//! Serialising kabar's own writers: an advisory lock on the folder of the file being written,
//! held across reading it, checking it, writing the temporary file and renaming it over the
//! original. Two `kabar add` in two shells, the reader saving a status while `kabar edit` runs:
//! the second waits a moment instead of overwriting the first or being refused.
//!
//! The folder is locked rather than the file because the file is replaced by a rename (a lock
//! on it would stay with the old inode) and may not exist yet. Locks are advisory (`flock`):
//! they order kabar's processes, not editors or scripts, which the final re-check before the
//! rename in [`crate::atomic_file`] is for. The operating system drops a lock when its process
//! dies, so a killed writer never blocks the next one. Knows nothing of the terminal.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another one before giving up. Writes take milliseconds; this is
/// for a writer stuck on a slow disk, not for normal contention.
pub const WAIT: Duration = Duration::from_secs(10);

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process held the lock for all of [`WAIT`].
    #[error(
        "{}: another kabar has been writing in this folder for {} s; nothing was written, try again",
        .0.display(),
        WAIT.as_secs()
    )]
    Busy(PathBuf),
    /// The folder could not be opened or locked.
    #[error("{}: cannot lock the folder for writing: {reason}", path.display())]
    Io {
        /// The folder.
        path: PathBuf,
        /// What the operating system said.
        reason: std::io::Error,
    },
}

/// An exclusive lock on a folder, released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    #[cfg(unix)]
    _file: std::fs::File,
}

impl FolderLock {
    /// Locks `dir`, waiting up to [`WAIT`] for another writer to finish.
    pub fn acquire(dir: &Path) -> Result<FolderLock, LockError> {
        FolderLock::acquire_within(dir, WAIT)
    }

    /// Locks `dir`, waiting up to `wait`.
    pub fn acquire_within(dir: &Path, wait: Duration) -> Result<FolderLock, LockError> {
        #[cfg(unix)]
        {
            use fs4::fs_std::FileExt;
            let io = |reason| LockError::Io {
                path: dir.to_path_buf(),
                reason,
            };
            let file = std::fs::File::open(dir).map_err(io)?;
            let deadline = Instant::now() + wait;
            let mut pause = Duration::from_millis(1);
            loop {
                if file.try_lock_exclusive().map_err(io)? {
                    return Ok(FolderLock { _file: file });
                }
                if Instant::now() >= deadline {
                    return Err(LockError::Busy(dir.to_path_buf()));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
        }
        #[cfg(not(unix))]
        {
            // Folders cannot be opened as files here: kabar's writers are not serialised, and
            // the re-check before the rename is the only guard.
            let _ = (dir, wait, Instant::now());
            Ok(FolderLock {})
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_and_a_dropped_lock_frees_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path()).unwrap();
        let err = FolderLock::acquire_within(dir.path(), Duration::from_millis(30)).unwrap_err();
        assert!(matches!(err, LockError::Busy(_)), "{err}");
        assert!(err.to_string().contains("another kabar"), "{err}");
        drop(first);
        FolderLock::acquire_within(dir.path(), Duration::ZERO).unwrap();
    }
}
