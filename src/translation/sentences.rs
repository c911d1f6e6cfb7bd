//! Translations of single sentences — asked for with the reader's sentence key, or known
//! because a paragraph is one sentence — so review cards and exports can show a sentence's
//! English. Kept in `translations/sentences.toml` in the data folder, one line per sentence:
//!
//! ```toml
//! "Kedua pemimpin akan bertemu." = { en = "The two leaders will meet.", by = "argos-translate" }
//! ```
//!
//! Sentences are matched ignoring case and spacing. Saved atomically under kabar's writer
//! lock, the new line applied to the file as it is (comments and the learner's edits kept);
//! a file that does not parse is never overwritten. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use toml_edit::{DocumentMut, InlineTable, Item, Value};

use crate::atomic_file::{ReplaceError, Writer};
use crate::text::{LineCol, fold, sanitize};

/// The file's path inside the data folder.
pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir
        .join(super::place::TRANSLATIONS_DIR)
        .join("sentences.toml")
}

/// Why the sentence translations could not be read or saved; the file is untouched.
#[derive(Debug, thiserror::Error)]
pub enum SentencesError {
    /// Unreadable.
    #[error("{}: cannot read sentence translations: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// Not valid TOML.
    #[error("{}:{at}: {message}; fix the line or delete the file (only sentence translations are lost)", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where.
        at: LineCol,
        /// What is wrong.
        message: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] ReplaceError),
}

/// The sentence translations known, by folded sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentences {
    english: FxHashMap<String, String>,
}

impl Sentences {
    /// Reads the file at `path`; a missing file knows no sentences.
    pub fn load(path: &Path) -> Result<Sentences, SentencesError> {
        let text =
            crate::atomic_file::read_or_empty(path).map_err(|reason| SentencesError::Read {
                path: path.to_path_buf(),
                reason,
            })?;
        let doc = parse(path, &text)?;
        let mut english = FxHashMap::default();
        for (sentence, item) in doc.iter() {
            let en = match item {
                Item::Value(Value::String(s)) => Some(s.value().as_str()),
                Item::Value(Value::InlineTable(t)) => t.get("en").and_then(Value::as_str),
                Item::Table(t) => t.get("en").and_then(Item::as_str),
                _ => None,
            };
            if let Some(en) = en {
                english.insert(fold(sentence), sanitize(en.trim()).into_owned());
            }
        }
        Ok(Sentences { english })
    }

    /// The English of `sentence`, if known.
    pub fn get(&self, sentence: &str) -> Option<&str> {
        self.english.get(&fold(sentence)).map(String::as_str)
    }

    /// Remembers `english` for `sentence` in memory (saved elsewhere, by another thread).
    pub fn remember(&mut self, sentence: &str, english: &str) {
        self.english
            .insert(fold(sentence), super::one_paragraph(english));
    }

    /// Saves `english` as the translation of `sentence`, by `translator`, into the file at
    /// `path`, and remembers it here.
    pub fn save(
        &mut self,
        path: &Path,
        sentence: &str,
        english: &str,
        translator: &str,
    ) -> Result<(), SentencesError> {
        let sentence = super::one_paragraph(sentence);
        let english = super::one_paragraph(english);
        let writer = Writer::open(path)?;
        let before = writer.read().map_err(|reason| SentencesError::Read {
            path: path.to_path_buf(),
            reason,
        })?;
        let mut doc = parse(path, &before)?;
        if doc.is_empty() && before.trim().is_empty() {
            doc.decor_mut().set_prefix(
                "# kabar: English translations of single sentences, for review cards and exports.\n",
            );
        }
        let mut entry = InlineTable::new();
        entry.insert("en", english.as_str().into());
        entry.insert("by", translator.into());
        doc.insert(&sentence, Item::Value(Value::InlineTable(entry)));
        writer.replace(Some(&before), &doc.to_string())?;
        self.english.insert(fold(&sentence), english);
        Ok(())
    }
}

fn parse(path: &Path, text: &str) -> Result<DocumentMut, SentencesError> {
    text.parse::<DocumentMut>()
        .map_err(|err| SentencesError::Syntax {
            path: path.to_path_buf(),
            at: LineCol::of(text, err.span().map_or(0, |s| s.start)),
            message: err.message().trim().to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_sentences_are_found_ignoring_case_and_spacing() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        let mut sentences = Sentences::load(&path).unwrap();
        assert_eq!(sentences.get("Kedua pemimpin akan bertemu."), None);
        sentences
            .save(
                &path,
                "Kedua pemimpin  akan bertemu.",
                "The two leaders\nwill meet.",
                "stub",
            )
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# kabar:"), "{text}");
        assert!(
            text.contains(
                "\"Kedua pemimpin akan bertemu.\" = { en = \"The two leaders will meet.\", by = \"stub\" }"
            ),
            "{text}"
        );
        let loaded = Sentences::load(&path).unwrap();
        assert_eq!(
            loaded.get("kedua Pemimpin akan bertemu."),
            Some("The two leaders will meet.")
        );
        // A hand edit and a comment survive the next save.
        std::fs::write(
            &path,
            format!("{text}# mine\n\"Dia datang.\" = \"He came.\"\n"),
        )
        .unwrap();
        sentences
            .save(&path, "Mereka pergi.", "They left.", "stub")
            .unwrap();
        let loaded = Sentences::load(&path).unwrap();
        assert_eq!(loaded.get("Dia datang."), Some("He came."));
        assert_eq!(loaded.get("Mereka pergi."), Some("They left."));
        assert!(std::fs::read_to_string(&path).unwrap().contains("# mine"));
    }

    #[test]
    fn a_broken_file_is_an_error_with_its_position_and_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sentences.toml");
        std::fs::write(&path, "\"a\" = { en = }\n").unwrap();
        let err = Sentences::load(&path).unwrap_err().to_string();
        assert!(err.contains("sentences.toml:1:"), "{err}");
        let mut sentences = Sentences::default();
        assert!(sentences.save(&path, "b", "B", "x").is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "\"a\" = { en = }\n"
        );
    }
}
