//! Plain word lists: one term and its translation per line, tab-separated (`.tsv`, `.tab`,
//! `.txt`) or comma-separated (`.csv`, quoted as CSV quotes). `#` starts a comment line.
//! An optional header row names the columns (`term`/`word`/`headword` and
//! `translation`/`meaning`/`english`, plus `pos`, `root` and `note` when present); without one
//! the first two columns are the term and the translation. Several senses in one translation
//! are separated by `;`.

use std::path::Path;

use super::definition::{Definition, clean_inline};
use super::{DictionaryError, Position, SourceDictionary};

/// Reads the whole list.
pub fn read(path: &Path) -> Result<SourceDictionary, DictionaryError> {
    let bytes = super::stardict::read_file(path)?;
    let comma = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
    let rows = if comma {
        csv_rows(path, &bytes)?
    } else {
        tsv_rows(path, &bytes)?
    };
    let separator = if comma { "a comma" } else { "a tab" };
    let mut columns = Columns::default();
    let mut entries = Vec::new();
    for (index, (line, cells)) in rows.iter().enumerate() {
        let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if index == 0
            && let Some(header) = Columns::from_header(&cells)
        {
            columns = header;
            continue;
        }
        let cell = |index: Option<usize>| index.and_then(|i| cells.get(i)).copied().unwrap_or("");
        let senses: Vec<String> = cell(Some(columns.translation))
            .split(';')
            .map(clean_inline)
            .filter(|s| !s.is_empty())
            .take(4)
            .collect();
        let term = clean_inline(cell(Some(columns.term)));
        if term.is_empty() || senses.is_empty() {
            return Err(DictionaryError::Malformed {
                path: path.to_path_buf(),
                at: Position::Line(*line),
                message: format!("expected a term and its translation separated by {separator}"),
            });
        }
        let optional = |index| Some(clean_inline(cell(index))).filter(|v| !v.is_empty());
        entries.push(Definition {
            headword: term,
            pos: optional(columns.pos),
            senses,
            root: optional(columns.root),
            note: optional(columns.note),
            text: None,
        });
    }
    Ok(SourceDictionary {
        label: path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        entries,
        forms: Vec::new(),
    })
}

/// Rows of a tab-separated file with their line numbers: no quoting, `#` comments.
fn tsv_rows(path: &Path, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, DictionaryError> {
    let mut rows = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = std::str::from_utf8(line).map_err(|_| DictionaryError::Malformed {
            path: path.to_path_buf(),
            at: Position::Line(index + 1),
            message: "not UTF-8 text".into(),
        })?;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = if index == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        rows.push((index + 1, line.split('\t').map(str::to_owned).collect()));
    }
    Ok(rows)
}

/// Rows of a CSV file (quoted as CSV quotes) with the line each starts on.
fn csv_rows(path: &Path, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, DictionaryError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let malformed = |line: usize, message: String| DictionaryError::Malformed {
            path: path.to_path_buf(),
            at: Position::Line(line),
            message,
        };
        let record = record.map_err(|err| {
            let line = err.position().map_or(0, |p| p.line() as usize);
            malformed(line, format!("not a readable CSV line: {err}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut cells = Vec::with_capacity(record.len());
        for cell in record.iter() {
            let cell =
                std::str::from_utf8(cell).map_err(|_| malformed(line, "not UTF-8 text".into()))?;
            cells.push(cell.trim_start_matches('\u{feff}').to_owned());
        }
        rows.push((line, cells));
    }
    Ok(rows)
}

/// Which column holds what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    term: usize,
    translation: usize,
    pos: Option<usize>,
    root: Option<usize>,
    note: Option<usize>,
}

impl Default for Columns {
    fn default() -> Columns {
        Columns {
            term: 0,
            translation: 1,
            pos: None,
            root: None,
            note: None,
        }
    }
}

impl Columns {
    /// The columns a header row names, if `cells` is one.
    fn from_header(cells: &[&str]) -> Option<Columns> {
        let find = |names: &[&str]| {
            cells
                .iter()
                .position(|cell| names.iter().any(|n| cell.eq_ignore_ascii_case(n)))
        };
        Some(Columns {
            term: find(&["term", "word", "headword", "indonesian", "lemma"])?,
            translation: find(&[
                "translation",
                "translations",
                "meaning",
                "definition",
                "english",
                "gloss",
            ])?,
            pos: find(&["pos", "part of speech"]),
            root: find(&["root", "parent"]),
            note: find(&["note", "notes"]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_text(name: &str, text: &str) -> Result<SourceDictionary, DictionaryError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        read(&path)
    }

    #[test]
    fn tab_and_comma_lists_with_and_without_a_header() {
        let list = read_text(
            "id.tsv",
            "# my words\nbandara\tairport\nmakan\teat; consume\n",
        )
        .unwrap();
        assert_eq!(list.label, "id");
        assert_eq!(list.entries[1].senses, ["eat", "consume"]);
        let list = read_text(
            "id.csv",
            "Note,Term,Meaning,POS\n\"as of now, at least\",sejauh ini,\"so far, thus far\",phrase\n",
        )
        .unwrap();
        let d = &list.entries[0];
        assert_eq!(d.headword, "sejauh ini");
        assert_eq!(d.senses, ["so far, thus far"]);
        assert_eq!(d.pos.as_deref(), Some("phrase"));
        assert_eq!(d.note.as_deref(), Some("as of now, at least"));
    }

    #[test]
    fn a_line_without_a_translation_or_not_utf8_is_an_error_with_its_line() {
        let err = read_text("x.tsv", "a\tb\n\nc\n").unwrap_err().to_string();
        assert!(
            err.contains("x.tsv:3:") && err.contains("separated by a tab"),
            "{err}"
        );
        let err = read_text("x.csv", "a,b\nc,\n").unwrap_err().to_string();
        assert!(err.contains("x.csv:2:") && err.contains("comma"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.tsv");
        std::fs::write(&path, b"a\tb\nc\t\xff\n").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("bad.tsv:2:") && err.contains("UTF-8"), "{err}");
    }

    #[test]
    fn escape_sequences_in_translations_are_made_visible() {
        let list = read_text("x.tsv", "kata\tword\u{1b}]0;PWNED\u{7}; two\u{9b}31m\n").unwrap();
        assert_eq!(list.entries[0].senses, ["word␛]0", "PWNED␇", "two�31m"]);
    }

    proptest! {
        #[test]
        fn any_list_is_read_or_refused(text in "[a-z\t,;#\"\n\u{1b} ]{0,200}", comma: bool) {
            let name = if comma { "r.csv" } else { "r.tsv" };
            if let Ok(list) = read_text(name, &text) {
                for d in &list.entries {
                    prop_assert!(!d.headword.is_empty() && !d.senses.is_empty());
                    prop_assert!(d.senses.iter().all(|s| !s.chars().any(char::is_control)));
                }
            }
        }
    }
}
