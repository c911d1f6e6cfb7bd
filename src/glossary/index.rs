//! The index of a glossary folder in kabar's cache, so a 100,000-term glossary opens without
//! parsing its TOML, decoding its entries or building anything: the folded keys and the
//! matcher's term keys are sorted tables, the entries are records decoded when first asked for,
//! and the root finder's share of the headwords is read in place (see
//! [`crate::index_file`] and [`crate::morphology::lexicon::tables`]).
//!
//! Fresh while every glossary file is what it was: the index records each file's size,
//! modification time and content hash, and opening compares sizes and times (a `stat` per
//! file), hashing a file only when those differ or cannot be trusted (the rule of
//! [`crate::dictionaries::installed::Fingerprint`]). Another file set, another kabar, or a
//! damaged index means a rebuild, never a wrong glossary. Written atomically.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Entry, EntryId, Glossary, Problem, Store};
use crate::dictionaries::installed::Fingerprint;
use crate::index_file::{IndexFile, IndexWriter, Records, SortedTable, records, table};
use crate::morphology::lexicon::tables::{Builder, Kind, LexiconTables};
use crate::text::{LineCol, fold};

const KIND: [u8; 4] = *b"GLOS";
/// Bumped whenever the stored layout or what loading produces changes.
const VERSION: u32 = 2;

/// What the index says about the glossary as a whole.
#[derive(Serialize, Deserialize)]
struct Meta {
    kabar: String,
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    sources: Vec<Fingerprint>,
}

/// A glossary opened from its index.
#[derive(Debug)]
pub(super) struct Opened {
    keys: SortedTable,
    terms: SortedTable,
    records: Records,
    lexicon: LexiconTables,
    /// Entries decoded so far, one slot per entry.
    decoded: Vec<OnceLock<Box<Entry>>>,
}

impl Opened {
    pub(super) fn len(&self) -> usize {
        self.decoded.len()
    }

    pub(super) fn lookup(&self, key: &str) -> Option<EntryId> {
        self.keys.get(key.as_bytes()).map(EntryId)
    }

    pub(super) fn terms(&self) -> SortedTable {
        self.terms.clone()
    }

    pub(super) fn lexicon(&self) -> &LexiconTables {
        &self.lexicon
    }

    /// Entry `id`, decoded on first use. A record that does not decode (the index was damaged
    /// after kabar checked it) reads as an entry saying so, never a panic.
    pub(super) fn entry(&self, id: EntryId) -> &Entry {
        let slot = &self.decoded[id.0 as usize];
        slot.get_or_init(|| {
            let decoded = self
                .records
                .get(id.0 as usize)
                .and_then(|bytes| postcard::from_bytes::<Entry>(bytes).ok());
            Box::new(decoded.unwrap_or_else(damaged_entry))
        })
    }
}

fn damaged_entry() -> Entry {
    Entry {
        translations: vec![
            "(this entry could not be read from kabar's glossary index; delete ~/.cache/kabar and it is rebuilt)".into(),
        ],
        ..Entry::new("?".into(), super::FileId(0), LineCol { line: 1, col: 1 })
    }
}

/// Where the index of glossary folder `dir` lives inside `index_dir`.
pub(super) fn path_for(index_dir: &Path, dir: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let hash = xxhash_rust::xxh3::xxh3_64(canonical.to_string_lossy().as_bytes());
    index_dir.join(format!("glossary-{hash:016x}.idx"))
}

/// The glossary stored at `path`, if it was built from exactly `paths` as they are now.
pub(super) fn open(path: &Path, paths: &[PathBuf]) -> Option<Glossary> {
    let index = IndexFile::open(path).ok()??.ok()?;
    if index.kind() != KIND || index.version() != VERSION {
        return None;
    }
    let meta: Meta = index.value(b"META").ok()?;
    if meta.kabar != env!("CARGO_PKG_VERSION")
        || meta.sources.len() != paths.len()
        || !meta
            .sources
            .iter()
            .zip(paths)
            .all(|(source, path)| source.path == *path && source.is_current())
    {
        return None;
    }
    let records = index.records(b"ENTR").ok()?;
    let opened = Opened {
        keys: index.table(b"KEYS").ok()?,
        terms: index.table(b"TERM").ok()?,
        lexicon: LexiconTables::open(&index).ok()?,
        decoded: (0..records.len()).map(|_| OnceLock::new()).collect(),
        records,
    };
    Some(Glossary {
        store: Store::Indexed {
            index: std::sync::Arc::new(opened),
            edited: Default::default(),
        },
        files: meta.files,
        problems: meta.problems,
    })
}

/// Stores `glossary`, read from the files `sources` describe, at `path`.
pub(super) fn write(
    path: &Path,
    glossary: &Glossary,
    sources: Vec<Fingerprint>,
) -> std::io::Result<()> {
    let too_large = |e: table::TooLarge| std::io::Error::other(e.to_string());
    let entries: Vec<&Entry> = glossary.entries().collect();
    let mut keys = Vec::with_capacity(entries.len());
    let mut encoded = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        keys.push((entry.key.as_bytes().to_vec(), i as u32));
        encoded.push(postcard::to_allocvec(entry).map_err(std::io::Error::other)?);
    }
    let terms = glossary.term_table();
    let term_pairs: Vec<(Vec<u8>, u32)> = terms.iter().map(|(k, v)| (k.to_vec(), v)).collect();
    let meta = Meta {
        kabar: env!("CARGO_PKG_VERSION").to_owned(),
        files: glossary.files.clone(),
        problems: glossary.problems.clone(),
        sources,
    };
    let mut writer = IndexWriter::new(KIND, VERSION);
    writer
        .value(*b"META", &meta)
        .section(*b"KEYS", table::build(keys).map_err(too_large)?)
        .section(*b"TERM", table::build(term_pairs).map_err(too_large)?)
        .section(
            *b"ENTR",
            records::build(encoded.iter().map(Vec::as_slice)).map_err(too_large)?,
        );
    lexicon_tables(&entries)
        .write(&mut writer)
        .map_err(too_large)?;
    writer.write_atomically(path)
}

/// The glossary's headwords for the root finder, by the rules of
/// [`crate::morphology::Lexicon::add_glossary`]: names and acronyms left out; a headword with
/// a `root` names that root and states it; one without is a root itself (two words: a
/// compound).
fn lexicon_tables(entries: &[&Entry]) -> Builder {
    let mut builder = Builder::default();
    for entry in entries {
        if entry.term.chars().any(char::is_uppercase) {
            continue;
        }
        if let Some(root) = &entry.root {
            let root = fold(root);
            builder.root(&root, Kind::Named);
            if !entry.key.contains(' ') {
                builder.stated(&entry.key, &root);
            }
        } else if entry.key.split(' ').count() <= 2 {
            builder.root(&entry.key, Kind::Headword);
        }
    }
    builder
}
