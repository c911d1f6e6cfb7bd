//! Moving through the article: words, lines, pages, terms, unknown words, search, the mouse
//! and scrolling. Every move is a lookup or binary search on the document plus wrapping of
//! the paragraphs it passes, never a walk over the article.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Notice};
use crate::ui::rows::Rows;

impl App {
    /// One word on, ignoring term boundaries (for growing a selection).
    pub(super) fn step_plain_word(&mut self, forward: bool) {
        let next = if forward {
            (self.cursor + 1..self.doc.tokens().len()).find(|&i| self.is_word(i))
        } else {
            (0..self.cursor).rev().find(|&i| self.is_word(i))
        };
        // A selection stays inside one sentence.
        let crosses = |t: usize| {
            let (low, high) = if forward {
                (self.cursor + 1, t)
            } else {
                (t + 1, self.cursor)
            };
            (low..=high).any(|i| self.doc.tokens()[i].sentence_start)
                || self.doc.paragraph_of(t) != self.doc.paragraph_of(self.cursor)
        };
        self.move_to(next.filter(|&t| !crosses(t)));
    }

    pub(super) fn is_word(&self, t: usize) -> bool {
        self.doc
            .tokens()
            .get(t)
            .is_some_and(|token| token.kind.is_wordlike())
    }

    pub(super) fn first_word(&self) -> Option<usize> {
        (0..self.doc.tokens().len()).find(|&t| self.is_word(t))
    }

    pub(super) fn last_word(&self) -> Option<usize> {
        (0..self.doc.tokens().len())
            .rev()
            .find(|&t| self.is_word(t))
    }

    pub(super) fn move_to(&mut self, token: Option<usize>) {
        if let Some(t) = token {
            self.cursor = t;
            self.ensure_cursor_visible();
        }
    }

    /// Next or previous word; a multi-word term is one step, as it is one unit of meaning.
    pub(super) fn step_word(&mut self, forward: bool) {
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

    pub(super) fn next_term(&mut self, forward: bool) {
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

    pub(super) fn next_unknown(&mut self, forward: bool) {
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

    pub(super) fn notify(&mut self, text: impl Into<String>, is_warning: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            is_warning,
        });
    }

    pub(super) fn search(&mut self, forward: bool) {
        let Some(query) = self.last_search.clone() else {
            let search = self.keymap.label(crate::ui::command::Command::Search);
            self.notify(format!("No search yet: press {search} to search"), false);
            return;
        };
        match self.doc.search(&query, self.cursor, forward) {
            Some(hit) => {
                if hit.contains(&self.cursor) && self.search_hit.as_ref() == Some(&hit) {
                    self.notify(format!("Only one match: {query}"), false);
                } else if (forward && hit.start <= self.cursor)
                    || (!forward && hit.start >= self.cursor)
                {
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
    pub(super) fn move_lines(&mut self, lines: isize) {
        let doc = &self.doc;
        let current = doc.match_at(self.cursor).map(|(_, m)| m.tokens());
        let mut rows = Rows::new(doc, self.wrap.borrow_mut(), self.areas().text.width);
        // A term wrapped over two lines moves from its last line down, its first line up.
        let edge = match &current {
            Some(tokens) if lines > 0 => tokens.end - 1,
            Some(tokens) => tokens.start,
            None => self.cursor,
        };
        let start = rows.pos_of(edge);
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
                    .filter(|p| {
                        !current
                            .as_ref()
                            .is_some_and(|c| c.contains(&(p.token as usize)))
                    })
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

    pub(super) fn page(&mut self, down: bool) {
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
    pub(super) fn clamp_top(&mut self) {
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
    pub(super) fn ensure_cursor_visible(&mut self) {
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

    pub(super) fn handle_mouse(&mut self, mouse: MouseEvent) {
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
    pub(super) fn scroll_article(&mut self, delta: isize) {
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

    pub(super) fn scroll_vocabulary(&mut self, delta: isize) {
        let len = self.doc.found_terms().len();
        let rows = self.areas().pane.map_or(0, |pane| {
            self.pane_sections(pane, &self.entry_lines())[2]
                .height
                .saturating_sub(1) as usize
        });
        let current = self
            .vocabulary_offset
            .unwrap_or_else(|| self.vocabulary_follow_offset(rows));
        let next = current
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.vocabulary_offset = Some(next);
    }

    /// The vocabulary list's first row when it follows the current term, for a list showing
    /// `height` rows.
    pub(in crate::ui) fn vocabulary_follow_offset(&self, height: usize) -> usize {
        let current = self
            .current_match()
            .and_then(|m| self.doc.found_index(m.entry))
            .unwrap_or(0);
        current.saturating_sub(height / 2)
    }
}
