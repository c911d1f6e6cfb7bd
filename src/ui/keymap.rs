//! The default keymap: one table from keys to commands. The help overlay and the key hints in
//! the status line are generated from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::Command;

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

    /// The keymap's view of a terminal key event.
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// How the key is written in help and hints.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("C-{base}") } else { base }
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

/// The command bound to `key`, if any.
pub fn command_for(key: Key) -> Option<Command> {
    DEFAULT_KEYMAP
        .iter()
        .find(|(k, _)| *k == key)
        .map(|&(_, c)| c)
}

/// All keys bound to `command`, in table order.
pub fn keys_for(command: Command) -> impl Iterator<Item = Key> {
    DEFAULT_KEYMAP
        .iter()
        .filter(move |(_, c)| *c == command)
        .map(|&(k, _)| k)
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
                keys_for(*command).next().is_some(),
                "{command:?} has no key"
            );
        }
    }

    #[test]
    fn shifted_characters_match_without_tracking_shift() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(command_for(Key::from_event(event)), Some(Command::Bottom));
    }
}
