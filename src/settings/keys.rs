//! `[keys]` in the settings file: the learner's own keys for the reader's commands.
//!
//! ```toml
//! [keys]
//! next_term = "Ctrl-n"                    # one key
//! previous_term = ["Ctrl-p", "Shift-Tab"] # or several
//! ```
//!
//! This reads the key strings ("n", "Ctrl-n", "Space", "PgDn", "F5", …) into [`KeyStroke`]s
//! and keeps where each was written. Which names are commands, and whether two bindings
//! clash, is the reader's to decide (it owns the commands): it reports those with the
//! [`Place`] kept here. Depends on nothing terminal-related.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::DeValue;

use super::Reader;
use crate::problem::Problem;
use crate::text::{LineCol, sanitize};

/// A key as the learner writes it: a key plus whether Ctrl is held. Shift is part of the
/// character (`G`, `?`); Shift-Tab is a key of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyStroke {
    /// The key.
    pub key: NamedKey,
    /// Whether Ctrl is held. A letter with Ctrl is always lower case (terminals cannot tell
    /// Ctrl-N from Ctrl-n).
    pub ctrl: bool,
}

/// The keys kabar can bind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NamedKey {
    /// A printable character, space included.
    Char(char),
    /// ←
    Left,
    /// →
    Right,
    /// ↑
    Up,
    /// ↓
    Down,
    /// Tab
    Tab,
    /// Shift-Tab
    BackTab,
    /// Enter
    Enter,
    /// Esc
    Esc,
    /// Backspace
    Backspace,
    /// Delete
    Delete,
    /// Insert
    Insert,
    /// Home
    Home,
    /// End
    End,
    /// Page up
    PageUp,
    /// Page down
    PageDown,
    /// A function key, F1 to F24.
    F(u8),
}

/// The names [`KeyStroke::parse`] knows besides single characters, as written in messages.
pub const KEY_NAMES: &str = "Space, Tab, Shift-Tab, Enter, Esc, Backspace, Delete, Insert, Home, End, PgUp, PgDn, \
     Left, Right, Up, Down (or ← → ↑ ↓) and F1 to F24";

/// Names of keys, lower case, with what they mean; the first of each key is how it is shown.
const NAMES: &[(&str, NamedKey)] = &[
    ("space", NamedKey::Char(' ')),
    ("tab", NamedKey::Tab),
    ("shift-tab", NamedKey::BackTab),
    ("backtab", NamedKey::BackTab),
    ("s-tab", NamedKey::BackTab),
    ("enter", NamedKey::Enter),
    ("return", NamedKey::Enter),
    ("esc", NamedKey::Esc),
    ("escape", NamedKey::Esc),
    ("backspace", NamedKey::Backspace),
    ("delete", NamedKey::Delete),
    ("del", NamedKey::Delete),
    ("insert", NamedKey::Insert),
    ("ins", NamedKey::Insert),
    ("home", NamedKey::Home),
    ("end", NamedKey::End),
    ("pgup", NamedKey::PageUp),
    ("pageup", NamedKey::PageUp),
    ("pgdn", NamedKey::PageDown),
    ("pagedown", NamedKey::PageDown),
    ("left", NamedKey::Left),
    ("right", NamedKey::Right),
    ("up", NamedKey::Up),
    ("down", NamedKey::Down),
];

impl KeyStroke {
    /// A key without Ctrl.
    pub const fn plain(key: NamedKey) -> KeyStroke {
        KeyStroke { key, ctrl: false }
    }

    /// Reads a key as written in `[keys]`: a single character ("n", "G", "?"), a name
    /// ("Space", "PgDn", "F5", "←"), either after "Ctrl-" ("Ctrl-n"; also "C-n", "Ctrl+n",
    /// any case), or "Shift-" before a letter ("Shift-g" is "G") or Tab.
    pub fn parse(text: &str) -> Result<KeyStroke, String> {
        let shown = sanitize(text);
        if text.is_empty() {
            return Err("an empty key; write a character such as \"n\", or \"Ctrl-n\"".into());
        }
        let (ctrl, rest) = match strip_modifier(text, &["ctrl-", "ctrl+", "c-"]) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if let Some(modifier) = ["alt-", "meta-", "m-", "a-", "super-", "cmd-"]
            .into_iter()
            .find(|m| strip_modifier(rest, &[m]).is_some())
        {
            return Err(format!(
                "{shown:?}: kabar binds keys with Ctrl only, not {}",
                modifier.trim_end_matches('-')
            ));
        }
        let key = match strip_modifier(rest, &["shift-", "shift+", "s-"]) {
            Some(letter) if single(letter).is_some_and(|c| c.is_alphabetic()) => {
                let c = single(letter).unwrap_or_default();
                NamedKey::Char(c.to_uppercase().next().unwrap_or(c))
            }
            _ => named(rest).ok_or_else(|| {
                format!(
                    "{shown:?} is not a key kabar knows; write one character (\"n\", \"G\", \
                     \"?\"), \"Ctrl-\" and a key, or one of {KEY_NAMES}"
                )
            })?,
        };
        let key = match key {
            // Terminals send Ctrl with a letter in one case only.
            NamedKey::Char(c) if ctrl && c.is_alphabetic() => {
                NamedKey::Char(c.to_lowercase().next().unwrap_or(c))
            }
            other => other,
        };
        Ok(KeyStroke { key, ctrl })
    }

    /// How the key is shown in help, hints and messages: "n", "Ctrl-n", "Space", "PgDn",
    /// "Shift-Tab", "←", "F5". [`KeyStroke::parse`] reads it back as the same key.
    pub fn label(self) -> String {
        let base = match self.key {
            NamedKey::Char(' ') => "Space".to_owned(),
            NamedKey::Char(c) => c.to_string(),
            NamedKey::Left => "←".to_owned(),
            NamedKey::Right => "→".to_owned(),
            NamedKey::Up => "↑".to_owned(),
            NamedKey::Down => "↓".to_owned(),
            NamedKey::Tab => "Tab".to_owned(),
            NamedKey::BackTab => "Shift-Tab".to_owned(),
            NamedKey::Enter => "Enter".to_owned(),
            NamedKey::Esc => "Esc".to_owned(),
            NamedKey::Backspace => "Backspace".to_owned(),
            NamedKey::Delete => "Delete".to_owned(),
            NamedKey::Insert => "Insert".to_owned(),
            NamedKey::Home => "Home".to_owned(),
            NamedKey::End => "End".to_owned(),
            NamedKey::PageUp => "PgUp".to_owned(),
            NamedKey::PageDown => "PgDn".to_owned(),
            NamedKey::F(n) => format!("F{n}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

impl std::fmt::Display for KeyStroke {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// `text` without the first of `prefixes` it starts with (ignoring ASCII case), when
/// something is left after it.
fn strip_modifier<'t>(text: &'t str, prefixes: &[&str]) -> Option<&'t str> {
    prefixes.iter().find_map(|prefix| {
        let head = text.get(..prefix.len())?;
        let rest = &text[prefix.len()..];
        (head.eq_ignore_ascii_case(prefix) && !rest.is_empty()).then_some(rest)
    })
}

/// The only character of `text`, if it has exactly one.
fn single(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// A key written without modifiers.
fn named(text: &str) -> Option<NamedKey> {
    if let Some(c) = single(text) {
        return match c {
            '←' => Some(NamedKey::Left),
            '→' => Some(NamedKey::Right),
            '↑' => Some(NamedKey::Up),
            '↓' => Some(NamedKey::Down),
            c if c.is_control() || (c.is_whitespace() && c != ' ') => None,
            c => Some(NamedKey::Char(c)),
        };
    }
    let lower = text.to_ascii_lowercase();
    if let Some(&(_, key)) = NAMES.iter().find(|(name, _)| *name == lower) {
        return Some(key);
    }
    let number = lower.strip_prefix('f')?;
    if number.starts_with('0') {
        return None;
    }
    number
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=24).contains(n))
        .map(NamedKey::F)
}

/// Where something was written in the settings file, for a problem found later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    path: PathBuf,
    at: LineCol,
    line: String,
}

impl Place {
    fn new(path: &Path, text: &str, offset: usize) -> Place {
        let at = LineCol::of(text, offset);
        Place {
            path: path.to_path_buf(),
            at,
            line: crate::text::line_text(text, at.line).to_owned(),
        }
    }

    /// A problem at this place, with its line.
    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            source_line: Some(sanitize(&self.line).into_owned()),
            ..Problem::new(&self.path, self.at, message)
        }
    }
}

/// One line of `[keys]`: a command's name and the keys it gets instead of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebinding {
    /// The command's name as written (checked by the reader).
    pub command: String,
    /// Where the name is.
    pub command_at: Place,
    /// The keys, each with where it is written; never empty.
    pub keys: Vec<(KeyStroke, Place)>,
}

impl Reader<'_> {
    /// `[keys]`: a line whose keys cannot all be read is a problem and left out, so that
    /// command keeps its own keys.
    pub(super) fn keys(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<Rebinding> {
        let Some(table) = self.table(value, "[keys]") else {
            return Vec::new();
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        let mut out = Vec::new();
        for (name, value) in entries {
            let command = name.get_ref().to_string();
            let shown = sanitize(&command).into_owned();
            let written: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
                DeValue::String(_) => vec![value],
                DeValue::Array(items) if !items.is_empty() => items.iter().collect(),
                _ => {
                    self.problem(
                        value.span().start,
                        format!(
                            "{shown} must be a key such as \"Ctrl-n\" or a list of keys such as \
                             [\"n\", \"F5\"]; {shown} keeps its keys"
                        ),
                    );
                    continue;
                }
            };
            let mut keys = Vec::new();
            for item in written {
                let parsed = match item.get_ref() {
                    DeValue::String(text) => KeyStroke::parse(text),
                    _ => Err("each key must be a string such as \"Ctrl-n\"".to_owned()),
                };
                match parsed {
                    Ok(key) => {
                        keys.push((key, Place::new(self.path, self.text, item.span().start)))
                    }
                    Err(message) => {
                        self.problem(
                            item.span().start,
                            format!("{message}; {shown} keeps its keys"),
                        );
                        keys.clear();
                        break;
                    }
                }
            }
            if !keys.is_empty() {
                out.push(Rebinding {
                    command,
                    command_at: Place::new(self.path, self.text, name.span().start),
                    keys,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use proptest::prelude::*;

    fn key(text: &str) -> KeyStroke {
        KeyStroke::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn keys_are_read_as_written_in_the_readme() {
        let ch = |c| KeyStroke::plain(NamedKey::Char(c));
        assert_eq!(key("n"), ch('n'));
        assert_eq!(key("G"), ch('G'));
        assert_eq!(key("-"), ch('-'));
        assert_eq!(key("Space"), ch(' '));
        assert_eq!(key(" "), ch(' '));
        assert_eq!(key("PgDn"), KeyStroke::plain(NamedKey::PageDown));
        assert_eq!(key("pagedown"), KeyStroke::plain(NamedKey::PageDown));
        assert_eq!(key("F5"), KeyStroke::plain(NamedKey::F(5)));
        assert_eq!(key("Left"), key("←"));
        assert_eq!(key("Shift-Tab"), KeyStroke::plain(NamedKey::BackTab));
        assert_eq!(key("Shift-g"), ch('G'));
        let ctrl_n = KeyStroke {
            key: NamedKey::Char('n'),
            ctrl: true,
        };
        for written in ["Ctrl-n", "ctrl-n", "C-n", "Ctrl+n", "CTRL-N"] {
            assert_eq!(key(written), ctrl_n, "{written}");
        }
        assert_eq!(key("Ctrl--").key, NamedKey::Char('-'));
        assert_eq!(key("Ctrl-Space").label(), "Ctrl-Space");
        assert_eq!(ctrl_n.label(), "Ctrl-n");
    }

    #[test]
    fn keys_kabar_cannot_bind_are_refused_with_what_to_write() {
        for bad in [
            "", "nn", "Ctrl-", "F0", "F25", "F05", "Hyper-x", "\u{1b}", "\t",
        ] {
            let err = KeyStroke::parse(bad).unwrap_err();
            assert!(!err.contains('\u{1b}'), "{err}");
            assert!(err.contains('"'), "{bad:?}: {err}");
        }
        assert!(KeyStroke::parse("Alt-x").unwrap_err().contains("Ctrl only"));
        assert!(KeyStroke::parse("spaec").unwrap_err().contains("PgDn"));
    }

    fn any_key() -> impl Strategy<Value = KeyStroke> {
        let named = prop_oneof![
            any::<char>()
                .prop_filter("a character key", |c| !c.is_control()
                    && (!c.is_whitespace() || *c == ' ')
                    && !['←', '→', '↑', '↓'].contains(c))
                .prop_map(NamedKey::Char),
            (1u8..=24).prop_map(NamedKey::F),
            proptest::sample::select(NAMES.iter().map(|(_, k)| *k).collect::<Vec<_>>()),
            proptest::sample::select(vec![
                NamedKey::Left,
                NamedKey::Right,
                NamedKey::Up,
                NamedKey::Down
            ]),
        ];
        (named, any::<bool>()).prop_map(|(key, ctrl)| {
            let key = match key {
                NamedKey::Char(c) if ctrl && c.is_alphabetic() => {
                    NamedKey::Char(c.to_lowercase().next().unwrap_or(c))
                }
                other => other,
            };
            KeyStroke { key, ctrl }
        })
    }

    proptest! {
        #[test]
        fn a_label_reads_back_as_its_key(key in any_key()) {
            // Lower-casing a letter can give several characters (İ → i̇): not a key.
            prop_assume!(match key.key {
                NamedKey::Char(c) => !key.ctrl || c.to_lowercase().count() == 1,
                _ => true,
            });
            prop_assert_eq!(KeyStroke::parse(&key.label()), Ok(key));
        }

        #[test]
        fn whatever_reads_as_a_key_reads_back_from_its_label(text in "\\PC{0,12}") {
            if let Ok(key) = KeyStroke::parse(&text) {
                prop_assert_eq!(KeyStroke::parse(&key.label()), Ok(key));
            }
        }
    }

    #[test]
    fn a_keys_section_keeps_each_line_with_its_place() {
        let text = "[keys]\nnext_term = \"Ctrl-n\"\nprevious_term = [\"Ctrl-p\", \"S-Tab\"]\n";
        let loaded = Settings::parse(text, Path::new("config.toml"));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let keys = &loaded.settings.keys;
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[0].command, "next_term");
        assert_eq!(keys[1].keys.len(), 2);
        assert_eq!(
            keys[1].keys[1].1.problem("taken").to_string(),
            "config.toml:3:28: taken"
        );
        assert_eq!(
            keys[0].command_at.problem("x").source_line.as_deref(),
            Some("next_term = \"Ctrl-n\"")
        );
    }

    #[test]
    fn a_line_with_a_bad_key_is_a_problem_and_left_out() {
        let text =
            "[keys]\nnext_term = [\"Ctrl-n\", \"Hyper-n\"]\ntop = 5\nbottom = []\nquit = \"Q\"\n";
        let loaded = Settings::parse(text, Path::new("config.toml"));
        let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("config.toml:2:24:")
                && messages[0].contains("next_term keeps its keys"),
            "{messages:?}"
        );
        assert!(messages[1].starts_with("config.toml:3:7:"), "{messages:?}");
        assert!(messages[2].starts_with("config.toml:4:10:"), "{messages:?}");
        let commands: Vec<&str> = loaded
            .settings
            .keys
            .iter()
            .map(|r| r.command.as_str())
            .collect();
        assert_eq!(commands, ["quit"]);
    }
}
