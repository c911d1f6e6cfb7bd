//! Drawing the reader: a pure function of [`App`]. Each region has its own `render_*`; styles
//! come only from the theme. Only visible rows are laid out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Mode};
use super::command::Command;
use super::keymap::HINTS;
use super::layout::{Areas, MIN_SIZE};
use super::rows::Rows;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::matcher::TermMatch;

mod family;
mod help;
mod meaning;
mod overlays;
mod pane;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            let message = ["Terminal", "too small", "for kabar"];
            for (y, word) in (area.top()..area.bottom()).zip(message) {
                buf.set_stringn(area.x, y, word, area.width as usize, Style::new());
            }
            return;
        }
        let areas = self.areas_for(area);
        self.render_article(&areas, buf);
        if let Some(pane) = areas.pane {
            self.render_pane(pane, buf);
        }
        if let Some(strip) = areas.strip {
            self.render_strip(strip, buf);
        }
        if let Some(warning) = areas.warning {
            self.render_warning(warning, buf);
        }
        self.render_status(areas.status, buf);
        if matches!(self.mode, Mode::Help) {
            self.render_help(area, buf);
        }
        if let Mode::Adding(form) = &self.mode {
            self.render_form(form, area, buf);
        }
        if let Mode::Stats(stats) = &self.mode {
            self.render_stats(stats, area, buf);
        }
        if let Mode::Vocab(vocab) = &self.mode {
            self.render_vocab(vocab, area, buf);
        }
    }
}

impl App {
    fn areas_for(&self, area: Rect) -> Areas {
        Areas::new(
            area,
            self.pane_visible,
            self.warnings_visible && !self.warnings.is_empty(),
        )
    }

    fn render_article(&self, areas: &Areas, buf: &mut Buffer) {
        let text = areas.text;
        let doc = &self.doc;
        if doc.tokens().is_empty() {
            buf.set_stringn(
                text.x,
                text.y,
                "This article has no text.",
                text.width as usize,
                self.theme.dim,
            );
            return;
        }
        let current = self.current_match().copied();
        let mut rows = Rows::new(doc, self.wrap.borrow_mut(), text.width);
        let mut pos = self.top;
        for y in text.top()..text.bottom() {
            if let Some(line) = rows.line(pos) {
                let paragraph = &doc.article().paragraphs[pos.para];
                for piece in &line.pieces {
                    let t = piece.token as usize;
                    let x = text.x + piece.x;
                    let style = self.token_style(t, current.as_ref());
                    if piece.gap && x > text.x {
                        buf.set_string(x - 1, y, " ", self.gap_style(t, current.as_ref()));
                    }
                    let shown = &paragraph[piece.bytes.start as usize..piece.bytes.end as usize];
                    buf.set_stringn(x, y, shown, piece.width as usize, style);
                }
            }
            let next = rows.advance(pos, 1);
            // At the end `advance` clamps back to the last text row: stop, do not repeat it.
            if next <= pos {
                break;
            }
            pos = next;
        }
    }

    /// The style of token `t`: search hit, then cursor/current term, then term highlighting.
    fn token_style(&self, t: usize, current: Option<&TermMatch>) -> Style {
        let theme = &self.theme;
        let mut style = if self.highlighting {
            self.highlight(t)
        } else {
            Style::new()
        };
        if self.search_hit.as_ref().is_some_and(|hit| hit.contains(&t)) {
            style = style.patch(theme.search_hit);
        }
        if self
            .selection()
            .is_some_and(|selected| selected.contains(&t))
        {
            return style.patch(theme.selection);
        }
        if current.is_some_and(|m| m.tokens().contains(&t)) {
            style = style.patch(theme.current_term);
        } else if t == self.cursor {
            style = style.patch(theme.cursor);
        }
        style
    }

    /// How token `t` is highlighted: by the learning status of its term or word (well known
    /// and ignored ones are plain; a status from the word's family in italics), else as an unrated term, a phrase, a derived word or an
    /// unknown word. Names and numbers are plain.
    fn highlight(&self, t: usize) -> Style {
        use crate::glossary::Status;
        use crate::knowledge::Standing;
        let theme = &self.theme;
        let phrase = self.doc.match_at(t).is_some_and(|(_, m)| m.len() > 1);
        let underline = if phrase {
            Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        match self.knowledge.standing(t) {
            Some(Standing::Status(Status::Level(n))) => {
                theme.learning[usize::from(n.clamp(1, 5)) - 1].patch(underline)
            }
            // A form learned through its root: its root's colour, in italics.
            Some(Standing::Inherited(Status::Level(n))) => theme.learning
                [usize::from(n.clamp(1, 5)) - 1]
                .patch(underline)
                .add_modifier(ratatui::style::Modifier::ITALIC),
            Some(Standing::Unrated) if phrase => theme.phrase,
            Some(Standing::Unrated) => theme.term,
            Some(Standing::Unknown) if self.doc.derived(t).is_some() => theme.derived,
            Some(Standing::Unknown) => theme.unknown,
            _ => Style::new(),
        }
    }

    /// The space before token `t` takes the style of a phrase it sits inside, so multi-word
    /// terms read as one highlighted unit.
    fn gap_style(&self, t: usize, current: Option<&TermMatch>) -> Style {
        if let Some(selected) = self.selection()
            && selected.contains(&t)
            && selected.start != t
        {
            return self.theme.selection;
        }
        match self.doc.match_at(t) {
            Some((_, m)) if m.start as usize != t => {
                if current == Some(m) {
                    self.theme.current_term
                } else if self.highlighting {
                    self.highlight(t)
                } else {
                    Style::new()
                }
            }
            _ => Style::new(),
        }
    }

    fn render_pane(&self, pane: Rect, buf: &mut Buffer) {
        // The entry's lines size the sections and are then drawn: built once per frame.
        let lines = self.entry_lines();
        let [entry, translation, vocabulary] = self.pane_sections(pane, &lines);
        Clear.render(pane, buf);
        if pane.x > 0 {
            for y in pane.top()..pane.bottom() {
                buf.set_string(pane.x, y, "│", self.theme.border);
            }
        }
        Paragraph::new(lines)
            .block(self.section("Glossary"))
            .wrap(Wrap { trim: false })
            .render(entry, buf);
        self.render_translation(translation, buf);
        self.render_vocabulary(vocabulary, buf);
    }

    fn section(&self, title: &str) -> Block<'static> {
        Block::new()
            .borders(Borders::TOP)
            .border_style(self.theme.border)
            .title(Span::styled(format!(" {title} "), self.theme.heading))
    }

    /// The current term in two rows, for screens too small for the pane.
    fn render_strip(&self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.entry_summary())
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .border_style(self.theme.border),
            )
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }

    fn render_translation(&self, area: Rect, buf: &mut Buffer) {
        let doc = &self.doc;
        let count = doc.paragraph_count();
        let para = if count == 0 {
            0
        } else {
            doc.paragraph_of(self.cursor)
        };
        let title = format!("Translation ¶{}/{}", (para + 1).min(count), count);
        Paragraph::new(self.translation_lines())
            .block(self.section(&title))
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }

    fn render_vocabulary(&self, area: Rect, buf: &mut Buffer) {
        let found = self.doc.found_terms();
        let block = self.section(&format!("Vocabulary: {} terms", found.len()));
        let inner = block.inner(area);
        block.render(area, buf);
        let current = self
            .current_match()
            .and_then(|m| self.doc.found_index(m.entry));
        let offset = self
            .vocabulary_offset
            .unwrap_or_else(|| self.vocabulary_follow_offset(inner.height as usize));
        for (row, index) in (offset..found.len())
            .take(inner.height as usize)
            .enumerate()
        {
            let item = found[index];
            let entry = self.glossary().entry(item.entry);
            let y = inner.y + row as u16;
            let selected = current == Some(index);
            let base = if selected {
                self.theme.selected
            } else {
                Style::new()
            };
            let count = format!(" ×{} ", item.count);
            let room = (inner.width as usize).saturating_sub(entry.term.width() + count.width());
            let line = Line::from(vec![
                Span::styled(entry.term.clone(), base.patch(self.theme.term)),
                Span::styled(count, base.patch(self.theme.dim)),
                Span::styled(truncate(&entry.translation_line(), room), base),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }

    fn render_warning(&self, area: Rect, buf: &mut Buffer) {
        let count = self.warnings.len();
        let first = self.warnings.first().cloned().unwrap_or_default();
        let more = if count > 1 {
            format!(" (+{} more: kabar check)", count - 1)
        } else {
            String::new()
        };
        let text = format!(
            " ⚠ {first}{more} · {} hides",
            self.keymap.label(Command::Back)
        );
        buf.set_style(area, self.theme.warning);
        Paragraph::new(text)
            .style(self.theme.warning)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        buf.set_style(area, theme.status);
        if let Mode::ConfirmKnown { count } = &self.mode {
            let words = if *count == 1 { "word" } else { "words" };
            let question = format!(
                " Mark the {count} unknown {words} here well known (glossary terms stay as they are)? y marks them, any other key cancels "
            );
            buf.set_stringn(area.x, area.y, question, area.width as usize, theme.warning);
            return;
        }
        if let Mode::ConfirmFamily { root, forms } = &self.mode {
            let words = if *forms == 1 { "form" } else { "forms" };
            let keys = &self.keymap;
            let question = format!(
                " One status for {root} and its {forms} {words} here? {} {} set it, {} clears it, any other key cancels ",
                keys.labels(&[
                    Command::Status1,
                    Command::Status2,
                    Command::Status3,
                    Command::Status4,
                    Command::Status5,
                ]),
                keys.labels(&[Command::StatusWellKnown, Command::StatusIgnored]),
                keys.label(Command::StatusClear),
            );
            buf.set_stringn(area.x, area.y, question, area.width as usize, theme.warning);
            return;
        }
        if let Mode::ConfirmDelete { term, file } = &self.mode {
            let question =
                format!(" Delete \"{term}\" from {file}? y deletes, any other key keeps it ");
            buf.set_stringn(area.x, area.y, question, area.width as usize, theme.warning);
            return;
        }
        if let Mode::Searching(input) = &self.mode {
            let prompt = format!("/{}", input.value());
            buf.set_stringn(area.x, area.y, &prompt, area.width as usize, theme.status);
            let cursor_x = area.x + 1 + input.visual_cursor() as u16;
            if cursor_x < area.right() {
                buf[(cursor_x, area.y)].set_style(theme.cursor);
            }
            return;
        }
        let doc = &self.doc;
        let title = doc.article().title();
        let count = doc.paragraph_count();
        let para = if count == 0 {
            0
        } else {
            doc.paragraph_of(self.cursor) + 1
        };
        let tokens = doc.tokens().len().max(1);
        // Reading position by token; the last word counts as the end even before punctuation.
        let at_end =
            (self.cursor + 1..doc.tokens().len()).all(|t| !doc.tokens()[t].kind.is_wordlike());
        let percent = if at_end {
            100
        } else {
            (self.cursor + 1) * 100 / tokens
        };
        let translating = self
            .translation_progress()
            .map(|(done, total)| format!("· translating {done}/{total} "))
            .unwrap_or_default();
        let totals = self.knowledge.totals();
        // The share by family too when there is room for it beside the hints.
        let position = if area.width >= 100 {
            format!(
                " ¶{para}/{count} {percent}% read · {}% of words · {}% of families known \
                 {translating}",
                totals.known_percent(),
                totals.families.known_percent()
            )
        } else {
            format!(
                " ¶{para}/{count} {percent}% read · {}% known {translating}",
                totals.known_percent()
            )
        };
        let mut right: Vec<Span> = Vec::new();
        match &self.notice {
            Some(notice) => {
                let style = if notice.is_warning {
                    theme.warning
                } else {
                    theme.status
                };
                right.push(Span::styled(format!(" {} ", notice.text), style));
            }
            None => {
                // As many hints as fit beside the position; the title takes what is left.
                let mut budget = (area.width as usize).saturating_sub(position.width() + 6);
                for command in HINTS {
                    let key = format!(" {} ", self.keymap.label(*command));
                    let label = hint_label(*command);
                    if key.width() + label.width() > budget {
                        continue;
                    }
                    budget -= key.width() + label.width();
                    right.push(Span::styled(key, theme.key));
                    right.push(Span::styled(label, theme.status));
                }
            }
        }
        let right_width: usize = right.iter().map(Span::width).sum();
        let available = (area.width as usize).saturating_sub(right_width + position.width());
        let title = truncate(&title, available.saturating_sub(1));
        let left = Line::from(vec![
            Span::styled(format!(" {title}"), theme.status),
            Span::styled(position, theme.status),
        ]);
        buf.set_line(area.x, area.y, &left, area.width);
        let right_x = area.right().saturating_sub(right_width as u16).max(area.x);
        buf.set_line(right_x, area.y, &Line::from(right), area.right() - right_x);
    }

    fn render_form(&self, form: &super::app::form::Form, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let width = area.width.saturating_sub(4).min(100);
        let label_width = 16u16;
        let mut lines: Vec<Line> = super::app::form::FIELDS
            .iter()
            .zip(&form.inputs)
            .enumerate()
            .map(|(i, (label, input))| {
                let style = if i == form.focus {
                    theme.selected
                } else {
                    Style::new()
                };
                Line::from(vec![
                    Span::styled(format!("{label:>15} "), theme.dim),
                    Span::styled(format!("{} ", input.value()), style),
                ])
            })
            .collect();
        if let Some(error) = &form.error {
            lines.push(Line::styled(format!("⚠ {error}"), theme.warning));
        }
        if let Some(from) = &form.prefilled_from {
            lines.push(Line::styled(
                format!("filled in from {from}: edit it to your own words, then Enter"),
                theme.source,
            ));
        }
        let mut hint =
            "Tab next field · Enter save · Esc cancel · translations ; tags ,".to_owned();
        if let Some(root) = &form.root {
            hint.push_str(&format!(" · Ctrl-R: use the root \"{root}\""));
        }
        lines.push(Line::styled(hint, theme.dim));
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + area.height.saturating_sub(height) / 2,
            width,
            height,
        };
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_style(theme.border)
                    .title(if form.editing.is_some() {
                        " Edit the glossary entry "
                    } else {
                        " Add to the glossary "
                    }),
            )
            .render(popup, buf);
        // The terminal-style cursor in the focused field.
        let input = &form.inputs[form.focus];
        let x = popup.x + 1 + label_width + input.visual_cursor() as u16;
        let y = popup.y + 1 + form.focus as u16;
        if x < popup.right().saturating_sub(1) && y < popup.bottom().saturating_sub(1) {
            buf[(x, y)].set_style(theme.cursor);
        }
    }
}

fn hint_label(command: Command) -> &'static str {
    match command {
        Command::NextTerm => "next term",
        Command::Search => "search",
        Command::Help => "help",
        Command::Quit => "quit",
        other => other.help(),
    }
}

/// `text` cut to `max` display columns, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}
