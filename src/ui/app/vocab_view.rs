//! The list of what to learn in the open article (`L`): unknown words by root and frequency,
//! and recurring phrases that are not in the glossary. Enter jumps to the first occurrence; `a`
//! adds it to the glossary.

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::document::Document;
use crate::glossary::Glossary;
use crate::knowledge::Knowledge;
use crate::ui::command::Command;
use crate::ui::keymap::{Key, Keymap};
use crate::vocab::{self, Phrase, WordGroup};

/// Which list is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Unknown words.
    Words,
    /// Phrase candidates.
    Phrases,
}

/// What a key did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing for the reader to do.
    Stay,
    /// Close the list.
    Close,
    /// Quit kabar.
    Quit,
    /// Close and move to these tokens.
    Jump(Range<usize>),
    /// Close and open the add form for these tokens.
    Add(Range<usize>),
}

/// The lists and where the learner is in them.
#[derive(Clone, Debug)]
pub struct VocabView {
    /// The tab shown.
    pub tab: Tab,
    /// Unknown words, most frequent first.
    pub words: Vec<WordGroup>,
    /// Phrase candidates, most frequent first.
    pub phrases: Vec<Phrase>,
    /// The selected row of each tab.
    pub selected: [usize; 2],
}

impl VocabView {
    /// Computes both lists for the open article (once, when the list opens).
    pub fn new(doc: &Document, knowledge: &Knowledge, glossary: &Glossary) -> VocabView {
        VocabView {
            tab: Tab::Words,
            words: vocab::unknown_words(&[(doc, knowledge)]),
            phrases: vocab::phrase_candidates(&[doc], glossary),
            selected: [0, 0],
        }
    }

    /// The number of rows in the tab shown.
    pub fn len(&self) -> usize {
        match self.tab {
            Tab::Words => self.words.len(),
            Tab::Phrases => self.phrases.len(),
        }
    }

    /// Whether the tab shown is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The selected row of the tab shown.
    pub fn selected(&self) -> usize {
        self.selected[self.tab as usize]
    }

    fn place(&self) -> Option<Range<usize>> {
        let i = self.selected();
        match self.tab {
            Tab::Words => self.words.get(i).map(|w| w.first.tokens.clone()),
            Tab::Phrases => self.phrases.get(i).map(|p| p.first.tokens.clone()),
        }
    }

    /// Handles a key: the list keys move, Enter goes to the item, and the learner's keys for
    /// adding, switching words and terms (either way), closing and quitting do as in the
    /// reader.
    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> Outcome {
        if let Some(row) = crate::ui::list::moved(self.selected(), self.len(), key.code) {
            self.selected[self.tab as usize] = row;
            return Outcome::Stay;
        }
        if key.code == KeyCode::Enter {
            return self.place().map_or(Outcome::Stay, Outcome::Jump);
        }
        match keymap.command_for(Key::from_event(key)) {
            Some(
                Command::NextTerm
                | Command::PreviousTerm
                | Command::NextWord
                | Command::PreviousWord,
            ) => {
                self.tab = match self.tab {
                    Tab::Words => Tab::Phrases,
                    Tab::Phrases => Tab::Words,
                };
            }
            Some(Command::AddTerm) => return self.place().map_or(Outcome::Stay, Outcome::Add),
            Some(Command::Quit) => return Outcome::Quit,
            Some(Command::Back | Command::Vocabulary) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }
}
