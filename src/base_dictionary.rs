//! kabar's own base dictionary: entries we wrote and checked ourselves, kept as reviewable
//! text in `base-dictionary/*.tsv` (one file per initial letter; the format is in
//! `base-dictionary/README.md`) and compiled into the binary, so a fresh install explains
//! everyday news with nothing else installed.
//!
//! It is the layer below the learner's installed dictionaries and above word formation, and
//! its headwords join the root finder's lexicon. The text is indexed on first use into kabar's
//! cache folder under a hash of the text itself, then opened like any dictionary index; with
//! no cache folder it is indexed in memory.
//!
//! Depends on nothing terminal-related.

use std::path::{Path, PathBuf};

use crate::dictionaries::{Definition, Dictionary, IndexMeta, build_index};
use crate::index_file::{Bytes, IndexFile};

/// The dictionary's name where layers are listed.
pub const NAME: &str = "base";
/// What the pane and `kabar lookup` call it.
pub const LABEL: &str = "kabar base dictionary";
/// Parts of speech an entry may give.
pub const PARTS_OF_SPEECH: &[&str] = &[
    "noun",
    "verb",
    "adjective",
    "adverb",
    "pronoun",
    "preposition",
    "conjunction",
    "numeral",
    "classifier",
    "particle",
    "interjection",
    "determiner",
    "abbreviation",
    "phrase",
    "proper-noun",
    "prefix",
];

/// The source files, compiled in.
pub const SOURCES: &[(&str, &str)] = &[
    ("a.tsv", include_str!("../base-dictionary/a.tsv")),
    ("b.tsv", include_str!("../base-dictionary/b.tsv")),
    ("c.tsv", include_str!("../base-dictionary/c.tsv")),
    ("d.tsv", include_str!("../base-dictionary/d.tsv")),
    ("e.tsv", include_str!("../base-dictionary/e.tsv")),
    ("f.tsv", include_str!("../base-dictionary/f.tsv")),
    ("g.tsv", include_str!("../base-dictionary/g.tsv")),
    ("h.tsv", include_str!("../base-dictionary/h.tsv")),
    ("i.tsv", include_str!("../base-dictionary/i.tsv")),
    ("j.tsv", include_str!("../base-dictionary/j.tsv")),
    ("k.tsv", include_str!("../base-dictionary/k.tsv")),
    ("l.tsv", include_str!("../base-dictionary/l.tsv")),
    ("m.tsv", include_str!("../base-dictionary/m.tsv")),
    ("n.tsv", include_str!("../base-dictionary/n.tsv")),
    ("o.tsv", include_str!("../base-dictionary/o.tsv")),
    ("p.tsv", include_str!("../base-dictionary/p.tsv")),
    ("q.tsv", include_str!("../base-dictionary/q.tsv")),
    ("r.tsv", include_str!("../base-dictionary/r.tsv")),
    ("s.tsv", include_str!("../base-dictionary/s.tsv")),
    ("t.tsv", include_str!("../base-dictionary/t.tsv")),
    ("u.tsv", include_str!("../base-dictionary/u.tsv")),
    ("v.tsv", include_str!("../base-dictionary/v.tsv")),
    ("w.tsv", include_str!("../base-dictionary/w.tsv")),
    ("x.tsv", include_str!("../base-dictionary/x.tsv")),
    ("y.tsv", include_str!("../base-dictionary/y.tsv")),
    ("z.tsv", include_str!("../base-dictionary/z.tsv")),
    ("other.tsv", include_str!("../base-dictionary/other.tsv")),
];

/// A line of the source that is not an entry kabar can use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("base-dictionary/{file}:{line}: {message}")]
pub struct SourceError {
    /// The file's name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads one source file: `headword<TAB>pos<TAB>senses<TAB>root<TAB>note`, `#` comments.
pub fn parse(file: &str, text: &str) -> Result<Vec<Definition>, SourceError> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let error = |message: String| SourceError {
            file: file.to_owned(),
            line: index + 1,
            message,
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.chars().any(|c| c.is_control() && c != '\t') {
            return Err(error("holds a control character".into()));
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [headword, pos, senses, root, note] = columns.as_slice() else {
            return Err(error(format!(
                "expected 5 tab-separated columns (headword, pos, senses, root, note), found {}",
                columns.len()
            )));
        };
        if headword.trim().is_empty() {
            return Err(error("the headword is empty".into()));
        }
        if !PARTS_OF_SPEECH.contains(pos) {
            return Err(error(format!(
                "{pos:?} is not one of the parts of speech in README.md"
            )));
        }
        let senses: Vec<String> = senses
            .split(';')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if senses.is_empty() || senses.len() > 4 {
            return Err(error(format!(
                "needs 1 to 4 senses, found {}",
                senses.len()
            )));
        }
        let optional = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        entries.push(Definition {
            headword: headword.trim().to_owned(),
            pos: Some((*pos).to_owned()),
            senses,
            root: optional(root),
            note: optional(note),
            text: None,
        });
    }
    Ok(entries)
}

/// Every entry of every source file.
pub fn entries() -> Result<Vec<Definition>, SourceError> {
    let mut all = Vec::new();
    for (file, text) in SOURCES {
        all.extend(parse(file, text)?);
    }
    Ok(all)
}

/// The hash the index is keyed by: the sources and the index layout.
fn content_hash() -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&crate::dictionaries::INDEX_VERSION.to_le_bytes());
    for (file, text) in SOURCES {
        hasher.update(file.as_bytes());
        hasher.update(text.as_bytes());
    }
    hasher.digest()
}

/// Where the index of this build's base dictionary lives in `cache`.
pub fn index_path(cache: &Path) -> PathBuf {
    cache.join(format!("base-dictionary-{:016x}.idx", content_hash()))
}

/// Opens the base dictionary: its index in `cache` when there, else built (and stored).
pub fn open(cache: Option<&Path>) -> Dictionary {
    if let Some(cache) = cache
        && let Ok(Some(Ok(index))) = IndexFile::open(&index_path(cache))
        && let Ok(dictionary) = Dictionary::open(NAME, &index)
    {
        return dictionary;
    }
    let bytes = build();
    if let Some(cache) = cache {
        let path = index_path(cache);
        if crate::index_file::write_atomically(&path, &bytes).is_ok() {
            remove_older_indexes(cache, &path);
        }
    }
    IndexFile::parse(Bytes::Owned(bytes))
        .ok()
        .and_then(|index| Dictionary::open(NAME, &index).ok())
        .unwrap_or_else(|| unreachable!("an index just built is well formed"))
}

/// The index bytes (public for the benchmarks). The sources are checked by the test suite, so a bad line cannot ship;
/// should one slip through, the entries before it still load.
pub fn build() -> Vec<u8> {
    let mut all = Vec::new();
    for (file, text) in SOURCES {
        match parse(file, text) {
            Ok(entries) => all.extend(entries),
            Err(_) => continue,
        }
    }
    let source = crate::dictionaries::SourceDictionary {
        label: LABEL.to_owned(),
        entries: all,
        forms: Vec::new(),
    };
    let meta = IndexMeta {
        label: LABEL.to_owned(),
        ..IndexMeta::default()
    };
    build_index(source, meta).unwrap_or_default()
}

/// Indexes of earlier kabar builds only take space.
fn remove_older_indexes(cache: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("base-dictionary-") && name.ends_with(".idx") && path != current {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_file_is_compiled_in_and_every_line_is_valid() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("base-dictionary");
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tsv"))
            .collect();
        on_disk.sort();
        let mut compiled: Vec<String> = SOURCES.iter().map(|(n, _)| n.to_string()).collect();
        compiled.sort();
        assert_eq!(compiled, on_disk, "add new files to SOURCES");
        let entries = entries().unwrap_or_else(|err| panic!("{err}"));
        assert!(entries.len() > 1000, "{}", entries.len());
    }

    #[test]
    fn lines_are_checked_with_their_place() {
        let err = parse("a.tsv", "# c\nbandara\tnoun\tairport\t\t\nx\tverb\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "base-dictionary/a.tsv:3: expected 5 tab-separated columns (headword, pos, senses, root, note), found 2"
        );
        let err = parse("a.tsv", "x\tthing\ty\t\t\n").unwrap_err();
        assert!(
            err.to_string().contains("a.tsv:1:") && err.to_string().contains("parts of speech")
        );
        let err = parse("a.tsv", "x\tnoun\t ; \t\t\n").unwrap_err();
        assert!(err.to_string().contains("1 to 4 senses"));
        let ok = parse("a.tsv", "penerbangan\tnoun\tflight; aviation\tterbang\t\n").unwrap();
        assert_eq!(ok[0].senses, ["flight", "aviation"]);
        assert_eq!(ok[0].root.as_deref(), Some("terbang"));
        assert_eq!(ok[0].note, None);
    }

    #[test]
    fn it_is_indexed_once_into_the_cache_and_opened_from_there() {
        let dir = tempfile::tempdir().unwrap();
        let built = open(Some(dir.path()));
        assert!(index_path(dir.path()).is_file());
        std::fs::write(
            dir.path().join("base-dictionary-0000000000000000.idx"),
            b"old",
        )
        .unwrap();
        let reopened = open(Some(dir.path()));
        assert_eq!(built.meta().entries, reopened.meta().entries);
        assert_eq!(built.label(), LABEL);
        let in_memory = open(None);
        assert_eq!(in_memory.meta().entries, built.meta().entries);
        assert!(in_memory.lookup("yang").is_some());
    }
}
