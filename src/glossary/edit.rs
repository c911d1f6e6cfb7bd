//! Changing glossary files without damaging them: entries are added, edited and removed through
//! a comment-preserving TOML editor, so every untouched byte — comments, blank lines, key
//! order, quoting, terse or rich form — stays as the user wrote it. Writes are atomic and are
//! applied to the file as it is at the moment of writing, never to a stale copy.
//!
//! Where new entries go: a translation-only entry is added as `term = "translation"` after the
//! file's other top-level lines (before its first `[table]`); an entry with more fields is added
//! as a `[term]` table at the end of the file.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use super::{Glossary, files};
use crate::atomic_file::{ReplaceError, Writer};
use crate::text::fold;

/// The file in the glossary folder that new entries go to unless another is named.
pub const DEFAULT_FILE: &str = "added.toml";

/// The longest term accepted: longer text is a sentence, not a glossary term.
pub const MAX_TERM_CHARS: usize = 80;
/// The most words a term may have.
pub const MAX_TERM_WORDS: usize = 8;

/// What to write for one entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryDraft {
    /// The term as it should appear.
    pub term: String,
    /// Translations, most relevant first.
    pub translations: Vec<String>,
    /// Part of speech.
    pub pos: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Example sentences (with their source).
    pub examples: Vec<String>,
    /// Related headwords (Lute's parents).
    pub parents: Vec<String>,
    /// How it is said.
    pub pronunciation: Option<String>,
    /// The learner's status.
    pub status: Option<super::Status>,
}

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

impl EntryDraft {
    /// The editable fields of an existing entry.
    pub fn from_entry(entry: &super::Entry) -> EntryDraft {
        EntryDraft {
            term: entry.term.clone(),
            translations: entry.translations.clone(),
            pos: entry.pos.clone(),
            note: entry.note.clone(),
            tags: entry.tags.clone(),
            examples: entry.examples.clone(),
            parents: entry.parents.clone(),
            pronunciation: entry.pronunciation.clone(),
            status: entry.status,
        }
    }

    /// The draft with blank optional fields left out (`--pos ""` means no part of speech).
    pub fn normalised(mut self) -> EntryDraft {
        let blank = |v: &Option<String>| v.as_deref().is_some_and(|v| v.trim().is_empty());
        if blank(&self.pos) {
            self.pos = None;
        }
        if blank(&self.note) {
            self.note = None;
        }
        if blank(&self.pronunciation) {
            self.pronunciation = None;
        }
        self.translations.retain(|t| !t.trim().is_empty());
        self.tags.retain(|t| !t.trim().is_empty());
        self
    }

    /// Checks the draft: non-empty, no control characters, a term not a sentence.
    pub fn validate(&self) -> Result<(), EditError> {
        let term = self.term.trim();
        if term.is_empty() {
            return Err(EditError::Empty("term"));
        }
        if self.translations.iter().all(|t| t.trim().is_empty()) {
            return Err(EditError::Empty("translation"));
        }
        let fields = [
            ("term", Some(&self.term)),
            ("part of speech", self.pos.as_ref()),
            ("note", self.note.as_ref()),
        ];
        for (name, value) in fields {
            if value.is_some_and(|v| v.chars().any(char::is_control)) {
                return Err(EditError::ControlCharacters(name));
            }
        }
        if self
            .translations
            .iter()
            .chain(&self.tags)
            .any(|t| t.chars().any(char::is_control))
        {
            return Err(EditError::ControlCharacters("translation or tag"));
        }
        if term.chars().count() > MAX_TERM_CHARS || term.split_whitespace().count() > MAX_TERM_WORDS
        {
            return Err(EditError::TooLong);
        }
        Ok(())
    }

    fn is_terse(&self) -> bool {
        self.translations.len() == 1
            && self.pos.is_none()
            && self.note.is_none()
            && self.tags.is_empty()
            && self.examples.is_empty()
            && self.parents.is_empty()
            && self.pronunciation.is_none()
            && self.status.is_none()
    }

    /// Each field as written to a file (`None` when empty), in the order kabar writes them.
    fn fields(&self) -> [(&'static str, Option<Value>); 8] {
        let text = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(Value::from)
        };
        let array = |values: &[String]| {
            (!values.is_empty()).then(|| Value::Array(values.iter().map(|v| v.trim()).collect()))
        };
        let translation = match self.translations.as_slice() {
            [] => None,
            [one] => Some(Value::from(one.trim())),
            many => array(many),
        };
        let status = self.status.map(|status| match status {
            super::Status::Level(n) => Value::from(i64::from(n)),
            other => Value::from(other.to_string()),
        });
        [
            ("translation", translation),
            ("pos", text(&self.pos)),
            ("note", text(&self.note)),
            ("parents", array(&self.parents)),
            ("pronunciation", text(&self.pronunciation)),
            ("status", status),
            ("examples", array(&self.examples)),
            ("tags", array(&self.tags)),
        ]
    }

    /// The entry as a TOML item: a string when terse, else a table (inline or standard).
    fn item(&self, inline: bool) -> Item {
        if self.is_terse() {
            return Item::Value(Value::from(self.translations[0].trim()));
        }
        let mut table = Table::new();
        for (field, value) in self.fields() {
            if let Some(value) = value {
                table.insert(field, Item::Value(value));
            }
        }
        if inline {
            Item::Value(Value::InlineTable(table.into_inline_table()))
        } else {
            Item::Table(table)
        }
    }
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
        match slot {
            Item::Table(existing) => {
                for (field, value) in changes {
                    match value {
                        Some(value) => {
                            let keep = existing
                                .get(field)
                                .is_some_and(|old| same_value(old, &Item::Value(value.clone())));
                            if !keep {
                                existing.insert(field, Item::Value(value));
                            }
                        }
                        None => {
                            existing.remove(field);
                        }
                    }
                }
            }
            Item::Value(Value::InlineTable(existing)) => {
                let mut removed = false;
                let mut added = false;
                for (field, value) in changes {
                    match value {
                        Some(value) => added |= existing.insert(field, value).is_none(),
                        None => removed |= existing.remove(field).is_some(),
                    }
                }
                if removed || added {
                    // Removing the last field leaves `{ a = 1}`, adding one after a value
                    // written before `}` leaves `"x" , b = 2`: tidy the spacing.
                    existing.fmt();
                }
                // A removal that leaves only the translation makes the entry terse again.
                let terse = (removed && existing.len() == 1)
                    .then(|| existing.get("translation").cloned())
                    .flatten()
                    .filter(|translation| translation.is_str());
                if let Some(mut translation) = terse {
                    *translation.decor_mut() = existing.decor().clone();
                    *slot = Item::Value(translation);
                }
            }
            Item::Value(current) => {
                // A terse entry stays terse while only its translation changes; with more
                // fields it becomes an inline table on its own line.
                let only_translation = changes
                    .iter()
                    .all(|(field, value)| *field == "translation" || value.is_none());
                let decor = current.decor().clone();
                let translation = changes
                    .iter()
                    .find(|(field, _)| *field == "translation")
                    .and_then(|(_, value)| value.clone())
                    .unwrap_or_else(|| current.clone());
                let mut value = if only_translation {
                    translation
                } else {
                    let mut inline = InlineTable::new();
                    let mut translation = translation;
                    translation.decor_mut().clear();
                    inline.insert("translation", translation);
                    for (field, value) in changes
                        .into_iter()
                        .filter(|(field, _)| *field != "translation")
                    {
                        if let Some(value) = value {
                            inline.insert(field, value);
                        }
                    }
                    Value::InlineTable(inline)
                };
                *value.decor_mut() = decor;
                *current = value;
            }
            _ => return Err(EditError::NotFound(term.to_owned())),
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
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
        let next = keys
            .iter()
            .position(|k| *k == key)
            .and_then(|i| keys.get(i + 1))
            .cloned();
        table.remove(&key);
        if let Some(comments) = comments {
            match next
                .as_deref()
                .and_then(|n| table.get_mut(n).map(|item| (n.to_owned(), item.is_table())))
            {
                Some((name, false)) => {
                    if let Some(mut k) = table.key_mut(&name) {
                        let rest = k
                            .leaf_decor()
                            .prefix()
                            .and_then(|p| p.as_str())
                            .unwrap_or("")
                            .to_owned();
                        k.leaf_decor_mut().set_prefix(format!("{comments}{rest}"));
                    }
                }
                Some((name, true)) => {
                    if let Some(Item::Table(t)) = table.get_mut(&name) {
                        let rest = t
                            .decor()
                            .prefix()
                            .and_then(|p| p.as_str())
                            .unwrap_or("")
                            .to_owned();
                        t.decor_mut().set_prefix(format!("{comments}{rest}"));
                    }
                }
                None => {
                    let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
                    doc.set_trailing(format!("{comments}{trailing}"));
                }
            }
        }
        Ok(())
    })
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

/// Whether two items hold the same strings, whatever their quoting.
fn same_value(old: &Item, new: &Item) -> bool {
    let strings = |item: &Item| -> Option<Vec<String>> {
        match item.as_value()? {
            Value::String(s) => Some(vec![s.value().clone()]),
            Value::Array(a) => a.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => None,
        }
    };
    strings(old).is_some_and(|o| Some(o) == strings(new))
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
mod tests {
    use super::*;

    const FILE: &str = "# Military words, kept by hand.\n\"peluru artileri\" = \"artillery shells\"  # plural\nroket = 'rocket'\n\n[persenjataan]   # rich\ntranslation = \"weaponry\"\nroot = \"senjata\"\n# trailing comment\n";

    fn folder(text: &str) -> (tempfile::TempDir, PathBuf, Glossary) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("militer.toml");
        std::fs::write(&path, text).unwrap();
        let glossary = Glossary::load_dir(dir.path()).unwrap();
        (dir, path, glossary)
    }

    /// Edits `term` from what the glossary holds to `after`.
    fn edit_to(glossary: &Glossary, term: &str, after: &EntryDraft) -> Result<Change, EditError> {
        let before = EntryDraft::from_entry(glossary.entry(glossary.lookup(term).unwrap()));
        let dir = glossary.files()[0].parent().unwrap().to_path_buf();
        edit(&dir, glossary, term, &before, after)
    }

    fn draft(term: &str, translation: &str) -> EntryDraft {
        EntryDraft {
            term: term.into(),
            translations: vec![translation.into()],
            ..EntryDraft::default()
        }
    }

    #[test]
    fn adding_a_terse_entry_keeps_every_other_byte() {
        let (dir, path, glossary) = folder(FILE);
        let change = add(
            dir.path(),
            Path::new("militer.toml"),
            &glossary,
            &draft("proyektil artileri", "artillery projectiles"),
        )
        .unwrap();
        let expected = FILE.replace(
            "roket = 'rocket'\n",
            "roket = 'rocket'\n\"proyektil artileri\" = \"artillery projectiles\"\n",
        );
        assert_eq!(change.after, expected);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        assert_eq!(change.before, FILE);
    }

    #[test]
    fn adding_a_rich_entry_appends_a_table_at_the_end() {
        let (dir, _, glossary) = folder(FILE);
        let rich = EntryDraft {
            pos: Some("noun".into()),
            tags: vec!["military".into()],
            ..draft("rudal", "missile")
        };
        let change = add(dir.path(), Path::new("militer.toml"), &glossary, &rich).unwrap();
        let expected = FILE.replace(
            "# trailing comment\n",
            "\n[rudal]\ntranslation = \"missile\"\npos = \"noun\"\ntags = [\"military\"]\n# trailing comment\n",
        );
        assert_eq!(change.after, expected);
    }

    #[test]
    fn an_inline_entry_gains_a_field_cleanly_and_is_terse_again_without_it() {
        let (_dir, path, glossary) =
            folder("internasional = { translation = \"international\", status = 2 }  # x\n");
        let plain = draft("internasional", "international");
        let change = edit_to(&glossary, "internasional", &plain).unwrap();
        assert_eq!(change.after, "internasional = \"international\"  # x\n");
        let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "internasional = { translation = \"international\" }\n",
        )
        .unwrap();
        let glossary = {
            drop(glossary);
            Glossary::load_dir(path.parent().unwrap()).unwrap()
        };
        let richer = EntryDraft {
            pos: Some("adjective".into()),
            ..draft("internasional", "international")
        };
        let change = edit_to(&glossary, "internasional", &richer).unwrap();
        assert_eq!(
            change.after,
            "internasional = { translation = \"international\", pos = \"adjective\" }\n"
        );
    }

    #[test]
    fn editing_keeps_form_place_and_comments() {
        let (_dir, path, glossary) = folder(FILE);
        let change = edit_to(&glossary, "Roket", &draft("roket", "rocket, missile")).unwrap();
        assert_eq!(
            change.after,
            FILE.replace("roket = 'rocket'", "roket = \"rocket, missile\"")
        );
        let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
        let richer = EntryDraft {
            pos: Some("noun".into()),
            ..draft("roket", "rocket")
        };
        let change = edit_to(&glossary, "roket", &richer).unwrap();
        assert!(
            change
                .after
                .contains("roket = { translation = \"rocket\", pos = \"noun\" }\n\n[persenjataan]"),
            "{}",
            change.after
        );
        let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
        let change = edit_to(
            &glossary,
            "persenjataan",
            &draft("persenjataan", "armaments"),
        )
        .unwrap();
        assert_eq!(
            change.after,
            change
                .before
                .replace("translation = \"weaponry\"", "translation = \"armaments\"")
        );
    }

    #[test]
    fn removing_takes_out_only_that_entry_and_undo_puts_it_back() {
        let (_dir, path, glossary) = folder(FILE);
        let change = remove(path.parent().unwrap(), &glossary, "peluru artileri").unwrap();
        assert_eq!(
            change.after,
            FILE.replace("\"peluru artileri\" = \"artillery shells\"  # plural\n", "")
        );
        undo(&change).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    }

    #[test]
    fn refusals_write_nothing() {
        let (dir, path, glossary) = folder(FILE);
        let refuse = |d: EntryDraft, file: &str| {
            add(dir.path(), Path::new(file), &glossary, &d)
                .unwrap_err()
                .to_string()
        };
        assert!(refuse(draft("ROKET", "x"), "militer.toml").contains("already in the glossary at"));
        assert!(refuse(draft(" ", "x"), "militer.toml").contains("term is empty"));
        assert!(refuse(draft("baru", ""), "militer.toml").contains("translation is empty"));
        assert!(refuse(draft("ba\u{1b}[2Jru", "x"), "militer.toml").contains("control characters"));
        assert!(
            refuse(draft(&"kata ".repeat(12), "x"), "militer.toml")
                .contains("too long for a glossary term")
        );
        assert!(
            refuse(draft("baru", "new"), "../outside.toml")
                .contains("not a .toml file inside the glossary folder")
        );
        assert!(refuse(draft("baru", "new"), "notes.txt").contains("not a .toml file"));
        assert!(matches!(
            remove(dir.path(), &glossary, "tidak ada"),
            Err(EditError::NotFound(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    }

    #[test]
    fn undoing_an_add_that_created_a_file_removes_it() {
        let (dir, _path, glossary) = folder(FILE);
        let change = add(
            dir.path(),
            Path::new("baru.toml"),
            &glossary,
            &draft("rudal", "missile"),
        )
        .unwrap();
        assert!(change.created);
        undo(&change).unwrap();
        assert!(!dir.path().join("baru.toml").exists());
    }

    #[test]
    fn a_file_changed_on_disk_meanwhile_is_not_overwritten() {
        let (_dir, path, _) = folder(FILE);
        std::fs::write(&path, "roket = \"edited elsewhere\"\n").unwrap();
        let err = write_if_unchanged(&path, FILE, "whatever").unwrap_err();
        assert!(matches!(err, EditError::Conflict(_)), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "roket = \"edited elsewhere\"\n"
        );
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind");
    }

    #[test]
    fn edits_apply_to_the_file_as_it_is_now() {
        let (_dir, path, glossary) = folder(FILE);
        // Someone adds a line after kabar loaded the glossary: the edit keeps it.
        std::fs::write(&path, format!("{FILE}\n[baru]\ntranslation = \"new\"\n")).unwrap();
        let change = edit_to(&glossary, "roket", &draft("roket", "rocket, missile")).unwrap();
        assert!(change.after.contains("[baru]") && change.after.contains("rocket, missile"));
    }

    #[test]
    fn an_edit_writes_only_what_changed_so_a_change_made_meanwhile_survives() {
        let (_dir, path, glossary) = folder(FILE);
        let before =
            EntryDraft::from_entry(glossary.entry(glossary.lookup("persenjataan").unwrap()));
        // Someone changes the translation in an editor after the form opened...
        std::fs::write(
            &path,
            FILE.replace("translation = \"weaponry\"", "translation = \"armaments\""),
        )
        .unwrap();
        // ...and the form only adds a part of speech.
        let after = EntryDraft {
            pos: Some("noun".into()),
            ..before.clone()
        };
        let change = edit(
            path.parent().unwrap(),
            &glossary,
            "persenjataan",
            &before,
            &after,
        )
        .unwrap();
        assert!(
            change.after.contains("translation = \"armaments\""),
            "{}",
            change.after
        );
        assert!(change.after.contains("pos = \"noun\""), "{}", change.after);
        // Emptying a field removes it.
        let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
        let before =
            EntryDraft::from_entry(glossary.entry(glossary.lookup("persenjataan").unwrap()));
        let after = EntryDraft {
            pos: None,
            ..before.clone()
        };
        let change = edit(
            path.parent().unwrap(),
            &glossary,
            "persenjataan",
            &before,
            &after,
        )
        .unwrap();
        assert!(!change.after.contains("pos ="), "{}", change.after);
    }

    #[test]
    fn crlf_files_keep_crlf_and_symlinks_stay_links() {
        let (dir, path, glossary) = folder(&FILE.replace('\n', "\r\n"));
        let change = add(
            dir.path(),
            Path::new("militer.toml"),
            &glossary,
            &draft("rudal", "missile"),
        )
        .unwrap();
        assert!(
            !change.after.replace("\r\n", "").contains('\n'),
            "every line ends in CRLF"
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("rudal = \"missile\"\r\n")
        );
        #[cfg(unix)]
        {
            let target = dir.path().join("real.txt");
            std::fs::write(&target, "perang = \"war\"\n").unwrap();
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let glossary = Glossary::load_dir(dir.path()).unwrap();
            add(
                dir.path(),
                Path::new("link.toml"),
                &glossary,
                &draft("damai", "peace"),
            )
            .unwrap();
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert!(
                std::fs::read_to_string(&target)
                    .unwrap()
                    .contains("damai = \"peace\"")
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, path, glossary) = folder(FILE);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        edit_to(&glossary, "roket", &draft("roket", "rocket, missile")).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
