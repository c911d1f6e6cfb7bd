//! What a dictionary's or a glossary's headwords tell the root finder, stored in their index
//! and read in place: which words are roots (named by an entry's `root`, or headwords
//! themselves), which derived headwords state their root, and which two-word headwords are
//! compounds written as one word inside affixed forms (tanda tangan → ditandatangani). A
//! 100,000-term glossary joins the lexicon without a single entry being decoded.

use crate::index_file::{Damaged, IndexFile, IndexWriter, Records, SortedTable, records, table};

/// How a word came to be a root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Named as the root of some entry (`root = "tangkap"`).
    Named,
    /// A headword that states no root of its own.
    Headword,
}

impl Kind {
    fn code(self) -> u32 {
        match self {
            Kind::Named => 0,
            Kind::Headword => 1,
        }
    }

    fn from_code(code: u32) -> Kind {
        if code == 0 {
            Kind::Named
        } else {
            Kind::Headword
        }
    }
}

/// The tables, opened.
#[derive(Clone, Debug)]
pub struct LexiconTables {
    roots: SortedTable,
    stated: SortedTable,
    compounds: SortedTable,
    texts: Records,
}

/// The high bit of a compound's value carries its [`Kind`].
const KIND_BIT: u32 = 1 << 31;

impl LexiconTables {
    /// Opens the tables of `index` (sections `ROOT`, `STAT`, `CMPD`, `RTXT`).
    pub fn open(index: &IndexFile) -> Result<LexiconTables, Damaged> {
        Ok(LexiconTables {
            roots: index.table(b"ROOT")?,
            stated: index.table(b"STAT")?,
            compounds: index.table(b"CMPD")?,
            texts: index.records(b"RTXT")?,
        })
    }

    /// How `word` is a root, if it is one.
    pub fn root_kind(&self, word: &str) -> Option<Kind> {
        self.roots.get(word.as_bytes()).map(Kind::from_code)
    }

    /// Whether `word` is a root.
    pub fn is_root(&self, word: &str) -> bool {
        self.root_kind(word).is_some()
    }

    /// The root a derived headword states.
    pub fn stated_root(&self, word: &str) -> Option<&str> {
        self.text(self.stated.get(word.as_bytes())?)
    }

    /// The spaced form of a two-word headword written as one (tandatangan → tanda tangan).
    pub fn compound(&self, joined: &str) -> Option<&str> {
        self.compound_with_kind(joined).map(|(spaced, _)| spaced)
    }

    /// [`LexiconTables::compound`] with how the compound came to be known.
    pub fn compound_with_kind(&self, joined: &str) -> Option<(&str, Kind)> {
        let value = self.compounds.get(joined.as_bytes())?;
        let kind = if value & KIND_BIT == 0 {
            Kind::Named
        } else {
            Kind::Headword
        };
        Some((self.text(value & !KIND_BIT)?, kind))
    }

    /// Number of roots.
    pub fn roots(&self) -> usize {
        self.roots.len()
    }

    fn text(&self, index: u32) -> Option<&str> {
        std::str::from_utf8(self.texts.get(index as usize)?).ok()
    }
}

/// The tables being built.
#[derive(Debug, Default)]
pub struct Builder {
    roots: Vec<(Vec<u8>, u32)>,
    stated: Vec<(Vec<u8>, u32)>,
    compounds: Vec<(Vec<u8>, u32)>,
    texts: Vec<String>,
}

impl Builder {
    /// `word` is a root (one word; two words are a compound, see [`Builder::compound`]).
    pub fn root(&mut self, word: &str, kind: Kind) {
        if word.contains(' ') {
            let parts: Vec<&str> = word.split(' ').collect();
            if let [first, second] = parts.as_slice() {
                self.compound(&format!("{first}{second}"), word, kind);
                self.root(first, kind);
                self.root(second, kind);
            }
            return;
        }
        self.roots.push((word.as_bytes().to_vec(), kind.code()));
    }

    /// The derived headword `word` states `root` as its root.
    pub fn stated(&mut self, word: &str, root: &str) {
        self.stated
            .push((word.as_bytes().to_vec(), self.texts.len() as u32));
        self.texts.push(root.to_owned());
    }

    /// `spaced` (tanda tangan) is written `joined` (tandatangan) inside affixed forms.
    pub fn compound(&mut self, joined: &str, spaced: &str, kind: Kind) {
        let bit = if kind == Kind::Named { 0 } else { KIND_BIT };
        self.compounds
            .push((joined.as_bytes().to_vec(), self.texts.len() as u32 | bit));
        self.texts.push(spaced.to_owned());
    }

    /// Adds the tables to `writer`. Of a word named both ways, the more trusted way wins.
    pub fn write(mut self, writer: &mut IndexWriter) -> Result<(), table::TooLarge> {
        // `table::build` keeps the first of equal keys: put the more trusted kinds first.
        self.roots.sort_by_key(|&(_, kind)| kind);
        self.compounds.sort_by_key(|&(_, value)| value & KIND_BIT);
        writer
            .section(*b"ROOT", table::build(self.roots)?)
            .section(*b"STAT", table::build(self.stated)?)
            .section(*b"CMPD", table::build(self.compounds)?)
            .section(
                *b"RTXT",
                records::build(self.texts.iter().map(|t| t.as_bytes()))?,
            );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index_file::Bytes;

    #[test]
    fn roots_stated_roots_and_compounds_come_back_with_their_kind() {
        let mut builder = Builder::default();
        builder.root("tangkap", Kind::Headword);
        builder.root("tangkap", Kind::Named);
        builder.root("garis bawah", Kind::Headword);
        builder.stated("penangkapan", "tangkap");
        let mut writer = IndexWriter::new(*b"TEST", 1);
        builder.write(&mut writer).unwrap();
        let index = IndexFile::parse(Bytes::Owned(writer.to_bytes())).unwrap();
        let tables = LexiconTables::open(&index).unwrap();
        assert_eq!(
            tables.root_kind("tangkap"),
            Some(Kind::Named),
            "the trusted kind wins"
        );
        assert_eq!(tables.root_kind("garis"), Some(Kind::Headword));
        assert_eq!(tables.stated_root("penangkapan"), Some("tangkap"));
        assert_eq!(
            tables.compound_with_kind("garisbawah"),
            Some(("garis bawah", Kind::Headword))
        );
        assert_eq!(tables.root_kind("bawahnya"), None);
    }
}
