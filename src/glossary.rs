//! The glossary: every term the learner has a translation for, merged from all `*.toml` files
//! of a folder, indexed by folded term so lookups ignore case and spacing.
//!
//! The model is plain data (entries in a `Vec`, referred to by [`EntryId`]) so the matcher, the
//! reader and later the authoring and learning features can share it without lifetimes.
//! Depends on nothing terminal-related. Reading a folder (in parallel, with its binary index)
//! is in `load`, the file rules in `files`, one file's TOML in `parse`.

pub mod edit;
pub mod files;
mod index;
mod load;
pub mod lute;
mod parse;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use crate::problem::Problem;

use crate::text::{LineCol, fold};

/// Index of an entry in [`Glossary::entries`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryId(pub u32);

/// Index of a file in [`Glossary::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileId(pub u32);

/// How well the learner knows a term, on the scale Lute and LWT use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Learning, from 1 (new) to 5 (learned).
    Level(u8),
    /// Well known: no longer needs highlighting.
    WellKnown,
    /// Ignored: not worth learning (names, foreign words).
    Ignored,
}

impl Status {
    /// One step up the learning scale (5 becomes well known).
    pub fn up(status: Option<Status>) -> Option<Status> {
        Some(match status {
            None => Status::Level(1),
            Some(Status::Level(n)) if n < 5 => Status::Level(n + 1),
            Some(_) => Status::WellKnown,
        })
    }

    /// One step down (well known becomes 5, 1 stays 1).
    pub fn down(status: Option<Status>) -> Option<Status> {
        Some(match status {
            None | Some(Status::Level(1)) => Status::Level(1),
            Some(Status::Level(n)) => Status::Level(n - 1),
            Some(Status::WellKnown | Status::Ignored) => Status::Level(5),
        })
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Level(n) => write!(f, "{n}"),
            Status::WellKnown => f.write_str("W"),
            Status::Ignored => f.write_str("I"),
        }
    }
}

/// One glossary entry: a word or multi-word term and what the learner should know about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The term as written in the file ("Pengadilan Pidana Internasional").
    pub term: String,
    /// The folded form used for matching and lookup ("pengadilan pidana internasional").
    pub key: String,
    /// English translations, most relevant first; never empty.
    pub translations: Vec<String>,
    /// Part of speech ("noun", "verb", …).
    pub pos: Option<String>,
    /// A learner's note, typically how the word is built.
    pub note: Option<String>,
    /// The root word when the term is derived ("tangkap" for "penangkapan").
    pub root: Option<String>,
    /// Related headwords (Lute's "parents").
    pub parents: Vec<String>,
    /// Free-form tags ("military", "law").
    pub tags: Vec<String>,
    /// Example sentences.
    pub examples: Vec<String>,
    /// How to say it, when the spelling does not tell.
    pub pronunciation: Option<String>,
    /// The learner's status for this term, if set.
    pub status: Option<Status>,
    /// The file the entry came from.
    pub file: FileId,
    /// Where the entry's key is in that file.
    pub at: LineCol,
}

impl Entry {
    /// An entry for `term` found at `at` in `file`, with no fields yet.
    pub fn new(term: String, file: FileId, at: LineCol) -> Entry {
        Entry {
            key: fold(&term),
            term,
            translations: Vec::new(),
            pos: None,
            note: None,
            root: None,
            parents: Vec::new(),
            tags: Vec::new(),
            examples: Vec::new(),
            pronunciation: None,
            status: None,
            file,
            at,
        }
    }

    /// Whether `other` says the same about the same term, at whatever line of its file.
    pub fn same_apart_from_place(&self, other: &Entry) -> bool {
        // Spelled out so that a new field cannot be forgotten here.
        let Entry {
            term,
            key,
            translations,
            pos,
            note,
            root,
            parents,
            tags,
            examples,
            pronunciation,
            status,
            file,
            at: _,
        } = self;
        *term == other.term
            && *key == other.key
            && *translations == other.translations
            && *pos == other.pos
            && *note == other.note
            && *root == other.root
            && *parents == other.parents
            && *tags == other.tags
            && *examples == other.examples
            && *pronunciation == other.pronunciation
            && *status == other.status
            && *file == other.file
    }

    /// The translations joined for one-line display.
    pub fn translation_line(&self) -> String {
        self.translations.join("; ")
    }
}

/// All entries of a glossary folder plus the problems found while reading it.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    store: Store,
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
}

/// Where the entries are: parsed into memory, or read in place from the glossary's index.
#[derive(Clone, Debug)]
enum Store {
    /// Parsed from the TOML files (a small glossary, a test, or the run that built the index).
    Parsed {
        entries: Vec<Entry>,
        index: FxHashMap<String, EntryId>,
    },
    /// Opened from the index: entries are decoded when first asked for; entries the reader
    /// changed in place (`update_entry`) are kept beside it.
    Indexed {
        index: std::sync::Arc<index::Opened>,
        edited: FxHashMap<EntryId, Box<Entry>>,
    },
}

impl Default for Store {
    fn default() -> Store {
        Store::Parsed {
            entries: Vec::new(),
            index: FxHashMap::default(),
        }
    }
}

impl Glossary {
    /// The parsed entries, reading an indexed glossary's entries into memory first (only
    /// when files are added to it, which loading never does).
    fn parsed_mut(&mut self) -> (&mut Vec<Entry>, &mut FxHashMap<String, EntryId>) {
        if let Store::Indexed { .. } = self.store {
            let entries: Vec<Entry> = self.entries().cloned().collect();
            let index = entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.clone(), EntryId(i as u32)))
                .collect();
            self.store = Store::Parsed { entries, index };
        }
        match &mut self.store {
            Store::Parsed { entries, index } => (entries, index),
            Store::Indexed { .. } => unreachable!("converted just above"),
        }
    }

    /// All entries, in file order then document order (an indexed glossary decodes each
    /// when first asked for).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> + '_ {
        (0..self.len() as u32).map(|i| self.entry(EntryId(i)))
    }

    /// The entry with this id.
    ///
    /// Ids only come from this glossary, so an out-of-range id is a programming error.
    pub fn entry(&self, id: EntryId) -> &Entry {
        match &self.store {
            Store::Parsed { entries, .. } => &entries[id.0 as usize],
            Store::Indexed { index, edited } => match edited.get(&id) {
                Some(entry) => entry,
                None => index.entry(id),
            },
        }
    }

    /// Whether both hold the same entries in the same order (a reload that changed nothing).
    pub fn same_entries(&self, other: &Glossary) -> bool {
        self.len() == other.len() && self.entries().eq(other.entries())
    }

    /// Whether both hold the same entries in the same order, wherever in their files they
    /// are: kabar's own edit of one entry moves the lines of the entries below it, and that is
    /// no news to the learner.
    pub fn same_entries_anywhere(&self, other: &Glossary) -> bool {
        self.len() == other.len()
            && self
                .entries()
                .zip(other.entries())
                .all(|(a, b)| a.same_apart_from_place(b))
    }

    /// Replaces the editable fields of entry `id` with `draft`'s, as `edit::edit` wrote them
    /// to its file (term, root, file and position stay).
    pub fn update_entry(&mut self, id: EntryId, draft: &edit::EntryDraft) {
        let trim = |values: Vec<String>| values.into_iter().map(|v| v.trim().to_owned()).collect();
        let draft = draft.clone().normalised();
        let entry = match &mut self.store {
            Store::Parsed { entries, .. } => &mut entries[id.0 as usize],
            Store::Indexed { index, edited } => edited
                .entry(id)
                .or_insert_with(|| Box::new(index.entry(id).clone())),
        };
        entry.translations = trim(draft.translations);
        entry.pos = draft.pos.map(|v| v.trim().to_owned());
        entry.note = draft.note.map(|v| v.trim().to_owned());
        entry.tags = trim(draft.tags);
        entry.examples = trim(draft.examples);
        entry.parents = trim(draft.parents);
        entry.pronunciation = draft.pronunciation.map(|v| v.trim().to_owned());
        entry.status = draft.status;
    }

    /// The table of term keys to entries the matcher walks (see [`crate::matcher`]).
    pub fn term_table(&self) -> crate::index_file::SortedTable {
        match &self.store {
            Store::Parsed { entries, .. } => crate::matcher::Matcher::table(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (EntryId(i as u32), e.key.as_str())),
            ),
            Store::Indexed { index, .. } => index.terms(),
        }
    }

    /// Finds a term, ignoring case and spacing.
    pub fn lookup(&self, term: &str) -> Option<EntryId> {
        self.lookup_folded(&fold(term))
    }

    /// Finds a term whose key is already folded with [`fold`].
    pub fn lookup_folded(&self, key: &str) -> Option<EntryId> {
        match &self.store {
            Store::Parsed { index, .. } => index.get(key).copied(),
            Store::Indexed { index, .. } => index.lookup(key),
        }
    }

    /// What the glossary's headwords tell the root finder, read in place, when the glossary
    /// was opened from its index (a parsed one is added to the lexicon entry by entry).
    pub fn lexicon_tables(&self) -> Option<&crate::morphology::lexicon::tables::LexiconTables> {
        match &self.store {
            Store::Parsed { .. } => None,
            Store::Indexed { index, .. } => Some(index.lexicon()),
        }
    }

    /// The files that were read, in load order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The file an entry came from.
    pub fn file_of(&self, entry: &Entry) -> &Path {
        &self.files[entry.file.0 as usize]
    }

    /// Everything wrong with the files: bad TOML, empty translations, unknown fields, duplicates.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Parsed { entries, .. } => entries.len(),
            Store::Indexed { index, .. } => index.len(),
        }
    }

    /// Whether the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What changes when any glossary file under `dir` changes: each file's path, size and
/// modification time. Cheap enough to poll.
pub fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    files::collect(dir)
        .unwrap_or_default()
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let size = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (path, size, modified)
        })
        .collect()
}

#[cfg(test)]
mod tests;
