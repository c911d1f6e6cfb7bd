//! `F`: one status for a whole word family — the root and every form of it in the open
//! article — after asking which, undone by one `u`.

use super::{App, Mode};
use crate::glossary::Status;
use crate::knowledge::UnitKey;
use crate::ui::command::Command;

impl App {
    /// The root of the family at the cursor and the keys (folded words, or terms' keys) its
    /// status goes to: the root first, then the article's forms in order of appearance.
    pub(super) fn family_keys(&self) -> Option<(String, Vec<String>)> {
        let (root, _, units) = self.knowledge.family_at(self.cursor)?;
        let mut keys = vec![root.to_owned()];
        for unit in units {
            let key = match &unit.key {
                UnitKey::Word(word) => word.clone(),
                UnitKey::Entry(id) => self.glossary().entry(*id).key.clone(),
            };
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        Some((root.to_owned(), keys))
    }

    /// `F`: asks which status the family at the cursor gets.
    pub(super) fn ask_family_status(&mut self) {
        // The same keys the answer writes: the root, then its other forms here, each once.
        match self.family_keys() {
            Some((root, keys)) => {
                let forms = keys.iter().filter(|key| **key != root).count();
                self.mode = Mode::ConfirmFamily { root, forms };
            }
            None => self.notify(
                "No word family here: kabar found no root for this word",
                false,
            ),
        }
    }

    /// The answer to `F`'s question: a status command sets it (`x` clears it) on the root
    /// and every form of its family here, as one change `u` takes back; anything else cancels.
    pub(super) fn answer_family_status(&mut self, command: Option<Command>) {
        self.mode = Mode::Reading;
        let status = match command {
            Some(Command::StatusClear) => None,
            // A step up or down has no meaning for forms at different steps.
            Some(Command::StatusUp | Command::StatusDown) | None => {
                return self.notify("Family left as it was", false);
            }
            Some(command) => match super::statuses::next_status(command, None) {
                Some(status) => Some(status),
                None => return self.notify("Family left as it was", false),
            },
        };
        let Some((root, keys)) = self.family_keys() else {
            return;
        };
        let count = keys.len();
        let changes = keys.into_iter().map(|key| (key, status)).collect();
        self.write_word_statuses(changes, true);
        let what = match status {
            None => "status cleared".to_owned(),
            Some(Status::WellKnown) => "well known".to_owned(),
            Some(Status::Ignored) => "ignored".to_owned(),
            Some(Status::Level(n)) => format!("status {n}"),
        };
        let words = if count == 1 { "word" } else { "words" };
        self.notify(
            format!(
                "Family {root}: {what} for {count} {words} ({} undoes)",
                self.keymap.label(crate::ui::command::Command::Undo)
            ),
            false,
        );
    }
}
