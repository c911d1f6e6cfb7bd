//! The lexicon the analyser checks candidate roots against: our bundled root list, the
//! glossary's headwords and roots, the learner's own lists, and the system's hunspell
//! Indonesian dictionary when it is installed (read at run time, never copied).

pub mod tables;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use tables::{Kind, LexiconTables};

use crate::glossary::Glossary;
use crate::text::fold;

/// Where a root came from; earlier sources are trusted more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A root named by a glossary entry's `root` field.
    GlossaryRoot,
    /// A list given with `--lexicon`.
    User,
    /// The root list bundled with kabar.
    Bundled,
    /// A headword of kabar's base dictionary, or a root its entries name.
    Base,
    /// A glossary headword without a `root` field: a root, or a derived word whose entry does
    /// not say so (apapun), so affixed readings over trusted roots may outrank it.
    Glossary,
    /// The system hunspell dictionary: large, so it also holds rare words that would
    /// otherwise win (pasuk for memasuki); trusted least among lists.
    Hunspell,
    /// No list has the root, but the word's shape shows it (rumah-rumah, bertubi-tubi).
    Form,
}

/// The bundled root list: compiled by the kabar developers (see the file's header).
pub const BUNDLED_ROOTS: &str = include_str!("roots.txt");

/// Where Debian's hunspell-id package puts the Indonesian dictionary.
pub const HUNSPELL_ID: &str = "/usr/share/hunspell/id_ID.dic";

/// Known roots, plus derived words whose root the glossary states outright.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// A dictionary whose headwords join the lexicon in place (kabar's base dictionary),
    /// consulted after the lists above it in trust.
    dictionary: Option<LexiconTables>,
    /// An indexed glossary's headwords, read in place the same way (a parsed glossary's are
    /// added to the maps below).
    glossary: Option<LexiconTables>,
    roots: FxHashMap<Box<str>, Source>,
    /// Derived glossary headwords with an explicit root (penangkapan → tangkap).
    stated: FxHashMap<Box<str>, Box<str>>,
    /// Two-word compounds written as one word inside affixed forms (tandatangan → tanda tangan).
    compounds: FxHashMap<Box<str>, (Box<str>, Source)>,
}

/// Why a word list given with `--lexicon` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error("{path}: cannot read the word list: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The reason.
        reason: std::io::Error,
    },
    /// A line is not a word the analyser can use.
    #[error(
        "{path}:{line}: {text:?} is not a root: write one word (or two for a compound) of letters a-z and hyphens per line; # starts a comment"
    )]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The line as written.
        text: String,
    },
}

impl Lexicon {
    /// The bundled root list only.
    pub fn bundled() -> Lexicon {
        let mut lexicon = Lexicon::default();
        lexicon.add_list(BUNDLED_ROOTS, Source::Bundled);
        lexicon
    }

    /// The usual lexicon before the glossary joins it (see `Layers::new`): bundled roots,
    /// a hunspell dictionary when one is given and present (see [`HUNSPELL_ID`]) and the
    /// user's lists.
    pub fn standard(
        user_lists: &[PathBuf],
        hunspell: Option<&Path>,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::bundled();
        if let Some(text) = hunspell.and_then(|path| std::fs::read_to_string(path).ok()) {
            lexicon.add_hunspell(&text);
        }
        for path in user_lists {
            lexicon.add_file(path, Source::User)?;
        }
        Ok(lexicon)
    }

    /// Adds a word list file: one word per line, `#` comments.
    pub fn add_file(&mut self, path: &Path, source: Source) -> Result<(), LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|reason| LexiconError::Io {
            path: path.to_path_buf(),
            reason,
        })?;
        // A user's list is checked first, so a typo is reported rather than silently ignored.
        for (index, line) in text.lines().enumerate() {
            let word = fold(line.split('#').next().unwrap_or(""));
            let usable = word.split(' ').count() <= 2
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b' ');
            if !usable {
                return Err(LexiconError::Line {
                    path: path.to_path_buf(),
                    line: index + 1,
                    text: line.to_owned(),
                });
            }
        }
        self.add_list(&text, source);
        Ok(())
    }

    /// Adds words from list text: one per line, `#` starts a comment; a line with two words
    /// is a compound (garis bawah).
    pub fn add_list(&mut self, text: &str, source: Source) {
        // Sized up front: the bundled list is read at every start.
        self.roots.reserve(text.len() / 8);
        for line in text.lines() {
            let word = line.split('#').next().unwrap_or("").trim();
            if word.is_empty() {
                continue;
            }
            // Most lines are already folded (lower-case ASCII): no copy for those.
            if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                self.add_root(word, source);
            } else {
                self.add_root(&fold(word), source);
            }
        }
    }

    /// Adds the words of a hunspell `.dic` file (first line is a count; `word/FLAGS`).
    /// Capitalised words are names and are skipped.
    pub fn add_hunspell(&mut self, dic: &str) {
        for line in dic.lines().skip(1) {
            let word = line.split('/').next().unwrap_or("").trim();
            if word.chars().all(|c| c.is_ascii_lowercase() || c == '-') && word.len() >= 2 {
                self.add_root(word, Source::Hunspell);
            }
        }
    }

    /// Adds the glossary: headwords without a stated root are roots; those with one map to it.
    /// Names and acronyms (capitalised headwords) are left out.
    pub fn add_glossary(&mut self, glossary: &Glossary) {
        if let Some(tables) = glossary.lexicon_tables() {
            // The index holds exactly what the loop below would add.
            self.glossary = Some(tables.clone());
            return;
        }
        for entry in glossary.entries() {
            // Names and acronyms (Korea Utara, AS) are not roots to find inside other words
            // (berusia is not ber- + Rusia).
            if entry.term.chars().any(char::is_uppercase) {
                continue;
            }
            if let Some(root) = &entry.root {
                let root = fold(root);
                self.add_root(&root, Source::GlossaryRoot);
                if !entry.key.contains(' ') {
                    self.stated.insert(entry.key.as_str().into(), root.into());
                }
            } else if entry.key.split(' ').count() <= 2 {
                self.add_root(&entry.key, Source::Glossary);
            }
        }
    }

    fn add_root(&mut self, word: &str, source: Source) {
        if word.contains(' ') {
            let parts: Vec<&str> = word.split(' ').collect();
            if parts.len() == 2 {
                self.compounds
                    .insert(parts.concat().into(), (word.into(), source));
                for part in parts {
                    self.add_root(part, source);
                }
            }
            return;
        }
        match self.roots.get_mut(word) {
            Some(slot) => *slot = (*slot).min(source),
            None => {
                self.roots.insert(word.into(), source);
            }
        }
    }

    /// Lets the headwords of a dictionary (kabar's base dictionary) join the lexicon as
    /// [`Source::Base`]: read in place from its index, nothing copied.
    pub fn add_dictionary(&mut self, tables: LexiconTables) {
        self.dictionary = Some(tables);
    }

    /// The source of `word` if it is a known root: the most trusted of the lists, the
    /// glossary and the base dictionary that know it.
    pub fn root_source(&self, word: &str) -> Option<Source> {
        let listed = self.roots.get(word).copied();
        let glossary =
            self.glossary
                .as_ref()
                .and_then(|t| t.root_kind(word))
                .map(|kind| match kind {
                    Kind::Named => Source::GlossaryRoot,
                    Kind::Headword => Source::Glossary,
                });
        let base = self
            .dictionary
            .as_ref()
            .filter(|t| t.is_root(word))
            .map(|_| Source::Base);
        [listed, glossary, base].into_iter().flatten().min()
    }

    /// The root the glossary (or else the base dictionary) states for a derived headword.
    pub fn stated_root(&self, word: &str) -> Option<&str> {
        self.stated
            .get(word)
            .map(|r| &**r)
            .or_else(|| self.glossary.as_ref()?.stated_root(word))
            .or_else(|| self.dictionary.as_ref()?.stated_root(word))
    }

    /// The spaced form of a compound written as one word (tandatangan → tanda tangan).
    pub fn compound(&self, joined: &str) -> Option<&str> {
        self.compounds
            .get(joined)
            .map(|(c, _)| &**c)
            .or_else(|| self.glossary.as_ref()?.compound(joined))
            .or_else(|| self.dictionary.as_ref()?.compound(joined))
    }

    /// Where a compound came from (see [`Lexicon::compound`]); the least trusted source when
    /// unknown.
    pub fn compound_source(&self, joined: &str) -> Source {
        if let Some(&(_, source)) = self.compounds.get(joined) {
            return source;
        }
        if let Some((_, kind)) = self
            .glossary
            .as_ref()
            .and_then(|t| t.compound_with_kind(joined))
        {
            return match kind {
                Kind::Named => Source::GlossaryRoot,
                Kind::Headword => Source::Glossary,
            };
        }
        if self
            .dictionary
            .as_ref()
            .is_some_and(|t| t.compound(joined).is_some())
        {
            return Source::Base;
        }
        Source::Form
    }

    /// Number of known roots (the dictionary's counted apart, so some may be counted twice).
    pub fn len(&self) -> usize {
        self.roots.len()
            + self.glossary.as_ref().map_or(0, |t| t.roots())
            + self.dictionary.as_ref().map_or(0, |t| t.roots())
    }

    /// Whether no root is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
