//! Replacing a user's file without ever leaving it half-written: the new text goes to a synced
//! temporary file beside it, which is renamed over the old one. Used for glossary files, word
//! statuses, review state, reading positions, feeds and imported articles alike.
//!
//! A [`Writer`] holds kabar's writer lock on the file's folder ([`crate::file_lock`]) from
//! before the file is read until after the rename, so kabar's own writers never lose each
//! other's changes. Other programs do not take the lock: for them the file is read once more
//! immediately before the rename, and a change found then refuses the write. Temporary files
//! left by a writer that was killed are removed by the next writer of the folder. A file the
//! user may not write (read-only, or another user's) is refused, not replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::file_lock::{FolderLock, LockError};

/// Why a replacement did not happen. The file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// The file no longer holds what the caller read: someone else saved it meanwhile.
    #[error("{} changed on disk meanwhile; nothing was written", .0.display())]
    Conflict(PathBuf),
    /// The file is read-only, or the user may not write it.
    #[error(
        "{} is read-only for you; nothing was written (make it writable to let kabar change it)",
        .0.display()
    )]
    ReadOnly(PathBuf),
    /// Another kabar held the folder too long.
    #[error(transparent)]
    Busy(#[from] LockError),
    /// Reading, writing or renaming failed.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file being replaced.
        path: PathBuf,
        /// What the operating system said.
        reason: std::io::Error,
    },
}

/// The text of a user file, or "" when it does not exist yet (kabar creates its files on the
/// first save).
pub fn read_or_empty(path: &Path) -> std::io::Result<String> {
    match std::fs::read_to_string(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        other => other,
    }
}

/// Writes `after` to `path` atomically under kabar's writer lock; see [`Writer::replace`].
pub fn replace(path: &Path, expected: Option<&str>, after: &str) -> Result<(), ReplaceError> {
    Writer::open(path)?.replace(expected, after)
}

/// One file being changed, with kabar's writer lock on its folder held until this is dropped:
/// read it with [`Writer::read`], then [`Writer::replace`] it. Another kabar changing a file in
/// the same folder waits meanwhile.
#[derive(Debug)]
pub struct Writer {
    /// The file as the caller named it (for messages).
    path: PathBuf,
    /// The file written: through a symlink, the file it points at, so the link stays a link.
    target: PathBuf,
    _lock: FolderLock,
}

impl Writer {
    /// Takes the writer lock for `path` (creating its folder when missing) and removes the
    /// temporary files writers that died left in that folder.
    pub fn open(path: &Path) -> Result<Writer, ReplaceError> {
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let io = |reason| ReplaceError::Io {
            path: path.to_path_buf(),
            reason,
        };
        let dir = folder_of(&target);
        std::fs::create_dir_all(&dir).map_err(io)?;
        let lock = FolderLock::acquire(&dir)?;
        remove_stale_temporaries(&dir);
        Ok(Writer {
            path: path.to_path_buf(),
            target,
            _lock: lock,
        })
    }

    /// A writer for `path` (taken as it is, links not followed) under a lock the caller
    /// already holds on its folder — for choosing a free name and creating it with
    /// [`Writer::create_new`] without another writer taking the name in between.
    pub fn with_lock(path: &Path, lock: FolderLock) -> Writer {
        remove_stale_temporaries(&folder_of(path));
        Writer {
            path: path.to_path_buf(),
            target: path.to_path_buf(),
            _lock: lock,
        }
    }

    /// The file that is written (a symlink resolved).
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The file's text now, "" when it does not exist.
    pub fn read(&self) -> std::io::Result<String> {
        read_or_empty(&self.target)
    }

    /// Writes `after` atomically, keeping the file's permissions. With `expected`, refuses
    /// unless the file still holds exactly that text (a missing file counts as empty); with
    /// `None`, replaces whatever is there. A file the user may not write is refused.
    pub fn replace(&self, expected: Option<&str>, after: &str) -> Result<(), ReplaceError> {
        let metadata = std::fs::metadata(&self.target).ok();
        if let Some(metadata) = &metadata
            && metadata.is_file()
            && !writable(&self.target, metadata)
        {
            return Err(ReplaceError::ReadOnly(self.path.clone()));
        }
        self.write_then(after, metadata.as_ref(), |temporary| {
            if let Some(expected) = expected {
                // The last moment to notice another program's save: refuse rather than
                // overwrite it.
                let current = read_or_empty(&self.target).map_err(|e| self.io(e))?;
                if current != expected {
                    return Err(ReplaceError::Conflict(self.path.clone()));
                }
            }
            std::fs::rename(temporary, &self.target).map_err(|e| self.io(e))
        })
    }

    /// Creates the file with `text`, atomically, only if nothing is at its path: not a file,
    /// not a folder, not even a symlink pointing nowhere. Otherwise [`ReplaceError::Conflict`].
    pub fn create_new(&self, text: &str) -> Result<(), ReplaceError> {
        self.write_then(text, None, |temporary| {
            // A hard link fails when the name exists in any form, where a rename would replace.
            std::fs::hard_link(temporary, &self.path).map_err(|err| {
                if err.kind() == std::io::ErrorKind::AlreadyExists {
                    ReplaceError::Conflict(self.path.clone())
                } else {
                    self.io(err)
                }
            })?;
            let _ = std::fs::remove_file(temporary);
            Ok(())
        })
    }

    /// Writes `text` to a synced temporary file beside the target, then lets `finish` put it in
    /// place; the temporary file is removed whatever happens.
    fn write_then(
        &self,
        text: &str,
        metadata: Option<&std::fs::Metadata>,
        finish: impl FnOnce(&Path) -> Result<(), ReplaceError>,
    ) -> Result<(), ReplaceError> {
        let dir = folder_of(&self.target);
        let name = self
            .target
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let temporary = dir.join(format!(
            ".{name}{TEMPORARY_MARK}{}{TEMPORARY_END}",
            std::process::id()
        ));
        let result = (|| {
            let mut file = std::fs::File::create(&temporary).map_err(|e| self.io(e))?;
            file.write_all(text.as_bytes()).map_err(|e| self.io(e))?;
            file.sync_all().map_err(|e| self.io(e))?;
            if let Some(metadata) = metadata {
                std::fs::set_permissions(&temporary, metadata.permissions())
                    .map_err(|e| self.io(e))?;
            }
            finish(&temporary)?;
            // Make the rename itself durable.
            if let Ok(dir) = std::fs::File::open(&dir) {
                let _ = dir.sync_all();
            }
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    fn io(&self, reason: std::io::Error) -> ReplaceError {
        ReplaceError::Io {
            path: self.path.clone(),
            reason,
        }
    }
}

/// What marks kabar's temporary files: `.NAME.kabar-PID.tmp`.
const TEMPORARY_MARK: &str = ".kabar-";
const TEMPORARY_END: &str = ".tmp";

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether this process may write the file: it is not marked read-only, and opening it for
/// writing (which changes nothing) is allowed. Renaming over a file only needs the folder to
/// be writable, so without this a read-only file would be replaced.
fn writable(path: &Path, metadata: &std::fs::Metadata) -> bool {
    if metadata.permissions().readonly() {
        return false;
    }
    !matches!(
        std::fs::OpenOptions::new().write(true).open(path),
        Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied
    )
}

/// Removes kabar's temporary files in `dir`. Called with the folder's writer lock held: every
/// writer that is alive holds that lock while its temporary file exists, so any found now was
/// left by one that died (killed in the middle of a write).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = name.starts_with('.')
            && name.ends_with(TEMPORARY_END)
            && name
                .rsplit_once(TEMPORARY_MARK)
                .is_some_and(|(_, pid)| pid.trim_end_matches(TEMPORARY_END).parse::<u32>().is_ok());
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_creates_and_refuses_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a.toml");
        replace(&path, None, "one").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        replace(&path, Some("one"), "two").unwrap();
        let err = replace(&path, Some("one"), "three").unwrap_err();
        assert!(matches!(err, ReplaceError::Conflict(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            names(path.parent().unwrap()),
            ["a.toml"],
            "no temporary file left"
        );
    }

    #[test]
    fn temporary_files_of_a_killed_writer_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("added.toml");
        std::fs::write(dir.path().join(".added.toml.kabar-999999.tmp"), "half").unwrap();
        std::fs::write(dir.path().join(".notes.kabar-draft"), "mine").unwrap();
        std::fs::write(dir.path().join("x.kabar-1.tmp"), "not hidden: not ours").unwrap();
        replace(&path, None, "a = \"b\"\n").unwrap();
        assert_eq!(
            names(dir.path()),
            [".notes.kabar-draft", "added.toml", "x.kabar-1.tmp"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "one").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = replace(&path, Some("one"), "two").unwrap_err();
        assert!(matches!(err, ReplaceError::ReadOnly(_)), "{err}");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(names(dir.path()), ["a.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn creating_never_replaces_anything_not_even_a_dangling_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("judul.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere.md"), &link).unwrap();
        let err = Writer::open(&link).unwrap().create_new("teks").unwrap_err();
        assert!(matches!(err, ReplaceError::Conflict(_)), "{err}");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert!(!dir.path().join("nowhere.md").exists());
        let fresh = dir.path().join("baru.md");
        Writer::open(&fresh).unwrap().create_new("teks").unwrap();
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "teks");
        assert_eq!(names(dir.path()), ["baru.md", "judul.md"]);
    }

    #[test]
    fn writers_of_one_folder_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("count.txt");
        replace(&path, None, "0").unwrap();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        let writer = Writer::open(&path).unwrap();
                        let n: u32 = writer.read().unwrap().parse().unwrap();
                        let before = n.to_string();
                        writer.replace(Some(&before), &(n + 1).to_string()).unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "100");
    }
}
