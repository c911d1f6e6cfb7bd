//! The library screen: one row per article (title, source, date, words, share known, how far
//! read), sortable by any column, filtered with `/`, Enter to read. State, keys and drawing of
//! that one screen; the [`super::shell`] decides what opening an article means.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::theme::Theme;
use crate::catalog::Item;

/// A column of the library, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The headline.
    Title,
    /// The publication.
    Source,
    /// The date.
    Date,
    /// Counted words.
    Words,
    /// Share known.
    Known,
    /// Share read.
    Read,
}

impl Column {
    /// Every column, in display order (keys 1–6 sort by them).
    pub const ALL: [Column; 6] = [
        Column::Title,
        Column::Source,
        Column::Date,
        Column::Words,
        Column::Known,
        Column::Read,
    ];

    fn label(self) -> &'static str {
        match self {
            Column::Title => "Title",
            Column::Source => "Source",
            Column::Date => "Date",
            Column::Words => "Words",
            Column::Known => "Known",
            Column::Read => "Read",
        }
    }
}

/// What a key asks the shell to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the library itself.
    Stay,
    /// Open this article in the reader.
    Open(PathBuf),
    /// Quit kabar.
    Quit,
    /// Review the learning terms.
    Review,
    /// Show the feeds' items.
    Feeds,
}

/// The library screen's state.
#[derive(Debug)]
pub struct LibraryView {
    items: Vec<Item>,
    /// Indices into `items` that pass the filter, in sort order.
    shown: Vec<usize>,
    sort: Column,
    descending: bool,
    filter: String,
    /// The filter being typed after `/`.
    typing: Option<Input>,
    /// The selected row of `shown`.
    selected: usize,
    /// A message for the status line until the next key.
    notice: Option<String>,
    /// Where the articles come from, for the empty-library hint.
    folders: Vec<PathBuf>,
    /// Feed items not read yet.
    new_feed_items: usize,
}

impl LibraryView {
    /// A library of `items` found in `folders`, sorted by title.
    pub fn new(items: Vec<Item>, folders: Vec<PathBuf>) -> LibraryView {
        let mut view = LibraryView {
            items: Vec::new(),
            shown: Vec::new(),
            sort: Column::Title,
            descending: false,
            filter: String::new(),
            typing: None,
            selected: 0,
            notice: None,
            folders,
            new_feed_items: 0,
        };
        view.set_items(items);
        view
    }

    /// How many feed items are new, for the status line.
    pub fn set_new_feed_items(&mut self, count: usize) {
        self.new_feed_items = count;
    }

    /// How many feed items the status line says are new.
    pub fn new_feed_items(&self) -> usize {
        self.new_feed_items
    }

    /// Replaces the rows (after reading changed the figures), keeping sort, filter and the
    /// selected article.
    pub fn set_items(&mut self, items: Vec<Item>) {
        let selected = self.selected_item().map(|item| item.path.clone());
        self.items = items;
        self.refresh();
        if let Some(path) = selected {
            self.select_path(&path);
        }
    }

    /// Selects the article at `path`, if listed.
    pub fn select_path(&mut self, path: &std::path::Path) {
        if let Some(row) = self.shown.iter().position(|&i| self.items[i].path == path) {
            self.selected = row;
        }
    }

    /// The rows shown, in order.
    pub fn shown(&self) -> impl Iterator<Item = &Item> {
        self.shown.iter().map(|&i| &self.items[i])
    }

    /// The article under the cursor.
    pub fn selected_item(&self) -> Option<&Item> {
        self.shown.get(self.selected).map(|&i| &self.items[i])
    }

    /// Shows a message in the status line.
    pub fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(text.into());
    }

    fn refresh(&mut self) {
        let needle = crate::text::fold(&self.filter);
        let mut shown: Vec<usize> = (0..self.items.len())
            .filter(|&i| {
                let item = &self.items[i];
                needle.is_empty()
                    || [&item.title, &item.source, &item.date]
                        .iter()
                        .any(|field| crate::text::fold(field).contains(&needle))
            })
            .collect();
        let items = &self.items;
        shown.sort_by(|&a, &b| {
            let (a, b) = (&items[a], &items[b]);
            let order = match self.sort {
                Column::Title => crate::text::fold(&a.title).cmp(&crate::text::fold(&b.title)),
                Column::Source => a.source.cmp(&b.source),
                Column::Date => a.date.cmp(&b.date),
                Column::Words => a.words.cmp(&b.words),
                Column::Known => a.known.cmp(&b.known),
                Column::Read => a.read.cmp(&b.read),
            };
            let order = order.then_with(|| a.path.cmp(&b.path));
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        self.shown = shown;
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) -> Outcome {
        let Event::Key(key) = event else {
            return Outcome::Stay;
        };
        self.notice = None;
        if let Some(input) = &mut self.typing {
            match key.code {
                KeyCode::Enter => self.typing = None,
                KeyCode::Esc => {
                    self.typing = None;
                    self.filter.clear();
                    self.refresh();
                }
                _ => {
                    input.handle_event(event);
                    self.filter = input.value().to_owned();
                    self.selected = 0;
                    self.refresh();
                }
            }
            return Outcome::Stay;
        }
        self.handle_key(*key)
    }

    fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        if let Some(row) = super::list::moved(self.selected, self.shown.len(), key.code) {
            self.selected = row;
            return Outcome::Stay;
        }
        match key.code {
            KeyCode::Char('q') => return Outcome::Quit,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Outcome::Quit;
            }
            KeyCode::Char('/') => self.typing = Some(Input::new(self.filter.clone())),
            KeyCode::Char('R') => return Outcome::Review,
            KeyCode::Char('F') => return Outcome::Feeds,
            KeyCode::Esc => {
                self.filter.clear();
                self.refresh();
            }
            KeyCode::Char(c @ '1'..='6') => {
                let column = Column::ALL[usize::from(c as u8 - b'1')];
                // The same column again reverses; a new one starts in its natural order
                // (numbers biggest first, text A to Z).
                if column == self.sort {
                    self.descending = !self.descending;
                } else {
                    self.sort = column;
                    self.descending = matches!(
                        column,
                        Column::Words | Column::Known | Column::Read | Column::Date
                    );
                }
                self.refresh();
            }
            KeyCode::Enter => {
                if let Some(item) = self.selected_item() {
                    return match &item.error {
                        Some(error) => {
                            let error = error.clone();
                            self.notify(error);
                            Outcome::Stay
                        }
                        None => Outcome::Open(item.path.clone()),
                    };
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// Draws the library into `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.height < 3 || area.width < 20 {
            buf.set_stringn(
                area.x,
                area.y,
                "kabar library",
                area.width as usize,
                theme.heading,
            );
            return;
        }
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let detail = Rect::new(area.x, area.bottom() - 2, area.width, 1);
        let table_area = Rect::new(area.x, area.y, area.width, area.height - 2);
        let header = Row::new(Column::ALL.iter().enumerate().map(|(n, column)| {
            let arrow = match (*column == self.sort, self.descending) {
                (true, false) => " ▲",
                (true, true) => " ▼",
                _ => "",
            };
            Cell::from(format!("{} {}{arrow}", n + 1, column.label()))
        }));
        let rows = self.shown().map(|item| {
            let style = if item.error.is_some() {
                theme.warning
            } else {
                Style::new()
            };
            Row::new(vec![
                Cell::from(item.title.clone()),
                Cell::from(item.source.clone()),
                Cell::from(item.date.get(..10).unwrap_or(&item.date).to_owned()),
                Cell::from(format!("{:>6}", item.words)),
                Cell::from(format!("{:>4}%", item.known)),
                Cell::from(format!("{:>4}%", item.read)),
            ])
            .style(style)
        });
        super::list::ListTable {
            header,
            rows,
            widths: &[
                Constraint::Fill(1),
                Constraint::Length(18),
                Constraint::Length(11),
                Constraint::Length(9),
                Constraint::Length(9),
                Constraint::Length(8),
            ],
            empty: self.items.is_empty().then(|| {
                let folders: Vec<String> = self
                    .folders
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect();
                format!(
                    "No articles yet. Put .md or .txt files in {}, or run `kabar import FILE|URL`.",
                    folders.join(" or ")
                )
            }),
        }
        .render(self.selected, table_area, buf, theme);
        let detail_text = match self.selected_item() {
            Some(Item {
                error: Some(error), ..
            }) => error.clone(),
            Some(item) => item.path.display().to_string(),
            None => String::new(),
        };
        buf.set_stringn(
            detail.x,
            detail.y,
            detail_text,
            detail.width as usize,
            theme.dim,
        );
        buf.set_style(status, theme.status);
        let line = if let Some(input) = &self.typing {
            Line::from(vec![Span::styled(
                format!("/{}", input.value()),
                theme.status,
            )])
        } else if let Some(notice) = &self.notice {
            Line::from(Span::styled(format!(" {notice} "), theme.warning))
        } else {
            let filter = if self.filter.is_empty() {
                String::new()
            } else {
                format!(" · filter \"{}\" (Esc clears)", self.filter)
            };
            let feeds = match self.new_feed_items {
                0 => "feeds".to_owned(),
                n => format!("feeds ({n} new)"),
            };
            theme.hint_line(
                format!(
                    " Library: {} of {} articles{filter} ",
                    self.shown.len(),
                    self.items.len()
                ),
                &[
                    ("Enter", "read"),
                    ("/", "filter"),
                    ("1-6", "sort"),
                    ("R", "review"),
                    ("F", &feeds),
                    ("q", "quit"),
                ],
            )
        };
        buf.set_line(status.x, status.y, &line, status.width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, words: u32, known: u32) -> Item {
        Item {
            path: PathBuf::from(format!("{title}.md")),
            title: title.to_owned(),
            source: "Tempo".to_owned(),
            date: String::new(),
            words,
            known,
            read: 0,
            error: None,
        }
    }

    fn key(view: &mut LibraryView, code: KeyCode) -> Outcome {
        view.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn titles(view: &LibraryView) -> Vec<&str> {
        view.shown().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn sorts_by_any_column_filters_and_opens() {
        let mut view = LibraryView::new(
            vec![
                item("Banjir", 300, 40),
                item("Anggaran", 100, 80),
                item("Cuaca", 200, 60),
            ],
            Vec::new(),
        );
        assert_eq!(titles(&view), ["Anggaran", "Banjir", "Cuaca"]);
        key(&mut view, KeyCode::Char('5'));
        assert_eq!(
            titles(&view),
            ["Anggaran", "Cuaca", "Banjir"],
            "known, most first"
        );
        key(&mut view, KeyCode::Char('5'));
        assert_eq!(
            titles(&view),
            ["Banjir", "Cuaca", "Anggaran"],
            "again reverses"
        );
        key(&mut view, KeyCode::Char('/'));
        for c in "CU".chars() {
            key(&mut view, KeyCode::Char(c));
        }
        key(&mut view, KeyCode::Enter);
        assert_eq!(titles(&view), ["Cuaca"]);
        assert_eq!(
            key(&mut view, KeyCode::Enter),
            Outcome::Open(PathBuf::from("Cuaca.md"))
        );
        key(&mut view, KeyCode::Esc);
        assert_eq!(titles(&view).len(), 3, "Esc clears the filter");
        assert_eq!(key(&mut view, KeyCode::Char('q')), Outcome::Quit);
    }
}
