//! Learning statuses set from the reader: a term's or word's status, `K` for the rest of the
//! article, and what `u` takes back. The statuses are applied in memory at once; saving is an
//! [`Effect`] for the event loop.

use super::{App, Effect};
use crate::glossary::Status;
use crate::knowledge::{Standing, Unit, UnitKey};
use crate::token::TokenKind;
use crate::ui::command::Command;
use crate::word_status::{self, WordStatuses};

/// The status a status command gives a term or word whose status is `current`.
pub(super) fn next_status(command: Command, current: Option<Status>) -> Option<Status> {
    match command {
        Command::Status1 => Some(Status::Level(1)),
        Command::Status2 => Some(Status::Level(2)),
        Command::Status3 => Some(Status::Level(3)),
        Command::Status4 => Some(Status::Level(4)),
        Command::Status5 => Some(Status::Level(5)),
        Command::StatusWellKnown => Some(Status::WellKnown),
        Command::StatusIgnored => Some(Status::Ignored),
        Command::StatusUp => Status::up(current),
        Command::StatusDown => Status::down(current),
        _ => None,
    }
}

/// "dan: well known (u undoes)", with the learner's undo key.
fn status_notice(word: &str, status: Option<Status>, undo: &str) -> String {
    let what = match status {
        None => "status cleared".to_owned(),
        Some(Status::WellKnown) => "well known".to_owned(),
        Some(Status::Ignored) => "ignored".to_owned(),
        Some(Status::Level(5)) => "5, learned".to_owned(),
        Some(Status::Level(n)) => format!("status {n}"),
    };
    format!("{word}: {what} ({undo} undoes)")
}

/// A change `u` can take back.
#[derive(Clone, Debug)]
pub(super) enum Undoable {
    /// A glossary file change, undone by putting its text back.
    Glossary(crate::glossary::edit::Change),
    /// Word statuses changed, with the statuses they replaced.
    Words {
        /// What to put back.
        previous: Vec<word_status::Change>,
        /// Whether `previous` is what the file had (else what memory had, until the save
        /// reports).
        on_disk: bool,
    },
}

impl App {
    /// Sets the learning status of the term or word under the cursor. Every status goes into
    /// the learner's progress (`words.toml`), never into a glossary file: a glossary term is
    /// known there by its text, and a term rated for learning keeps the sentence it was met in.
    pub(super) fn set_status(&mut self, command: Command) {
        if let Some(m) = self.current_match().copied() {
            let entry = self.glossary().entry(m.entry);
            let (key, term) = (entry.key.clone(), entry.term.clone());
            let current = self.words.of_entry(entry);
            let status = next_status(command, current);
            if status == current {
                return;
            }
            // The sentence gives the term's review card and Anki note their context.
            let example = (matches!(status, Some(Status::Level(1..=4)))
                && self.words.examples(&key).is_empty())
            .then(|| (key.clone(), self.example_at(self.cursor)));
            self.write_statuses(vec![(key, status)], example.into_iter().collect(), true);
            let shown = self.words.of_entry(self.glossary().entry(m.entry));
            let undo = self.keymap.label(Command::Undo);
            let notice = match (status, shown) {
                (None, Some(start)) => format!(
                    "{term}: your status cleared; its glossary file starts it at {start} ({undo} undoes)"
                ),
                _ => status_notice(&term, status, &undo),
            };
            self.notify(notice, false);
            return;
        }
        let Some(token) = self.doc.tokens().get(self.cursor) else {
            return;
        };
        if !matches!(token.kind, TokenKind::Word | TokenKind::Acronym) {
            self.notify("Numbers and punctuation have no status", false);
            return;
        }
        // The unit knows whether the document uses the word as a name, kept apart from the
        // lower-case word it spells (Kim, not kim).
        let (word, current) = match self.knowledge.unit_at(self.cursor) {
            Some(
                unit @ Unit {
                    key: UnitKey::Word(word),
                    ..
                },
            ) => (word.clone(), unit.own.or(unit.spelled)),
            _ => {
                let word = crate::text::fold(self.doc.token_text(self.cursor));
                let current = self.words.get(&word);
                (word, current)
            }
        };
        let status = next_status(command, current);
        if status != current {
            let undo = self.keymap.label(Command::Undo);
            let folded = crate::text::fold(&word);
            let label = if folded == word {
                word.clone()
            } else {
                format!("{word} (a name, apart from the word {folded})")
            };
            self.notify(status_notice(&label, status, &undo), false);
            self.write_word_statuses(vec![(word, status)], true);
        }
    }

    /// Sets word statuses in memory, updates the counts and queues the save; with `record`,
    /// `u` can take it back (to what the file had, once the save reports it).
    pub(super) fn write_word_statuses(&mut self, changes: Vec<word_status::Change>, record: bool) {
        self.write_statuses(changes, Vec::new(), record);
    }

    /// [`App::write_word_statuses`], keeping `examples` beside the new statuses.
    fn write_statuses(
        &mut self,
        changes: Vec<word_status::Change>,
        examples: Vec<word_status::Example>,
        record: bool,
    ) {
        let changes: Vec<_> = changes
            .into_iter()
            .map(|(word, status)| (word_status::key(&word), status))
            .collect();
        let previous = self.words.apply(&changes);
        self.rated_forms.take();
        self.words.apply_examples(&examples);
        for (word, status) in &changes {
            self.knowledge.set_word(word, *status);
            // A glossary term spelled so takes it too (or, without one, its file's status).
            if let Some(id) = self.layers.glossary().lookup_folded(word) {
                let status = self.words.of_entry(self.glossary().entry(id));
                self.knowledge.set_entry(id, status);
            }
        }
        if record {
            self.changes.push(Undoable::Words {
                previous,
                on_disk: false,
            });
        }
        self.effects.push(Effect::SaveWordStatuses {
            changes,
            examples,
            record,
        });
    }

    /// A save of word statuses reported what the file had for those words: that is what `u`
    /// puts back (hand edits made while kabar ran included).
    pub fn word_statuses_saved(&mut self, on_disk: Vec<word_status::Change>) {
        let waiting = self.changes.iter_mut().find_map(|change| match change {
            Undoable::Words {
                previous,
                on_disk: false,
            } => Some(previous),
            _ => None,
        });
        if let Some(previous) = waiting
            && !on_disk.is_empty()
        {
            *previous = on_disk;
        }
        for change in &mut self.changes {
            if let Undoable::Words {
                on_disk: done @ false,
                ..
            } = change
            {
                *done = true;
                break;
            }
        }
    }

    /// Takes in word statuses read again from disk (edited by hand while kabar runs). Our own
    /// saves come back this way too: when nothing differs, nothing is rebuilt.
    pub fn replace_word_statuses(&mut self, words: WordStatuses) {
        let same = self.words.same_statuses(&words);
        self.words = words;
        self.rated_forms.take();
        if !same {
            self.rebuild_knowledge();
        }
    }

    /// The article's words that are neither in the glossary nor rated (names excluded).
    pub(super) fn unknown_words(&self) -> impl Iterator<Item = &str> {
        self.knowledge
            .units()
            .iter()
            .filter(|unit| unit.standing == Standing::Unknown)
            .filter_map(|unit| match &unit.key {
                crate::knowledge::UnitKey::Word(word) => Some(word.as_str()),
                crate::knowledge::UnitKey::Entry(_) => None,
            })
    }

    /// `K` confirmed: every unknown word of the article becomes well known.
    pub(super) fn mark_rest_known(&mut self) {
        let changes: Vec<_> = self
            .unknown_words()
            .map(|word| (word.to_owned(), Some(Status::WellKnown)))
            .collect();
        let count = changes.len();
        self.write_word_statuses(changes, true);
        let words = if count == 1 { "word" } else { "words" };
        self.notify(
            format!(
                "Marked {count} {words} well known ({} undoes)",
                self.keymap.label(Command::Undo)
            ),
            false,
        );
    }
}
