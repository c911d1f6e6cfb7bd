//! The learner's status for words that have no glossary entry — "dan" is well known, "Tass" is
//! ignored, "mengutip" is at level 2 — kept in one plain TOML file so it can be read, edited and
//! diffed like the glossary:
//!
//! ```toml
//! # kabar: your reading status for words without a glossary entry.
//! dan = "W"
//! tass = "I"
//! mengutip = 2
//! ```
//!
//! Keys are folded words (lower case); values are 1–5, `"W"` (well known) or `"I"` (ignored).
//! The file lives in the user's data folder (`~/.local/share/kabar/words.toml` on Linux).
//! Saving re-reads the file and applies only the changed words through a comment-preserving
//! editor, so hand edits and another kabar's saves survive. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use toml_edit::{DocumentMut, Item, Value};

use crate::atomic_file::{self, ReplaceError};
use crate::glossary::Status;
use crate::text::{LineCol, fold};

/// The file name inside the data folder.
pub const FILE_NAME: &str = "words.toml";

/// What a new file starts with.
const HEADER: &str = "# kabar: your reading status for words that have no glossary entry.\n\
# One word per line: 1-5 (learning, 1 = new), \"W\" (well known) or \"I\" (ignored).\n\
# Edit freely; kabar keeps your comments and order when it saves.\n";

/// One change: a folded word and its new status (`None` forgets the word).
pub type Change = (String, Option<Status>);

/// The statuses of words outside the glossary, as loaded from the file.
#[derive(Clone, Debug, Default)]
pub struct WordStatuses {
    map: FxHashMap<String, Status>,
    path: Option<PathBuf>,
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
    #[error("{}:{at}: {message}; fix the line (or move the file away to start afresh)", path.display())]
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
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(reason) => {
                return Err(WordStatusError::Read {
                    path: path.to_path_buf(),
                    reason,
                });
            }
        };
        let map = parse(&text, path)?;
        Ok(WordStatuses {
            map,
            path: Some(path.to_path_buf()),
        })
    }

    /// The file behind these statuses, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The status of a folded word.
    pub fn get(&self, folded: &str) -> Option<Status> {
        self.map.get(folded).copied()
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
                let word = fold(word);
                let before = match status {
                    Some(status) => self.map.insert(word.clone(), *status),
                    None => self.map.remove(&word),
                };
                (word, before)
            })
            .collect()
    }

    /// Writes `changes` to the file as it is now on disk (not as it was loaded), keeping every
    /// other line. Does nothing for in-memory statuses.
    pub fn save(&self, changes: &[Change]) -> Result<(), WordStatusError> {
        match &self.path {
            Some(path) => save_to(path, changes),
            None => Ok(()),
        }
    }
}

/// Applies `changes` to the file at `path`, creating it when missing. Retries once when another
/// process saves in between.
pub fn save_to(path: &Path, changes: &[Change]) -> Result<(), WordStatusError> {
    for attempt in 0..2 {
        let current = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(reason) => {
                return Err(WordStatusError::Read {
                    path: path.to_path_buf(),
                    reason,
                });
            }
        };
        // A file we cannot parse is the user's to fix; never overwrite it.
        parse(&current, path)?;
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
            (String::new(), current.clone())
        };
        let mut doc: DocumentMut = base.parse().map_err(|err| syntax(path, &base, &err))?;
        for (word, status) in changes {
            let word = fold(word);
            match status {
                Some(status) => {
                    let value = match status {
                        Status::Level(n) => Value::from(i64::from(*n)),
                        other => Value::from(other.to_string()),
                    };
                    match doc.get_mut(&word) {
                        // Keep the line's comments and spacing; change only the value.
                        Some(Item::Value(old)) => {
                            let decor = old.decor().clone();
                            *old = value;
                            *old.decor_mut() = decor;
                        }
                        _ => {
                            doc.insert(&word, Item::Value(value));
                        }
                    }
                }
                None => {
                    doc.remove(&word);
                }
            }
        }
        match atomic_file::replace(path, Some(&current), &format!("{preamble}{doc}")) {
            Err(ReplaceError::Conflict(_)) if attempt == 0 => continue,
            other => return other.map_err(WordStatusError::Write),
        }
    }
    unreachable!("the loop returns on its second attempt")
}

fn syntax(path: &Path, text: &str, err: &toml_edit::TomlError) -> WordStatusError {
    let offset = err.span().map_or(0, |span| span.start);
    WordStatusError::Syntax {
        path: path.to_path_buf(),
        at: LineCol::of(text, offset),
        message: err.message().trim().to_owned(),
    }
}

fn parse(text: &str, path: &Path) -> Result<FxHashMap<String, Status>, WordStatusError> {
    let doc = toml_edit::Document::parse(text).map_err(|err| syntax(path, text, &err))?;
    let mut map = FxHashMap::default();
    for (key, item) in doc.iter() {
        let status = match item.as_value() {
            Some(Value::Integer(n)) => u8::try_from(*n.value()).ok().and_then(Status::from_level),
            Some(Value::String(s)) => Status::parse(s.value()),
            _ => None,
        };
        let Some(status) = status else {
            let offset = item.span().map_or(0, |span| span.start);
            return Err(WordStatusError::Syntax {
                path: path.to_path_buf(),
                at: LineCol::of(text, offset),
                message: format!(
                    "the status of \"{key}\" must be 1 to 5, \"W\" (well known) or \"I\" (ignored)"
                ),
            });
        };
        map.insert(fold(key), status);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_hand_edits_survive_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.toml");
        let mut words = WordStatuses::load(&path).unwrap();
        assert!(words.is_empty(), "a missing file is empty");
        let changes = vec![
            ("Dan".to_owned(), Some(Status::WellKnown)),
            ("tass".to_owned(), Some(Status::Ignored)),
            ("mengutip".to_owned(), Some(Status::Level(2))),
        ];
        let before = words.apply(&changes);
        assert_eq!(before[0], ("dan".to_owned(), None));
        words.save(&changes).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# kabar"), "{text}");
        assert!(
            text.contains("dan = \"W\"\ntass = \"I\"\nmengutip = 2\n"),
            "{text}"
        );

        // The user comments a line; kabar changes another and forgets a third.
        let edited = text.replace("tass = \"I\"", "tass = \"I\" # news agency");
        std::fs::write(&path, &edited).unwrap();
        save_to(
            &path,
            &[
                ("mengutip".into(), Some(Status::Level(3))),
                ("dan".into(), None),
            ],
        )
        .unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.contains("tass = \"I\" # news agency\n"), "{after}");
        assert!(
            after.contains("mengutip = 3\n") && !after.contains("dan ="),
            "{after}"
        );
        let reloaded = WordStatuses::load(&path).unwrap();
        assert_eq!(reloaded.get("mengutip"), Some(Status::Level(3)));
        assert_eq!(reloaded.get("tass"), Some(Status::Ignored));
        assert_eq!(reloaded.get("dan"), None);
    }

    #[test]
    fn a_bad_file_is_an_error_with_its_place_and_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.toml");
        let text = "dan = \"W\"\nyang = 7\n";
        std::fs::write(&path, text).unwrap();
        let err = WordStatuses::load(&path).unwrap_err().to_string();
        assert!(err.contains("words.toml:2:8"), "{err}");
        assert!(err.contains("\"yang\" must be 1 to 5"), "{err}");
        assert!(save_to(&path, &[("x".into(), Some(Status::WellKnown))]).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        std::fs::write(&path, "dan = \n").unwrap();
        let err = WordStatuses::load(&path).unwrap_err().to_string();
        assert!(err.contains("words.toml:1:"), "{err}");
    }

    #[test]
    fn in_memory_statuses_never_touch_disk() {
        let mut words = WordStatuses::in_memory();
        let changes = [("dan".to_owned(), Some(Status::WellKnown))];
        words.apply(&changes);
        words.save(&changes).unwrap();
        assert_eq!(words.get("dan"), Some(Status::WellKnown));
        assert_eq!(words.path(), None);
    }
}
