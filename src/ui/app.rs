//! The reader's state and how commands change it. `update` only mutates state; it never does
//! IO, so tests drive it with plain key sequences and check the result.

use std::cell::RefCell;
use std::ops::Range;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect, Size};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::command::Command;
use super::keymap::{Key, command_for};
use super::layout::Areas;
use super::rows::{RowPos, Rows};
use super::theme::Theme;
use super::wrap::WrapCache;
use crate::document::Document;
use crate::glossary::Glossary;
use crate::matcher::TermMatch;

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
    pub(super) glossary: Glossary,
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
    /// First row of the vocabulary list, or `None` to follow the current term.
    pub(super) vocabulary_offset: Option<usize>,
    pub(super) notice: Option<Notice>,
    /// Problems with the glossary, shown in a bar until dismissed.
    pub(super) warnings: Vec<String>,
    pub(super) warnings_visible: bool,
    running: bool,
    /// Memoized line wrapping; interior mutability keeps `view` a function of `&App`.
    pub(super) wrap: RefCell<WrapCache>,
}

impl App {
    /// A reader on `doc`, whose matches refer to `glossary`, for a terminal of `size`.
    pub fn new(doc: Document, glossary: Glossary, size: Size) -> App {
        let warnings = glossary
            .problems()
            .iter()
            .map(ToString::to_string)
            .collect();
        let cursor = (0..doc.tokens().len())
            .find(|&t| doc.tokens()[t].kind.is_wordlike())
            .unwrap_or(0);
        let mut app = App {
            glossary,
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
            vocabulary_offset: None,
            notice: None,
            warnings_visible: true,
            warnings,
            running: true,
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
        &self.glossary
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
            Command::Help => self.mode = Mode::Help,
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
        }
    }

    fn resize(&mut self, size: Size) {
        self.size = size;
        self.ensure_cursor_visible();
    }

    fn is_word(&self, t: usize) -> bool {
        self.doc
            .tokens()
            .get(t)
            .is_some_and(|token| token.kind.is_wordlike())
    }

    fn first_word(&self) -> Option<usize> {
        (0..self.doc.tokens().len()).find(|&t| self.is_word(t))
    }

    fn last_word(&self) -> Option<usize> {
        (0..self.doc.tokens().len())
            .rev()
            .find(|&t| self.is_word(t))
    }

    fn move_to(&mut self, token: Option<usize>) {
        if let Some(t) = token {
            self.cursor = t;
            self.ensure_cursor_visible();
        }
    }

    /// Next or previous word; a multi-word term is one step, as it is one unit of meaning.
    fn step_word(&mut self, forward: bool) {
        let mut t = self.cursor;
        if let Some(m) = self.current_match() {
            t = if forward {
                m.end as usize - 1
            } else {
                m.start as usize
            };
        }
        let next = if forward {
            (t + 1..self.doc.tokens().len()).find(|&i| self.is_word(i))
        } else {
            (0..t).rev().find(|&i| self.is_word(i))
        };
        let next = next.map(|i| self.doc.match_at(i).map_or(i, |(_, m)| m.start as usize));
        self.move_to(next);
    }

    fn next_term(&mut self, forward: bool) {
        let found = if forward {
            self.doc.next_match(self.cursor)
        } else {
            self.doc.previous_match(self.cursor)
        };
        let target = match found {
            Some(m) => Some(m.start as usize),
            None => {
                let primary = &self.doc.annotation().primary;
                let wrapped = if forward {
                    primary.first()
                } else {
                    primary.last()
                }
                .map(|m| m.start as usize);
                if wrapped.is_some() {
                    self.notify(
                        if forward {
                            "Wrapped to the first term"
                        } else {
                            "Wrapped to the last term"
                        },
                        false,
                    );
                } else {
                    self.notify("No glossary terms in this article", true);
                }
                wrapped
            }
        };
        self.move_to(target);
    }

    fn next_unknown(&mut self, forward: bool) {
        let found = if forward {
            self.doc.next_uncovered(self.cursor)
        } else {
            self.doc.previous_uncovered(self.cursor)
        };
        if found.is_none() {
            self.notify(
                "No more words outside the glossary in that direction",
                false,
            );
        }
        self.move_to(found);
    }

    fn notify(&mut self, text: impl Into<String>, is_warning: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            is_warning,
        });
    }

    fn search(&mut self, forward: bool) {
        let Some(query) = self.last_search.clone() else {
            self.notify("No search yet: press / to search", false);
            return;
        };
        match self.doc.search(&query, self.cursor, forward) {
            Some(hit) => {
                let wrapped = if forward {
                    hit.start <= self.cursor
                } else {
                    hit.start >= self.cursor
                };
                if wrapped {
                    self.notify(format!("Search wrapped: {query}"), false);
                }
                let target = (hit.clone())
                    .find(|&t| self.is_word(t))
                    .unwrap_or(hit.start);
                self.search_hit = Some(hit);
                self.move_to(Some(target));
            }
            None => {
                self.search_hit = None;
                self.notify(format!("Not found: {query}"), true);
            }
        }
    }

    /// Moves the cursor `lines` text rows down (negative: up), keeping its column.
    fn move_lines(&mut self, lines: isize) {
        let doc = &self.doc;
        let mut rows = Rows::new(doc, self.wrap.borrow_mut(), self.areas().text.width);
        let start = rows.pos_of(self.cursor);
        let goal = self.goal_column.unwrap_or_else(|| {
            rows.line(start)
                .and_then(|line| {
                    line.pieces
                        .iter()
                        .find(|p| p.token as usize == self.cursor)
                        .map(|p| p.x)
                })
                .unwrap_or(0)
        });
        let mut pos = start;
        let mut target = None;
        for _ in 0..lines.unsigned_abs() {
            match rows.step_text_row(pos, lines > 0) {
                Some(next) => pos = next,
                None => break,
            }
        }
        // Land on a word near the goal column, looking further if a row holds only punctuation.
        while pos != start {
            if let Some(line) = rows.line(pos) {
                let mut candidates: Vec<_> = line
                    .pieces
                    .iter()
                    .filter(|p| doc.tokens()[p.token as usize].kind.is_wordlike())
                    .collect();
                candidates.sort_by_key(|p| {
                    if goal < p.x {
                        p.x - goal
                    } else {
                        goal.saturating_sub(p.x + p.width - 1)
                    }
                });
                if let Some(piece) = candidates.first() {
                    target = Some(piece.token as usize);
                    break;
                }
            }
            match rows.step_text_row(pos, lines > 0) {
                Some(next) => pos = next,
                None => break,
            }
        }
        drop(rows);
        if let Some(t) = target {
            self.cursor = self.doc.match_at(t).map_or(t, |(_, m)| m.start as usize);
            self.goal_column = Some(goal);
            self.ensure_cursor_visible();
        }
    }

    fn page(&mut self, down: bool) {
        let step = self.areas().text.height.saturating_sub(2).max(1) as isize;
        let step = if down { step } else { -step };
        let top = self.top;
        let new_top = self.rows().advance(top, step);
        self.top = new_top;
        self.move_lines(step);
        self.clamp_top();
        self.ensure_cursor_visible();
    }

    /// Keeps the last page full instead of scrolling into emptiness.
    fn clamp_top(&mut self) {
        let height = self.areas().text.height as isize;
        let mut rows = self.rows();
        let last = rows.last();
        let max_top = rows.advance(last, -(height - 1).max(0));
        drop(rows);
        if self.top > max_top {
            self.top = max_top;
        }
    }

    /// Scrolls so the cursor's row is on screen, moving as little as possible.
    fn ensure_cursor_visible(&mut self) {
        let height = self.areas().text.height as usize;
        if height == 0 {
            return;
        }
        let cursor = self.cursor;
        let top = self.top;
        let mut rows = self.rows();
        let pos = rows.pos_of(cursor);
        let new_top = if pos < top {
            pos
        } else if rows.distance(top, pos, height) >= height {
            rows.advance(pos, -(height as isize - 1))
        } else {
            top
        };
        drop(rows);
        self.top = new_top;
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        let areas = self.areas();
        let at = Position::new(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) if areas.text.contains(at) => {
                self.notice = None;
                let (dx, dy) = (mouse.column - areas.text.x, mouse.row - areas.text.y);
                let top = self.top;
                let mut rows = self.rows();
                let pos = rows.advance(top, dy as isize);
                let hit = rows
                    .line(pos)
                    .and_then(|line| line.piece_near(dx).map(|p| p.token as usize));
                drop(rows);
                if let Some(t) = hit.filter(|&t| self.is_word(t)) {
                    self.goal_column = None;
                    self.cursor = self.doc.match_at(t).map_or(t, |(_, m)| m.start as usize);
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                if areas.pane.is_some_and(|pane| pane.contains(at)) {
                    self.scroll_vocabulary(if down { 3 } else { -3 });
                } else {
                    self.scroll_article(if down { 3 } else { -3 });
                }
            }
            _ => {}
        }
    }

    /// Scrolls the view without moving the cursor, unless the cursor would leave the screen.
    fn scroll_article(&mut self, delta: isize) {
        let height = self.areas().text.height as isize;
        let cursor = self.cursor;
        let mut rows = self.rows();
        let top = rows.advance(self.top, delta);
        let bottom = rows.advance(top, height - 1);
        let pos = rows.pos_of(cursor);
        let edge = if pos < top {
            Some(top)
        } else if pos > bottom {
            Some(bottom)
        } else {
            None
        };
        let replacement = edge.and_then(|edge| {
            let line = rows.line(edge).or_else(|| {
                rows.step_text_row(edge, pos < top)
                    .and_then(|p| rows.line(p))
            })?;
            line.pieces
                .iter()
                .map(|p| p.token as usize)
                .find(|&t| self.doc.tokens()[t].kind.is_wordlike())
        });
        drop(rows);
        self.top = top;
        self.clamp_top();
        if let Some(t) = replacement {
            self.cursor = self.doc.match_at(t).map_or(t, |(_, m)| m.start as usize);
        }
        self.ensure_cursor_visible();
    }

    fn scroll_vocabulary(&mut self, delta: isize) {
        let len = self.doc.found_terms().len();
        let current = self
            .vocabulary_offset
            .unwrap_or_else(|| self.vocabulary_follow_offset());
        let next = current
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.vocabulary_offset = Some(next);
    }

    /// The vocabulary list's first row when it follows the current term.
    pub(super) fn vocabulary_follow_offset(&self) -> usize {
        let height = self.areas().vocabulary_rows();
        let current = self
            .current_match()
            .and_then(|m| self.doc.found_index(m.entry))
            .unwrap_or(0);
        current.saturating_sub(height / 2)
    }
}
