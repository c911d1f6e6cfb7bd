//! Reading one glossary file: TOML mapping each term to a translation string (terse form) or a
//! table of fields (rich form). Works on toml's spanned document tree so every problem can name
//! its line and column, and one bad entry never hides the rest of the file.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Entry, FileId, Problem, Status};
use crate::text::{LineCol, LineIndex, sanitize};

/// Fields a rich entry may have; anything else is reported.
pub const FIELDS: &[&str] = &[
    "translation",
    "pos",
    "note",
    "root",
    "parents",
    "tags",
    "examples",
    "pronunciation",
    "status",
];

/// The entries of one file and the problems met while reading them.
pub struct ParsedFile {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

/// Parses one file. Bad TOML yields no entries and one problem at the error's position.
pub fn parse_file(text: &str, path: &Path, file: FileId) -> ParsedFile {
    let mut out = ParsedFile {
        entries: Vec::new(),
        problems: Vec::new(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = match DeTable::parse(text) {
        Ok(document) => document.into_inner(),
        Err(err) => {
            let at = LineCol::of(text, err.span().map_or(0, |s| s.start));
            let message = format!("invalid TOML: {}", err.message().trim());
            out.problems
                .push(Problem::new(path, at, message).with_source_line(text));
            return out;
        }
    };
    let mut items: Vec<_> = document.iter().collect();
    items.sort_by_key(|(key, _)| key.span().start);
    let mut reader = Reader {
        text,
        lines: LineIndex::new(text),
        path,
        problems: &mut out.problems,
    };
    for (key, value) in items {
        if let Some(entry) = reader.entry(key, value, file) {
            out.entries.push(entry);
        }
    }
    out
}

struct Reader<'a> {
    text: &'a str,
    lines: LineIndex<'a>,
    path: &'a Path,
    problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, offset: usize, message: String) {
        let at = self.lines.at(offset);
        self.problems
            .push(Problem::new(self.path, at, message).with_source_line(self.text));
    }

    fn entry(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        file: FileId,
    ) -> Option<Entry> {
        let term = sanitize(key.get_ref().trim())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let key_at = key.span().start;
        if has_terminal_controls(key.get_ref()) {
            self.problem(key_at, controls_message(&format!("the term \"{term}\"")));
        }
        if term.is_empty() {
            self.problem(
                key_at,
                "empty term: give the entry a word or phrase as its key".into(),
            );
            return None;
        }
        let mut entry = Entry::new(term, file, self.lines.at(key_at));
        match value.get_ref() {
            DeValue::String(_) => entry.translations = self.strings_of(&[value], "translation"),
            DeValue::Table(table) => self.rich_fields(table, &mut entry),
            other => {
                self.problem(
                    value.span().start,
                    format!(
                        "\"{}\" has {}, expected a translation string or a table of fields",
                        entry.term,
                        with_article(other.type_str())
                    ),
                );
                return None;
            }
        }
        if entry.translations.is_empty() {
            self.problem(
                key_at,
                format!(
                    "\"{}\" has no translation: add translation = \"…\"",
                    entry.term
                ),
            );
            return None;
        }
        Some(entry)
    }

    fn rich_fields(&mut self, table: &DeTable<'_>, entry: &mut Entry) {
        let mut fields: Vec<_> = table.iter().collect();
        fields.sort_by_key(|(k, _)| k.span().start);
        for (name, value) in fields {
            let at = value.span().start;
            match name.get_ref().as_ref() {
                "translation" => entry.translations = self.string_or_list(value, "translation"),
                "pos" => entry.pos = self.string(value, "pos"),
                "note" => entry.note = self.string(value, "note"),
                "root" => entry.root = self.string(value, "root"),
                "pronunciation" => entry.pronunciation = self.string(value, "pronunciation"),
                "parents" => entry.parents = self.string_or_list(value, "parents"),
                "tags" => entry.tags = self.string_or_list(value, "tags"),
                "examples" => entry.examples = self.string_or_list(value, "examples"),
                "status" => entry.status = self.status(value),
                other => self.problem(
                    name.span().start.min(at),
                    format!(
                        "unknown field \"{}\" in \"{}\"; expected one of: {}",
                        sanitize(other),
                        entry.term,
                        FIELDS.join(", ")
                    ),
                ),
            }
        }
    }

    fn string(&mut self, value: &Spanned<DeValue<'_>>, field: &str) -> Option<String> {
        self.strings_of(&[value], field).into_iter().next()
    }

    fn string_or_list(&mut self, value: &Spanned<DeValue<'_>>, field: &str) -> Vec<String> {
        match value.get_ref() {
            DeValue::Array(items) => {
                let items: Vec<&Spanned<DeValue<'_>>> = items.iter().collect();
                self.strings_of(&items, field)
            }
            _ => self.strings_of(&[value], field),
        }
    }

    /// Cleaned, non-empty strings; anything that is not a string is reported.
    fn strings_of(&mut self, values: &[&Spanned<DeValue<'_>>], field: &str) -> Vec<String> {
        let mut out = Vec::new();
        for value in values {
            match value.get_ref() {
                DeValue::String(s) => {
                    if has_terminal_controls(s) {
                        self.problem(value.span().start, controls_message(field));
                    }
                    let clean = sanitize(s.trim()).into_owned();
                    if !clean.is_empty() {
                        out.push(clean);
                    }
                }
                other => self.problem(
                    value.span().start,
                    format!(
                        "{field} must be text (or a list of text), found {}",
                        with_article(other.type_str())
                    ),
                ),
            }
        }
        out
    }

    fn status(&mut self, value: &Spanned<DeValue<'_>>) -> Option<Status> {
        let parsed = match value.get_ref() {
            DeValue::Integer(n) => n.as_str().parse::<u8>().ok().and_then(Status::from_level),
            DeValue::String(s) => Status::parse(s),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(
                value.span().start,
                "status must be 1 to 5, \"W\" (well known) or \"I\" (ignored)".into(),
            );
        }
        parsed
    }
}

/// Control characters that would act on a terminal (escape sequences, bell, …); line breaks
/// and tabs are text.
fn has_terminal_controls(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
}

fn controls_message(what: &str) -> String {
    format!(
        "{what} contains control characters (shown as symbols like \u{241b}); remove them: \
         kabar add refuses them and they could act on a terminal"
    )
}

/// "an integer", "a string": a TOML type name with its article.
fn with_article(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {type_name}")
}

impl Status {
    /// A learning level 1–5.
    pub fn from_level(level: u8) -> Option<Status> {
        (1..=5).contains(&level).then_some(Status::Level(level))
    }

    /// Parses "1"–"5", "W" or "I" (either case).
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim() {
            "W" | "w" => Some(Status::WellKnown),
            "I" | "i" => Some(Status::Ignored),
            other => other.parse().ok().and_then(Status::from_level),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedFile {
        parse_file(text, Path::new("g.toml"), FileId(0))
    }

    fn messages(text: &str) -> Vec<String> {
        parse(text)
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn terse_and_rich_entries_in_document_order() {
        let parsed = parse(
            "# top\n\"peluru artileri\" = \"artillery shells\"\nroket = \"rocket\"\n\n\
             [penangkapan]\ntranslation = [\"arrest\", \"capture\"]\npos = \"noun\"\nroot = \"tangkap\"\n\
             note = \"peN-…-an\"\ntags = [\"law\"]\nexamples = [\"x\"]\nstatus = 2\n\n\
             [\"Korea Utara\"]\ntranslation = \"North Korea\"\nstatus = \"W\"\n",
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let terms: Vec<_> = parsed.entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(
            terms,
            ["peluru artileri", "roket", "penangkapan", "Korea Utara"]
        );
        let p = &parsed.entries[2];
        assert_eq!(p.translations, ["arrest", "capture"]);
        assert_eq!(p.root.as_deref(), Some("tangkap"));
        assert_eq!(p.status, Some(Status::Level(2)));
        assert_eq!(p.at, LineCol { line: 5, col: 2 });
        assert_eq!(parsed.entries[3].key, "korea utara");
        assert_eq!(parsed.entries[3].status, Some(Status::WellKnown));
    }

    #[test]
    fn inline_tables_are_rich_entries() {
        let parsed = parse("tangkap = { translation = \"catch\", pos = \"verb\" }\n");
        assert_eq!(parsed.entries[0].pos.as_deref(), Some("verb"));
    }

    #[test]
    fn broken_toml_points_at_line_and_column() {
        let problems = parse("a = \"x\"\nb = \"unterminated\n").problems;
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.at.line, 2);
        assert!(p.to_string().starts_with("g.toml:2:"), "{p}");
        assert!(p.to_string().contains("invalid TOML"));
        assert_eq!(p.source_line.as_deref(), Some("b = \"unterminated"));
    }

    #[test]
    fn empty_translation_unknown_field_and_bad_status_are_reported() {
        let m = messages("kosong = \"\"\n[x]\ntranslation = \"y\"\ncolour = \"red\"\nstatus = 9\n");
        assert!(
            m[0].starts_with("g.toml:1:1: \"kosong\" has no translation"),
            "{m:?}"
        );
        assert!(
            m[1].starts_with("g.toml:4:1: unknown field \"colour\""),
            "{m:?}"
        );
        assert!(m[2].starts_with("g.toml:5:10: status must be"), "{m:?}");
        assert_eq!(
            parse("[x]\ntranslation = \"y\"\ncolour = 1\n")
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn control_characters_in_keys_fields_and_values_are_reported_and_never_kept() {
        let parsed = parse(
            "\"ka\\u001bta\" = \"word\"\n[x]\ntranslation = \"a\\u001b]0;PWNED\\u0007b\"\n\
             \"bogus\\u001b]0;PWNEDFIELD\\u0007\" = 1\n",
        );
        let m: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
        assert!(
            m.iter()
                .any(|p| p.starts_with("g.toml:3:15: translation contains control")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|p| p.contains("unknown field \"bogus\u{241b}]0;PWNEDFIELD\u{2407}\"")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|p| p.contains("the term \"ka\u{241b}ta\" contains control")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .all(|p| !p.contains('\u{1b}') && !p.contains('\u{7}')),
            "{m:?}"
        );
        assert_eq!(
            parsed.entries[1].translations,
            ["a\u{241b}]0;PWNED\u{2407}b"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_loads_or_reports_without_panicking(text in "\\PC{0,200}|[a-z\\[\\]\"= \n#{},.0-9]{0,200}") {
            let parsed = parse(&text);
            for entry in &parsed.entries {
                proptest::prop_assert!(!entry.translations.is_empty());
                proptest::prop_assert!(!entry.term.is_empty());
            }
            for problem in &parsed.problems {
                proptest::prop_assert!(problem.at.line >= 1 && problem.at.col >= 1);
            }
        }
    }

    #[test]
    fn wrong_types_are_reported_not_loaded() {
        let m = messages("angka = 3\n[t]\ntranslation = 5\n");
        assert!(m[0].contains("\"angka\" has an integer, expected"), "{m:?}");
        assert!(m.iter().any(|p| p.contains("found an integer")), "{m:?}");
        assert!(
            m.iter().any(|p| p.contains("translation must be text")),
            "{m:?}"
        );
    }
}
