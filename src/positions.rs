//! Where the learner stopped reading each article, so that reopening it — today or next week —
//! continues there. Kept in `positions.toml` in the data folder, one line per article:
//!
//! ```toml
//! "/home/ana/.local/share/kabar/articles/kim-putin.md" = { token = 412, tokens = 1630 }
//! ```
//!
//! Keys are article paths made absolute; `token` is the word the cursor was on and `tokens` the
//! article's length then (so the library can show how far along it is without opening it).
//! Saved atomically when an article is left. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use toml_edit::{DocumentMut, InlineTable, Item, Value};

use crate::atomic_file::{self, ReplaceError};
use crate::text::LineCol;

/// The file name inside the data folder.
pub const FILE_NAME: &str = "positions.toml";

/// Where reading stopped in one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The token the cursor was on.
    pub token: u32,
    /// How many tokens the article had.
    pub tokens: u32,
}

impl Position {
    /// How far along, in percent (100 on the last token).
    pub fn percent(self) -> u32 {
        if self.tokens <= 1 {
            return 0;
        }
        ((u64::from(self.token.min(self.tokens - 1)) + 1) * 100 / u64::from(self.tokens)) as u32
    }
}

/// Why the positions could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum PositionsError {
    /// Unreadable.
    #[error("{}: cannot read reading positions: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// Not valid TOML.
    #[error("{}:{at}: {message}; fix the line or delete the file (only reading positions are lost)", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where.
        at: LineCol,
        /// What is wrong.
        message: String,
    },
    /// Writing failed; the file is unchanged.
    #[error("cannot save the reading position: {0}")]
    Write(#[from] ReplaceError),
}

/// The reading positions of every article opened so far.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    map: FxHashMap<String, Position>,
    path: Option<PathBuf>,
    /// Entries skipped because they are not `{ token, tokens }` (each `file:line:col: …`).
    problems: Vec<String>,
}

impl Positions {
    /// Positions kept in memory only (tests, no data folder).
    pub fn in_memory() -> Positions {
        Positions::default()
    }

    /// Loads `path`; a missing file means nothing was read yet. Entries that are not
    /// `{ token, tokens }` tables are skipped (they are only positions) and reported in
    /// [`Positions::problems`]; such an entry is replaced when that article is next left.
    pub fn load(path: &Path) -> Result<Positions, PositionsError> {
        let text =
            crate::atomic_file::read_or_empty(path).map_err(|reason| PositionsError::Read {
                path: path.to_path_buf(),
                reason,
            })?;
        let doc =
            toml_edit::Document::parse(text.as_str()).map_err(|err| PositionsError::Syntax {
                path: path.to_path_buf(),
                at: LineCol::of(&text, err.span().map_or(0, |span| span.start)),
                message: err.message().trim().to_owned(),
            })?;
        let number = |item: &Item, key: &str| {
            item.get(key)
                .and_then(Item::as_integer)
                .and_then(|n| u32::try_from(n).ok())
        };
        let mut map = FxHashMap::default();
        let mut problems = Vec::new();
        for (key, item) in doc.iter() {
            match (number(item, "token"), number(item, "tokens")) {
                (Some(token), Some(tokens)) => {
                    map.insert(key.to_owned(), Position { token, tokens });
                }
                _ => problems.push(format!(
                    "{}:{}: the reading position of \"{key}\" is not {{ token = N, tokens = N }}; \
                     it is ignored, and replaced when you next leave that article",
                    path.display(),
                    LineCol::of(&text, item.span().map_or(0, |span| span.start)),
                )),
            }
        }
        Ok(Positions {
            map,
            path: Some(path.to_path_buf()),
            problems,
        })
    }

    /// Entries that were skipped when loading, each naming its place.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The key of an article: its absolute path.
    pub fn key(article: &Path) -> String {
        std::path::absolute(article)
            .unwrap_or_else(|_| article.to_path_buf())
            .display()
            .to_string()
    }

    /// Where reading stopped in `article`, if it was opened before.
    pub fn get(&self, article: &Path) -> Option<Position> {
        self.map.get(&Positions::key(article)).copied()
    }

    /// Records where reading stopped and saves it (the file as it is on disk gets this one
    /// line changed; another kabar's positions survive).
    pub fn set(&mut self, article: &Path, position: Position) -> Result<(), PositionsError> {
        let key = Positions::key(article);
        if self.map.get(&key) == Some(&position) {
            return Ok(());
        }
        self.map.insert(key.clone(), position);
        let Some(path) = &self.path else {
            return Ok(());
        };
        // Another kabar leaving an article at the same moment waits for this save.
        let writer = atomic_file::Writer::open(path)?;
        for attempt in 0..2 {
            let current = writer.read().map_err(|reason| PositionsError::Read {
                path: path.clone(),
                reason,
            })?;
            let mut doc: DocumentMut =
                current
                    .parse()
                    .map_err(|err: toml_edit::TomlError| PositionsError::Syntax {
                        path: path.clone(),
                        at: LineCol::of(&current, err.span().map_or(0, |span| span.start)),
                        message: err.message().trim().to_owned(),
                    })?;
            let mut table = InlineTable::new();
            table.insert("token", Value::from(i64::from(position.token)));
            table.insert("tokens", Value::from(i64::from(position.tokens)));
            let mut value = Value::InlineTable(table);
            match doc.get_mut(&key) {
                // In place: the comments above the line and after it stay.
                Some(Item::Value(old)) => {
                    *value.decor_mut() = old.decor().clone();
                    *old = value;
                }
                _ => {
                    doc.insert(&key, Item::Value(value));
                }
            }
            match writer.replace(Some(&current), &doc.to_string()) {
                Err(ReplaceError::Conflict(_)) if attempt == 0 => continue,
                other => return other.map_err(PositionsError::Write),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_survive_a_restart_and_other_lines_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "# mine\n\"/x/other.md\" = { token = 3, tokens = 10 }\n",
        )
        .unwrap();
        let mut positions = Positions::load(&path).unwrap();
        let article = dir.path().join("a.md");
        assert_eq!(positions.get(&article), None);
        let at = Position {
            token: 49,
            tokens: 100,
        };
        positions.set(&article, at).unwrap();
        let reloaded = Positions::load(&path).unwrap();
        assert_eq!(reloaded.get(&article), Some(at));
        assert_eq!(at.percent(), 50);
        assert_eq!(
            reloaded
                .get(Path::new("/x/other.md"))
                .map(Position::percent),
            Some(40)
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("# mine\n")
        );
    }

    #[test]
    fn a_wrong_entry_is_reported_and_comments_survive_every_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let article = dir.path().join("a.md");
        let key = Positions::key(&article);
        std::fs::write(
            &path,
            format!(
                "# mine\n# about a\n{key:?} = {{ token = 1, tokens = 9 }}  # halfway\n\"/x.md\" = {{ token = \"one\" }}\n"
            ),
        )
        .unwrap();
        let mut positions = Positions::load(&path).unwrap();
        let problem = &positions.problems()[0];
        assert!(
            problem.contains("positions.toml:4:") && problem.contains("\"/x.md\""),
            "{problem}"
        );
        for token in [5, 6] {
            positions
                .set(&article, Position { token, tokens: 9 })
                .unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\n# about a\n")
                && text.contains("{ token = 6, tokens = 9 }  # halfway\n"),
            "{text}"
        );
        assert!(text.contains("\"/x.md\" = { token = \"one\" }"), "{text}");
    }

    #[test]
    fn a_broken_file_is_an_error_naming_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "ok = { token = 1, tokens = 2 }\nbroken = \n").unwrap();
        let err = Positions::load(&path).unwrap_err().to_string();
        assert!(err.contains("positions.toml:2:"), "{err}");
    }
}
