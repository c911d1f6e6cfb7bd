//! The statistics (`S`) and vocabulary (`L`) overlays: centred boxes over the reader, drawn
//! from snapshots taken when they opened.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::truncate;
use crate::knowledge::Count;
use crate::ui::app::App;
use crate::ui::app::stats::{ByStatus, Stats};
use crate::ui::app::vocab_view::{Tab, VocabView};
use crate::ui::command::Command;

/// A box of at most `width` × `height` centred in `area`, cleared.
fn popup(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let width = width.min(area.width.saturating_sub(2)).max(1);
    let height = height.min(area.height.saturating_sub(2)).max(1);
    let rect = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    Clear.render(rect, buf);
    rect
}

/// `part` of `whole` in percent, rounded down.
fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        (u64::from(part) * 100 / u64::from(whole)) as u32
    }
}

fn by_status(counts: &ByStatus) -> String {
    let levels: Vec<String> = counts
        .levels
        .iter()
        .enumerate()
        .map(|(n, count)| format!("{}: {count}", n + 1))
        .collect();
    format!(
        "{}   W: {}   I: {}",
        levels.join("  "),
        counts.well_known,
        counts.ignored
    )
}

impl App {
    pub(super) fn render_stats(&self, stats: &Stats, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let totals = &stats.article;
        let counted = totals.counted();
        let row = |label: &str, count: &Count| {
            Line::from(vec![
                Span::raw(format!("  {label:<10}")),
                Span::styled(
                    format!("{:>3}%", percent(count.running, counted)),
                    theme.heading,
                ),
                Span::raw(format!(
                    "  {:>6} running  {:>5} distinct",
                    count.running, count.distinct
                )),
            ])
        };
        let glossary_total: u32 = stats.glossary.levels.iter().sum::<u32>()
            + stats.glossary.well_known
            + stats.glossary.ignored
            + stats.glossary.none;
        let words_total: u32 =
            stats.words.levels.iter().sum::<u32>() + stats.words.well_known + stats.words.ignored;
        let lines = vec![
            Line::styled("This article", theme.heading),
            Line::raw(format!(
                "  {counted} running words, {} distinct words and terms",
                totals.counted_distinct()
            )),
            row("known", &totals.known),
            row("learning", &totals.learning),
            row("unknown", &totals.unknown),
            Line::from(vec![
                Span::raw(format!("  {:<10}", "families")),
                Span::styled(
                    format!("{:>3}%", totals.families.known_percent()),
                    theme.heading,
                ),
                Span::raw(format!(
                    "  known: {} of {} (a root and its forms count once)",
                    totals.families.known, totals.families.counted
                )),
            ]),
            Line::styled(
                format!(
                    "  not counted: {} running (names, acronyms, ignored words; numbers never)",
                    totals.excluded.running
                ),
                theme.dim,
            ),
            Line::raw(""),
            Line::styled(format!("Glossary: {glossary_total} terms"), theme.heading),
            Line::raw(format!(
                "  {}   no status: {}",
                by_status(&stats.glossary),
                stats.glossary.none
            )),
            Line::raw(""),
            Line::styled(
                format!("Words without a glossary entry: {words_total} with a status"),
                theme.heading,
            ),
            Line::raw(format!("  {}", by_status(&stats.words))),
            Line::styled(
                self.word_statuses().path().map_or_else(
                    || "  (kept in memory only: no data folder)".to_owned(),
                    |path| format!("  in {}", path.display()),
                ),
                theme.dim,
            ),
            Line::raw(""),
            Line::styled("Known: status 5 or W. Any key closes.", theme.dim),
        ];
        let rect = popup(area, 78, lines.len() as u16 + 2, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_style(theme.border)
                    .title(" Statistics "),
            )
            .render(rect, buf);
    }

    pub(super) fn render_vocab(&self, view: &VocabView, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let rect = popup(area, 100, area.height.saturating_sub(2), buf);
        let keys = &self.keymap;
        let switch = keys.label(Command::NextTerm);
        let title = match view.tab {
            Tab::Words => {
                let forms: usize = view.words.iter().map(|group| group.forms.len()).sum();
                format!(
                    " Unknown: {} families, {forms} words ({switch}: phrases) ",
                    view.words.len()
                )
            }
            Tab::Phrases => format!(
                " Recurring phrases: {} ({switch}: words) ",
                view.phrases.len()
            ),
        };
        let block = Block::bordered().border_style(theme.border).title(title);
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height < 3 || inner.width < 10 {
            return;
        }
        let footer = format!(
            "j/k move · Enter go to it · {} add to glossary · {switch} switch · {} close",
            keys.label(Command::AddTerm),
            keys.label(Command::Back)
        );
        // Rows, then the selected item's example (two lines), then the key line.
        let list_height = inner.height.saturating_sub(3) as usize;
        let width = inner.width as usize;
        if view.is_empty() {
            let empty = match view.tab {
                Tab::Words => "No unknown words left in this article.",
                Tab::Phrases => "No phrase recurs here that is not in the glossary.",
            };
            buf.set_stringn(inner.x, inner.y, empty, width, theme.dim);
        }
        let selected = view.selected();
        let first = selected.saturating_sub(list_height.saturating_sub(1));
        let rows: Vec<(String, String, u32)> = match view.tab {
            Tab::Words => view
                .words
                .iter()
                .skip(first)
                .take(list_height)
                .map(|group| {
                    // The forms only say something when they are not just the root.
                    let forms: Vec<String> = match group.forms.as_slice() {
                        [(form, _)] if *form == group.root => Vec::new(),
                        forms => forms
                            .iter()
                            .map(|(form, count)| format!("{form} {count}"))
                            .collect(),
                    };
                    (group.root.clone(), forms.join(", "), group.count)
                })
                .collect(),
            Tab::Phrases => view
                .phrases
                .iter()
                .skip(first)
                .take(list_height)
                .map(|phrase| (phrase.text.clone(), String::new(), phrase.count))
                .collect(),
        };
        for (i, (head, forms, count)) in rows.iter().enumerate() {
            let y = inner.y + i as u16;
            let style = if first + i == selected {
                theme.selected
            } else {
                ratatui::style::Style::new()
            };
            let line = Line::from(vec![
                Span::styled(format!("{count:>4} "), theme.dim),
                Span::styled(format!("{:<24} ", truncate(head, 24)), theme.heading),
                Span::raw(forms.clone()),
            ]);
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            buf.set_line(inner.x, y, &line, inner.width);
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
        let example = match view.tab {
            Tab::Words => view.words.get(selected).map(|w| w.example.as_str()),
            Tab::Phrases => view.phrases.get(selected).map(|p| p.example.as_str()),
        };
        let example_area = Rect::new(inner.x, inner.bottom() - 3, inner.width, 2);
        Paragraph::new(Line::styled(example.unwrap_or_default(), theme.dim))
            .wrap(Wrap { trim: true })
            .render(example_area, buf);
        buf.set_stringn(
            inner.x,
            inner.bottom() - 1,
            truncate(&footer, width),
            width,
            theme.dim,
        );
    }
}
