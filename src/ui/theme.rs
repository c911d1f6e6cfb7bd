//! Every colour and text attribute the reader uses. Views take styles from here only, so a
//! monochrome terminal (NO_COLOR) gets a theme that speaks through attributes instead.

use ratatui::style::{Color, Modifier, Style};

use crate::settings::theme::{Colour, ThemeSetting};

/// What the environment says about colour, passed in (never read here, so tests choose it).
#[derive(Clone, Copy, Debug, Default)]
pub struct ColourEnv<'a> {
    /// `NO_COLOR`: set and non-empty means no colours.
    pub no_color: Option<&'a str>,
    /// `COLORTERM`: `truecolor` or `24bit` means hex colours are shown as written; anything
    /// else, the nearest of the 16 ANSI colours.
    pub colorterm: Option<&'a str>,
}

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

    /// The learner's `[theme]` over [`Theme::color`]; with `NO_COLOR`, [`Theme::monochrome`]
    /// whatever the settings say (statuses stay apart by bold, italic and underline).
    pub fn from_settings(setting: &ThemeSetting, env: ColourEnv<'_>) -> Theme {
        if env.no_color.is_some_and(|v| !v.is_empty()) {
            return Theme::monochrome();
        }
        let truecolor = env.colorterm.is_some_and(|v| {
            v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit")
        });
        let mut theme = Theme::color();
        for &(key, colour) in &setting.colours {
            let c = terminal_colour(colour, truecolor);
            match key {
                "status1" => theme.learning[0] = theme.learning[0].fg(c),
                "status2" => theme.learning[1] = theme.learning[1].fg(c),
                "status3" => theme.learning[2] = theme.learning[2].fg(c),
                "status4" => theme.learning[3] = theme.learning[3].fg(c),
                "status5" => theme.learning[4] = theme.learning[4].fg(c),
                "term" => {
                    theme.term = theme.term.fg(c);
                    theme.phrase = theme.phrase.fg(c);
                }
                "unknown" => theme.unknown = theme.unknown.fg(c),
                "derived" => theme.derived = theme.derived.fg(c),
                "heading" => theme.heading = theme.heading.fg(c),
                "border" => theme.border = theme.border.fg(c),
                _ => {}
            }
        }
        theme
    }
}

/// The terminal's colour for `colour`: hex as written on 24-bit terminals, else the nearest
/// of the 16.
fn terminal_colour(colour: Colour, truecolor: bool) -> Color {
    const ANSI: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match colour {
        Colour::Rgb(r, g, b) if truecolor => Color::Rgb(r, g, b),
        other => ANSI[usize::from(other.nearest_ansi() % 16)],
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::settings::Settings;

    fn setting(text: &str) -> ThemeSetting {
        let loaded = Settings::parse(text, Path::new("config.toml"));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        loaded.settings.theme
    }

    #[test]
    fn colours_by_name_and_hex_replace_the_defaults_and_16_colour_terminals_get_the_nearest() {
        let theme_setting = setting("[theme]\nunknown = \"#ff8800\"\nstatus1 = \"light-blue\"\n");
        let true_colour = ColourEnv {
            no_color: None,
            colorterm: Some("truecolor"),
        };
        let theme = Theme::from_settings(&theme_setting, true_colour);
        assert_eq!(theme.unknown.fg, Some(Color::Rgb(255, 136, 0)));
        assert_eq!(theme.learning[0].fg, Some(Color::LightBlue));
        assert_eq!(theme.term, Theme::color().term, "the rest stays");
        let sixteen = Theme::from_settings(&theme_setting, ColourEnv::default());
        assert_eq!(sixteen.unknown.fg, Some(Color::Yellow));
    }

    #[test]
    fn no_color_drops_every_colour_and_statuses_stay_apart_by_attributes() {
        let theme_setting = setting("[theme]\nunknown = \"#ff8800\"\nterm = \"red\"\n");
        let env = ColourEnv {
            no_color: Some("1"),
            colorterm: Some("truecolor"),
        };
        let theme = Theme::from_settings(&theme_setting, env);
        assert_eq!(theme, Theme::monochrome());
        let styles = [
            theme.term,
            theme.unknown,
            theme.derived,
            theme.learning[0],
            theme.learning[2],
            theme.learning[4],
        ];
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        // Terms, unknown and derived words differ; so do new, middle and learned statuses.
        for group in [&styles[..3], &styles[3..]] {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    assert_ne!(a.add_modifier, b.add_modifier, "{a:?} and {b:?} look alike");
                }
            }
        }
        // An empty NO_COLOR is as if unset.
        let empty = ColourEnv {
            no_color: Some(""),
            colorterm: None,
        };
        assert_eq!(
            Theme::from_settings(&theme_setting, empty).term.fg,
            Some(Color::Red)
        );
    }
}
