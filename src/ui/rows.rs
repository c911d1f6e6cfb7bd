//! Row arithmetic over the wrapped article: where a token is on screen, and moving a position up
//! or down by rows across paragraph boundaries. Each paragraph occupies its lines plus one blank
//! separator row. Only the paragraphs a move passes through are wrapped.

use std::cell::RefMut;

use super::wrap::{Line, Lines, WrapCache};
use crate::document::Document;

/// A row of the wrapped article: paragraph and row within it (`row == lines` is the blank
/// separator after the paragraph).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowPos {
    /// Paragraph index.
    pub para: usize,
    /// Row inside the paragraph.
    pub row: usize,
}

/// Wrapped rows of one document at one width.
pub struct Rows<'a> {
    doc: &'a Document,
    cache: RefMut<'a, WrapCache>,
    width: u16,
}

impl<'a> Rows<'a> {
    /// Rows of `doc` wrapped to `width`, memoized in `cache`.
    pub fn new(doc: &'a Document, cache: RefMut<'a, WrapCache>, width: u16) -> Rows<'a> {
        Rows { doc, cache, width }
    }

    /// The lines of paragraph `p`.
    pub fn lines(&mut self, p: usize) -> Lines {
        self.cache.lines(self.doc, p, self.width)
    }

    /// The line at `pos`, or `None` for a separator row or a position past the end.
    pub fn line(&mut self, pos: RowPos) -> Option<Line> {
        if pos.para >= self.doc.paragraph_count() {
            return None;
        }
        self.lines(pos.para).get(pos.row).cloned()
    }

    fn rows_in(&mut self, p: usize) -> usize {
        self.lines(p).len() + 1
    }

    /// The row where token `t` starts.
    pub fn pos_of(&mut self, t: usize) -> RowPos {
        if self.doc.paragraph_count() == 0 {
            return RowPos::default();
        }
        let para = self.doc.paragraph_of(t);
        let lines = self.lines(para);
        let row = lines
            .partition_point(|l| l.first_token().is_some_and(|first| first <= t))
            .saturating_sub(1);
        RowPos { para, row }
    }

    /// The last text row of the document.
    pub fn last(&mut self) -> RowPos {
        match self.doc.paragraph_count() {
            0 => RowPos::default(),
            n => RowPos {
                para: n - 1,
                row: self.lines(n - 1).len() - 1,
            },
        }
    }

    /// `pos` moved by `delta` rows (negative is up), clamped to the document.
    pub fn advance(&mut self, mut pos: RowPos, delta: isize) -> RowPos {
        let count = self.doc.paragraph_count();
        if count == 0 {
            return RowPos::default();
        }
        let mut left = delta.unsigned_abs();
        if delta >= 0 {
            while left > 0 {
                let remaining =
                    self.rows_in(pos.para) - 1 - pos.row.min(self.rows_in(pos.para) - 1);
                if left <= remaining {
                    pos.row += left;
                    break;
                }
                if pos.para + 1 == count {
                    return self.last();
                }
                left -= remaining + 1;
                pos = RowPos {
                    para: pos.para + 1,
                    row: 0,
                };
            }
        } else {
            while left > 0 {
                if left <= pos.row {
                    pos.row -= left;
                    break;
                }
                if pos.para == 0 {
                    return RowPos::default();
                }
                left -= pos.row + 1;
                pos = RowPos {
                    para: pos.para - 1,
                    row: self.rows_in(pos.para - 1) - 1,
                };
            }
        }
        pos
    }

    /// One text row up or down from `pos`, skipping separator rows; `None` at either end.
    pub fn step_text_row(&mut self, pos: RowPos, down: bool) -> Option<RowPos> {
        let mut next = self.advance(pos, if down { 1 } else { -1 });
        if next == pos {
            return None;
        }
        if self.line(next).is_none() {
            next = self.advance(next, if down { 1 } else { -1 });
        }
        // Clamping at either end can land back where we started: that is no step.
        (next != pos && self.line(next).is_some()).then_some(next)
    }

    /// Number of rows from `from` to `to` (`to` after `from`), counting at most `limit`.
    pub fn distance(&mut self, from: RowPos, to: RowPos, limit: usize) -> usize {
        let mut pos = from;
        for n in 0..limit {
            if pos >= to {
                return n;
            }
            let next = self.advance(pos, 1);
            if next == pos {
                return n;
            }
            pos = next;
        }
        limit
    }
}
