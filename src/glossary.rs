//! The glossary: every term the learner has a translation for, merged from all `*.toml` files
//! of a folder, indexed by folded term so lookups ignore case and spacing.
//!
//! The model is plain data (entries in a `Vec`, referred to by [`EntryId`]) so the matcher, the
//! reader and later the authoring and learning features can share it without lifetimes.
//! Depends on nothing terminal-related.

pub mod edit;
pub mod files;
mod index;
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
    /// Loads every `*.toml` file under `dir` (recursively, in name order). A broken file is
    /// reported in [`Glossary::problems`] and skipped; the others still load. Only a folder that
    /// cannot be listed at all is an error.
    pub fn load_dir(dir: &Path) -> std::io::Result<Glossary> {
        Glossary::load_dir_indexed(dir, None)
    }

    /// [`Glossary::load_dir`], using and refreshing a binary index kept in `index_dir` (a
    /// cache folder) when one is given: unchanged files load without parsing TOML again.
    pub fn load_dir_indexed(dir: &Path, index_dir: Option<&Path>) -> std::io::Result<Glossary> {
        let paths = files::collect(dir)?;
        let index = index_dir.map(|d| index::path_for(d, dir));
        // Unchanged files: the index opens without reading any of them.
        if let Some(path) = &index
            && let Some(glossary) = index::open(path, &paths)
        {
            return Ok(glossary);
        }
        let mut unreadable = Vec::new();
        let mut texts = Vec::with_capacity(paths.len());
        let mut sources = Vec::with_capacity(paths.len());
        for path in paths {
            // Taken before reading: a change while reading makes the index stale, not wrong.
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            match read_text(&path) {
                Ok(text) => {
                    sources.push(crate::dictionaries::installed::Fingerprint::of_text(
                        &path,
                        modified,
                        text.as_bytes(),
                    ));
                    texts.push((path, text));
                }
                Err(problem) => unreadable.push(problem),
            }
        }
        let unread: Vec<PathBuf> = unreadable.iter().map(|p| p.path.clone()).collect();
        let all_read = unreadable.is_empty();
        let mut glossary = Glossary {
            problems: unreadable,
            ..Glossary::default()
        };
        // Files parse independently, so large glossaries use every core; merging stays in
        // file order, so ids, duplicates and problems come out the same as a serial load.
        let parsed = parse_in_parallel(&texts);
        for ((path, text), parsed) in texts.iter().zip(parsed) {
            glossary.merge(path.clone(), text, parsed);
        }
        // Files that could not be read are still glossary files (after the others, so entry
        // ids stay valid): `check` counts them and names their problem.
        glossary.files.extend(unread);
        // The index is only for a folder whose files all read; a cache that cannot be
        // written only costs speed next time.
        if let Some(path) = index.filter(|_| all_read) {
            let _ = index::write(&path, &glossary, sources);
        }
        Ok(glossary)
    }

    /// Parses one file's text and merges its entries; `path` names the file in problems.
    pub fn add_file(&mut self, path: PathBuf, text: &str) {
        let parsed = parse::parse_file(text, &path, FileId(self.files.len() as u32));
        self.merge(path, text, parsed);
    }

    fn merge(&mut self, path: PathBuf, text: &str, parsed: parse::ParsedFile) {
        self.problems.extend(parsed.problems);
        for entry in parsed.entries {
            self.insert(entry, text, &path);
        }
        self.files.push(path);
    }

    fn insert(&mut self, entry: Entry, text: &str, path: &Path) {
        if let Some(existing) = self.lookup_folded(&entry.key) {
            let first = self.entry(existing);
            let message = format!(
                "\"{}\" is already defined at {}:{}; keep one of the two entries",
                entry.term,
                self.files
                    .get(first.file.0 as usize)
                    .map_or(path, |p| p.as_path())
                    .display(),
                first.at
            );
            self.problems
                .push(Problem::new(path, entry.at, message).with_source_line(text));
            return;
        }
        let (entries, index) = self.parsed_mut();
        let id = EntryId(entries.len() as u32);
        index.insert(entry.key.clone(), id);
        entries.push(entry);
    }

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

/// Parses `files` on up to as many threads as there are cores; results in input order.
fn parse_in_parallel(files: &[(PathBuf, String)]) -> Vec<parse::ParsedFile> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 {
        return files
            .iter()
            .enumerate()
            .map(|(i, (path, text))| parse::parse_file(text, path, FileId(i as u32)))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, parse::ParsedFile)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((path, text)) = files.get(i) else {
                            break;
                        };
                        done.push((i, parse::parse_file(text, path, FileId(i as u32))));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut results = results.into_iter().peekable();
    // A file whose worker died is parsed again here rather than silently dropped.
    (0..files.len())
        .map(|i| match results.next_if(|(done, _)| *done == i) {
            Some((_, parsed)) => parsed,
            None => parse::parse_file(&files[i].1, &files[i].0, FileId(i as u32)),
        })
        .collect()
}

/// A glossary file's text; a file that cannot be read, or is not UTF-8, is a problem naming
/// where (for bad bytes, the line and column of the first one).
fn read_text(path: &Path) -> Result<String, Problem> {
    let bytes = std::fs::read(path).map_err(|err| {
        Problem::new(
            path,
            LineCol { line: 1, col: 1 },
            format!("cannot read this glossary file: {err}"),
        )
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let at = LineCol::of(&before, valid);
        let byte = bytes[valid];
        Problem::new(
            path,
            at,
            format!(
                "not UTF-8 text (byte 0x{byte:02X} here); save the file as UTF-8, its entries are not loaded until then"
            ),
        )
        .with_source_line(&String::from_utf8_lossy(bytes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(files: &[(&str, &str)]) -> Glossary {
        let mut g = Glossary::default();
        for (name, text) in files {
            g.add_file(PathBuf::from(name), text);
        }
        g
    }

    #[test]
    fn lookup_ignores_case_and_spacing() {
        let g = glossary(&[("a.toml", "\"Korea Utara\" = \"North Korea\"\n")]);
        let id = g.lookup("korea   UTARA").unwrap();
        assert_eq!(g.entry(id).term, "Korea Utara");
        assert_eq!(g.entry(id).translations, ["North Korea"]);
    }

    #[test]
    fn the_same_term_in_two_files_is_reported_with_both_places() {
        let g = glossary(&[
            ("a.toml", "# c\nperang = \"war\"\n"),
            ("b.toml", "x = \"y\"\nPerang = \"battle\"\n"),
        ]);
        assert_eq!(g.len(), 2);
        assert_eq!(g.entry(g.lookup("perang").unwrap()).translations, ["war"]);
        let problem = g.problems()[0].to_string();
        assert!(
            problem.starts_with("b.toml:2:1: \"Perang\" is already defined at a.toml:2:1"),
            "{problem}"
        );
    }

    #[test]
    fn the_index_is_used_when_fresh_and_rebuilt_when_anything_changes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let glossary_dir = dir.path().join("g");
        std::fs::create_dir(&glossary_dir).unwrap();
        std::fs::write(
            glossary_dir.join("a.toml"),
            "perang = \"war\"\n[x]\ntranslation = \"y\"\ncolour = 1\n",
        )
        .unwrap();
        let first = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        let index_file = index::path_for(cache.path(), &glossary_dir);
        assert!(index_file.is_file(), "the first load writes the index");
        let second = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        assert!(second.same_entries(&first));
        assert!(
            second.lexicon_tables().is_some() && first.lexicon_tables().is_none(),
            "opened from the index, not parsed"
        );
        assert_eq!(second.problems(), first.problems());
        assert_eq!(second.lookup("PERANG"), first.lookup("perang"));
        // An edit makes the index stale: the new content is what loads.
        std::fs::write(glossary_dir.join("a.toml"), "perang = \"battle\"\n").unwrap();
        let edited = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        assert_eq!(
            edited.entry(edited.lookup("perang").unwrap()).translations,
            ["battle"]
        );
        // An edit of the same size right after (the clock cannot tell it apart) is still
        // seen: such a file is checked by its content.
        std::fs::write(glossary_dir.join("a.toml"), "perang = \"tempur\"\n").unwrap();
        let same_size = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        assert_eq!(
            same_size
                .entry(same_size.lookup("perang").unwrap())
                .translations,
            ["tempur"]
        );
        std::fs::write(glossary_dir.join("a.toml"), "perang = \"battle\"\n").unwrap();
        let edited = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        // A corrupt index is ignored.
        std::fs::write(&index_file, b"KABARIDX garbage").unwrap();
        let recovered = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        assert!(recovered.same_entries(&edited));
        // A new file counts too.
        std::fs::write(glossary_dir.join("b.toml"), "senjata = \"weapon\"\n").unwrap();
        let added = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
        assert_eq!(added.len(), 2);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_a_problem_at_its_bad_byte_and_still_a_glossary_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("latin1.toml"),
            b"# ok\nperang = \"war\"\ncaf\xe9 = \"coffee\"\n",
        )
        .unwrap();
        let alone = Glossary::load_dir(dir.path()).unwrap();
        assert_eq!(
            alone.files().len(),
            1,
            "counted, so check does not say 'no files'"
        );
        assert_eq!(alone.len(), 0);
        let problem = alone.problems()[0].to_string();
        assert!(
            problem.contains("latin1.toml:3:4: not UTF-8 text (byte 0xE9"),
            "{problem}"
        );
        std::fs::write(dir.path().join("a.toml"), "senjata = \"weapon\"\n").unwrap();
        let beside = Glossary::load_dir(dir.path()).unwrap();
        assert_eq!(beside.len(), 1);
        assert_eq!(beside.files().len(), 2);
        assert!(
            beside.problems()[0]
                .to_string()
                .contains("latin1.toml:3:4:")
        );
    }

    #[test]
    fn load_dir_merges_files_recursively_and_survives_a_broken_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("topik")).unwrap();
        std::fs::write(dir.path().join("a.toml"), "perang = \"war\"\n").unwrap();
        std::fs::write(dir.path().join("topik/b.toml"), "senjata = \"weapon\"\n").unwrap();
        std::fs::write(dir.path().join("c.toml"), "rusak = \n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a glossary").unwrap();
        let g = Glossary::load_dir(dir.path()).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g.files().len(), 3);
        assert_eq!(g.problems().len(), 1);
        assert!(g.problems()[0].to_string().contains("c.toml:1:"));
    }
}
