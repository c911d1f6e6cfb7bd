//! Where each region of the reader goes for a given screen size. Used by the view to draw and
//! by the app to know how many rows and columns the article has.

use ratatui::layout::Rect;

/// Below this size the reader shows only a "too small" message.
pub const MIN_SIZE: (u16, u16) = (20, 5);

/// The widest an article line gets, in columns.
pub const MAX_LINE: u16 = 100;

/// The regions of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// The article's region, padding included.
    pub article: Rect,
    /// Where article text goes.
    pub text: Rect,
    /// The glossary pane, when shown.
    pub pane: Option<Rect>,
    /// On screens too small for the pane, two rows under the article with the current term.
    pub strip: Option<Rect>,
    /// The warning bar, when shown.
    pub warning: Option<Rect>,
    /// The status line.
    pub status: Rect,
}

impl Areas {
    /// Lays out `screen`.
    pub fn new(screen: Rect, pane_visible: bool, warning_visible: bool) -> Areas {
        if screen.width < MIN_SIZE.0 || screen.height < MIN_SIZE.1 {
            return Areas {
                article: Rect::ZERO,
                text: Rect::ZERO,
                pane: None,
                strip: None,
                warning: None,
                status: Rect::ZERO,
            };
        }
        let status = Rect {
            y: screen.bottom() - 1,
            height: 1,
            ..screen
        };
        let mut body = Rect {
            height: screen.height - 1,
            ..screen
        };
        // Two rows on tall screens, so a warning's "what to do" is not cut off.
        let warning = (warning_visible && body.height > 4).then(|| {
            let rows = if body.height > 20 { 2 } else { 1 };
            body.height -= rows;
            Rect {
                y: body.bottom(),
                height: rows,
                ..body
            }
        });
        let mut strip = None;
        let (article, pane) = if !pane_visible {
            (body, None)
        } else if body.width >= 70 {
            let pane_width = (body.width * 2 / 5).clamp(30, 60);
            let article = Rect {
                width: body.width - pane_width,
                ..body
            };
            (
                article,
                Some(Rect {
                    x: article.right(),
                    width: pane_width,
                    ..body
                }),
            )
        } else if body.height >= 14 {
            let pane_height = body.height * 2 / 5;
            let article = Rect {
                height: body.height - pane_height,
                ..body
            };
            (
                article,
                Some(Rect {
                    y: article.bottom(),
                    height: pane_height,
                    ..body
                }),
            )
        } else {
            let strip_height = if body.height >= 6 { 2 } else { 0 };
            let article = Rect {
                height: body.height - strip_height,
                ..body
            };
            strip = (strip_height > 0).then_some(Rect {
                y: article.bottom(),
                height: strip_height,
                ..body
            });
            (article, None)
        };
        // Lines longer than about 100 columns are hard to read: wider articles get margins.
        let width = article.width.saturating_sub(2).min(MAX_LINE);
        let text = Rect {
            x: article.x + 1 + (article.width.saturating_sub(2) - width) / 2,
            width,
            ..article
        };
        Areas {
            article,
            text,
            pane,
            strip,
            warning,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_put_the_pane_beside_the_article() {
        let a = Areas::new(Rect::new(0, 0, 120, 40), true, false);
        assert_eq!(a.article.width + a.pane.unwrap().width, 120);
        assert_eq!(a.status, Rect::new(0, 39, 120, 1));
        assert_eq!(a.text.height, 39);
    }

    #[test]
    fn narrow_screens_stack_or_drop_the_pane() {
        let tall = Areas::new(Rect::new(0, 0, 40, 30), true, true);
        assert_eq!(tall.pane.unwrap().width, 40);
        assert!(tall.warning.is_some());
        let small = Areas::new(Rect::new(0, 0, 40, 12), true, false);
        assert_eq!(small.pane, None);
        assert_eq!(small.strip, Some(Rect::new(0, 9, 40, 2)));
        assert_eq!(small.text.width, 38);
        assert_eq!(small.text.height, 9);
        let focused = Areas::new(Rect::new(0, 0, 40, 12), false, false);
        assert_eq!(focused.strip, None);
        let wide = Areas::new(Rect::new(0, 0, 300, 50), false, false);
        assert_eq!(wide.text.width, MAX_LINE);
        assert_eq!(wide.text.x, 1 + (298 - MAX_LINE) / 2);
    }

    #[test]
    fn tiny_screens_get_nothing() {
        let a = Areas::new(Rect::new(0, 0, 1, 1), true, true);
        assert_eq!(a.text, Rect::ZERO);
    }
}
