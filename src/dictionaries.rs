//! Dictionaries that give meanings beside the learner's glossary: the ones the learner installs
//! (StarDict, dictd, TSV/CSV word lists) and kabar's own base dictionary.
//!
//! A dictionary's files are read once, when it is indexed; the index — headwords sorted for
//! binary search, definitions as records, see [`crate::index_file`] — is what kabar opens
//! afterwards, in microseconds, touching only the entries it looks up. Dictionary files are
//! untrusted: a malformed one is a [`DictionaryError`] naming the file and the byte or line,
//! and every definition is made plain and sanitised before it is stored.
//!
//! Depends on nothing terminal-related.

pub mod definition;
pub mod dictd;
pub mod installed;
pub mod stardict;
pub mod tsv;

#[cfg(test)]
#[path = "../tests/support/dictionary_files.rs"]
pub(crate) mod test_files;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use definition::Definition;

use crate::index_file::{
    Damaged, IndexFile, IndexWriter, Probe, Records, SortedTable, records, table,
};
use crate::matcher::term_key;
use crate::morphology::lexicon::tables::{Builder as LexiconBuilder, Kind, LexiconTables};

/// Marks a key that is another form of a headword (a StarDict `.syn` entry).
const FORM_FLAG: u32 = 1 << 31;
/// Marks a value whose headword is written with capitals (a name or acronym).
const CAPITAL_FLAG: u32 = 1 << 30;
/// The record number in a value.
const RECORD_MASK: u32 = !(FORM_FLAG | CAPITAL_FLAG);
/// The kind tag of dictionary indexes.
pub const INDEX_KIND: [u8; 4] = *b"DICT";
/// Bumped whenever what a dictionary index stores, or how keys are made, changes.
pub const INDEX_VERSION: u32 = 2;

/// Where in a dictionary file a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// The file as a whole.
    Whole,
    /// A byte offset.
    Byte(u64),
    /// A 1-based line.
    Line(usize),
}

/// Why a dictionary cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file does not hold what its format promises.
    #[error("{}{}: {message}", path.display(), match at {
        Position::Whole => String::new(),
        Position::Byte(byte) => format!(": byte {byte}"),
        Position::Line(line) => format!(":{line}"),
    })]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Where in it.
        at: Position,
        /// What is wrong.
        message: String,
    },
    /// The path is not a dictionary kabar knows how to read.
    #[error(
        "{}: not a dictionary kabar can read; give a StarDict .ifo (beside its .idx and .dict or .dict.dz), a dictd .index (beside its .dict.dz), a .tsv/.csv word list, or a folder holding one of them",
        path.display()
    )]
    Unknown {
        /// The path given.
        path: PathBuf,
    },
    /// A folder holds several dictionaries.
    #[error("{}: holds several dictionaries ({}); name one of the files", path.display(), found.join(", "))]
    Several {
        /// The folder.
        path: PathBuf,
        /// The dictionaries in it.
        found: Vec<String>,
    },
}

/// A dictionary's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// StarDict (`.ifo`, `.idx`, `.dict`/`.dict.dz`, `.syn`).
    StarDict,
    /// dictd (`.index`, `.dict.dz`).
    Dictd,
    /// A tab- or comma-separated word list.
    Tsv,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::StarDict => "StarDict",
            Format::Dictd => "dictd",
            Format::Tsv => "word list",
        })
    }
}

/// A dictionary's files found from a path the learner gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The format.
    pub format: Format,
    /// The main file (`.ifo`, `.index`, or the list).
    pub main: PathBuf,
    /// Every file it is made of.
    pub files: Vec<PathBuf>,
}

/// Finds the dictionary at `path`: one of its files, or a folder holding exactly one.
pub fn locate(path: &Path) -> Result<Located, DictionaryError> {
    if path.is_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|source| DictionaryError::Io {
                path: path.to_path_buf(),
                source,
            })?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| format_of(p).is_some())
            .collect();
        found.sort();
        return match found.as_slice() {
            [one] => locate(one),
            [] => Err(DictionaryError::Unknown {
                path: path.to_path_buf(),
            }),
            many => Err(DictionaryError::Several {
                path: path.to_path_buf(),
                found: many
                    .iter()
                    .map(|p| {
                        p.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned()
                    })
                    .collect(),
            }),
        };
    }
    if !path.exists() {
        return Err(DictionaryError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        });
    }
    // Any file of a StarDict or dictd set leads to its main file.
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let sibling = |from: &[&str], to: &str| {
        from.iter().find_map(|ext| {
            name.strip_suffix(ext)
                .map(|stem| path.with_file_name(format!("{stem}{to}")))
                .filter(|p| p.is_file())
        })
    };
    let main = sibling(&[".idx", ".idx.gz", ".syn", ".dict", ".dict.dz"], ".ifo")
        .or_else(|| sibling(&[".dict.dz", ".dict"], ".index"))
        .unwrap_or_else(|| path.to_path_buf());
    let format = format_of(&main).ok_or_else(|| DictionaryError::Unknown {
        path: path.to_path_buf(),
    })?;
    let files = match format {
        Format::StarDict => stardict::Files::of(&main)?.all(),
        Format::Dictd => dictd::Files::of(&main)?.all(),
        Format::Tsv => vec![main.clone()],
    };
    Ok(Located {
        format,
        main,
        files,
    })
}

fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".ifo") {
        Some(Format::StarDict)
    } else if name.ends_with(".index") {
        Some(Format::Dictd)
    } else if [".tsv", ".tab", ".csv", ".txt"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        Some(Format::Tsv)
    } else {
        None
    }
}

/// A dictionary as read from its files, before indexing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceDictionary {
    /// The dictionary's own name (StarDict's bookname, dictd's short name, the file name).
    pub label: String,
    /// Its headwords' definitions, in file order.
    pub entries: Vec<Definition>,
    /// Other forms pointing at headwords by number (StarDict `.syn`).
    pub forms: Vec<(String, u32)>,
}

impl SourceDictionary {
    /// Reads the dictionary `located` finds.
    pub fn read(located: &Located) -> Result<SourceDictionary, DictionaryError> {
        match located.format {
            Format::StarDict => stardict::read(&stardict::Files::of(&located.main)?),
            Format::Dictd => dictd::read(&dictd::Files::of(&located.main)?),
            Format::Tsv => tsv::read(&located.main),
        }
    }
}

/// What an index says about itself, stored in its `META` section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The dictionary's own name.
    pub label: String,
    /// Headwords with a definition.
    pub entries: u32,
    /// Other forms pointing at them.
    pub forms: u32,
    /// Multi-word headwords (matched in the text as phrases).
    pub phrases: u32,
    /// The files it was built from, to tell when it is stale.
    pub sources: Vec<installed::Fingerprint>,
}

/// Builds the index of `source`: every headword and form under its key (the folded words
/// joined by spaces, as the matcher reads text), definitions of the same key merged — except
/// that a name (a headword written with capitals: ANTARA, Minggu) is kept apart from the word
/// it spells in lower case (antara, minggu), so each is found for its own kind of token.
pub fn build_index(
    source: SourceDictionary,
    mut meta: IndexMeta,
) -> Result<Vec<u8>, table::TooLarge> {
    let mut definitions: Vec<Definition> = Vec::with_capacity(source.entries.len());
    // Per key: the record of its lower-case headword and of its capitalised one.
    let mut by_key: rustc_hash::FxHashMap<String, [Option<u32>; 2]> =
        rustc_hash::FxHashMap::default();
    // Record number of each source entry after merging, for the forms.
    let mut record_of_entry = Vec::with_capacity(source.entries.len());
    let mut aliases = Vec::new();
    for definition in source.entries {
        let key = term_key(&definition.headword);
        if key.is_empty() || definition.senses.is_empty() {
            record_of_entry.push(None);
            continue;
        }
        let kind = usize::from(definition.headword.chars().any(char::is_uppercase));
        let slots = by_key.entry(key.clone()).or_default();
        match slots[kind] {
            Some(record) => {
                definitions[record as usize].merge(definition);
                record_of_entry.push(Some(record));
            }
            None => {
                let record = definitions.len() as u32;
                // An abbreviation is also found without its dot (dll. ← "dll").
                if let Some(bare) = definition
                    .headword
                    .strip_suffix('.')
                    .map(term_key)
                    .filter(|bare| !bare.is_empty() && *bare != key)
                {
                    aliases.push((bare, kind, record));
                }
                slots[kind] = Some(record);
                definitions.push(definition);
                record_of_entry.push(Some(record));
            }
        }
    }
    for (bare, kind, record) in aliases {
        let slots = by_key.entry(bare).or_default();
        slots[kind].get_or_insert(record);
    }
    // The main table holds the word, or the name when there is no word; names that share a
    // key with a word go to their own table.
    let mut pairs: Vec<(Vec<u8>, u32)> = Vec::with_capacity(by_key.len());
    let mut names: Vec<(Vec<u8>, u32)> = Vec::new();
    for (key, slots) in &by_key {
        match *slots {
            [Some(word), Some(name)] => {
                pairs.push((key.as_bytes().to_vec(), word));
                names.push((key.as_bytes().to_vec(), name | CAPITAL_FLAG));
            }
            [Some(word), None] => pairs.push((key.as_bytes().to_vec(), word)),
            [None, Some(name)] => pairs.push((key.as_bytes().to_vec(), name | CAPITAL_FLAG)),
            [None, None] => {}
        }
    }
    meta.entries = definitions.len() as u32;
    meta.phrases = by_key.keys().filter(|k| k.contains(' ')).count() as u32;
    let mut forms = 0;
    for (form, entry) in &source.forms {
        let key = term_key(form);
        if let Some(Some(record)) = record_of_entry.get(*entry as usize)
            && !key.is_empty()
            && !by_key.contains_key(&key)
        {
            let capital = if definitions[*record as usize]
                .headword
                .chars()
                .any(char::is_uppercase)
            {
                CAPITAL_FLAG
            } else {
                0
            };
            // Headwords come first in `pairs`, so a form never hides a headword.
            pairs.push((key.into_bytes(), record | FORM_FLAG | capital));
            forms += 1;
        }
    }
    meta.forms = forms;
    let lexicon = lexicon_tables(&definitions);
    let encoded: Vec<Vec<u8>> = definitions
        .iter()
        .map(|d| postcard::to_allocvec(d).unwrap_or_default())
        .collect();
    let mut writer = IndexWriter::new(INDEX_KIND, INDEX_VERSION);
    writer
        .value(*b"META", &meta)
        .section(*b"KEYS", table::build(pairs)?)
        .section(*b"NAME", table::build(names)?)
        .section(*b"DEFS", records::build(encoded.iter().map(Vec::as_slice))?);
    lexicon.write(&mut writer)?;
    Ok(writer.to_bytes())
}

/// One dictionary, opened from its index.
#[derive(Clone, Debug)]
pub struct Dictionary {
    name: String,
    meta: IndexMeta,
    keys: SortedTable,
    names: SortedTable,
    definitions: Records,
    lexicon: LexiconTables,
}

/// A definition found for a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The definition.
    pub definition: Definition,
    /// Whether the key was another form of the headword (a StarDict `.syn` form).
    pub via_form: bool,
}

impl Dictionary {
    /// Opens the dictionary stored in `index` under the name the learner gave it.
    pub fn open(name: &str, index: &IndexFile) -> Result<Dictionary, Damaged> {
        if index.kind() != INDEX_KIND || index.version() != INDEX_VERSION {
            return Err(Damaged("not a dictionary index of this kabar"));
        }
        Ok(Dictionary {
            name: name.to_owned(),
            meta: index.value(b"META")?,
            keys: index.table(b"KEYS")?,
            names: index.table(b"NAME")?,
            definitions: index.records(b"DEFS")?,
            lexicon: LexiconTables::open(index)?,
        })
    }

    /// The name the learner installed it under (`wiktionary`), or `base` for kabar's own.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The dictionary's own name, as its files give it.
    pub fn label(&self) -> &str {
        &self.meta.label
    }

    /// What the index says about itself.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// The definition stored under `key` (folded words joined by spaces, see [`term_key`]).
    pub fn lookup(&self, key: &str) -> Option<Found> {
        self.found(self.keys.get(key.as_bytes())?)
    }

    /// The value of the name stored under `key` beside a word that spells the same in lower
    /// case (Minggu beside minggu); a name alone is in the main table.
    pub fn name_value(&self, key: &str) -> Option<u32> {
        self.names.get(key.as_bytes())
    }

    /// Whether a value's headword is written with capitals (a name or acronym).
    pub fn is_name(value: u32) -> bool {
        value & CAPITAL_FLAG != 0
    }

    /// Whether `key` is a headword or form, and whether a longer phrase starts with it.
    pub fn probe(&self, key: &str) -> Probe {
        self.keys.probe(key.as_bytes())
    }

    /// The definition a probe's value points at.
    pub fn found(&self, value: u32) -> Option<Found> {
        let bytes = self.definitions.get((value & RECORD_MASK) as usize)?;
        let definition = postcard::from_bytes(bytes).ok()?;
        Some(Found {
            definition,
            via_form: value & FORM_FLAG != 0,
        })
    }

    /// Whether any headword has several words (so phrases are worth matching in the text).
    pub fn has_phrases(&self) -> bool {
        self.meta.phrases > 0
    }

    /// The roots, stated roots and compounds its headwords give the root finder.
    pub fn lexicon(&self) -> &LexiconTables {
        &self.lexicon
    }
}

/// The root finder's tables of a dictionary's headwords: names and acronyms are left out,
/// a derived headword states its root, two-word headwords are compounds.
fn lexicon_tables(definitions: &[Definition]) -> LexiconBuilder {
    let mut builder = LexiconBuilder::default();
    for definition in definitions {
        // Names and acronyms are not roots to find inside other words.
        if definition.headword.chars().any(char::is_uppercase) {
            continue;
        }
        let key = term_key(&definition.headword);
        if !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b' ')
        {
            continue;
        }
        let words: Vec<&str> = key.split(' ').collect();
        match (words.as_slice(), definition.root.as_deref().map(term_key)) {
            ([word], Some(root)) if !root.is_empty() && root != *word => {
                builder.stated(word, &root);
                builder.root(&root, Kind::Named);
            }
            ([_], _) | ([_, _], _) => builder.root(&key, Kind::Headword),
            _ => {}
        }
    }
    builder
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index_file::Bytes;

    fn definition(headword: &str, senses: &[&str], root: Option<&str>) -> Definition {
        Definition {
            headword: headword.to_owned(),
            senses: senses.iter().map(|s| s.to_string()).collect(),
            root: root.map(str::to_owned),
            ..Definition::default()
        }
    }

    fn open(source: SourceDictionary) -> Dictionary {
        let bytes = build_index(source, IndexMeta::default()).unwrap();
        Dictionary::open("test", &IndexFile::parse(Bytes::Owned(bytes)).unwrap()).unwrap()
    }

    #[test]
    fn headwords_forms_and_phrases_are_found_by_their_folded_key() {
        let d = open(SourceDictionary {
            label: "Test".into(),
            entries: vec![
                definition("bandara", &["airport"], None),
                definition("antara lain", &["among others"], None),
                definition("bandara", &["aerodrome"], None),
                definition("penerbangan", &["flight"], Some("terbang")),
                definition("kosong", &[], None),
                definition("Minggu", &["Sunday"], None),
                definition("minggu", &["week"], None),
                definition("ANTARA", &["Antara news agency"], None),
                definition("Jepang", &["Japan"], None),
            ],
            forms: vec![("penerbangannya".into(), 3), ("bandara".into(), 1)],
        });
        let found = d.lookup("bandara").unwrap();
        assert_eq!(found.definition.senses, ["airport", "aerodrome"], "merged");
        assert!(!found.via_form, "a form never hides a headword");
        let form = d.lookup("penerbangannya").unwrap();
        assert!(form.via_form);
        assert_eq!(form.definition.headword, "penerbangan");
        assert!(d.probe("antara").continues);
        let week = d.probe("minggu").value.unwrap();
        assert!(!Dictionary::is_name(week));
        assert_eq!(d.found(week).unwrap().definition.senses, ["week"]);
        let sunday = d.name_value("minggu").unwrap();
        assert!(
            Dictionary::is_name(sunday),
            "a name is kept apart from the word"
        );
        assert_eq!(d.found(sunday).unwrap().definition.senses, ["Sunday"]);
        let antara = d.probe("antara").value.unwrap();
        assert!(
            Dictionary::is_name(antara),
            "a name alone is in the main table"
        );
        assert_eq!(
            d.lookup("antara lain").unwrap().definition.senses,
            ["among others"]
        );
        assert!(d.lookup("kosong").is_none(), "no senses, no entry");
        assert!(d.has_phrases());
        assert_eq!(d.meta().entries, 7);
        assert_eq!(d.meta().forms, 1);
        assert_eq!(d.lexicon().stated_root("penerbangan"), Some("terbang"));
        assert!(d.lexicon().is_root("terbang"));
        assert!(d.lexicon().is_root("bandara"));
        assert!(
            d.lexicon().is_root("antara"),
            "the words of a two-word headword are roots"
        );
        assert!(
            !d.lexicon().is_root("jepang"),
            "capitalised headwords are names"
        );
        assert_eq!(d.lexicon().compound("antaralain"), Some("antara lain"));
    }

    #[test]
    fn locate_finds_a_dictionary_from_any_of_its_files_or_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let ifo = stardict::tests::write(dir.path(), "k", &[("a", "x")], &[], true);
        for given in [
            dir.path().to_path_buf(),
            ifo.clone(),
            dir.path().join("k.dict.dz"),
        ] {
            let located = locate(&given).unwrap();
            assert_eq!(located.format, Format::StarDict);
            assert_eq!(located.main, ifo);
        }
        dictd::tests::write(dir.path(), "d", &[("a", "x")]);
        let err = locate(dir.path()).unwrap_err().to_string();
        assert!(err.contains("several dictionaries"), "{err}");
        assert_eq!(
            locate(&dir.path().join("d.dict.dz")).unwrap().format,
            Format::Dictd
        );
        let err = locate(&dir.path().join("none")).unwrap_err().to_string();
        assert!(err.contains("no such file"), "{err}");
        std::fs::write(dir.path().join("x.bin"), "").unwrap();
        let err = locate(&dir.path().join("x.bin")).unwrap_err().to_string();
        assert!(err.contains("not a dictionary kabar can read"), "{err}");
    }
}
