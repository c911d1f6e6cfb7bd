//! The feed screen (`F` in the library): the cached items of every subscribed feed, newest
//! first, each with the share of its title and summary the learner already knows, so they can
//! pick what suits their level. Enter imports the item into the library and opens it; `u`
//! fetches new items. Both run in the background: the screen says so and stays responsive.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Widget, Wrap};

use super::theme::Theme;
use crate::feed::Item;

/// What a key asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the screen itself.
    Stay,
    /// Back to the library.
    Close,
    /// Quit kabar.
    Quit,
    /// Import this item (in the background) and open it.
    Import(Box<Item>),
    /// Fetch every feed again (in the background).
    Update,
}

/// The feed screen's state.
#[derive(Debug)]
pub struct FeedView {
    /// Items newest first, with the share known (0–100) when it could be measured.
    items: Vec<(Item, Option<u32>)>,
    selected: usize,
    /// What is happening in the background, or the last outcome.
    notice: Option<(String, bool)>,
    /// Whether a background job runs (keys that start another are refused).
    busy: bool,
}

impl FeedView {
    /// A screen over `items` (newest first) with their known shares.
    pub fn new(items: Vec<(Item, Option<u32>)>) -> FeedView {
        FeedView {
            items,
            selected: 0,
            notice: None,
            busy: false,
        }
    }

    /// Replaces the items (after an update), keeping the selection in range.
    pub fn set_items(&mut self, items: Vec<(Item, Option<u32>)>) {
        self.items = items;
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    /// The items shown.
    pub fn items(&self) -> &[(Item, Option<u32>)] {
        &self.items
    }

    /// Shows a message in the status line; `busy` while a background job runs.
    pub fn notify(&mut self, text: impl Into<String>, is_warning: bool, busy: bool) {
        self.notice = Some((text.into(), is_warning));
        self.busy = busy;
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) -> Outcome {
        let Event::Key(key) = event else {
            return Outcome::Stay;
        };
        if let Some(row) = super::list::moved(self.selected, self.items.len(), key.code) {
            self.selected = row;
            return Outcome::Stay;
        }
        match key.code {
            KeyCode::Char('q') => return Outcome::Quit,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Outcome::Quit;
            }
            KeyCode::Esc | KeyCode::Char('F') => return Outcome::Close,
            KeyCode::Enter | KeyCode::Char('u') if self.busy => {
                self.notice = Some(("Still working: wait a moment".to_owned(), true));
            }
            KeyCode::Enter => {
                if let Some((item, _)) = self.items.get(self.selected) {
                    return Outcome::Import(Box::new(item.clone()));
                }
            }
            KeyCode::Char('u') => return Outcome::Update,
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the screen into `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.height < 4 || area.width < 20 {
            buf.set_stringn(
                area.x,
                area.y,
                "kabar feeds",
                area.width as usize,
                theme.heading,
            );
            return;
        }
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let summary = Rect::new(area.x, area.bottom() - 3, area.width, 2);
        let table_area = Rect::new(area.x, area.y, area.width, area.height - 3);
        let header = Row::new(["Date", "Known", "Title", "Feed"]);
        let rows = self.items.iter().map(|(item, known)| {
            let date = item
                .date
                .as_deref()
                .map_or("", |d| d.get(..10).unwrap_or(d));
            Row::new(vec![
                Cell::from(date.to_owned()),
                Cell::from(known.map_or("   -".to_owned(), |k| format!("{k:>4}%"))),
                Cell::from(item.title.clone()),
                Cell::from(item.feed.clone().unwrap_or_default()),
            ])
        });
        super::list::ListTable {
            header,
            rows,
            widths: &[
                Constraint::Length(10),
                Constraint::Length(6),
                Constraint::Fill(1),
                Constraint::Length(18),
            ],
            empty: self.items.is_empty().then(|| {
                "No feed items yet. Subscribe with `kabar feed add URL` (ANTARA, Kompas, Tempo, \
                 detik and BBC Indonesia publish RSS feeds), then press u to fetch."
                    .to_owned()
            }),
        }
        .render(self.selected, table_area, buf, theme);
        if let Some((item, _)) = self.items.get(self.selected) {
            Paragraph::new(item.summary.clone())
                .wrap(Wrap { trim: true })
                .style(theme.dim)
                .render(summary, buf);
        }
        buf.set_style(status, theme.status);
        let line = match &self.notice {
            Some((text, is_warning)) => Line::from(Span::styled(
                format!(" {text} "),
                if *is_warning {
                    theme.warning
                } else {
                    theme.status
                },
            )),
            None => theme.hint_line(
                format!(" Feeds: {} items ", self.items.len()),
                &[
                    ("Enter", "import and read"),
                    ("u", "update"),
                    ("Esc", "library"),
                    ("q", "quit"),
                ],
            ),
        };
        buf.set_line(status.x, status.y, &line, status.width);
    }
}
