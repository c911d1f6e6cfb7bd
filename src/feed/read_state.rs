//! Which feed items the learner has read: `read.json` in the feed cache folder, a list of item
//! keys ([`Item::key`]: the guid, else the address), so the marks survive every update that
//! rewrites the caches. An item is new until it is opened in the reader or marked read.
//! Changes are merged into the file under kabar's writer lock and written atomically, so two
//! kabars marking items at once both keep their marks. Knows nothing of the terminal.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FeedError, Item};
use crate::atomic_file;
use crate::text::LineCol;

/// The read-state file inside kabar's data folder.
pub fn read_file(data_dir: &Path) -> PathBuf {
    super::cache_dir(data_dir).join("read.json")
}

/// The items marked read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadState {
    read: BTreeSet<String>,
}

#[derive(Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ReadFile {
    /// Keys of the items read, sorted.
    read: BTreeSet<String>,
}

impl ReadState {
    /// The read marks in `data_dir`; none when nothing was read yet. A file that does not
    /// parse is an error naming its line and column (and is left as it is).
    pub fn load(data_dir: &Path) -> Result<ReadState, FeedError> {
        let path = read_file(data_dir);
        let text = atomic_file::read_or_empty(&path).map_err(|err| FeedError::Io {
            path: path.clone(),
            reason: err.to_string(),
        })?;
        Ok(ReadState {
            read: parse(&text, &path)?.read,
        })
    }

    /// Whether `item` was read.
    pub fn is_read(&self, item: &Item) -> bool {
        self.read.contains(&item.key())
    }

    /// How many of `items` are new (not read).
    pub fn new_count<'a>(&self, items: impl IntoIterator<Item = &'a Item>) -> usize {
        items.into_iter().filter(|item| !self.is_read(item)).count()
    }

    /// Marks the items with these keys read (`true`) or new (`false`), in memory.
    pub fn set(&mut self, keys: &[String], read: bool) {
        for key in keys {
            if read {
                self.read.insert(key.clone());
            } else {
                self.read.remove(key);
            }
        }
    }
}

/// Marks the items with these keys read or new in the file (merged with what another kabar
/// may have written meanwhile), keeping only marks of items still in some feed's cache
/// (`known`), so the file does not grow for ever. Returns the state now on disk.
pub fn mark<'a>(
    data_dir: &Path,
    keys: &[String],
    read: bool,
    known: impl IntoIterator<Item = &'a Item>,
) -> Result<ReadState, FeedError> {
    let path = read_file(data_dir);
    let io = |reason: String| FeedError::Io {
        path: path.clone(),
        reason,
    };
    let writer = atomic_file::Writer::open(&path).map_err(|err| io(err.to_string()))?;
    let before = writer.read().map_err(|err| io(err.to_string()))?;
    let mut state = ReadState {
        read: parse(&before, &path)?.read,
    };
    state.set(keys, read);
    let still: BTreeSet<String> = known.into_iter().map(Item::key).collect();
    state.read.retain(|key| still.contains(key));
    let file = ReadFile {
        read: state.read.clone(),
    };
    let after = serde_json::to_string_pretty(&file).expect("keys serialise") + "\n";
    if after != before {
        writer
            .replace(Some(&before), &after)
            .map_err(|err| io(err.to_string()))?;
    }
    Ok(state)
}

fn parse(text: &str, path: &Path) -> Result<ReadFile, FeedError> {
    if text.trim().is_empty() {
        return Ok(ReadFile::default());
    }
    serde_json::from_str(text).map_err(|err| FeedError::Invalid {
        path: path.to_path_buf(),
        at: LineCol {
            line: err.line(),
            col: err.column(),
        },
        message: format!("not a read-state file ({err})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(link: &str, id: Option<&str>) -> Item {
        Item {
            title: "Judul".into(),
            summary: String::new(),
            link: Some(link.into()),
            date: None,
            content: Vec::new(),
            feed: None,
            id: id.map(str::to_owned),
        }
    }

    #[test]
    fn marks_are_kept_by_key_merged_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let a = item("https://a.id/1", Some("guid-1"));
        let b = item("https://a.id/2", None);
        let c = item("https://a.id/3", None);
        let items = [a.clone(), b.clone(), c.clone()];
        assert_eq!(ReadState::load(dir.path()).unwrap().new_count(&items), 3);
        mark(dir.path(), &[a.key(), b.key()], true, &items).unwrap();
        // The same item fetched again, its address changed: still read, by its guid.
        let a_again = item("https://a.id/1?utm=rss", Some("guid-1"));
        let state = ReadState::load(dir.path()).unwrap();
        assert!(state.is_read(&a_again) && state.is_read(&b) && !state.is_read(&c));
        let state = mark(dir.path(), &[b.key()], false, &items).unwrap();
        assert_eq!(state.new_count(&items), 2);
        // An item no feed has any more is forgotten at the next change.
        let state = mark(dir.path(), &[c.key()], true, std::slice::from_ref(&c)).unwrap();
        assert!(!state.is_read(&a) && state.is_read(&c));
        assert_eq!(ReadState::load(dir.path()).unwrap(), state);
    }

    #[test]
    fn a_broken_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = read_file(dir.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{\n  \"read\": [1]\n}\n").unwrap();
        let err = ReadState::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("read.json:2:"), "{err}");
        assert!(mark(dir.path(), &["x".into()], true, &[]).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\n  \"read\": [1]\n}\n"
        );
    }
}
