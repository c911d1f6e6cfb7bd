//! Word wrapping of paragraphs into screen lines, cached per paragraph.
//!
//! Only paragraphs that are on screen (or that the cursor passes through) are ever wrapped, so
//! the cost of a frame or a keystroke depends on the screen, not the article. Tokens written
//! together without a space ("katanya." or "(ICC)") wrap as one unit; a unit wider than the
//! screen is split between characters.

use std::ops::Range;
use std::rc::Rc;

use unicode_width::UnicodeWidthChar;

use crate::document::Document;

/// A piece of one token placed on a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The token.
    pub token: u32,
    /// The bytes of the paragraph shown (all of the token unless it was split).
    pub bytes: Range<u32>,
    /// Whether a space is drawn before this piece.
    pub gap: bool,
    /// Display column of the piece's first character.
    pub x: u16,
    /// Display width of the piece.
    pub width: u16,
}

/// One screen line of a paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// Pieces left to right.
    pub pieces: Vec<Piece>,
}

impl Line {
    /// The first token on the line.
    pub fn first_token(&self) -> Option<usize> {
        self.pieces.first().map(|p| p.token as usize)
    }

    /// The piece drawn at display column `x`, or the nearest one.
    pub fn piece_near(&self, x: u16) -> Option<&Piece> {
        self.pieces
            .iter()
            .find(|p| x < p.x + p.width)
            .or_else(|| self.pieces.last())
    }
}

/// The lines of one paragraph at one width.
pub type Lines = Rc<Vec<Line>>;

/// Wraps paragraph `p` of `doc` to `width` columns.
pub fn wrap_paragraph(doc: &Document, p: usize, width: u16) -> Vec<Line> {
    let width = width.max(1);
    let text = &doc.article().paragraphs[p];
    let tokens = doc.tokens();
    let range = doc.paragraph_tokens(p);
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut x: u16 = 0;
    let mut unit_start = range.start;
    while unit_start < range.end {
        // A unit: tokens glued together without whitespace.
        let mut unit_end = unit_start + 1;
        while unit_end < range.end && !tokens[unit_end].space_before {
            unit_end += 1;
        }
        let unit_width: usize = (unit_start..unit_end)
            .map(|t| text_width(tokens[t].text(text)))
            .sum();
        let gap = u16::from(x > 0);
        if x as usize + gap as usize + unit_width > width as usize && x > 0 {
            lines.push(std::mem::take(&mut line));
            x = 0;
        }
        let mut gap = x > 0;
        for (t, &token) in tokens.iter().enumerate().take(unit_end).skip(unit_start) {
            if gap {
                x += 1;
            }
            let token_text = token.text(text);
            if x as usize + text_width(token_text) <= width as usize {
                let w = text_width(token_text) as u16;
                line.pieces.push(Piece {
                    token: t as u32,
                    bytes: token.start..token.end,
                    gap,
                    x,
                    width: w,
                });
                x += w;
            } else {
                split_token(
                    token.start,
                    token_text,
                    t as u32,
                    gap,
                    width,
                    &mut x,
                    &mut line,
                    &mut lines,
                );
            }
            gap = false;
        }
        unit_start = unit_end;
    }
    if !line.pieces.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Places a token that does not fit on the current line, breaking it between characters.
#[allow(clippy::too_many_arguments)]
fn split_token(
    offset: u32,
    token_text: &str,
    token: u32,
    mut gap: bool,
    width: u16,
    x: &mut u16,
    line: &mut Line,
    lines: &mut Vec<Line>,
) {
    let mut piece_start = 0usize;
    let mut piece_x = *x;
    let mut piece_width = 0u16;
    for (i, c) in token_text.char_indices() {
        let w = c.width().unwrap_or(0) as u16;
        if *x + w > width && *x > 0 {
            if i > piece_start {
                line.pieces.push(Piece {
                    token,
                    bytes: offset + piece_start as u32..offset + i as u32,
                    gap,
                    x: piece_x,
                    width: piece_width,
                });
            }
            lines.push(std::mem::take(line));
            gap = false;
            *x = 0;
            piece_start = i;
            piece_x = 0;
            piece_width = 0;
        }
        *x += w;
        piece_width += w;
    }
    line.pieces.push(Piece {
        token,
        bytes: offset + piece_start as u32..offset + token_text.len() as u32,
        gap,
        x: piece_x,
        width: piece_width,
    });
}

fn text_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Wrapped paragraphs for the current width, computed on first use.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: u16,
    paragraphs: Vec<Option<Lines>>,
}

impl WrapCache {
    /// The lines of paragraph `p` at `width`, wrapping it if not cached yet. A new width
    /// invalidates everything.
    pub fn lines(&mut self, doc: &Document, p: usize, width: u16) -> Lines {
        if self.width != width || self.paragraphs.len() != doc.paragraph_count() {
            self.width = width;
            self.paragraphs = vec![None; doc.paragraph_count()];
        }
        self.paragraphs[p]
            .get_or_insert_with(|| Rc::new(wrap_paragraph(doc, p, width)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::layers::Layers;
    use std::path::Path;

    fn doc(text: &str) -> Document {
        Document::new(
            Article::parse(text, Path::new("a")).unwrap(),
            &Layers::default(),
        )
    }

    fn render(doc: &Document, width: u16) -> Vec<String> {
        let text = &doc.article().paragraphs[0];
        wrap_paragraph(doc, 0, width)
            .iter()
            .map(|line| {
                line.pieces
                    .iter()
                    .map(|p| {
                        format!(
                            "{}{}",
                            if p.gap { " " } else { "" },
                            &text[p.bytes.start as usize..p.bytes.end as usize]
                        )
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_glued_punctuation() {
        let d = doc("Kim dan Putin (ICC) bertemu, katanya.");
        assert_eq!(
            render(&d, 14),
            ["Kim dan Putin", "(ICC) bertemu,", "katanya."]
        );
    }

    #[test]
    fn splits_words_wider_than_the_screen() {
        let d = doc("ab persenjataan");
        assert_eq!(render(&d, 5), ["ab", "perse", "njata", "an"]);
        assert_eq!(render(&d, 1).len(), "ab".len() + "persenjataan".len());
    }

    #[test]
    fn positions_and_widths_follow_display_width() {
        let d = doc("kata 漢字 x");
        let lines = wrap_paragraph(&d, 0, 40);
        let xs: Vec<_> = lines[0].pieces.iter().map(|p| (p.x, p.width)).collect();
        assert_eq!(xs, [(0, 4), (5, 4), (10, 1)]);
        assert_eq!(lines[0].piece_near(6).map(|p| p.token), Some(1));
    }
}
