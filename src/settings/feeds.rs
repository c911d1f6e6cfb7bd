//! `[feeds]` in the settings file: how often kabar fetches the subscribed feeds in the
//! background while it is open (`refresh_minutes`, off unless set). A wrong value is a problem
//! at its position and refreshing stays off.

use toml::Spanned;
use toml::de::DeValue;

use super::Reader;
use crate::text::sanitize;

/// The longest interval accepted: a day.
const MAX_MINUTES: u32 = 24 * 60;

/// `[feeds]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeedSettings {
    /// Minutes between background refreshes while kabar runs; `None` (the default, or `0`)
    /// fetches only when asked (`u` on the feed screen, `kabar feed update`).
    pub refresh_minutes: Option<u32>,
}

impl Reader<'_> {
    pub(super) fn feeds(&mut self, value: &Spanned<DeValue<'_>>, feeds: &mut FeedSettings) {
        let Some(table) = self.table(value, "[feeds]") else {
            return;
        };
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "refresh_minutes" => match minutes(value.get_ref()) {
                    Some(0) => feeds.refresh_minutes = None,
                    Some(n) => feeds.refresh_minutes = Some(n),
                    None => self.problem(
                        value.span().start,
                        format!(
                            "refresh_minutes must be a whole number of minutes from 1 to \
                             {MAX_MINUTES} (0 turns background refresh off); it stays off"
                        ),
                    ),
                },
                other => self.problem(
                    key.span().start,
                    format!(
                        "unknown key {:?} in [feeds]; the known key is refresh_minutes",
                        sanitize(other)
                    ),
                ),
            }
        }
    }
}

fn minutes(value: &DeValue<'_>) -> Option<u32> {
    let DeValue::Integer(n) = value else {
        return None;
    };
    u32::from_str_radix(n.as_str(), n.radix())
        .ok()
        .filter(|n| *n <= MAX_MINUTES)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::settings::Settings;

    #[test]
    fn refresh_is_off_unless_set_and_bad_values_say_where() {
        let parse = |text: &str| Settings::parse(text, Path::new("config.toml"));
        assert_eq!(parse("").settings.feeds.refresh_minutes, None);
        let loaded = parse("[feeds]\nrefresh_minutes = 30\n");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.settings.feeds.refresh_minutes, Some(30));
        assert_eq!(
            parse("[feeds]\nrefresh_minutes = 0\n")
                .settings
                .feeds
                .refresh_minutes,
            None
        );
        for (text, at) in [
            ("[feeds]\nrefresh_minutes = -5\n", "config.toml:2:19:"),
            ("[feeds]\nrefresh_minutes = \"30\"\n", "config.toml:2:19:"),
            ("[feeds]\n\nrefresh_minutes = 100000\n", "config.toml:3:19:"),
            ("[feeds]\nrefresh_minutes = 2.5\n", "config.toml:2:19:"),
        ] {
            let loaded = parse(text);
            assert_eq!(loaded.settings.feeds.refresh_minutes, None, "{text}");
            let message = loaded.problems[0].to_string();
            assert!(
                message.starts_with(at) && message.contains("whole number of minutes"),
                "{message}"
            );
        }
        let unknown = parse("[feeds]\nrefresh = 5\n").problems[0].to_string();
        assert!(
            unknown.starts_with("config.toml:2:1:") && unknown.contains("refresh_minutes"),
            "{unknown}"
        );
    }
}
