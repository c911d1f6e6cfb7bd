//! The help overlay (`?`): every command with the learner's keys for it, from the keymap, so
//! the help shows what `[keys]` made of them; then the mouse and the colours' legend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::ui::app::App;
use crate::ui::command::Command;

/// The widest key column: longer key lists are cut with an ellipsis.
const MAX_KEYS_WIDTH: usize = 20;

impl App {
    pub(super) fn render_help(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let scroll_keys = format!(
            "{}/{}",
            self.keymap.label(Command::LineDown),
            self.keymap.label(Command::LineUp)
        );
        let mut lines = vec![Line::styled(
            format!("Keys ({scroll_keys} scroll, any other key closes)"),
            theme.heading,
        )];
        let keys = |command: &Command| -> String {
            let labels: Vec<String> = self.keymap.keys_for(*command).map(|k| k.label()).collect();
            labels.join(" ")
        };
        // One column of commands on narrow screens, two side by side on wide ones; each
        // column's keys as wide as its longest.
        let columns = if area.width >= 110 { 2 } else { 1 };
        let width = (area.width.saturating_sub(4)).min(if columns == 2 { 124 } else { 80 });
        // Inside the border, each column followed by two spaces.
        let column_width = (usize::from(width).saturating_sub(2) / columns).saturating_sub(2);
        let rows = Command::ALL.len().div_ceil(columns);
        let chunks: Vec<&[Command]> = Command::ALL.chunks(rows.max(1)).collect();
        let keys_widths: Vec<usize> = chunks
            .iter()
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|c| keys(c).width())
                    .max()
                    .unwrap_or(0)
                    .min(MAX_KEYS_WIDTH)
            })
            .collect();
        let entry = |command: &Command, keys_width: usize| -> Vec<Span<'static>> {
            let help_width = column_width.saturating_sub(keys_width + 1);
            let help = truncate(command.help(), help_width);
            let keys = truncate(&keys(command), keys_width);
            let pad = keys_width.saturating_sub(keys.width());
            vec![
                Span::styled(format!("{keys}{} ", " ".repeat(pad)), theme.heading),
                Span::raw(format!(
                    "{help}{}",
                    " ".repeat(help_width.saturating_sub(help.width()))
                )),
            ]
        };
        for row in 0..rows {
            let mut spans = Vec::new();
            for (chunk, keys_width) in chunks.iter().zip(&keys_widths) {
                if let Some(command) = chunk.get(row) {
                    spans.extend(entry(command, *keys_width));
                    spans.push(Span::raw("  "));
                }
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "Mouse: click a word to select it; the wheel scrolls. Keys are set in config.toml [keys].",
            theme.dim,
        ));
        lines.push(Line::from(vec![
            Span::raw("Legend: "),
            Span::styled("term", theme.term),
            Span::raw("  "),
            Span::styled("multi-word term", theme.phrase),
            Span::raw("  "),
            Span::styled("current term", theme.current_term),
            Span::raw("  "),
            Span::styled("search hit", theme.search_hit),
        ]));
        lines.push(Line::from(vec![
            Span::raw("        "),
            Span::styled("unknown word", theme.unknown),
            Span::raw("  "),
            Span::styled("derived from a term", theme.derived),
            Span::raw("  (names, numbers and acronyms are plain and not counted)"),
        ]));
        let mut statuses = vec![Span::raw("Status: ")];
        for (n, style) in theme.learning.iter().enumerate() {
            statuses.push(Span::styled(format!("{}", n + 1), *style));
            statuses.push(Span::raw(" "));
        }
        statuses.push(Span::raw(
            "(new → learned); W well known and I ignored are not highlighted",
        ));
        lines.push(Line::from(statuses));
        let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height.saturating_sub(height)) / 2,
            width,
            height,
        };
        Clear.render(popup, buf);
        let hidden = (lines.len() as u16 + 2).saturating_sub(height);
        let scroll = self.help_scroll.min(hidden);
        let title = if hidden > 0 {
            format!(" Help ({scroll_keys} for more) ")
        } else {
            " Help ".to_owned()
        };
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(Block::bordered().border_style(theme.border).title(title))
            .render(popup, buf);
    }
}
