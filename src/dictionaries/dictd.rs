//! dictd dictionaries, as Debian's dict-freedict packages install them: `NAME.index` (one
//! line per headword: the headword, the offset and the length of its text in base 64, tab
//! separated) and `NAME.dict.dz` (or `NAME.dict`). Headwords starting with `00-database-`
//! (or `00database`) describe the dictionary itself; `00-database-short` names it.

use std::path::{Path, PathBuf};

use super::definition;
use super::stardict::read_file;
use super::{DictionaryError, Position, SourceDictionary};

/// The files of one dictd dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Files {
    /// The `.index` file.
    pub index: PathBuf,
    /// The `.dict.dz` or `.dict` file.
    pub dict: PathBuf,
}

impl Files {
    /// The files of the dictionary whose index is `index`.
    pub fn of(index: &Path) -> Result<Files, DictionaryError> {
        let stem = index.with_extension("");
        let dict = [".dict.dz", ".dict"]
            .iter()
            .map(|ext| {
                let mut name = stem.clone().into_os_string();
                name.push(ext);
                PathBuf::from(name)
            })
            .find(|p| p.is_file())
            .ok_or_else(|| DictionaryError::Malformed {
                path: index.to_path_buf(),
                at: Position::Whole,
                message: format!(
                    "the .dict.dz file is missing; a dictd dictionary needs {0}.index and {0}.dict.dz side by side",
                    stem.file_name().unwrap_or_default().to_string_lossy()
                ),
            })?;
        Ok(Files {
            index: index.to_path_buf(),
            dict,
        })
    }

    /// Every file, for fingerprinting.
    pub fn all(&self) -> Vec<PathBuf> {
        vec![self.index.clone(), self.dict.clone()]
    }
}

/// Reads the whole dictionary.
pub fn read(files: &Files) -> Result<SourceDictionary, DictionaryError> {
    let index = read_file(&files.index)?;
    let index = String::from_utf8(index).map_err(|err| DictionaryError::Malformed {
        path: files.index.clone(),
        at: Position::Byte(err.utf8_error().valid_up_to() as u64),
        message: "not UTF-8 text".into(),
    })?;
    let dict = read_file(&files.dict)?;
    let mut label = None;
    let mut entries = Vec::new();
    for (number, line) in index.lines().enumerate() {
        let at_line = |message: String| DictionaryError::Malformed {
            path: files.index.clone(),
            at: Position::Line(number + 1),
            message,
        };
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(word), Some(offset), Some(length)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(at_line(
                "expected a headword, an offset and a length separated by tabs".into(),
            ));
        };
        let decode = |field: &str, what: &str| {
            base64_number(field)
                .ok_or_else(|| at_line(format!("{what} {field:?} is not a dictd base-64 number")))
        };
        let offset = decode(offset, "the offset")?;
        let length = decode(length, "the length")?;
        let text = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(length).ok())
            .and_then(|(offset, length)| dict.get(offset..offset.checked_add(length)?))
            .ok_or_else(|| {
                at_line(format!(
                    "{word:?} points at bytes {offset}..{} of {}, which has only {} bytes",
                    offset.saturating_add(length),
                    files.dict.display(),
                    dict.len()
                ))
            })?;
        let text = String::from_utf8_lossy(text);
        let meta = word.starts_with("00-database-") || word.starts_with("00database");
        if meta {
            if word == "00-database-short" || word == "00databaseshort" {
                let name = text
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                label = Some(definition::clean_inline(name));
            }
            continue;
        }
        // A fourth field is the headword as originally written (dictd folds the third).
        let headword = fields.next().filter(|w| !w.is_empty()).unwrap_or(word);
        entries.push(definition::from_dictionary_text(headword, &text, false));
    }
    Ok(SourceDictionary {
        label: label.filter(|l| !l.is_empty()).unwrap_or_else(|| {
            files
                .index
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        }),
        entries,
        forms: Vec::new(),
    })
}

/// dictd's base 64 numbers: digits `A-Za-z0-9+/`, most significant first.
fn base64_number(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 10 {
        return None;
    }
    text.bytes().try_fold(0u64, |value, byte| {
        let digit = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        value.checked_mul(64)?.checked_add(u64::from(digit))
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::dictionaries::test_files::dictd_number as encode;
    pub(crate) use crate::dictionaries::test_files::write_dictd as write;

    #[test]
    fn reads_freedict_style_entries_and_the_short_name() {
        let dir = tempfile::tempdir().unwrap();
        let index = write(
            dir.path(),
            "ind-eng",
            &[("bandara", "airport"), ("makan", " 1. eat\n 2. consume")],
        );
        let source = read(&Files::of(&index).unwrap()).unwrap();
        assert_eq!(source.label, "ind-eng dictd test");
        assert_eq!(source.entries.len(), 2);
        assert_eq!(source.entries[0].senses, ["airport"]);
        assert_eq!(source.entries[1].senses, ["eat", "consume"]);
    }

    #[test]
    fn a_broken_index_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let index = write(dir.path(), "d", &[("a", "x")]);
        let text = std::fs::read_to_string(&index).unwrap();
        std::fs::write(&index, format!("{text}b\tA\n")).unwrap();
        let err = read(&Files::of(&index).unwrap()).unwrap_err().to_string();
        assert!(err.contains("d.index:3:") && err.contains("tabs"), "{err}");
        std::fs::write(&index, format!("{text}b\tA\t*\n")).unwrap();
        let err = read(&Files::of(&index).unwrap()).unwrap_err().to_string();
        assert!(
            err.contains("d.index:3:") && err.contains("base-64"),
            "{err}"
        );
        std::fs::write(&index, format!("{text}b\tA\tzzzz\n")).unwrap();
        let err = read(&Files::of(&index).unwrap()).unwrap_err().to_string();
        assert!(err.contains("d.index:3:") && err.contains("only"), "{err}");
    }

    proptest! {
        #[test]
        fn base64_numbers_round_trip(n in 0u64..(1 << 50)) {
            prop_assert_eq!(base64_number(&encode(n)), Some(n));
        }

        /// Any index text is read or refused, never a panic.
        #[test]
        fn random_index_never_panics(index in "[A-Za-z0-9+/\t\n -]{0,200}") {
            let dir = tempfile::tempdir().unwrap();
            let path = write(dir.path(), "r", &[("a", "x")]);
            std::fs::write(&path, index).unwrap();
            let _ = read(&Files::of(&path).unwrap());
        }
    }
}
