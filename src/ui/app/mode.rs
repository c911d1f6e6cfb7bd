//! The reader's modes (what has the keyboard), the effects `update` queues for the event loop,
//! and the messages it shows. Plain data: no IO, no terminal events.

use tui_input::Input;

use super::{form, stats, vocab_view};
use crate::word_status;

/// What has the keyboard.
#[derive(Debug, Default)]
pub enum Mode {
    /// Moving through the article.
    #[default]
    Reading,
    /// Typing a search after `/`.
    Searching(Input),
    /// The help overlay is open.
    Help,
    /// Growing a selection of words from `anchor` to the cursor, to add as one term.
    Selecting {
        /// Where the selection started.
        anchor: usize,
    },
    /// The add-entry form is open.
    Adding(Box<form::Form>),
    /// Asking whether to mark the article's `count` unknown words well known (`K`).
    ConfirmKnown {
        /// How many distinct words that is.
        count: usize,
    },
    /// Asking which status the word family of `root` gets (`F`): its `forms` here and the
    /// root.
    ConfirmFamily {
        /// The family's root.
        root: String,
        /// How many of its forms the article has.
        forms: usize,
    },
    /// The statistics overlay (`S`), computed when it opened.
    Stats(Box<stats::Stats>),
    /// The list of words and phrases to learn (`L`).
    Vocab(Box<vocab_view::VocabView>),
    /// Asking whether to delete `term` (y deletes, anything else keeps it).
    ConfirmDelete {
        /// The term to delete.
        term: String,
        /// The file it is in, for the question.
        file: String,
    },
}

/// Work with side effects that `update` asks the event loop to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Write a new entry to a glossary file (relative to the glossary folder), then reload.
    AddEntry {
        /// The entry.
        draft: crate::glossary::edit::EntryDraft,
        /// The file.
        file: String,
    },
    /// Change the fields of an entry that differ between `before` and `after`, then reload.
    EditEntry {
        /// The entry's term as it is now.
        term: String,
        /// The fields when the form opened.
        before: crate::glossary::edit::EntryDraft,
        /// The fields when it was saved.
        after: crate::glossary::edit::EntryDraft,
    },
    /// Remove an entry, then reload.
    RemoveEntry {
        /// The term.
        term: String,
    },
    /// Put back the text the last change replaced, then reload.
    Undo(crate::glossary::edit::Change),
    /// Save statuses of words and terms (already applied in memory) to `words.toml`.
    SaveWordStatuses {
        /// The words and their new statuses.
        changes: Vec<word_status::Change>,
        /// Sentences to keep beside the new statuses (the one a term was rated in).
        examples: Vec<word_status::Example>,
        /// Whether `u` can take it back (false for an undo itself).
        record: bool,
    },
    /// Speak `text` with the Indonesian voice, without waiting for it.
    Speak(String),
    /// Translate a paragraph or sentence in the background.
    Translate(Box<crate::translation::worker::Request>),
    /// Suspend the reader and open a paragraph's English in the editor, then save what the
    /// learner wrote as the paragraph's corrected translation.
    CorrectTranslation {
        /// The paragraph (from 0).
        paragraph: usize,
        /// Its English now (empty when it has none).
        english: String,
        /// Its Indonesian, shown in the file for reference.
        indonesian: String,
    },
    /// Suspend the reader and open a glossary file in the user's editor at a line.
    OpenEditor {
        /// The file.
        path: std::path::PathBuf,
        /// The 1-based line.
        line: usize,
    },
}

/// A change of screen the reader cannot make itself: the shell around it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreenRequest {
    /// Leave the article for the library (Esc with nothing else to close).
    Close,
    /// Start a review of the learning terms (`R`).
    Review,
}

/// A one-line message in the status line until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a problem rather than information.
    pub is_warning: bool,
}
