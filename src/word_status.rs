//! The learner's progress: the status of every word and glossary term they rated — "dan" is
//! well known, "Tass" is ignored, "mengutip" is at level 2, the term "peluru artileri" at 1 with
//! the sentence it was met in — kept in one plain TOML file of their own, apart from the
//! glossary (which is shared, and which reading never changes), so it can be read, edited and
//! diffed:
//!
//! ```toml
//! # kabar: your reading progress.
//! dan = "W"
//! tass = "I"
//! mengutip = 2
//! "peluru artileri" = { status = 1, examples = ["Kata Presiden Putin, peluru artileri dibeli."] }
//! ```
//!
//! Keys are folded words or terms (lower case, single spaces): a glossary term is known by its
//! text, so moving or editing its entry keeps the learner's status. Values are 1–5, `"W"` (well
//! known) or `"I"` (ignored), or a table of `status` and `examples`. A status written in a
//! glossary file is only a starting point: the one here wins ([`WordStatuses::of_entry`]).
//! The file lives in the user's data folder (`~/.local/share/kabar/words.toml` on Linux).
//! Saving re-reads the file and applies only the changed words through a comment-preserving
//! editor, so hand edits and another kabar's saves survive. Knows nothing of the terminal.

pub mod migrate;
mod value;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use toml_edit::{DocumentMut, Item};

use crate::atomic_file::{ReplaceError, Writer};
use crate::glossary::{Entry, Status};
use crate::text::{LineCol, fold};

/// The file name inside the data folder.
pub const FILE_NAME: &str = "words.toml";

/// What a new file starts with.
const HEADER: &str = "# kabar: your reading progress, for words and glossary terms alike.\n\
# One word or term per line: 1-5 (learning, 1 = new), \"W\" (well known) or \"I\" (ignored),\n\
# or { status = 1, examples = [\"the sentence it was met in\"] }. It wins over a status\n\
# written in a glossary file. Edit freely; kabar keeps your comments and order when it saves.\n";

/// The key a word's status is kept under: a name — a word written with a capital, as the
/// reader keys one it meets inside a sentence (ANTARA, NTB, Kim, Tempo) — as written, so that
/// ignoring or knowing it leaves the lower-case word it spells (antara, "between") alone; any
/// other word folded (see [`fold`]). Which capitalised word of an article is a name the reader
/// decides ([`crate::knowledge`]); a key typed by hand with a capital is a name. Files written
/// before names were kept apart hold folded keys, and a name with no status of its own stands
/// where the word it spells does, so they read as before.
pub fn key(word: &str) -> String {
    let name = word
        .trim()
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if name {
        crate::text::as_written(word)
    } else {
        fold(word)
    }
}

/// One change: a folded word and its new status (`None` forgets the word).
pub type Change = (String, Option<Status>);

/// A sentence to keep beside a word's or term's status: the folded key and the sentence.
pub type Example = (String, String);

/// The learner's statuses of words and terms, as loaded from the file.
#[derive(Clone, Debug, Default)]
pub struct WordStatuses {
    map: FxHashMap<String, Status>,
    examples: FxHashMap<String, Vec<String>>,
    path: Option<PathBuf>,
    /// Lines that were skipped (a value that is not a status), as messages with their place.
    problems: Vec<String>,
}

/// Why the file could not be read or saved. Each message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum WordStatusError {
    /// Not readable as text.
    #[error("{}: cannot read word statuses: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// Not valid TOML, or a value that is not a status.
    #[error("{}:{at}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where.
        at: LineCol,
        /// What is wrong.
        message: String,
    },
    /// Writing failed; the file is unchanged.
    #[error("cannot save word statuses: {0}")]
    Write(#[from] ReplaceError),
}

impl WordStatuses {
    /// Statuses kept only in memory (tests, or no data folder): saving is a no-op.
    pub fn in_memory() -> WordStatuses {
        WordStatuses::default()
    }

    /// Loads `path`; a missing file is an empty set of statuses that will be created on the
    /// first save.
    pub fn load(path: &Path) -> Result<WordStatuses, WordStatusError> {
        let text =
            crate::atomic_file::read_or_empty(path).map_err(|reason| WordStatusError::Read {
                path: path.to_path_buf(),
                reason,
            })?;
        let Parsed {
            map,
            examples,
            problems,
        } = parse(&text, path)?;
        Ok(WordStatuses {
            map,
            examples,
            path: Some(path.to_path_buf()),
            problems: problems.iter().map(ToString::to_string).collect(),
        })
    }

    /// No statuses yet from a file that could not be read: saving is attempted against the
    /// file as it is then, so it starts working once the user fixes it.
    pub fn unreadable(path: &Path) -> WordStatuses {
        WordStatuses {
            path: Some(path.to_path_buf()),
            ..WordStatuses::default()
        }
    }

    /// Lines skipped when loading (each `file:line:col: message`); the rest loaded.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The file behind these statuses, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The status of a folded word.
    pub fn get(&self, folded: &str) -> Option<Status> {
        self.map.get(folded).copied()
    }

    /// The learner's status for a glossary term: the one they set, else the one its glossary
    /// file gives as a starting point.
    pub fn of_entry(&self, entry: &Entry) -> Option<Status> {
        self.get(&entry.key).or(entry.status)
    }

    /// The sentences kept with a folded word's or term's status, oldest first.
    pub fn examples(&self, folded: &str) -> &[String] {
        self.examples.get(folded).map_or(&[], Vec::as_slice)
    }

    /// A glossary term's example sentences: the ones the learner met it in, then the
    /// glossary's own (each once).
    pub fn examples_of_entry(&self, entry: &Entry) -> Vec<String> {
        let mut all = self.examples(&entry.key).to_vec();
        for example in &entry.examples {
            if !all.contains(example) {
                all.push(example.clone());
            }
        }
        all
    }

    /// Whether both hold the same status and examples for every word.
    pub fn same_statuses(&self, other: &WordStatuses) -> bool {
        self.map == other.map && self.examples == other.examples
    }

    /// How many words have a status.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no word has a status.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every word and its status, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Status)> {
        self.map
            .iter()
            .map(|(word, status)| (word.as_str(), *status))
    }

    /// Applies `changes` in memory and returns what they replaced (for undo), in the same
    /// order. Words are folded first.
    pub fn apply(&mut self, changes: &[Change]) -> Vec<Change> {
        changes
            .iter()
            .map(|(word, status)| {
                let word = key(word);
                let before = match status {
                    Some(status) => self.map.insert(word.clone(), *status),
                    None => {
                        // A forgotten word's line goes, its sentences with it.
                        self.examples.remove(&word);
                        self.map.remove(&word)
                    }
                };
                (word, before)
            })
            .collect()
    }

    /// Keeps `examples` beside the statuses in memory (a sentence already kept, or one for a
    /// word without a status, is left out), as [`WordStatuses::save_with_examples`] writes them.
    pub fn apply_examples(&mut self, examples: &[Example]) {
        for (word, example) in examples {
            let word = key(word);
            if !self.map.contains_key(&word) {
                continue;
            }
            let kept = self.examples.entry(word).or_default();
            if !kept.contains(example) {
                kept.push(example.clone());
            }
        }
    }

    /// Writes `changes` to the file as it is now on disk (not as it was loaded), keeping every
    /// other line; returns the statuses the file had for those words (for an undo that puts
    /// back what was on disk). Does nothing for in-memory statuses.
    pub fn save(&self, changes: &[Change]) -> Result<Vec<Change>, WordStatusError> {
        self.save_with_examples(changes, &[])
    }

    /// [`WordStatuses::save`], also keeping `examples` beside the statuses (after the changes
    /// are applied; a sentence for a word left without a status is not written).
    pub fn save_with_examples(
        &self,
        changes: &[Change],
        examples: &[Example],
    ) -> Result<Vec<Change>, WordStatusError> {
        match &self.path {
            Some(path) => save_to_with_examples(path, changes, examples),
            None => Ok(Vec::new()),
        }
    }
}

/// Applies `changes` to the file at `path`, creating it when missing, and returns the
/// statuses the file had for those words. kabar's own writers take turns; when another program
/// saves in between, the changes are applied once more to what it saved.
/// A word taken out keeps the comment lines above it (they move to the next word). A file that
/// is not valid TOML is never overwritten.
pub fn save_to(path: &Path, changes: &[Change]) -> Result<Vec<Change>, WordStatusError> {
    save_to_with_examples(path, changes, &[])
}

/// [`save_to`], also keeping `examples` beside the statuses they belong to.
pub fn save_to_with_examples(
    path: &Path,
    changes: &[Change],
    examples: &[Example],
) -> Result<Vec<Change>, WordStatusError> {
    save_under_lock(path, examples, |_| changes.to_vec())
}

/// Gives the words of `statuses` that have no status in the file yet (as it is at the moment
/// of writing) theirs, and keeps `examples` beside them; a status the learner already set
/// stays. Returns the words that took the status given here.
pub fn adopt(
    path: &Path,
    statuses: &[(String, Status)],
    examples: &[Example],
) -> Result<Vec<String>, WordStatusError> {
    let mut adopted = Vec::new();
    save_under_lock(path, examples, |before| {
        adopted = statuses
            .iter()
            .map(|(word, _)| fold(word))
            .filter(|word| !before.contains_key(word))
            .collect();
        statuses
            .iter()
            .filter(|(word, _)| !before.contains_key(&fold(word)))
            .map(|(word, status)| (fold(word), Some(*status)))
            .collect()
    })?;
    Ok(adopted)
}

/// Writes the changes `changes` picks from the statuses on disk, and `examples`, under kabar's
/// writer lock; returns what the file had for the changed words.
fn save_under_lock(
    path: &Path,
    examples: &[Example],
    mut changes: impl FnMut(&FxHashMap<String, Status>) -> Vec<Change>,
) -> Result<Vec<Change>, WordStatusError> {
    // kabar's other writers (another reader, say) wait until this save is done.
    let writer = Writer::open(path)?;
    let mut attempt = 0;
    loop {
        let current = writer.read().map_err(|reason| WordStatusError::Read {
            path: path.to_path_buf(),
            reason,
        })?;
        let before = parse(&current, path)?.map;
        let changes = changes(&before);
        let (after, previous) = edited(&current, path, &changes, examples, &before)?;
        match writer.replace(Some(&current), &after) {
            Err(ReplaceError::Conflict(_)) if attempt == 0 => attempt += 1,
            Err(err) => return Err(WordStatusError::Write(err)),
            Ok(()) => return Ok(previous),
        }
    }
}

/// `current` with `changes` applied, and the statuses it had for those words.
fn edited(
    current: &str,
    path: &Path,
    changes: &[Change],
    examples: &[Example],
    before: &FxHashMap<String, Status>,
) -> Result<(String, Vec<Change>), WordStatusError> {
    // A file with no words yet is all comments (toml_edit would keep them after the first
    // key): new words go below them.
    let keyless = !current.lines().any(|line| {
        let line = line.trim_start();
        !line.is_empty() && !line.starts_with('#')
    });
    let (preamble, base) = if keyless {
        let preamble = if current.trim().is_empty() {
            HEADER.to_owned()
        } else {
            format!("{}\n", current.trim_end())
        };
        (preamble, String::new())
    } else {
        (String::new(), current.to_owned())
    };
    let mut doc: DocumentMut = base.parse().map_err(|err| syntax(path, &base, &err))?;
    let mut previous = Vec::with_capacity(changes.len());
    for (word, status) in changes {
        let word = key(word);
        previous.push((word.clone(), before.get(&word).copied()));
        match status {
            // Keep the line's comments, spacing and examples; change only the status.
            Some(status) => match doc.get_mut(&word) {
                Some(item) if !item.is_none() => value::set_status(item, *status),
                _ => {
                    doc.insert(&word, Item::Value(value::status_value(*status)));
                }
            },
            None => remove_keeping_comments(&mut doc, &word),
        }
    }
    for (word, example) in examples {
        if let Some(item) = doc.get_mut(&key(word)) {
            value::add_example(item, example);
        }
    }
    Ok((format!("{preamble}{doc}"), previous))
}

/// Removes `word`; comment lines written above it stay, above the word that follows (or at the
/// end of the file).
fn remove_keeping_comments(doc: &mut DocumentMut, word: &str) {
    let table = doc.as_table_mut();
    let comments = table
        .key(word)
        .and_then(|key| key.leaf_decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .filter(|prefix| prefix.contains('#'))
        .map(str::to_owned);
    let next = table
        .iter()
        .map(|(key, _)| key.to_owned())
        .skip_while(|key| key != word)
        .nth(1);
    if table.remove(word).is_none() {
        return;
    }
    let Some(comments) = comments else {
        return;
    };
    match next.and_then(|next| table.key_mut(&next)) {
        Some(mut key) => {
            let existing = key
                .leaf_decor()
                .prefix()
                .and_then(|prefix| prefix.as_str())
                .unwrap_or("")
                .to_owned();
            key.leaf_decor_mut()
                .set_prefix(format!("{comments}{existing}"));
        }
        None => {
            let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
            doc.set_trailing(format!("{comments}{trailing}"));
        }
    }
}

fn syntax(path: &Path, text: &str, err: &toml_edit::TomlError) -> WordStatusError {
    let offset = err.span().map_or(0, |span| span.start);
    WordStatusError::Syntax {
        path: path.to_path_buf(),
        at: LineCol::of(text, offset),
        message: format!(
            "{}; fix the line: until then kabar keeps statuses in memory and leaves the file alone",
            err.message().trim()
        ),
    }
}

/// What a progress file holds.
struct Parsed {
    map: FxHashMap<String, Status>,
    examples: FxHashMap<String, Vec<String>>,
    /// The lines skipped because their value is not a status.
    problems: Vec<WordStatusError>,
}

/// The statuses and examples in `text`, and the lines skipped. Only invalid TOML is an error.
fn parse(text: &str, path: &Path) -> Result<Parsed, WordStatusError> {
    let doc = toml_edit::Document::parse(text).map_err(|err| syntax(path, text, &err))?;
    let mut parsed = Parsed {
        map: FxHashMap::default(),
        examples: FxHashMap::default(),
        problems: Vec::new(),
    };
    for (key, item) in doc.iter() {
        // A word is shown as written (the pane's family list): one that would need cleaning
        // is not a word, and is skipped with its place.
        let read = if crate::text::sanitize(key) == key {
            value::read(key, item)
        } else {
            Err(format!(
                "{}: not a word (it holds control characters); line skipped",
                crate::text::sanitize(key)
            ))
        };
        match read {
            Ok(line) => {
                let key = self::key(key);
                if !line.examples.is_empty() {
                    parsed.examples.insert(key.clone(), line.examples);
                }
                parsed.map.insert(key, line.status);
            }
            Err(message) => parsed.problems.push(WordStatusError::Syntax {
                path: path.to_path_buf(),
                at: LineCol::of(text, item.span().map_or(0, |span| span.start)),
                message,
            }),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests;
