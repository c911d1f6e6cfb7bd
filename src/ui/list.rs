//! What the list screens (the library, the feeds, the words to learn) share: the keys that move
//! through a list, and a table drawn with its selected row.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::theme::Theme;

/// Rows a page key moves.
const PAGE: usize = 10;

/// The row `selected` becomes in a list of `len` rows after `code` (j/k and the arrows one row,
/// Space/PgDn/PgUp a page, g/G and Home/End the ends), or `None` when the key does not move.
pub fn moved(selected: usize, len: usize, code: KeyCode) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match code {
        KeyCode::Char('j') | KeyCode::Down => (selected + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => selected.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => (selected + PAGE).min(last),
        KeyCode::PageUp => selected.saturating_sub(PAGE),
        KeyCode::Char('g') | KeyCode::Home => 0,
        KeyCode::Char('G') | KeyCode::End => last,
        _ => return None,
    })
}

/// A table to draw: its header, rows and column widths, and what to say when it has no rows.
pub struct ListTable<'a, R> {
    /// The column titles.
    pub header: Row<'a>,
    /// The rows, in order.
    pub rows: R,
    /// The columns' widths.
    pub widths: &'a [Constraint],
    /// Shown under the header when there are no rows (how to get some).
    pub empty: Option<String>,
}

impl<'a, R: IntoIterator<Item = Row<'a>>> ListTable<'a, R> {
    /// Draws the table into `area`, scrolled so `selected` shows, highlighted.
    pub fn render(self, selected: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let table = Table::new(self.rows, self.widths.iter().copied())
            .header(self.header.style(theme.heading))
            .row_highlight_style(theme.selected);
        let mut state = TableState::default().with_selected(Some(selected));
        StatefulWidget::render(table, area, buf, &mut state);
        if let Some(empty) = self.empty {
            let below = Rect::new(area.x, area.y + 2, area.width, 3).intersection(area);
            Paragraph::new(empty)
                .wrap(Wrap { trim: true })
                .style(theme.dim)
                .render(below, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_within_the_list_and_others_do_not_move() {
        assert_eq!(moved(0, 3, KeyCode::Char('j')), Some(1));
        assert_eq!(moved(2, 3, KeyCode::Down), Some(2), "stops at the last row");
        assert_eq!(moved(0, 3, KeyCode::Up), Some(0));
        assert_eq!(moved(0, 30, KeyCode::PageDown), Some(10));
        assert_eq!(moved(25, 30, KeyCode::Char(' ')), Some(29));
        assert_eq!(moved(15, 30, KeyCode::PageUp), Some(5));
        assert_eq!(moved(7, 30, KeyCode::Char('g')), Some(0));
        assert_eq!(moved(7, 30, KeyCode::End), Some(29));
        assert_eq!(moved(0, 0, KeyCode::Char('G')), Some(0), "an empty list");
        assert_eq!(moved(1, 3, KeyCode::Enter), None);
    }

    #[test]
    fn an_empty_table_says_how_to_fill_it() {
        let area = Rect::new(0, 0, 30, 6);
        let mut buf = Buffer::empty(area);
        ListTable {
            header: Row::new(["Title"]),
            rows: Vec::<Row>::new(),
            widths: &[Constraint::Fill(1)],
            empty: Some("Nothing here yet.".to_owned()),
        }
        .render(0, area, &mut buf, &Theme::color());
        let row = |y| (0..30).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert!(row(0).starts_with("Title"));
        assert!(row(2).starts_with("Nothing here yet."), "{:?}", row(2));
    }
}
