//! The keymap: one table from keys to commands, the defaults with the learner's `[keys]`
//! applied ([`rebind`]). The help overlay and the key hints are generated from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;
use crate::settings::keys::{KeyStroke, NamedKey};

mod rebind;

/// A key as the keymap knows it: a code plus whether Ctrl is held. Shift is part of the
/// character itself (`G`, `?`), so it is not tracked separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Whether Ctrl is held.
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// The keymap's view of a terminal key event. A letter with Ctrl is taken in lower case,
    /// as the settings write it (some terminals report Ctrl-Shift-n as Ctrl-N).
    pub fn from_event(event: KeyEvent) -> Key {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            KeyCode::Char(c) if ctrl && c.is_uppercase() => {
                KeyCode::Char(c.to_lowercase().next().unwrap_or(c))
            }
            other => other,
        };
        Key { code, ctrl }
    }

    /// A key from the settings file.
    pub fn from_stroke(stroke: KeyStroke) -> Key {
        let code = match stroke.key {
            NamedKey::Char(c) => KeyCode::Char(c),
            NamedKey::Left => KeyCode::Left,
            NamedKey::Right => KeyCode::Right,
            NamedKey::Up => KeyCode::Up,
            NamedKey::Down => KeyCode::Down,
            NamedKey::Tab => KeyCode::Tab,
            NamedKey::BackTab => KeyCode::BackTab,
            NamedKey::Enter => KeyCode::Enter,
            NamedKey::Esc => KeyCode::Esc,
            NamedKey::Backspace => KeyCode::Backspace,
            NamedKey::Delete => KeyCode::Delete,
            NamedKey::Insert => KeyCode::Insert,
            NamedKey::Home => KeyCode::Home,
            NamedKey::End => KeyCode::End,
            NamedKey::PageUp => KeyCode::PageUp,
            NamedKey::PageDown => KeyCode::PageDown,
            NamedKey::F(n) => KeyCode::F(n),
        };
        Key {
            code,
            ctrl: stroke.ctrl,
        }
    }

    /// The key as the settings file writes it, when it can be written there.
    pub fn stroke(self) -> Option<KeyStroke> {
        let key = match self.code {
            KeyCode::Char(c) => NamedKey::Char(c),
            KeyCode::Left => NamedKey::Left,
            KeyCode::Right => NamedKey::Right,
            KeyCode::Up => NamedKey::Up,
            KeyCode::Down => NamedKey::Down,
            KeyCode::Tab => NamedKey::Tab,
            KeyCode::BackTab => NamedKey::BackTab,
            KeyCode::Enter => NamedKey::Enter,
            KeyCode::Esc => NamedKey::Esc,
            KeyCode::Backspace => NamedKey::Backspace,
            KeyCode::Delete => NamedKey::Delete,
            KeyCode::Insert => NamedKey::Insert,
            KeyCode::Home => NamedKey::Home,
            KeyCode::End => NamedKey::End,
            KeyCode::PageUp => NamedKey::PageUp,
            KeyCode::PageDown => NamedKey::PageDown,
            KeyCode::F(n) => NamedKey::F(n),
            _ => return None,
        };
        Some(KeyStroke {
            key,
            ctrl: self.ctrl,
        })
    }

    /// How the key is written in help, hints and the settings file ("Ctrl-n", "PgDn").
    pub fn label(self) -> String {
        self.stroke()
            .map_or_else(|| format!("{:?}", self.code), KeyStroke::label)
    }
}

/// The default bindings.
pub const DEFAULT_KEYMAP: &[(Key, Command)] = &[
    (Key::ch('h'), Command::PreviousWord),
    (Key::plain(KeyCode::Left), Command::PreviousWord),
    (Key::ch('l'), Command::NextWord),
    (Key::plain(KeyCode::Right), Command::NextWord),
    (Key::ch('k'), Command::LineUp),
    (Key::plain(KeyCode::Up), Command::LineUp),
    (Key::ch('j'), Command::LineDown),
    (Key::plain(KeyCode::Down), Command::LineDown),
    (Key::plain(KeyCode::Tab), Command::NextTerm),
    (Key::plain(KeyCode::BackTab), Command::PreviousTerm),
    (Key::ch(']'), Command::NextUnknown),
    (Key::ch('['), Command::PreviousUnknown),
    (Key::plain(KeyCode::PageDown), Command::PageDown),
    (Key::ch(' '), Command::PageDown),
    (Key::ctrl('f'), Command::PageDown),
    (Key::plain(KeyCode::PageUp), Command::PageUp),
    (Key::ctrl('b'), Command::PageUp),
    (Key::ch('g'), Command::Top),
    (Key::plain(KeyCode::Home), Command::Top),
    (Key::ch('G'), Command::Bottom),
    (Key::plain(KeyCode::End), Command::Bottom),
    (Key::ch('/'), Command::Search),
    (Key::ch('n'), Command::SearchNext),
    (Key::ch('N'), Command::SearchPrevious),
    (Key::ch('f'), Command::TogglePane),
    (Key::ch('v'), Command::Select),
    (Key::ch('a'), Command::AddTerm),
    (Key::ch('e'), Command::EditTerm),
    (Key::ch('d'), Command::DeleteTerm),
    (Key::ch('u'), Command::Undo),
    (Key::ch('E'), Command::EditInEditor),
    (Key::ch('1'), Command::Status1),
    (Key::ch('2'), Command::Status2),
    (Key::ch('3'), Command::Status3),
    (Key::ch('4'), Command::Status4),
    (Key::ch('5'), Command::Status5),
    (Key::ch('w'), Command::StatusWellKnown),
    (Key::ch('i'), Command::StatusIgnored),
    (Key::ch('x'), Command::StatusClear),
    (Key::ch('+'), Command::StatusUp),
    (Key::ch('-'), Command::StatusDown),
    (Key::ch('K'), Command::MarkRestKnown),
    (Key::ch('F'), Command::FamilyStatus),
    (Key::ch('H'), Command::ToggleHighlight),
    (Key::ch('S'), Command::Statistics),
    (Key::ch('L'), Command::Vocabulary),
    (Key::ch('T'), Command::TranslateArticle),
    (Key::ch('t'), Command::TranslateSentence),
    (Key::ch('c'), Command::CorrectTranslation),
    (Key::ch('R'), Command::Review),
    (Key::ch('p'), Command::Speak),
    (Key::ch('P'), Command::SpeakSentence),
    (Key::ch('}'), Command::ScrollVocabularyDown),
    (Key::ch('{'), Command::ScrollVocabularyUp),
    (Key::ch('?'), Command::Help),
    (Key::plain(KeyCode::Esc), Command::Back),
    (Key::ch('q'), Command::Quit),
    (Key::ctrl('c'), Command::Quit),
];

/// Commands shown as hints in the status line, most important first: narrow screens show
/// only those that fit.
pub const HINTS: &[Command] = &[
    Command::Help,
    Command::NextTerm,
    Command::Search,
    Command::Quit,
];

/// Quits from anywhere, whatever the settings say, so no binding can lock the learner in.
pub const ALWAYS_QUITS: Key = Key::ctrl('c');

/// The reader's keys: the defaults with the learner's `[keys]` applied. The help overlay and
/// every key hint are generated from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Command)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULT_KEYMAP.to_vec(),
        }
    }
}

impl Keymap {
    /// The command bound to `key`, if any.
    pub fn command_for(&self, key: Key) -> Option<Command> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, c)| c)
    }

    /// All keys bound to `command`, the learner's first.
    pub fn keys_for(&self, command: Command) -> impl Iterator<Item = Key> + '_ {
        self.bindings
            .iter()
            .filter(move |(_, c)| *c == command)
            .map(|&(k, _)| k)
    }

    /// The first key of `command`, as hints show it.
    pub fn label(&self, command: Command) -> String {
        self.keys_for(command)
            .next()
            .map(Key::label)
            .unwrap_or_default()
    }

    /// The first key of each command, with spaces between; the five statuses on 1 to 5 are
    /// "1-5".
    pub fn labels(&self, commands: &[Command]) -> String {
        let labels: Vec<String> = commands.iter().map(|c| self.label(*c)).collect();
        if labels.len() > 2
            && labels.iter().enumerate().all(|(i, label)| {
                label.len() == 1 && label.as_bytes()[0] == labels[0].as_bytes()[0] + i as u8
            })
        {
            return format!("{}-{}", labels[0], labels[labels.len() - 1]);
        }
        labels.join(" ")
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn default_keymap_has_no_duplicate_keys() {
        let mut seen = HashSet::new();
        for (key, command) in DEFAULT_KEYMAP {
            assert!(
                seen.insert(key),
                "{key:?} is bound twice (again to {command:?})"
            );
        }
    }

    #[test]
    fn every_command_has_a_key() {
        for command in Command::ALL {
            assert!(
                Keymap::default().keys_for(*command).next().is_some(),
                "{command:?} has no key"
            );
        }
    }

    #[test]
    fn shifted_characters_match_without_tracking_shift() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let keymap = Keymap::default();
        assert_eq!(
            keymap.command_for(Key::from_event(event)),
            Some(Command::Bottom)
        );
        let ctrl_shift = KeyEvent::new(
            KeyCode::Char('F'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(
            keymap.command_for(Key::from_event(ctrl_shift)),
            Some(Command::PageDown)
        );
    }
}
