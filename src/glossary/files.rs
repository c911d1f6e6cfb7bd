//! Which files make up a glossary folder — one rule, used by the loader and by every writer, so
//! kabar never says "added" to a file it will not read back:
//!
//! - the `*.toml` files under the folder, in subfolders too;
//! - not hidden: no file or folder on the way whose name starts with a dot (`.git`, editors'
//!   swap files, kabar's own temporary files);
//! - kabar writes only where such a file really is inside the folder: a symlink is followed
//!   when it leads to a place inside the folder, and refused when it leads out of it (or
//!   nowhere). Reading follows links wherever they lead, as any program would.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use super::edit::EditError;

/// Whether a file or folder name is hidden (starts with a dot), so not part of the glossary.
pub fn is_hidden(name: &OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Every glossary file under `dir`, sorted by path. Only a folder that cannot be listed is an
/// error.
pub fn collect(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    collect_into(dir, &mut paths)?;
    paths.sort();
    Ok(paths)
}

fn collect_into(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_into(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// The file kabar may write for `file` — a path relative to the glossary folder `dir` (or one
/// that already names a place inside it) — checked against the rule above. Folders on the way
/// that do not exist yet are fine (the writer creates them).
pub fn writable(dir: &Path, file: &Path) -> Result<PathBuf, EditError> {
    let outside = || EditError::OutsideFolder(file.to_path_buf(), dir.to_path_buf());
    let folder = std::fs::canonicalize(dir).map_err(|_| outside())?;
    let relative = if file.is_absolute() {
        file.strip_prefix(dir)
            .or_else(|_| file.strip_prefix(&folder))
            .map_err(|_| outside())?
    } else {
        file.strip_prefix(dir).unwrap_or(file)
    };
    if relative.extension().is_none_or(|e| e != "toml") {
        return Err(outside());
    }
    for component in relative.components() {
        match component {
            Component::Normal(name) if is_hidden(name) => {
                return Err(EditError::Hidden(file.to_path_buf()));
            }
            Component::Normal(_) => {}
            _ => return Err(outside()),
        }
    }
    let path = dir.join(relative);
    check_inside(&path, &folder)?;
    Ok(path)
}

/// Refuses `path` unless it, or where its symlinks lead, is inside `folder` (canonical).
pub fn check_inside(path: &Path, folder: &Path) -> Result<(), EditError> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // The deepest part of the path that exists, with every link in it resolved.
    let resolved = match std::fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(_) if is_link => {
            return Err(EditError::LinkOutside {
                path: path.to_path_buf(),
                target: std::fs::read_link(path).unwrap_or_default(),
            });
        }
        Err(_) => path
            .ancestors()
            .skip(1)
            .find_map(|ancestor| std::fs::canonicalize(ancestor).ok())
            .unwrap_or_default(),
    };
    if resolved.starts_with(folder) {
        Ok(())
    } else {
        Err(EditError::LinkOutside {
            path: path.to_path_buf(),
            target: resolved,
        })
    }
}

/// Refuses to write `path`, a file an entry was loaded from, unless it follows the rule.
pub fn check_loaded(dir: &Path, path: &Path) -> Result<(), EditError> {
    let folder = std::fs::canonicalize(dir)
        .map_err(|_| EditError::OutsideFolder(path.to_path_buf(), dir.to_path_buf()))?;
    check_inside(path, &folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_files_and_folders_are_not_the_glossary() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.toml",
            "sub/b.toml",
            ".hidden.toml",
            ".git/c.toml",
            "notes.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let found: Vec<PathBuf> = collect(dir.path())
            .unwrap()
            .into_iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            found,
            [PathBuf::from("a.toml"), PathBuf::from("sub/b.toml")]
        );
        let refused = |file: &str| {
            writable(dir.path(), Path::new(file))
                .unwrap_err()
                .to_string()
        };
        assert!(
            refused(".hidden.toml").contains("does not read"),
            "{}",
            refused(".hidden.toml")
        );
        assert!(refused(".git/c.toml").contains("does not read"));
        assert!(refused("../x.toml").contains("not a .toml file inside"));
        assert!(refused("notes.txt").contains("not a .toml file"));
        // A subfolder, existing or not, is part of the glossary.
        assert!(writable(dir.path(), Path::new("sub/b.toml")).is_ok());
        assert!(writable(dir.path(), Path::new("baru/c.toml")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_inside_the_folder_only() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("g");
        let outside = root.path().join("outside");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("real.toml"), "").unwrap();
        std::fs::write(dir.join("sub/real.toml"), "").unwrap();
        let link = |name: &str, to: &Path| std::os::unix::fs::symlink(to, dir.join(name)).unwrap();
        link("out.toml", &outside.join("real.toml"));
        link("in.toml", &dir.join("sub/real.toml"));
        link("nowhere.toml", &outside.join("missing.toml"));
        link("outdir", &outside);
        assert!(writable(&dir, Path::new("in.toml")).is_ok());
        for refused in [
            "out.toml",
            "nowhere.toml",
            "outdir/new.toml",
            "outdir/real.toml",
        ] {
            let err = writable(&dir, Path::new(refused)).unwrap_err().to_string();
            assert!(
                err.contains("outside the glossary folder"),
                "{refused}: {err}"
            );
        }
        assert!(check_loaded(&dir, &dir.join("out.toml")).is_err());
        assert!(check_loaded(&dir, &dir.join("in.toml")).is_ok());
    }
}
