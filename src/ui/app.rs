//! The reader's state and how commands change it. `update` only mutates state; it never does
//! IO, so tests drive it with plain key sequences and check the result.

pub mod form;
mod navigation;
pub mod stats;
pub mod vocab_view;

use std::cell::RefCell;
use std::ops::Range;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Rect, Size};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::command::Command;
use super::keymap::{Key, command_for};
use super::layout::Areas;
use super::rows::{RowPos, Rows};
use super::theme::Theme;
use super::wrap::WrapCache;
use crate::document::Document;
use crate::glossary::{Glossary, Status};
use crate::knowledge::{Knowledge, Standing};
use crate::layers::Layers;
use crate::matcher::TermMatch;
use crate::text::fold;
use crate::token::TokenKind;
use crate::word_status::{self, WordStatuses};

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
    /// Save statuses of words (already applied in memory) to `words.toml`.
    SaveWordStatuses {
        /// The words and their new statuses.
        changes: Vec<word_status::Change>,
        /// Whether `u` can take it back (false for an undo itself).
        record: bool,
    },
    /// Speak `text` with the Indonesian voice, without waiting for it.
    Speak(String),
    /// Suspend the reader and open a glossary file in the user's editor at a line.
    OpenEditor {
        /// The file.
        path: std::path::PathBuf,
        /// The 1-based line.
        line: usize,
    },
}

/// The status a status command gives a term or word whose status is `current`.
fn next_status(command: Command, current: Option<Status>) -> Option<Status> {
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

/// "dan: well known (u undoes)".
fn status_notice(word: &str, status: Option<Status>) -> String {
    let what = match status {
        None => "status cleared".to_owned(),
        Some(Status::WellKnown) => "well known".to_owned(),
        Some(Status::Ignored) => "ignored".to_owned(),
        Some(Status::Level(5)) => "5, learned".to_owned(),
        Some(Status::Level(n)) => format!("status {n}"),
    };
    format!("{word}: {what} (u undoes)")
}

/// A change `u` can take back.
#[derive(Clone, Debug)]
enum Undoable {
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

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    pub(super) layers: Layers,
    pub(super) doc: Document,
    pub(super) theme: Theme,
    pub(super) cursor: usize,
    /// Display column kept while moving up and down, as editors do.
    goal_column: Option<u16>,
    pub(super) top: RowPos,
    pub(super) size: Size,
    pub(super) mode: Mode,
    last_search: Option<String>,
    pub(super) search_hit: Option<Range<usize>>,
    pub(super) pane_visible: bool,
    /// Whether terms are highlighted at all (`H`).
    pub(super) highlighting: bool,
    /// First line of the help overlay shown, for screens too short for all of it.
    pub(super) help_scroll: u16,
    /// First row of the vocabulary list, or `None` to follow the current term.
    pub(super) vocabulary_offset: Option<usize>,
    pub(super) notice: Option<Notice>,
    /// Problems with the glossary, shown in a bar until dismissed.
    pub(super) warnings: Vec<String>,
    /// The warnings [`App::add_warning`] put up for files broken while reading, taken down
    /// again once the file is fixed.
    kept_problems: Vec<String>,
    pub(super) warnings_visible: bool,
    running: bool,
    /// Effects queued by `update` for the event loop.
    effects: Vec<Effect>,
    /// Changes made in this session, newest last, for `u`.
    changes: Vec<Undoable>,
    /// The statuses of words without a glossary entry.
    pub(super) words: WordStatuses,
    /// Where the learner stands on each word of the document.
    pub(super) knowledge: Knowledge,
    /// Whether Esc, with nothing else to back out of, returns to a library.
    closable: bool,
    /// A screen change asked for by the last key, for the shell.
    screen_request: Option<ScreenRequest>,
    /// Where new entries are written, when the glossary is a folder kabar may change.
    glossary_dir: Option<std::path::PathBuf>,
    /// Memoized line wrapping; interior mutability keeps `view` a function of `&App`.
    pub(super) wrap: RefCell<WrapCache>,
}

impl App {
    /// A reader on `doc`, annotated with `layers`, for a terminal of `size`.
    pub fn new(doc: Document, layers: Layers, size: Size) -> App {
        App::with_statuses(doc, layers, WordStatuses::in_memory(), size)
    }

    /// A reader that shows and saves the learner's word statuses `words`; where the learner
    /// stands on each word is worked out once, here.
    pub fn with_statuses(doc: Document, layers: Layers, words: WordStatuses, size: Size) -> App {
        let warnings = layers
            .glossary()
            .problems()
            .iter()
            .map(ToString::to_string)
            .chain(doc.article().warnings.iter().cloned())
            .collect();
        let cursor = (0..doc.tokens().len())
            .find(|&t| doc.tokens()[t].kind.is_wordlike())
            .unwrap_or(0);
        let knowledge =
            Knowledge::new(&doc, layers.glossary(), &words, layers.analyser().lexicon());
        let mut app = App {
            layers,
            doc,
            theme: Theme::color(),
            cursor,
            goal_column: None,
            top: RowPos::default(),
            size,
            mode: Mode::Reading,
            last_search: None,
            search_hit: None,
            pane_visible: true,
            highlighting: true,
            help_scroll: 0,
            vocabulary_offset: None,
            notice: None,
            warnings_visible: true,
            warnings,
            kept_problems: Vec::new(),
            running: true,
            effects: Vec::new(),
            changes: Vec::new(),
            words,
            knowledge,
            closable: false,
            screen_request: None,
            glossary_dir: None,
            wrap: RefCell::new(WrapCache::default()),
        };
        app.ensure_cursor_visible();
        app
    }

    /// Replaces the theme (for `NO_COLOR`).
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    /// Adds a warning shown in the warning bar (for example "no glossary folder found").
    pub fn with_warning(mut self, warning: impl Into<String>) -> App {
        self.warnings.push(warning.into());
        self.ensure_cursor_visible();
        self
    }

    fn rebuild_knowledge(&mut self) {
        self.knowledge = Knowledge::new(
            &self.doc,
            self.layers.glossary(),
            &self.words,
            self.layers.analyser().lexicon(),
        );
    }

    /// Where the learner stands on the document's words.
    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// The statuses of words without a glossary entry.
    pub fn word_statuses(&self) -> &WordStatuses {
        &self.words
    }

    /// Lets Esc return to the library the article was opened from.
    pub fn with_library_behind(mut self) -> App {
        self.closable = true;
        self
    }

    /// Puts the cursor on token `t` (clamped to the article), as when reopening an article
    /// where reading stopped.
    pub fn go_to(&mut self, t: usize) {
        let last = self.doc.tokens().len().saturating_sub(1);
        self.move_to(Some(t.min(last)));
    }

    /// Takes the reader apart when its article is closed: the layers and statuses serve
    /// the next article.
    pub fn into_parts(self) -> (Layers, WordStatuses) {
        (self.layers, self.words)
    }

    /// Lets the reader add entries to the glossary folder `dir`.
    pub fn with_glossary_dir(mut self, dir: std::path::PathBuf) -> App {
        self.glossary_dir = Some(dir);
        self
    }

    /// The glossary folder entries are added to, if any.
    pub fn glossary_dir(&self) -> Option<&std::path::Path> {
        self.glossary_dir.as_deref()
    }

    /// What the reader asks of the screen around it, if anything (taking the request).
    pub fn take_screen_request(&mut self) -> Option<ScreenRequest> {
        self.screen_request.take()
    }

    /// The layers the reader uses.
    pub fn layers(&self) -> &Layers {
        &self.layers
    }

    /// Takes the effects queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Swaps in a reloaded glossary, re-annotating the article and keeping the reading place.
    pub fn replace_layers(&mut self, layers: Layers) {
        let article = self.doc.article().clone();
        self.doc = Document::new(article, &layers);
        self.warnings = layers
            .glossary()
            .problems()
            .iter()
            .map(ToString::to_string)
            .chain(self.doc.article().warnings.iter().cloned())
            .collect();
        self.layers = layers;
        self.rebuild_knowledge();
        self.cursor = self.cursor.min(self.doc.tokens().len().saturating_sub(1));
        self.search_hit = None;
        *self.wrap.borrow_mut() = WrapCache::default();
        self.ensure_cursor_visible();
    }

    /// Applies an edit already written to its file to the entry in memory (same term, so
    /// nothing else needs rebuilding).
    pub fn patch_entry(&mut self, term: &str, after: &crate::glossary::edit::EntryDraft) {
        if let Some(id) = self.glossary().lookup(term) {
            self.layers.update_entry(id, after);
            let status = self.glossary().entry(id).status;
            let status = status.or_else(|| self.words.get(&self.glossary().entry(id).key));
            self.knowledge.set_entry(id, status);
        }
    }

    /// Takes down the warnings of broken files that `current` (the problems the glossary on
    /// disk has now) no longer lists; says so when one was showing. Whether a file was fixed.
    pub fn drop_fixed_problems(&mut self, current: &[String]) -> bool {
        let fixed: Vec<String> = self
            .kept_problems
            .iter()
            .filter(|kept| !current.contains(kept))
            .cloned()
            .collect();
        if fixed.is_empty() {
            return false;
        }
        self.kept_problems.retain(|kept| !fixed.contains(kept));
        self.warnings.retain(|w| !fixed.contains(w));
        true
    }

    /// Puts a warning at the front of the warning bar and shows the bar.
    pub fn add_warning(&mut self, warning: String) {
        self.warnings.retain(|w| w != &warning);
        self.kept_problems.push(warning.clone());
        self.warnings.insert(0, warning);
        self.warnings_visible = true;
    }

    /// Remembers a change written to the glossary, so `u` can undo it.
    pub fn record_change(&mut self, change: crate::glossary::edit::Change) {
        self.changes.push(Undoable::Glossary(change));
    }

    /// Shows a message in the status line.
    pub fn show_notice(&mut self, text: impl Into<String>, is_warning: bool) {
        self.notify(text, is_warning);
    }

    /// The token range selected with `v`, while selecting.
    pub fn selection(&self) -> Option<std::ops::Range<usize>> {
        match self.mode {
            Mode::Selecting { anchor } => {
                Some(anchor.min(self.cursor)..anchor.max(self.cursor) + 1)
            }
            _ => None,
        }
    }

    /// Whether the reader should keep running.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The token under the cursor.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The terminal size the app lays itself out for.
    pub fn size(&self) -> Size {
        self.size
    }

    /// The first visible row of the article.
    pub fn top(&self) -> RowPos {
        self.top
    }

    /// The document being read.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The glossary the document was matched against.
    pub fn glossary(&self) -> &Glossary {
        self.layers.glossary()
    }

    /// The current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The message in the status line, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The highlighted term under the cursor.
    pub fn current_match(&self) -> Option<&TermMatch> {
        self.doc.match_at(self.cursor).map(|(_, m)| m)
    }

    /// The screen areas for the current size.
    pub(super) fn areas(&self) -> Areas {
        Areas::new(
            Rect::new(0, 0, self.size.width, self.size.height),
            self.pane_visible,
            self.warnings_visible && !self.warnings.is_empty(),
        )
    }

    fn rows(&self) -> Rows<'_> {
        Rows::new(&self.doc, self.wrap.borrow_mut(), self.areas().text.width)
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key, event),
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            Event::Resize(width, height) => self.resize(Size::new(*width, *height)),
            Event::Paste(text) => self.paste(text),
            _ => {}
        }
    }

    fn handle_key(&mut self, key: KeyEvent, event: &Event) {
        self.notice = None;
        match &mut self.mode {
            Mode::Searching(input) => match key.code {
                KeyCode::Enter => {
                    let query = input.value().trim().to_owned();
                    self.mode = Mode::Reading;
                    if !query.is_empty() {
                        self.last_search = Some(query);
                        self.search(true);
                    }
                }
                KeyCode::Esc => self.mode = Mode::Reading,
                _ => {
                    input.handle_event(event);
                }
            },
            Mode::Help => match command_for(Key::from_event(key)) {
                // Ctrl-C quits from anywhere; q closes the help, as in less.
                Some(Command::Quit) if Key::from_event(key).ctrl => self.update(Command::Quit),
                // The help scrolls on small screens; any other key closes it.
                Some(Command::LineDown | Command::PageDown) => self.help_scroll += 1,
                Some(Command::LineUp | Command::PageUp) => {
                    self.help_scroll = self.help_scroll.saturating_sub(1)
                }
                _ => self.mode = Mode::Reading,
            },
            Mode::Adding(form) => match form.handle_key(key, event) {
                form::FormOutcome::Editing => {}
                form::FormOutcome::Cancelled => self.mode = Mode::Reading,
                form::FormOutcome::Save(draft, file) => {
                    let draft = *draft;
                    let effect = match (form.editing.clone(), form.original.clone()) {
                        (Some(term), Some(before)) => {
                            if fold(&draft.term) != fold(&before.term) {
                                form.error = Some("the term of an entry cannot change here: d deletes it, a adds the new one".into());
                                return;
                            }
                            Effect::EditEntry {
                                term,
                                before,
                                after: draft,
                            }
                        }
                        _ => {
                            // A bad file name is a message in the form, not a lost form.
                            if let Some(dir) = &self.glossary_dir
                                && let Err(err) = crate::glossary::edit::inside_folder(
                                    dir,
                                    std::path::Path::new(&file),
                                )
                            {
                                form.error = Some(err.to_string());
                                return;
                            }
                            Effect::AddEntry { draft, file }
                        }
                    };
                    self.effects.push(effect);
                    self.mode = Mode::Reading;
                }
            },
            Mode::ConfirmKnown { .. } => {
                self.mode = Mode::Reading;
                if key.code == KeyCode::Char('y') {
                    self.mark_rest_known();
                }
            }
            Mode::Stats(_) => match command_for(Key::from_event(key)) {
                Some(Command::Quit) => self.update(Command::Quit),
                _ => self.mode = Mode::Reading,
            },
            Mode::Vocab(view) => match view.handle_key(key) {
                vocab_view::Outcome::Stay => {}
                vocab_view::Outcome::Close => self.mode = Mode::Reading,
                vocab_view::Outcome::Quit => self.update(Command::Quit),
                vocab_view::Outcome::Jump(range) => {
                    self.mode = Mode::Reading;
                    self.move_to(Some(range.start));
                }
                vocab_view::Outcome::Add(range) => {
                    self.mode = Mode::Reading;
                    self.move_to(Some(range.end - 1));
                    self.mode = Mode::Selecting {
                        anchor: range.start,
                    };
                    self.open_form();
                }
            },
            Mode::ConfirmDelete { term, .. } => {
                if key.code == KeyCode::Char('y') {
                    self.effects
                        .push(Effect::RemoveEntry { term: term.clone() });
                }
                self.mode = Mode::Reading;
            }
            Mode::Selecting { .. } => match command_for(Key::from_event(key)) {
                // The selection grows or shrinks word by word, across terms too.
                Some(Command::NextWord) => self.step_plain_word(true),
                Some(Command::PreviousWord) => self.step_plain_word(false),
                Some(Command::AddTerm) => self.open_form(),
                Some(Command::Quit) => self.update(Command::Quit),
                _ => self.mode = Mode::Reading,
            },
            Mode::Reading => {
                if let Some(command) = command_for(Key::from_event(key)) {
                    self.update(command);
                }
            }
        }
    }

    /// Opens the edit form for `term` (already in the glossary), saying why.
    pub fn offer_edit(&mut self, term: &str) {
        let Some(id) = self.glossary().lookup(term) else {
            return;
        };
        let entry = self.glossary().entry(id).clone();
        let file = self.glossary().file_of(&entry).display().to_string();
        let mut form = form::Form::for_entry(&entry, &file);
        form.error = Some(format!(
            "\"{}\" is already in {file}: edit it here instead",
            entry.term
        ));
        self.mode = Mode::Adding(Box::new(form));
    }

    /// Whether there is a glossary folder to write to; says how to get one when not (the
    /// built-in glossary cannot be changed).
    fn can_change_glossary(&mut self) -> bool {
        if self.glossary_dir.is_none() {
            self.notify(
                "Changing the glossary needs a glossary folder: run kabar where ./glossary is, or pass --glossary DIR",
                true,
            );
        }
        self.glossary_dir.is_some()
    }

    /// Sets the learning status of the term or word under the cursor: a glossary term's goes
    /// into its entry when there is a glossary folder to write; any other word's (and every
    /// term's with the built-in glossary) goes into `words.toml`.
    fn set_status(&mut self, command: Command) {
        if let Some(m) = self.current_match().copied() {
            let entry = self.glossary().entry(m.entry).clone();
            if self.glossary_dir.is_some() {
                self.set_entry_status(entry, command);
            } else {
                let current = entry.status.or_else(|| self.words.get(&entry.key));
                let status = next_status(command, current);
                if status != current {
                    self.write_word_statuses(vec![(entry.key, status)], true);
                    self.notify(status_notice(&entry.term, status), false);
                }
            }
            return;
        }
        let Some(token) = self.doc.tokens().get(self.cursor) else {
            return;
        };
        if !matches!(token.kind, TokenKind::Word | TokenKind::Acronym) {
            self.notify("Numbers and punctuation have no status", false);
            return;
        }
        let word = fold(self.doc.token_text(self.cursor));
        let current = self.words.get(&word);
        let status = next_status(command, current);
        if status != current {
            self.notify(status_notice(&word, status), false);
            self.write_word_statuses(vec![(word, status)], true);
        }
    }

    /// Writes a glossary term's status into its entry (through the comment-preserving edit).
    fn set_entry_status(&mut self, entry: crate::glossary::Entry, command: Command) {
        let term = entry.term.clone();
        // Keys pressed before the last change was written build on it (+ + is two steps).
        let pending = self.effects.iter().rposition(
            |effect| matches!(effect, Effect::EditEntry { term: pending, .. } if *pending == term),
        );
        let current = match pending.map(|i| &self.effects[i]) {
            Some(Effect::EditEntry { after, .. }) => after.status,
            _ => entry.status,
        };
        let status = next_status(command, current);
        if let Some(Effect::EditEntry { after, .. }) = pending.map(|i| &mut self.effects[i]) {
            after.status = status;
            return;
        }
        if status == current {
            return;
        }
        let before = crate::glossary::edit::EntryDraft::from_entry(&entry);
        let mut after = crate::glossary::edit::EntryDraft {
            status,
            ..before.clone()
        };
        // A term rated for learning gets the sentence it was met in, so its review card and
        // Anki note have context.
        if after.examples.is_empty() && matches!(status, Some(Status::Level(1..=4))) {
            after.examples.push(self.example_at(self.cursor));
        }
        self.effects.push(Effect::EditEntry {
            term,
            before,
            after,
        });
    }

    /// Sets word statuses in memory, updates the counts and queues the save; with `record`,
    /// `u` can take it back (to what the file had, once the save reports it).
    fn write_word_statuses(&mut self, changes: Vec<word_status::Change>, record: bool) {
        let changes: Vec<_> = changes
            .into_iter()
            .map(|(word, status)| (fold(&word), status))
            .collect();
        let previous = self.words.apply(&changes);
        for (word, status) in &changes {
            self.knowledge.set_word(word, *status);
            // A glossary term without a status of its own takes the one in words.toml.
            if let Some(id) = self.layers.glossary().lookup_folded(word)
                && self.glossary().entry(id).status.is_none()
            {
                self.knowledge.set_entry(id, *status);
            }
        }
        if record {
            self.changes.push(Undoable::Words {
                previous,
                on_disk: false,
            });
        }
        self.effects
            .push(Effect::SaveWordStatuses { changes, record });
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
        if !same {
            self.rebuild_knowledge();
        }
    }

    /// The article's words that are neither in the glossary nor rated (names excluded).
    fn unknown_words(&self) -> impl Iterator<Item = &str> {
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
    fn mark_rest_known(&mut self) {
        let changes: Vec<_> = self
            .unknown_words()
            .map(|word| (word.to_owned(), Some(Status::WellKnown)))
            .collect();
        let count = changes.len();
        self.write_word_statuses(changes, true);
        let words = if count == 1 { "word" } else { "words" };
        self.notify(
            format!("Marked {count} {words} well known (u undoes)"),
            false,
        );
    }

    /// `p` / `P`: the word or term under the cursor, or its sentence, to be spoken.
    fn speak(&mut self, command: Command) {
        if self.doc.tokens().is_empty() {
            return;
        }
        let text = if command == Command::SpeakSentence {
            self.doc.sentence_text(self.cursor).to_owned()
        } else {
            let span = self
                .current_match()
                .map_or(self.cursor..self.cursor + 1, TermMatch::tokens);
            self.doc.span_text(span).to_owned()
        };
        self.effects.push(Effect::Speak(text));
    }

    /// `e` or `d` on the highlighted term under the cursor.
    fn act_on_current_term(&mut self, command: Command) {
        let Some(m) = self.current_match().copied() else {
            self.notify("No glossary term under the cursor", false);
            return;
        };
        if !self.can_change_glossary() {
            return;
        }
        let entry = self.glossary().entry(m.entry).clone();
        if command == Command::EditInEditor {
            let path = self.glossary().file_of(&entry).to_path_buf();
            self.effects.push(Effect::OpenEditor {
                path,
                line: entry.at.line,
            });
            return;
        }
        if command == Command::DeleteTerm {
            let file = self.glossary().file_of(&entry).display().to_string();
            self.mode = Mode::ConfirmDelete {
                term: entry.term,
                file,
            };
            return;
        }
        let file = self.glossary().file_of(&entry).display().to_string();
        self.mode = Mode::Adding(Box::new(form::Form::for_entry(&entry, &file)));
    }

    /// Pasted text goes into the field being typed (line breaks become spaces); while reading
    /// it is ignored rather than run as keys.
    fn paste(&mut self, text: &str) {
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let input = match &mut self.mode {
            Mode::Adding(form) => &mut form.inputs[form.focus],
            Mode::Searching(input) => input,
            _ => return,
        };
        let value = format!("{}{}", input.value(), crate::text::sanitize(&text));
        *input = Input::new(value);
    }

    /// Opens the add form for the selection or the word under the cursor.
    fn open_form(&mut self) {
        if self.doc.tokens().is_empty() {
            return;
        }
        if !self.can_change_glossary() {
            self.mode = Mode::Reading;
            return;
        }
        // On a word of a dictionary phrase the phrase is what the pane explains, so it is
        // what `a` adds; a selection adds exactly what is selected.
        let phrase = self
            .selection()
            .is_none()
            .then(|| self.doc.phrase_at(self.cursor).map(|(_, p)| *p))
            .flatten();
        let span = self
            .selection()
            .or_else(|| phrase.map(|p| p.tokens()))
            .unwrap_or(self.cursor..self.cursor + 1);
        let mut surface = self.doc.span_text(span.clone()).to_owned();
        // "Mereka" at a sentence start is the word "mereka"; names inside a sentence keep
        // their capital.
        let token = self.doc.tokens()[span.start];
        if token.sentence_start && token.kind == crate::token::TokenKind::Word {
            surface = crate::text::lower_first(&surface);
        }
        if self.glossary().lookup(&surface).is_some() {
            self.offer_edit(&surface);
            return;
        }
        let analysis = (span.len() == 1)
            .then(|| self.doc.analysis(span.start))
            .flatten()
            .filter(|a| a.is_affixed());
        let root = analysis.map(|a| a.root.clone());
        let example = Some(self.example_at(span.start));
        let form = form::Form::new(&surface, root, example, crate::glossary::edit::DEFAULT_FILE);
        let form = self.prefill(form, span, phrase, analysis.cloned());
        self.mode = Mode::Adding(Box::new(form));
    }

    /// The add form filled in with what a dictionary says of the word or phrase, when a layer
    /// below the glossary explains it: its senses, or for a derived word the root's gloss as
    /// a note.
    fn prefill(
        &self,
        form: form::Form,
        span: std::ops::Range<usize>,
        phrase: Option<crate::layers::PhraseMatch>,
        analysis: Option<crate::morphology::Analysis>,
    ) -> form::Form {
        use crate::layers::{Answer, Via};
        let (answer, via) = match (phrase, span.len()) {
            (Some(p), _) => (
                Answer::Entry {
                    layer: p.layer,
                    value: p.value,
                },
                Via::Word,
            ),
            (None, 1) => match self.doc.explanation(span.start) {
                Some(explanation) => (explanation.answer, explanation.via),
                None => return form,
            },
            _ => return form,
        };
        let Some(meaning) = self.layers.meaning(answer) else {
            return form;
        };
        let from = self.layers.layer_name(meaning.layer).into_owned();
        match via {
            Via::Root => {
                let note =
                    analysis.map(|a| a.gloss(meaning.senses.first().map(String::as_str), None));
                form.prefilled(&[], None, note.as_deref(), &from)
            }
            Via::Word | Via::Enclitic(_) => {
                let mut form = form;
                if let Via::Enclitic(_) = via {
                    // The entry is the word without its enclitic: add that.
                    form.inputs[0] = tui_input::Input::new(meaning.headword.clone());
                }
                form.prefilled(
                    &meaning.senses,
                    meaning.pos.as_deref(),
                    meaning.note.as_deref(),
                    &from,
                )
            }
        }
    }

    /// The sentence holding token `t` with the article's title and source, as saved in an
    /// entry's examples: "Kim dan Putin akan bertemu. (Putin dan Kim …, Bloomberg Technoz)".
    fn example_at(&self, t: usize) -> String {
        let sentence = self.doc.sentence_text(t);
        let meta = &self.doc.article().meta;
        let source = [Some(self.doc.article().title()), meta.source.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        format!("{sentence} ({source})")
    }

    /// Applies one command.
    pub fn update(&mut self, command: Command) {
        let vertical = matches!(
            command,
            Command::LineUp | Command::LineDown | Command::PageDown | Command::PageUp
        );
        if !vertical {
            self.goal_column = None;
        }
        match command {
            Command::NextWord => self.step_word(true),
            Command::PreviousWord => self.step_word(false),
            Command::LineDown => self.move_lines(1),
            Command::LineUp => self.move_lines(-1),
            Command::PageDown => self.page(true),
            Command::PageUp => self.page(false),
            Command::NextTerm => self.next_term(true),
            Command::PreviousTerm => self.next_term(false),
            Command::NextUnknown => self.next_unknown(true),
            Command::PreviousUnknown => self.next_unknown(false),
            Command::Top => self.move_to(self.first_word()),
            Command::Bottom => self.move_to(self.last_word()),
            Command::Search => self.mode = Mode::Searching(Input::default()),
            Command::SearchNext => self.search(true),
            Command::SearchPrevious => self.search(false),
            Command::TogglePane => {
                self.pane_visible = !self.pane_visible;
                self.ensure_cursor_visible();
            }
            Command::ScrollVocabularyDown => self.scroll_vocabulary(5),
            Command::ScrollVocabularyUp => self.scroll_vocabulary(-5),
            Command::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Command::Select => {
                self.mode = Mode::Selecting {
                    anchor: self.cursor,
                };
            }
            Command::AddTerm => self.open_form(),
            Command::EditTerm | Command::DeleteTerm | Command::EditInEditor => {
                self.act_on_current_term(command)
            }
            Command::Status1
            | Command::Status2
            | Command::Status3
            | Command::Status4
            | Command::Status5
            | Command::StatusWellKnown
            | Command::StatusIgnored
            | Command::StatusClear
            | Command::StatusUp
            | Command::StatusDown => self.set_status(command),
            Command::ToggleHighlight => {
                self.highlighting = !self.highlighting;
                self.notify(
                    if self.highlighting {
                        "Highlighting on"
                    } else {
                        "Highlighting off (H turns it on)"
                    },
                    false,
                );
            }
            Command::Undo => match self.changes.pop() {
                Some(Undoable::Glossary(change)) if self.glossary_dir.is_some() => {
                    self.effects.push(Effect::Undo(change))
                }
                Some(Undoable::Words { previous, .. }) => {
                    let count = previous.len();
                    self.write_word_statuses(previous, false);
                    let words = if count == 1 { "word" } else { "words" };
                    self.notify(format!("Undone: the status of {count} {words}"), false);
                }
                _ => self.notify("Nothing to undo in this session", false),
            },
            Command::MarkRestKnown => {
                let count = self.unknown_words().count();
                if count == 0 {
                    self.notify("No unknown words left in this article", false);
                } else {
                    self.mode = Mode::ConfirmKnown { count };
                }
            }
            Command::Statistics => {
                self.mode = Mode::Stats(Box::new(stats::Stats::new(
                    &self.knowledge,
                    self.layers.glossary(),
                    &self.words,
                )));
            }
            Command::Vocabulary => {
                self.mode = Mode::Vocab(Box::new(vocab_view::VocabView::new(
                    &self.doc,
                    &self.knowledge,
                    self.layers.glossary(),
                )));
            }
            Command::Speak | Command::SpeakSentence => self.speak(command),
            Command::Review => self.screen_request = Some(ScreenRequest::Review),
            Command::Back => self.back(),
            Command::Quit => self.running = false,
        }
        if !matches!(
            command,
            Command::ScrollVocabularyDown | Command::ScrollVocabularyUp
        ) {
            self.vocabulary_offset = None;
        }
    }

    fn back(&mut self) {
        if !matches!(self.mode, Mode::Reading) {
            self.mode = Mode::Reading;
        } else if self.search_hit.is_some() {
            self.search_hit = None;
        } else if self.warnings_visible && !self.warnings.is_empty() {
            self.warnings_visible = false;
            self.ensure_cursor_visible();
        } else if self.closable {
            self.screen_request = Some(ScreenRequest::Close);
        }
    }

    fn resize(&mut self, size: Size) {
        self.size = size;
        self.ensure_cursor_visible();
    }
}
