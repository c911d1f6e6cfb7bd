//! Installed dictionaries: each one's index in kabar's cache folder, built once from its
//! files and reused while they are unchanged.
//!
//! Freshness works as git's index does: the index records every source file's size,
//! modification time and content hash. Opening compares size and time (a `stat` per file);
//! only a file whose size or time differs — or was modified so close to the index's making
//! that its time cannot be trusted — is read and hashed, and the index is rebuilt only when
//! the content really changed. A damaged index is never used, only rebuilt. Without a cache
//! folder the index is built in memory each time.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{
    Dictionary, DictionaryError, IndexMeta, Located, Position, SourceDictionary, build_index,
    locate,
};
use crate::index_file::{Bytes, IndexFile};
use crate::settings::DictionarySetting;

/// A modification this close to the index's own making (in nanoseconds) is checked by
/// content, since the clock may not tell the two writes apart.
const RACY_NANOS: u64 = 2_000_000_000;

/// One source file as it was when the index was built.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub len: u64,
    /// Its modification time, nanoseconds since the epoch.
    pub modified: u64,
    /// The xxh3 hash of its content.
    pub hash: u64,
    /// When the index was built, nanoseconds since the epoch.
    pub indexed: u64,
}

impl Fingerprint {
    /// Takes the fingerprint of `path` now.
    pub fn take(path: &Path) -> std::io::Result<Fingerprint> {
        let metadata = std::fs::metadata(path)?;
        Ok(Fingerprint {
            path: path.to_path_buf(),
            len: metadata.len(),
            modified: nanos(metadata.modified().ok()),
            hash: hash_file(path)?,
            indexed: nanos(Some(SystemTime::now())),
        })
    }

    /// The fingerprint of `path`, whose content `bytes` was just read and whose modification
    /// time was `modified` before reading.
    pub fn of_text(path: &Path, modified: Option<SystemTime>, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            path: path.to_path_buf(),
            len: bytes.len() as u64,
            modified: nanos(modified),
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
            indexed: nanos(Some(SystemTime::now())),
        }
    }

    /// Whether the file still holds what it held when the index was built.
    pub fn is_current(&self) -> bool {
        let Ok(metadata) = std::fs::metadata(&self.path) else {
            return false;
        };
        if metadata.len() != self.len {
            return false;
        }
        let modified = nanos(metadata.modified().ok());
        let racy = self.modified.saturating_add(RACY_NANOS) >= self.indexed;
        if modified == self.modified && !racy {
            return true;
        }
        hash_file(&self.path).is_ok_and(|hash| hash == self.hash)
    }
}

fn nanos(time: Option<SystemTime>) -> u64 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos().min(u128::from(u64::MAX)) as u64)
}

fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buffer[..n]);
    }
}

/// Where the index of dictionary `name` at `path` lives in `cache`.
pub fn index_path(cache: &Path, name: &str, path: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let hash = xxhash_rust::xxh3::xxh3_64(canonical.to_string_lossy().as_bytes());
    cache
        .join("dictionaries")
        .join(format!("{name}-{hash:016x}.idx"))
}

/// How an opened dictionary came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Its index was fresh.
    Indexed,
    /// It was (re)built from its files now.
    Built,
}

/// Opens dictionary `setting`, from its index in `cache` when that is fresh, else by
/// reading its files and (re)writing the index.
pub fn open(
    setting: &DictionarySetting,
    cache: Option<&Path>,
) -> Result<(Dictionary, Opening), DictionaryError> {
    let path = cache.map(|cache| index_path(cache, &setting.name, &setting.path));
    if let Some(path) = &path
        && let Ok(Some(Ok(index))) = IndexFile::open(path)
        && let Ok(dictionary) = Dictionary::open(&setting.name, &index)
        && !dictionary.meta().sources.is_empty()
        && dictionary
            .meta()
            .sources
            .iter()
            .all(Fingerprint::is_current)
    {
        return Ok((dictionary, Opening::Indexed));
    }
    let located = locate(&setting.path)?;
    let bytes = build(&located)?;
    if let Some(path) = &path {
        // A cache that cannot be written only costs the time to build it again next time.
        let _ = crate::index_file::write_atomically(path, &bytes);
    }
    let index = IndexFile::parse(Bytes::Owned(bytes))
        .map_err(|damaged| damaged_error(&located, damaged))?;
    let dictionary = Dictionary::open(&setting.name, &index)
        .map_err(|damaged| damaged_error(&located, damaged))?;
    Ok((dictionary, Opening::Built))
}

fn damaged_error(located: &Located, damaged: crate::index_file::Damaged) -> DictionaryError {
    DictionaryError::Malformed {
        path: located.main.clone(),
        at: Position::Whole,
        message: format!("its index could not be made ({damaged})"),
    }
}

/// Reads and indexes the dictionary `located` finds; the fingerprints are taken before
/// reading, so a change while reading makes the index stale rather than wrong.
pub fn build(located: &Located) -> Result<Vec<u8>, DictionaryError> {
    let mut sources = Vec::with_capacity(located.files.len());
    for file in &located.files {
        sources.push(
            Fingerprint::take(file).map_err(|source| DictionaryError::Io {
                path: file.clone(),
                source,
            })?,
        );
    }
    let source = SourceDictionary::read(located)?;
    if source.entries.is_empty() {
        return Err(DictionaryError::Malformed {
            path: located.main.clone(),
            at: Position::Whole,
            message: "holds no entries".into(),
        });
    }
    let meta = IndexMeta {
        label: source.label.clone(),
        sources,
        ..IndexMeta::default()
    };
    build_index(source, meta).map_err(|err| DictionaryError::Malformed {
        path: located.main.clone(),
        at: Position::Whole,
        message: err.to_string(),
    })
}

/// A name for a dictionary at `path` when the learner gives none: its main file's name,
/// made into letters, digits and hyphens.
pub fn default_name(located: &Located) -> String {
    let stem = located
        .main
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_lowercase();
    let mut name = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
        if name.len() >= 40 {
            break;
        }
    }
    let name = name.trim_end_matches('-').to_owned();
    if name.is_empty() {
        "dictionary".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(name: &str, path: &Path) -> DictionarySetting {
        DictionarySetting {
            name: name.to_owned(),
            path: path.to_path_buf(),
            enabled: true,
            phrases: true,
        }
    }

    #[test]
    fn an_index_is_built_once_reused_and_rebuilt_when_the_files_change() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let list = dir.path().join("words.tsv");
        std::fs::write(&list, "bandara\tairport\n").unwrap();
        let s = setting("mine", &list);
        let (d, how) = open(&s, Some(&cache)).unwrap();
        assert_eq!(how, Opening::Built);
        assert_eq!(d.lookup("bandara").unwrap().definition.senses, ["airport"]);
        let (_, how) = open(&s, Some(&cache)).unwrap();
        assert_eq!(how, Opening::Indexed, "fresh: opened, not rebuilt");
        std::fs::write(&list, "bandara\tairfield\n").unwrap();
        let (d, how) = open(&s, Some(&cache)).unwrap();
        assert_eq!(how, Opening::Built);
        assert_eq!(d.lookup("bandara").unwrap().definition.senses, ["airfield"]);
        // A damaged index is rebuilt, never used.
        let index = index_path(&cache, "mine", &list);
        let mut bytes = std::fs::read(&index).unwrap();
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&index, &bytes).unwrap();
        let (d, how) = open(&s, Some(&cache)).unwrap();
        assert_eq!(how, Opening::Built);
        assert!(d.lookup("bandara").is_some());
        // Without a cache it still works.
        let (d, how) = open(&s, None).unwrap();
        assert_eq!(how, Opening::Built);
        assert!(d.lookup("bandara").is_some());
    }

    #[test]
    fn a_missing_or_empty_dictionary_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(&setting("x", &dir.path().join("gone.tsv")), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("gone.tsv"), "{err}");
        let empty = dir.path().join("empty.tsv");
        std::fs::write(&empty, "# nothing\n").unwrap();
        let err = open(&setting("x", &empty), None).unwrap_err().to_string();
        assert!(err.contains("holds no entries"), "{err}");
    }

    #[test]
    fn default_names_are_plain() {
        let located = Located {
            format: super::super::Format::StarDict,
            main: PathBuf::from("/d/Indonesian-English Wiktionary dictionary.ifo"),
            files: Vec::new(),
        };
        assert_eq!(
            default_name(&located),
            "indonesian-english-wiktionary-dictionary"
        );
    }
}
