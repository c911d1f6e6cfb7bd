//! kabar's settings file, `config.toml` in the user's config folder
//! (`~/.config/kabar/config.toml` on Linux): which dictionaries to consult and in what order,
//! which of kabar's own layers of meaning to use, how often feeds refresh ([`feeds`]) and the
//! machine translator ([`translator`]), the reader's keys ([`keys`]) and colours ([`theme`]). Other features add their sections here.
//!
//! A missing file means the defaults. A file that is not valid TOML is one problem at its
//! `file:line:col` and the defaults; a wrong value or an unknown key is a problem at its
//! position and only that setting falls back, so one typo never loses the rest. Changes kabar
//! makes (`kabar dict add`, …) go through [`edit`], which keeps the learner's comments.
//!
//! Depends on nothing terminal-related.

pub mod default;
pub mod edit;
pub mod feeds;
pub mod keys;
pub mod theme;
pub mod translator;

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::problem::Problem;
use crate::text::{LineCol, sanitize};

/// The settings file's name inside the config folder.
pub const FILE_NAME: &str = "config.toml";

/// The sections kabar reads, as they are written in the file; an unknown one is a problem
/// that names these.
pub const SECTIONS: [&str; 6] = [
    "[lookup]",
    "[[dictionary]]",
    "[feeds]",
    "[translator]",
    "[keys]",
    "[theme]",
];

/// Every setting, with its default where the file says nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Installed dictionaries, consulted in this order (the order of `[[dictionary]]` tables).
    pub dictionaries: Vec<DictionarySetting>,
    /// Which of kabar's own layers to use.
    pub lookup: LookupSettings,
    /// `[feeds]`: background refresh.
    pub feeds: feeds::FeedSettings,
    /// The machine translator for article paragraphs and sentences (`[translator]`), if any.
    pub translator: Option<translator::TranslatorSetting>,
    /// `[keys]`: the learner's keys for the reader's commands, in the file's order.
    pub keys: Vec<keys::Rebinding>,
    /// `[theme]`: the learner's colours.
    pub theme: theme::ThemeSetting,
}

/// One installed dictionary (`[[dictionary]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictionarySetting {
    /// The name it is known by (`kabar dict rm NAME`), shown as its source in the pane.
    pub name: String,
    /// Its main file (`.ifo`, `.index`, or the word list), or the folder holding it.
    pub path: PathBuf,
    /// Whether it is consulted (`enabled = false` keeps it installed but silent).
    pub enabled: bool,
    /// Whether its multi-word entries are matched in the text like glossary terms.
    pub phrases: bool,
}

/// `[lookup]`: kabar's own layers below the installed dictionaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookupSettings {
    /// Consult kabar's base dictionary.
    pub base_dictionary: bool,
    /// Explain derived words through their root and affixes when no layer has them.
    pub word_formation: bool,
}

impl Default for LookupSettings {
    fn default() -> LookupSettings {
        LookupSettings {
            base_dictionary: true,
            word_formation: true,
        }
    }
}

/// Settings read from a file, with what was wrong in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The settings (defaults where the file was wrong or silent).
    pub settings: Settings,
    /// Every problem found, as `file:line:col: message`.
    pub problems: Vec<Problem>,
}

impl Settings {
    /// Reads the settings at `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Loaded {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Settings::parse(&text, path),
                Err(err) => {
                    let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
                    let at = LineCol::of(&String::from_utf8_lossy(valid), valid.len());
                    Loaded {
                        settings: Settings::default(),
                        problems: vec![Problem::new(
                            path,
                            at,
                            "not UTF-8 text; kabar uses its default settings until it is fixed",
                        )],
                    }
                }
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
            Err(err) => Loaded {
                settings: Settings::default(),
                problems: vec![Problem::new(
                    path,
                    LineCol { line: 1, col: 1 },
                    format!("cannot read the settings file: {err}; kabar uses its defaults"),
                )],
            },
        }
    }

    /// Reads settings from `text`; `path` names the file in problems.
    pub fn parse(text: &str, path: &Path) -> Loaded {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = Reader {
            text,
            path,
            problems: Vec::new(),
        };
        let mut settings = Settings::default();
        let document = match DeTable::parse(text) {
            Ok(document) => document.into_inner(),
            Err(err) => {
                let at = LineCol::of(text, err.span().map_or(0, |s| s.start));
                reader.problems.push(
                    Problem::new(
                        path,
                        at,
                        format!(
                            "invalid TOML: {}; kabar uses its default settings until it is fixed",
                            err.message().trim()
                        ),
                    )
                    .with_source_line(text),
                );
                return Loaded {
                    settings,
                    problems: reader.problems,
                };
            }
        };
        let mut items: Vec<_> = document.iter().collect();
        items.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in items {
            match key.get_ref().as_ref() {
                "lookup" => reader.lookup(value, &mut settings.lookup),
                "dictionary" => settings.dictionaries = reader.dictionaries(value),
                "feeds" => reader.feeds(value, &mut settings.feeds),
                "translator" => settings.translator = reader.translator(value),
                "keys" => settings.keys = reader.keys(value),
                "theme" => settings.theme = reader.theme(value),
                other => reader.problem(
                    key.span().start,
                    format!(
                        "unknown setting {:?}; known sections are {}",
                        sanitize(other),
                        known_sections()
                    ),
                ),
            }
        }
        Loaded {
            settings,
            problems: reader.problems,
        }
    }

    /// The installed dictionary called `name`.
    pub fn dictionary(&self, name: &str) -> Option<&DictionarySetting> {
        self.dictionaries.iter().find(|d| d.name == name)
    }
}

/// "[lookup], [[dictionary]] and [keys]": the known sections in words.
fn known_sections() -> String {
    match SECTIONS.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Whether `name` can name a dictionary: letters, digits, `-` and `_`, at most 40.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, offset: usize, message: String) {
        let at = LineCol::of(self.text, offset);
        self.problems
            .push(Problem::new(self.path, at, message).with_source_line(self.text));
    }

    fn table<'v>(
        &mut self,
        value: &'v Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<&'v DeTable<'v>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.problem(value.span().start, format!("{what} must be a table"));
                None
            }
        }
    }

    fn boolean(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.problem(
                    value.span().start,
                    format!("{key} must be true or false; the default is used"),
                );
                None
            }
        }
    }

    fn string(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.problem(value.span().start, format!("{key} must be a string"));
                None
            }
        }
    }

    fn lookup(&mut self, value: &Spanned<DeValue<'_>>, lookup: &mut LookupSettings) {
        let Some(table) = self.table(value, "[lookup]") else {
            return;
        };
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "base_dictionary" => {
                    if let Some(b) = self.boolean(value, "base_dictionary") {
                        lookup.base_dictionary = b;
                    }
                }
                "word_formation" => {
                    if let Some(b) = self.boolean(value, "word_formation") {
                        lookup.word_formation = b;
                    }
                }
                other => self.problem(
                    key.span().start,
                    format!(
                        "unknown key {:?} in [lookup]; known keys are base_dictionary and word_formation",
                        sanitize(other)
                    ),
                ),
            }
        }
    }

    fn dictionaries(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<DictionarySetting> {
        let DeValue::Array(array) = value.get_ref() else {
            self.problem(
                value.span().start,
                "dictionary must be written as [[dictionary]] tables".into(),
            );
            return Vec::new();
        };
        let mut out: Vec<DictionarySetting> = Vec::new();
        for item in array {
            let Some(table) = self.table(item, "each [[dictionary]]") else {
                continue;
            };
            let mut name = None;
            let mut path = None;
            let mut enabled = true;
            let mut phrases = true;
            for (key, value) in table.iter() {
                match key.get_ref().as_ref() {
                    "name" => name = self.string(value, "name").map(|n| (n, value.span().start)),
                    "path" => path = self.string(value, "path"),
                    "enabled" => enabled = self.boolean(value, "enabled").unwrap_or(true),
                    "phrases" => phrases = self.boolean(value, "phrases").unwrap_or(true),
                    other => self.problem(
                        key.span().start,
                        format!(
                            "unknown key {:?} in [[dictionary]]; known keys are name, path, enabled and phrases",
                            sanitize(other)
                        ),
                    ),
                }
            }
            let start = item.span().start;
            let (Some((name, name_at)), Some(path)) = (name, path) else {
                self.problem(
                    start,
                    "a [[dictionary]] needs name = \"…\" and path = \"…\"; this one is skipped"
                        .into(),
                );
                continue;
            };
            if !is_valid_name(&name) {
                self.problem(
                    name_at,
                    format!(
                        "{:?} is not a usable name: use letters, digits, - and _ (at most 40); this dictionary is skipped",
                        sanitize(&name)
                    ),
                );
                continue;
            }
            if out.iter().any(|d| d.name == name) {
                self.problem(
                    name_at,
                    format!("a second dictionary named {name:?}; this one is skipped"),
                );
                continue;
            }
            out.push(DictionarySetting {
                name,
                path: PathBuf::from(path),
                enabled,
                phrases,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Loaded {
        Settings::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn a_missing_file_and_an_empty_one_are_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Settings::load(&dir.path().join("none.toml")),
            Loaded::default()
        );
        let loaded = parse("# nothing yet\n");
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.settings.lookup.base_dictionary && loaded.settings.lookup.word_formation);
    }

    #[test]
    fn dictionaries_keep_their_order_and_switches() {
        let loaded = parse(
            "[lookup]\nword_formation = false\n\n[[dictionary]]\nname = \"wikt\"\npath = \"/d/w.ifo\"\n\n[[dictionary]]\nname = \"fd\"\npath = \"/d/f.index\"\nenabled = false\nphrases = false\n",
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let s = loaded.settings;
        assert!(!s.lookup.word_formation && s.lookup.base_dictionary);
        let names: Vec<_> = s.dictionaries.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["wikt", "fd"]);
        assert!(s.dictionaries[0].enabled && s.dictionaries[0].phrases);
        assert!(!s.dictionaries[1].enabled && !s.dictionaries[1].phrases);
        assert_eq!(
            s.dictionary("fd").unwrap().path,
            PathBuf::from("/d/f.index")
        );
    }

    #[test]
    fn broken_toml_is_one_problem_with_its_position_and_the_defaults() {
        let loaded = parse("[lookup]\nbase_dictionary = tru\n");
        assert_eq!(loaded.settings, Settings::default());
        let message = loaded.problems[0].to_string();
        assert!(message.starts_with("config.toml:2:"), "{message}");
        assert!(
            message.contains("invalid TOML") && message.contains("default settings"),
            "{message}"
        );
    }

    #[test]
    fn a_wrong_value_or_unknown_key_costs_only_that_setting() {
        let loaded = parse(
            "[lookup]\nbase_dictionary = \"yes\"\nword_formation = false\ncolour = 1\n\n[[dictionary]]\nname = \"bad name!\"\npath = \"x\"\n\n[[dictionary]]\npath = \"y\"\n\n[[dictionary]]\nname = \"ok\"\npath = \"z\"\n\n[[dictionary]]\nname = \"ok\"\npath = \"z2\"\n\n[\"theme\\u001b\"]\n",
        );
        let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert!(messages[0].starts_with("config.toml:2:19:"), "{messages:?}");
        assert!(messages[1].starts_with("config.toml:4:1:") && messages[1].contains("colour"));
        assert!(messages[2].starts_with("config.toml:7:8:") && messages[2].contains("usable name"));
        assert!(messages[3].starts_with("config.toml:10:1:") && messages[3].contains("needs name"));
        assert!(messages[4].starts_with("config.toml:18:8:") && messages[4].contains("second"));
        assert!(
            messages[5].contains("theme␛") && !messages[5].contains('\u{1b}'),
            "{messages:?}"
        );
        assert!(loaded.settings.lookup.base_dictionary, "the default stays");
        assert!(
            !loaded.settings.lookup.word_formation,
            "the good setting is kept"
        );
        assert_eq!(loaded.settings.dictionaries.len(), 1);
    }

    #[test]
    fn names_are_plain() {
        assert!(is_valid_name("wiktionary-id_en2"));
        assert!(!is_valid_name("") && !is_valid_name("a b") && !is_valid_name("ä"));
        assert!(!is_valid_name(&"x".repeat(41)));
    }
}
