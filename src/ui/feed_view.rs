//! The feed screen (`F` in the library): the cached items of every subscribed feed, new ones
//! first and each part newest first, each with the share of its title and summary the learner
//! already knows, so they can pick what suits their level. Enter imports the item into the
//! library and opens it (which marks it read); `N` marks one item read or new again, `A` every
//! item read; `u` fetches new items. Imports and updates run in the background: the screen
//! says so and stays responsive, and new items arriving never move the selection off the item
//! it is on.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Widget, Wrap};

use super::theme::Theme;
use crate::feed::Item;
use crate::feed::read_state::ReadState;

/// `url` in at most about `max` characters for a status line: without its scheme and
/// `www.`, and when still too long, its host, `…` and the end of its path.
pub(super) fn short_url(url: &str, max: usize) -> String {
    let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
    let bare = bare.strip_prefix("www.").unwrap_or(bare);
    if bare.chars().count() <= max {
        return bare.to_owned();
    }
    let (host, path) = bare.split_once('/').unwrap_or((bare, ""));
    let room = max.saturating_sub(host.chars().count() + 2).max(8);
    let tail: Vec<char> = path.chars().collect();
    let tail: String = tail[tail.len().saturating_sub(room)..].iter().collect();
    format!("{host}/…{tail}")
}

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
    /// Mark the items with these keys read (`true`) or new (`false`), and save that.
    Mark(Vec<String>, bool),
}

/// The feed screen's state.
#[derive(Debug)]
pub struct FeedView {
    /// Items new first, each part newest first, with the share known (0–100) when it could be
    /// measured.
    items: Vec<(Item, Option<u32>)>,
    /// Keys of the items read.
    read: HashSet<String>,
    selected: usize,
    /// What is happening in the background, or the last outcome.
    notice: Option<(String, bool)>,
    /// Whether a background job runs (keys that start another are refused).
    busy: bool,
}

impl FeedView {
    /// A screen over `items` (newest first) with their known shares, new items first.
    pub fn new(items: Vec<(Item, Option<u32>)>, read: &ReadState) -> FeedView {
        let mut view = FeedView {
            items: Vec::new(),
            read: HashSet::new(),
            selected: 0,
            notice: None,
            busy: false,
        };
        view.set_items(items, read);
        view.selected = 0;
        view
    }

    /// Replaces the items (after an update), new ones first; the item selected stays selected
    /// wherever it moved, so a refresh never changes what Enter opens.
    pub fn set_items(&mut self, items: Vec<(Item, Option<u32>)>, read: &ReadState) {
        let selected = self.items.get(self.selected).map(|(item, _)| item.key());
        self.read = items
            .iter()
            .filter(|(item, _)| read.is_read(item))
            .map(|(item, _)| item.key())
            .collect();
        self.items = items;
        // Stable: each part keeps the newest-first order it came in.
        self.items
            .sort_by_key(|(item, _)| self.read.contains(&item.key()));
        self.selected = selected
            .and_then(|key| self.items.iter().position(|(item, _)| item.key() == key))
            .unwrap_or(self.selected)
            .min(self.items.len().saturating_sub(1));
    }

    /// Takes the read marks now saved, without moving the items (they are sorted again when
    /// the screen next opens or refreshes, so the list does not jump under the cursor).
    pub fn set_read(&mut self, read: &ReadState) {
        self.read = self
            .items
            .iter()
            .filter(|(item, _)| read.is_read(item))
            .map(|(item, _)| item.key())
            .collect();
    }

    /// The items shown, in screen order.
    pub fn items(&self) -> &[(Item, Option<u32>)] {
        &self.items
    }

    /// The item the cursor is on.
    pub fn selected(&self) -> Option<&Item> {
        self.items.get(self.selected).map(|(item, _)| item)
    }

    /// Whether `item` is marked read.
    pub fn is_read(&self, item: &Item) -> bool {
        self.read.contains(&item.key())
    }

    /// How many items are new.
    pub fn new_count(&self) -> usize {
        self.items
            .iter()
            .filter(|(item, _)| !self.is_read(item))
            .count()
    }

    /// Shows a message in the status line; `busy` while a background job runs.
    pub fn notify(&mut self, text: impl Into<String>, is_warning: bool, busy: bool) {
        self.notice = Some((text.into(), is_warning));
        self.busy = busy;
    }

    /// Whether a background job the learner started still runs.
    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// The status line's message, if one shows.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|(text, _)| text.as_str())
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
            KeyCode::Char('N') => {
                if let Some((item, _)) = self.items.get(self.selected) {
                    let read = !self.is_read(item);
                    let key = item.key();
                    // On to the next, as in newsboat, so a run of N goes down the list.
                    self.selected = (self.selected + 1).min(self.items.len().saturating_sub(1));
                    return Outcome::Mark(vec![key], read);
                }
            }
            KeyCode::Char('A') if !self.items.is_empty() => {
                let keys = self.items.iter().map(|(item, _)| item.key()).collect();
                return Outcome::Mark(keys, true);
            }
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
        let header = Row::new(["", "Date", "Known", "Title", "Feed"]);
        let rows = self.items.iter().map(|(item, known)| {
            let date = item
                .date
                .as_deref()
                .map_or("", |d| d.get(..10).unwrap_or(d));
            let read = self.is_read(item);
            let row = Row::new(vec![
                Cell::from(if read { " " } else { "•" }),
                Cell::from(date.to_owned()),
                Cell::from(known.map_or("   -".to_owned(), |k| format!("{k:>4}%"))),
                Cell::from(item.title.clone()),
                Cell::from(item.feed.clone().unwrap_or_default()),
            ]);
            if read { row.style(theme.dim) } else { row }
        });
        super::list::ListTable {
            header,
            rows,
            widths: &[
                Constraint::Length(1),
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
                format!(
                    " Feeds: {} new of {} items ",
                    self.new_count(),
                    self.items.len()
                ),
                &[
                    ("Enter", "import and read"),
                    ("N", "read/new"),
                    ("A", "all read"),
                    ("u", "update"),
                    ("Esc", "library"),
                    ("q", "quit"),
                ],
            ),
        };
        buf.set_line(status.x, status.y, &line, status.width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_urls_keep_the_host_and_the_end() {
        assert_eq!(short_url("https://www.tempo.co/a", 40), "tempo.co/a");
        let long = "https://news.detik.com/berita/d-7123456/banjir-surut-di-jakarta-timur-warga-bersihkan-rumah";
        let short = short_url(long, 40);
        assert!(short.starts_with("news.detik.com/…"), "{short}");
        assert!(short.ends_with("bersihkan-rumah"), "{short}");
        assert!(short.chars().count() <= 41, "{short}");
    }
}
