//! Every colour and text attribute the reader uses. Views take styles from here only, so a
//! monochrome terminal (NO_COLOR) gets a theme that speaks through attributes instead.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// A one-word glossary term in the text.
    pub term: Style,
    /// A multi-word glossary term: drawn across its spaces so it reads as one unit.
    pub phrase: Style,
    /// A word outside the glossary whose root is in it (dikeluarkan → keluar).
    pub derived: Style,
    /// A word neither in the glossary nor given a status: one to learn.
    pub unknown: Style,
    /// The term under the cursor (all its words).
    pub current_term: Style,
    /// The word under the cursor when it is not a term.
    pub cursor: Style,
    /// The last search hit.
    pub search_hit: Style,
    /// Words selected with `v`.
    pub selection: Style,
    /// Terms by learning status 1 (new) to 5 (learned): a ramp from red to green.
    pub learning: [Style; 5],
    /// Block titles and the headword in the pane.
    pub heading: Style,
    /// Secondary text: labels, hints, counts.
    pub dim: Style,
    /// Where a meaning comes from when it is not the learner's glossary (a dictionary).
    pub source: Style,
    /// The status line.
    pub status: Style,
    /// Key names in the status line and help.
    pub key: Style,
    /// Warnings about the glossary.
    pub warning: Style,
    /// Borders.
    pub border: Style,
    /// The current item of the vocabulary list.
    pub selected: Style,
}

impl Theme {
    /// The default, for colour terminals (16 colours are enough).
    pub fn color() -> Theme {
        Theme {
            term: Style::new().fg(Color::Cyan),
            phrase: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::UNDERLINED),
            derived: Style::new().fg(Color::Blue).add_modifier(Modifier::ITALIC),
            // Far from the terms' cyan and the derived words' blue: the words to learn.
            unknown: Style::new().fg(Color::LightMagenta),
            current_term: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            search_hit: Style::new().fg(Color::Black).bg(Color::Magenta),
            selection: Style::new().fg(Color::Black).bg(Color::Green),
            learning: [
                Style::new().fg(Color::Red),
                Style::new().fg(Color::LightRed),
                Style::new().fg(Color::Yellow),
                Style::new().fg(Color::LightGreen),
                Style::new().fg(Color::Green),
            ],
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            source: Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::ITALIC),
            status: Style::new().fg(Color::White).bg(Color::Blue),
            key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Black).bg(Color::Yellow),
            border: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// For `NO_COLOR`: attributes only.
    pub fn monochrome() -> Theme {
        Theme {
            term: Style::new().add_modifier(Modifier::BOLD),
            phrase: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            derived: Style::new().add_modifier(Modifier::ITALIC),
            unknown: Style::new().add_modifier(Modifier::UNDERLINED),
            current_term: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            search_hit: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
            selection: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            // Without colour: the newer the term, the louder (bold for 1–2, plain for 5).
            learning: [
                Style::new().add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::ITALIC),
                Style::new().add_modifier(Modifier::ITALIC),
                Style::new(),
            ],
            heading: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new(),
            source: Style::new().add_modifier(Modifier::ITALIC),
            status: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            warning: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: Style::new(),
            selected: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A status line: `lead` in the status style, then each key and what it does.
    pub fn hint_line(&self, lead: String, hints: &[(&str, &str)]) -> ratatui::text::Line<'static> {
        use ratatui::text::Span;
        let mut spans = vec![Span::styled(lead, self.status)];
        for (key, what) in hints {
            spans.push(Span::styled(format!(" {key} "), self.key));
            spans.push(Span::styled((*what).to_owned(), self.status));
        }
        ratatui::text::Line::from(spans)
    }

    /// [`Theme::monochrome`] when `NO_COLOR` is set to anything non-empty, else [`Theme::color`].
    pub fn from_no_color(no_color: Option<&str>) -> Theme {
        match no_color {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::color(),
        }
    }
}
