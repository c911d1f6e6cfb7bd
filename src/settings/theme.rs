//! `[theme]` in the settings file: the colours of learning statuses, glossary terms, unknown
//! words and the panes, by name ("magenta", "light-blue") or hex ("#ff8800"). A bad value is
//! a problem at its place and that colour keeps its default. Only read here; the reader turns
//! them into styles (and drops them for NO_COLOR). Depends on nothing terminal-related.

use toml::Spanned;
use toml::de::DeValue;

use super::Reader;
use crate::text::sanitize;

/// A colour as the learner writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colour {
    /// One of the 16 ANSI colours, by its index (0 black … 7 white, 8 dark grey … 15
    /// bright white).
    Ansi(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

/// The 16 ANSI colour names, by index; `-` or `_` may join "light" and a colour.
pub const ANSI_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

/// The settings `[theme]` knows, in the order the README lists them.
pub const KEYS: [&str; 10] = [
    "status1", "status2", "status3", "status4", "status5", "term", "unknown", "derived", "heading",
    "border",
];

impl Colour {
    /// Reads "magenta", "Light-Blue", "light_blue", "grey", "#ff8800" or "#f80".
    pub fn parse(text: &str) -> Result<Colour, String> {
        if let Some(hex) = text.strip_prefix('#') {
            let digits: Option<Vec<u8>> = hex
                .chars()
                .map(|c| c.to_digit(16).map(|d| d as u8))
                .collect();
            return match digits.as_deref() {
                Some([r, g, b]) => Ok(Colour::Rgb(r * 17, g * 17, b * 17)),
                Some([r1, r2, g1, g2, b1, b2]) => {
                    Ok(Colour::Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2))
                }
                _ => Err(format!(
                    "{:?} is not a hex colour; write six hex digits such as \"#ff8800\"",
                    sanitize(text)
                )),
            };
        }
        let name = text
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .replace("grey", "gray");
        let name = match name.as_str() {
            "bright-white" => "white".to_owned(),
            "light-gray" => "gray".to_owned(),
            "bright-black" => "dark-gray".to_owned(),
            other => other.replacen("bright-", "light-", 1),
        };
        ANSI_NAMES
            .iter()
            .position(|known| *known == name)
            .map(|i| Colour::Ansi(i as u8))
            .ok_or_else(|| {
                format!(
                    "{:?} is not a colour kabar knows; write a name ({}) or \"#rrggbb\"",
                    sanitize(text),
                    ANSI_NAMES.join(", ")
                )
            })
    }

    /// The nearest of the 16 ANSI colours (for terminals without 24-bit colour), by their
    /// usual xterm values.
    pub fn nearest_ansi(self) -> u8 {
        const RGB: [(i32, i32, i32); 16] = [
            (0, 0, 0),
            (205, 0, 0),
            (0, 205, 0),
            (205, 205, 0),
            (0, 0, 238),
            (205, 0, 205),
            (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127),
            (255, 0, 0),
            (0, 255, 0),
            (255, 255, 0),
            (92, 92, 255),
            (255, 0, 255),
            (0, 255, 255),
            (255, 255, 255),
        ];
        match self {
            Colour::Ansi(i) => i,
            Colour::Rgb(r, g, b) => {
                let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
                (0..16u8)
                    .min_by_key(|&i| {
                        let (cr, cg, cb) = RGB[usize::from(i)];
                        (r - cr).pow(2) + (g - cg).pow(2) + (b - cb).pow(2)
                    })
                    .unwrap_or(7)
            }
        }
    }
}

/// `[theme]`: each colour the learner set, by its name in [`KEYS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeSetting {
    /// (setting, colour) in the file's order.
    pub colours: Vec<(&'static str, Colour)>,
}

impl ThemeSetting {
    /// The colour set for `key`, if any.
    pub fn get(&self, key: &str) -> Option<Colour> {
        self.colours
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|&(_, c)| c)
    }
}

impl Reader<'_> {
    pub(super) fn theme(&mut self, value: &Spanned<DeValue<'_>>) -> ThemeSetting {
        let mut theme = ThemeSetting::default();
        let Some(table) = self.table(value, "[theme]") else {
            return theme;
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in entries {
            let name = key.get_ref().as_ref();
            let Some(known) = KEYS.iter().find(|k| **k == name) else {
                self.problem(
                    key.span().start,
                    format!(
                        "unknown key {:?} in [theme]; known keys are {}",
                        sanitize(name),
                        KEYS.join(", ")
                    ),
                );
                continue;
            };
            let parsed = match value.get_ref() {
                DeValue::String(text) => Colour::parse(text),
                _ => Err("a colour must be a string such as \"magenta\" or \"#ff8800\"".into()),
            };
            match parsed {
                Ok(colour) => theme.colours.push((known, colour)),
                Err(message) => self.problem(
                    value.span().start,
                    format!("{message}; {known} keeps its default colour"),
                ),
            }
        }
        theme
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::settings::Settings;

    #[test]
    fn names_and_hex_colours_are_read() {
        assert_eq!(Colour::parse("magenta"), Ok(Colour::Ansi(5)));
        assert_eq!(Colour::parse("Light-Blue"), Ok(Colour::Ansi(12)));
        assert_eq!(Colour::parse("light_blue"), Ok(Colour::Ansi(12)));
        assert_eq!(Colour::parse("dark-grey"), Ok(Colour::Ansi(8)));
        assert_eq!(Colour::parse("#ff8800"), Ok(Colour::Rgb(255, 136, 0)));
        assert_eq!(Colour::parse("#F80"), Ok(Colour::Rgb(255, 136, 0)));
        for bad in ["#ff88", "#gg8800", "purple", ""] {
            assert!(Colour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hex_colours_map_to_the_nearest_of_sixteen() {
        assert_eq!(
            Colour::Rgb(255, 136, 0).nearest_ansi(),
            3,
            "orange is yellow"
        );
        assert_eq!(Colour::Rgb(10, 10, 200).nearest_ansi(), 4);
        assert_eq!(Colour::Rgb(250, 250, 250).nearest_ansi(), 15);
        assert_eq!(Colour::Ansi(3).nearest_ansi(), 3);
    }

    #[test]
    fn a_bad_colour_or_key_is_a_problem_at_its_place_and_the_rest_is_kept() {
        let text =
            "[theme]\nunknown = \"#ff8800\"\nterm = \"purple\"\nshadow = \"red\"\nstatus1 = 3\n";
        let loaded = Settings::parse(text, Path::new("config.toml"));
        let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("config.toml:3:8:") && messages[0].contains("term keeps"),
            "{messages:?}"
        );
        assert!(messages[1].starts_with("config.toml:4:1:"), "{messages:?}");
        assert!(messages[2].starts_with("config.toml:5:11:"), "{messages:?}");
        let theme = &loaded.settings.theme;
        assert_eq!(theme.get("unknown"), Some(Colour::Rgb(255, 136, 0)));
        assert_eq!(theme.get("term"), None);
    }
}
