//! Replacing a user's file without ever leaving it half-written: the new text goes to a synced
//! temporary file beside it, which is renamed over the old one. Used for glossary files, word
//! statuses, review state, reading positions and imported articles alike.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a replacement did not happen. The file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// The file no longer holds what the caller read: someone else saved it meanwhile.
    #[error("{} changed on disk meanwhile; nothing was written", .0.display())]
    Conflict(PathBuf),
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

/// Writes `after` to `path` atomically, keeping the file's permissions (and writing through a
/// symlink to its target). With `expected`, refuses unless the file still holds exactly that
/// text (a missing file counts as empty); with `None`, replaces whatever is there.
pub fn replace(path: &Path, expected: Option<&str>, after: &str) -> Result<(), ReplaceError> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let io = |reason| ReplaceError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let dir = target.parent().unwrap_or(Path::new("."));
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temporary = dir.join(format!(".{name}.kabar-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary).map_err(io)?;
        file.write_all(after.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        if let Ok(metadata) = std::fs::metadata(&target) {
            std::fs::set_permissions(&temporary, metadata.permissions()).map_err(io)?;
        }
        if let Some(expected) = expected {
            // The last moment to notice someone else's save: refuse rather than overwrite it.
            let current = read_or_empty(&target).map_err(io)?;
            if current != expected {
                return Err(ReplaceError::Conflict(path.to_path_buf()));
            }
        }
        std::fs::rename(&temporary, &target).map_err(io)?;
        // Make the rename itself durable.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
