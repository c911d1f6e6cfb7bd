//! The reader's state and how commands change it. `update` only mutates state; it never does
//! IO, so tests drive it with plain key sequences and check the result.

mod authoring;
mod family;
pub mod form;
mod keys;
mod mode;
mod navigation;
pub mod stats;
mod statuses;
pub(super) mod translation;
pub mod vocab_view;

pub use mode::{Effect, Mode, Notice, ScreenRequest};
use statuses::Undoable;
pub use translation::{NO_TRANSLATOR, TranslationSetup};

use std::cell::RefCell;
use std::ops::Range;

use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Rect, Size};
use tui_input::Input;

use super::command::Command;
use super::keymap::Keymap;
use super::layout::Areas;
use super::rows::{RowPos, Rows};
use super::theme::Theme;
use super::wrap::WrapCache;
use crate::document::Document;
use crate::glossary::Glossary;
use crate::knowledge::Knowledge;
use crate::layers::Layers;
use crate::matcher::TermMatch;
use crate::word_status::WordStatuses;

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    pub(super) layers: Layers,
    pub(super) doc: Document,
    pub(super) theme: Theme,
    /// The keys: the defaults with the learner's `[keys]`.
    pub(super) keymap: Keymap,
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
    /// Machine translations asked for, failed, under way.
    translating: translation::Translating,
    /// The rated words (from the statuses file) that are forms of the family last shown in
    /// the pane, by root: found once per root, not on every frame; emptied when statuses change.
    pub(super) rated_forms: RefCell<Option<(String, crate::family::RatedForms)>>,
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
            keymap: Keymap::default(),
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
            translating: translation::Translating::default(),
            rated_forms: RefCell::new(None),
        };
        app.ensure_cursor_visible();
        app
    }

    /// Replaces the theme (for `NO_COLOR`).
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    /// Replaces the keymap (the learner's `[keys]`).
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
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
            let status = self.words.of_entry(self.glossary().entry(id));
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
        // Whatever moved the cursor (a key, a click, the wheel), a paragraph it entered
        // without a translation is asked for.
        if matches!(event, Event::Key(_) | Event::Mouse(_)) {
            self.follow_translation();
        }
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
            Command::FamilyStatus => self.ask_family_status(),
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
            Command::TranslateArticle => self.translate_article(),
            Command::TranslateSentence => self.translate_sentence(),
            Command::CorrectTranslation => self.correct_translation(),
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
