//! Changing glossary files without damaging them: entries are added, edited and removed through
//! a comment-preserving TOML editor, so every untouched byte — comments, blank lines, key
//! order, quoting, terse or rich form — stays as the user wrote it. Writes are atomic and are
//! applied to the file as it is at the moment of writing, never to a stale copy.
//!
//! Where new entries go: a translation-only entry is added as `term = "translation"` after the
//! file's other top-level lines (before its first `[table]`); an entry with more fields is added
//! as a `[term]` table at the end of the file.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, Value};

mod draft;
mod fields;

pub use draft::EntryDraft;

use super::{Glossary, files};
use crate::atomic_file::{ReplaceError, Writer};
use crate::text::fold;

/// The file in the glossary folder that new entries go to unless another is named.
pub const DEFAULT_FILE: &str = "added.toml";

/// The longest term accepted: longer text is a sentence, not a glossary term.
pub const MAX_TERM_CHARS: usize = 80;
/// The most words a term may have.
pub const MAX_TERM_WORDS: usize = 8;

/// A change made to one file, with its text before and after (for undo and reporting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The file written.
    pub path: PathBuf,
    /// Its text before the change (empty for a new file).
    pub before: String,
    /// Its text after.
    pub after: String,
    /// Whether the change created the file (undoing it removes the file again).
    pub created: bool,
}

/// Why a change was refused. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The term or a translation is empty.
    #[error("the {0} is empty")]
    Empty(&'static str),
    /// Control characters would reach the file and the terminal.
    #[error("the {0} contains control characters; type plain text")]
    ControlCharacters(&'static str),
    /// The term is too long to be a term.
    #[error(
        "the term is too long for a glossary term ({MAX_TERM_WORDS} words or {MAX_TERM_CHARS} characters at most)"
    )]
    TooLong,
    /// The target is not a `.toml` file inside the glossary folder.
    #[error("{0}: not a .toml file inside the glossary folder {1}")]
    OutsideFolder(PathBuf, PathBuf),
    /// The target is hidden (a name starting with a dot), so the loader would skip it.
    #[error(
        "{0}: kabar does not read hidden files (names starting with a dot) as part of the glossary; name another .toml file"
    )]
    Hidden(PathBuf),
    /// The target is a symlink (or inside a linked folder) leading out of the glossary folder.
    #[error(
        "{}: leads to {}, outside the glossary folder (or nowhere); kabar writes only inside the folder",
        path.display(),
        target.display()
    )]
    LinkOutside {
        /// The file as named.
        path: PathBuf,
        /// Where it leads.
        target: PathBuf,
    },
    /// The term already exists.
    #[error("\"{term}\" is already in the glossary at {at}; use `kabar edit` to change it")]
    Duplicate {
        /// The existing term.
        term: String,
        /// Where it is (`file:line:col`).
        at: String,
    },
    /// The term is not in the glossary.
    #[error("\"{0}\" is not in the glossary")]
    NotFound(String),
    /// The file on disk is not valid TOML, so it cannot be edited safely.
    #[error("{path}: cannot edit: {message}; fix the file (kabar check) and try again")]
    BrokenFile {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// The file changed while kabar was writing it (an editor saved it).
    #[error("{0}: the file changed while kabar was writing it; nothing was written, try again")]
    Conflict(PathBuf),
    /// The file may not be written (read-only), or another kabar kept its folder locked.
    #[error(transparent)]
    Write(ReplaceError),
    /// Reading or writing failed.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: std::io::Error,
    },
}

/// Adds `draft` to `file` (inside `dir`), refusing a term the glossary already has anywhere.
pub fn add(
    dir: &Path,
    file: &Path,
    glossary: &Glossary,
    draft: &EntryDraft,
) -> Result<Change, EditError> {
    draft.validate()?;
    let file = inside_folder(dir, file)?;
    if let Some(id) = glossary.lookup(&draft.term) {
        let entry = glossary.entry(id);
        return Err(EditError::Duplicate {
            term: entry.term.clone(),
            at: format!("{}:{}", glossary.file_of(entry).display(), entry.at),
        });
    }
    rewrite(&file, |doc| {
        // Another kabar may have added it since the glossary was loaded: the file as it is now
        // decides, or inserting would overwrite that entry.
        if let Some(existing) = find_key(doc.as_table(), &fold(&draft.term)) {
            return Err(EditError::Duplicate {
                term: existing,
                at: file.display().to_string(),
            });
        }
        // toml_edit writes top-level values before the first [table] and new tables last.
        doc.as_table_mut()
            .insert(draft.term.trim(), draft.item(false));
        Ok(())
    })
}

/// Changes the entry for `term` from `before` to `after`, in its file and place. Only the
/// fields that differ between the two are written, so a change made to the file meanwhile (in
/// an editor) to any other field survives; a field emptied in `after` is removed.
pub fn edit(
    dir: &Path,
    glossary: &Glossary,
    term: &str,
    before: &EntryDraft,
    after: &EntryDraft,
) -> Result<Change, EditError> {
    after.validate()?;
    let id = glossary
        .lookup(term)
        .ok_or_else(|| EditError::NotFound(term.to_owned()))?;
    let path = glossary.file_of(glossary.entry(id)).to_path_buf();
    files::check_loaded(dir, &path)?;
    let folded = fold(term);
    // (field, new value or None to remove), for the fields that differ.
    let changes: Vec<(&str, Option<Value>)> = before
        .fields()
        .into_iter()
        .zip(after.fields())
        .filter(|((_, old), (_, new))| {
            old.as_ref().map(ToString::to_string) != new.as_ref().map(ToString::to_string)
        })
        .map(|(_, new)| new)
        .collect();
    rewrite(&path, |doc| {
        let table = doc.as_table_mut();
        let key = find_key(table, &folded).ok_or_else(|| EditError::NotFound(term.to_owned()))?;
        let slot = table.get_mut(&key).expect("the key was just found");
        if !fields::apply(slot, changes) {
            return Err(EditError::NotFound(term.to_owned()));
        }
        Ok(())
    })
}

/// Removes the entry for `term` from its file.
pub fn remove(dir: &Path, glossary: &Glossary, term: &str) -> Result<Change, EditError> {
    let id = glossary
        .lookup(term)
        .ok_or_else(|| EditError::NotFound(term.to_owned()))?;
    let path = glossary.file_of(glossary.entry(id)).to_path_buf();
    files::check_loaded(dir, &path)?;
    let folded = fold(term);
    rewrite(&path, |doc| {
        let table = doc.as_table_mut();
        let key = find_key(table, &folded).ok_or_else(|| EditError::NotFound(term.to_owned()))?;
        // Comments above the entry may belong to the file (its header): hand them on to
        // whatever follows instead of deleting them with the entry.
        let comments = leading_comments(table, &key);
        let next = next_key(table, &key);
        table.remove(&key);
        if let Some(comments) = comments {
            prepend_comments(doc, next.as_deref(), &comments);
        }
        Ok(())
    })
}

/// The top-level key after `key`, if any.
fn next_key(table: &Table, key: &str) -> Option<String> {
    table
        .iter()
        .map(|(k, _)| k)
        .skip_while(|k| *k != key)
        .nth(1)
        .map(str::to_owned)
}

/// Puts comment lines before the top-level entry `next` (a `key = …` line or a `[table]`
/// header), or at the end of the file when there is none.
fn prepend_comments(doc: &mut DocumentMut, next: Option<&str>, comments: &str) {
    let table = doc.as_table_mut();
    let prefixed = |prefix: Option<&toml_edit::RawString>| {
        let rest = prefix.and_then(|p| p.as_str()).unwrap_or("");
        format!("{comments}{rest}")
    };
    match next.and_then(|n| table.get(n).map(|item| (n.to_owned(), item.is_table()))) {
        Some((name, false)) => {
            if let Some(mut k) = table.key_mut(&name) {
                let prefix = prefixed(k.leaf_decor().prefix());
                k.leaf_decor_mut().set_prefix(prefix);
            }
        }
        Some((name, true)) => {
            if let Some(Item::Table(t)) = table.get_mut(&name) {
                let prefix = prefixed(t.decor().prefix());
                t.decor_mut().set_prefix(prefix);
            }
        }
        None => {
            let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
            doc.set_trailing(format!("{comments}{trailing}"));
        }
    }
}

/// Adds many entries to one file in a single atomic write (for imports). Drafts whose term
/// is already in the glossary or earlier in `drafts` are left out; returns the change and how
/// many were added.
pub fn add_many(
    dir: &Path,
    file: &Path,
    glossary: &Glossary,
    drafts: &[EntryDraft],
) -> Result<(Change, usize), EditError> {
    let file = inside_folder(dir, file)?;
    let mut seen = std::collections::HashSet::new();
    let fresh: Vec<&EntryDraft> = drafts
        .iter()
        .filter(|d| {
            d.validate().is_ok() && glossary.lookup(&d.term).is_none() && seen.insert(fold(&d.term))
        })
        .collect();
    let mut count = 0;
    let change = rewrite(&file, |doc| {
        for draft in &fresh {
            // Added to the file by someone else since the glossary was loaded: theirs stays.
            if find_key(doc.as_table(), &fold(&draft.term)).is_some() {
                continue;
            }
            doc.as_table_mut()
                .insert(draft.term.trim(), draft.item(false));
            count += 1;
        }
        Ok(())
    })?;
    Ok((change, count))
}

/// Takes `fields` out of the entries for `terms` (folded) in the glossary file `path`, in one
/// atomic write through the same comment-preserving editor (an inline entry left with only its
/// translation becomes terse again); every other byte stays. Entries that are no longer in the
/// file, or have none of the fields, are passed over. Returns the change and how many entries
/// changed.
pub fn remove_fields(
    dir: &Path,
    path: &Path,
    terms: &[String],
    names: &[&str],
) -> Result<(Change, usize), EditError> {
    files::check_loaded(dir, path)?;
    let mut count = 0;
    let change = rewrite(path, |doc| {
        for term in terms {
            let table = doc.as_table_mut();
            let Some(key) = find_key(table, term) else {
                continue;
            };
            let next = next_key(table, &key);
            let slot = table.get_mut(&key).expect("the key was just found");
            if !names.iter().any(|name| slot.get(name).is_some()) {
                continue;
            }
            // Comment lines above a removed field of a [table] stay, above the field that
            // follows it or, after the last one, above the next entry.
            let orphaned = match slot {
                Item::Table(fields) => fields::hand_on_comments(fields, names),
                _ => None,
            };
            if fields::apply(slot, names.iter().map(|name| (*name, None)).collect()) {
                count += 1;
            }
            if let Some(comments) = orphaned {
                prepend_comments(doc, next.as_deref(), &comments);
            }
        }
        Ok(())
    })?;
    Ok((change, count))
}

/// Puts back the text a change replaced, if the file still holds what the change wrote.
pub fn undo(change: &Change) -> Result<Change, EditError> {
    let writer = Writer::open(&change.path).map_err(write_error)?;
    if change.created {
        // Remove the file the change created, if it still holds exactly what was written.
        let current = writer.read().unwrap_or_default();
        if current != change.after {
            return Err(EditError::Conflict(change.path.clone()));
        }
        std::fs::remove_file(&change.path).map_err(|reason| EditError::Io {
            path: change.path.clone(),
            reason,
        })?;
    } else {
        writer
            .replace(Some(&change.after), &change.before)
            .map_err(write_error)?;
    }
    Ok(Change {
        path: change.path.clone(),
        before: change.after.clone(),
        after: change.before.clone(),
        created: false,
    })
}

/// The comment lines in the decoration before `key` (for a `[table]`, before its header).
fn leading_comments(table: &Table, key: &str) -> Option<String> {
    let prefix = match table.get(key)? {
        Item::Table(t) => t.decor().prefix()?.as_str()?.to_owned(),
        _ => table.key(key)?.leaf_decor().prefix()?.as_str()?.to_owned(),
    };
    prefix.contains('#').then_some(prefix)
}

fn find_key(table: &Table, folded: &str) -> Option<String> {
    table
        .iter()
        .map(|(key, _)| key)
        .find(|key| fold(key) == folded)
        .map(str::to_owned)
}

/// `file` resolved against `dir`: a `.toml` file the glossary loader reads, inside the folder
/// (see [`files`] for the rule).
pub fn inside_folder(dir: &Path, file: &Path) -> Result<PathBuf, EditError> {
    files::writable(dir, file)
}

/// Reads `path` now, applies `change` to it with the comment-preserving editor and writes the
/// result atomically, provided the file still holds what was read.
fn rewrite(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<(), EditError>,
) -> Result<Change, EditError> {
    // Held until the rename: kabar's other writers wait, so none of their changes is lost.
    let writer = Writer::open(path).map_err(write_error)?;
    // Through a symlink to the file it points at, so the link stays a link.
    let path = writer.target();
    let created = std::fs::symlink_metadata(path).is_err();
    let before = writer.read().map_err(|reason| EditError::Io {
        path: path.to_path_buf(),
        reason,
    })?;
    let mut doc: DocumentMut =
        before
            .parse()
            .map_err(|err: toml_edit::TomlError| EditError::BrokenFile {
                path: path.to_path_buf(),
                message: err.message().trim().to_owned(),
            })?;
    change(&mut doc)?;
    let mut after = doc.to_string();
    if !after.is_empty() && !after.ends_with('\n') {
        after.push('\n');
    }
    // A file written with CRLF line ends keeps them.
    if before.contains("\r\n") {
        after = after.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    writer.replace(Some(&before), &after).map_err(write_error)?;
    Ok(Change {
        path: path.to_path_buf(),
        before,
        after,
        created,
    })
}

/// Writes `after` to `path` atomically unless the file no longer holds `expected`.
#[cfg(test)]
fn write_if_unchanged(path: &Path, expected: &str, after: &str) -> Result<(), EditError> {
    crate::atomic_file::replace(path, Some(expected), after).map_err(write_error)
}

fn write_error(err: ReplaceError) -> EditError {
    match err {
        ReplaceError::Conflict(path) => EditError::Conflict(path),
        ReplaceError::Io { path, reason } => EditError::Io { path, reason },
        other => EditError::Write(other),
    }
}

#[cfg(test)]
mod tests;
