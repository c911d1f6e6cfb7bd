//! `[translator]` in the settings file: the program or server kabar asks for machine
//! translations of article paragraphs and sentences (Indonesian → English).
//!
//! ```toml
//! [translator]
//! command = ["argos-translate", "--from-lang", "id", "--to-lang", "en"]   # text on stdin, English on stdout
//! # or
//! url = "http://127.0.0.1:5000/translate"    # a LibreTranslate-compatible server
//! api_key_env = "LIBRETRANSLATE_KEY"         # optional: the key is read from this variable
//! timeout_s = 20                             # optional, 1–600 (default 20)
//! name = "argos"                             # optional: how the pane and the file name it
//! ```
//!
//! Only read here; running it is [`crate::translation::translator`]'s. Depends on nothing
//! terminal-related.

use std::time::Duration;

use toml::Spanned;
use toml::de::DeValue;

use super::Reader;
use crate::text::sanitize;

/// How long a translation may take when the settings do not say.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// The longest `timeout_s` accepted: a translator slower than that is broken, not slow.
const MAX_TIMEOUT_S: u64 = 600;

/// The translator the learner chose (`[translator]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslatorSetting {
    /// What to run or contact.
    pub kind: TranslatorKind,
    /// How long one request may take before it is abandoned (and a command killed).
    pub timeout: Duration,
    /// The name shown beside its translations and written into translation files.
    pub name: String,
}

/// The two kinds of translator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TranslatorKind {
    /// A program and its arguments, run without a shell: text on stdin, English on stdout.
    Command(Vec<String>),
    /// A LibreTranslate-compatible `/translate` endpoint.
    Server {
        /// The endpoint's address (http or https).
        url: String,
        /// The environment variable holding the API key, if the server needs one.
        api_key_env: Option<String>,
    },
}

impl TranslatorKind {
    /// Whether using it means contacting another machine or a server: such translators are
    /// only asked when the learner moves or presses a key, never at start-up.
    pub fn is_network(&self) -> bool {
        matches!(self, TranslatorKind::Server { .. })
    }
}

/// The default name: the program's file name, or the server's host and port.
fn default_name(kind: &TranslatorKind) -> String {
    match kind {
        TranslatorKind::Command(argv) => std::path::Path::new(&argv[0])
            .file_name()
            .map_or_else(|| argv[0].clone(), |n| n.to_string_lossy().into_owned()),
        TranslatorKind::Server { url, .. } => match url::Url::parse(url) {
            Ok(parsed) => match (parsed.host_str(), parsed.port()) {
                (Some(host), Some(port)) => format!("LibreTranslate at {host}:{port}"),
                (Some(host), None) => format!("LibreTranslate at {host}"),
                _ => "LibreTranslate".to_owned(),
            },
            Err(_) => "LibreTranslate".to_owned(),
        },
    }
}

impl Reader<'_> {
    /// Reads `[translator]`; `None` (with a problem) when it cannot be used at all.
    pub(super) fn translator(&mut self, value: &Spanned<DeValue<'_>>) -> Option<TranslatorSetting> {
        let table = self.table(value, "[translator]")?;
        let mut command: Option<Vec<String>> = None;
        let mut url: Option<(String, usize)> = None;
        let mut api_key_env = None;
        let mut timeout = DEFAULT_TIMEOUT;
        let mut name = None;
        let mut broken = false;
        let mut items: Vec<_> = table.iter().collect();
        items.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in items {
            let at = value.span().start;
            match key.get_ref().as_ref() {
                "command" => match self.words(value) {
                    Some(argv) => command = Some(argv),
                    None => broken = true,
                },
                "url" => match self.string(value, "url") {
                    Some(u) => match crate::fetch::check_url(u.trim()) {
                        Ok(_) => url = Some((u.trim().to_owned(), at)),
                        Err(err) => {
                            self.problem(at, format!("{err}; the translator is not used"));
                            broken = true;
                        }
                    },
                    None => broken = true,
                },
                "api_key_env" => api_key_env = self.string(value, "api_key_env"),
                "timeout_s" => match value.get_ref() {
                    DeValue::Integer(n) => match n.as_str().parse::<u64>() {
                        Ok(s) if (1..=MAX_TIMEOUT_S).contains(&s) => {
                            timeout = Duration::from_secs(s);
                        }
                        _ => self.problem(
                            at,
                            format!(
                                "timeout_s must be a whole number of seconds from 1 to {MAX_TIMEOUT_S}; {} s is used",
                                DEFAULT_TIMEOUT.as_secs()
                            ),
                        ),
                    },
                    _ => self.problem(
                        at,
                        format!(
                            "timeout_s must be a whole number of seconds, such as 20; {} s is used",
                            DEFAULT_TIMEOUT.as_secs()
                        ),
                    ),
                },
                "name" => {
                    name = self
                        .string(value, "name")
                        .map(|n| sanitize(n.trim()).into_owned())
                        .filter(|n| !n.is_empty());
                }
                other => self.problem(
                    key.span().start,
                    format!(
                        "unknown key {:?} in [translator]; known keys are command, url, api_key_env, timeout_s and name",
                        sanitize(other)
                    ),
                ),
            }
        }
        let kind = match (command, url) {
            (Some(_), Some((_, at))) => {
                self.problem(
                    at,
                    "[translator] has both command and url; keep one of them (the translator is not used until then)".into(),
                );
                return None;
            }
            (Some(argv), None) => TranslatorKind::Command(argv),
            (None, Some((url, _))) => TranslatorKind::Server { url, api_key_env },
            (None, None) => {
                if !broken {
                    self.problem(
                        value.span().start,
                        "[translator] needs command = [\"program\", \"arg\", …] or url = \"http://…/translate\"; see the README's Translation section".into(),
                    );
                }
                return None;
            }
        };
        let name = name.unwrap_or_else(|| default_name(&kind));
        Some(TranslatorSetting {
            kind,
            timeout,
            name,
        })
    }

    /// A non-empty list of strings whose first is a program (`command = [...]`).
    fn words(&mut self, value: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
        let at = value.span().start;
        let DeValue::Array(items) = value.get_ref() else {
            self.problem(
                at,
                "command must be a list such as [\"argos-translate\", \"--from-lang\", \"id\", \"--to-lang\", \"en\"] (it runs without a shell); the translator is not used".into(),
            );
            return None;
        };
        let mut argv = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => argv.push(s.to_string()),
                _ => {
                    self.problem(
                        item.span().start,
                        "every part of command must be a string; the translator is not used".into(),
                    );
                    return None;
                }
            }
        }
        if argv.first().is_none_or(|program| program.trim().is_empty()) {
            self.problem(
                at,
                "command is empty: its first string names the program to run; the translator is not used".into(),
            );
            return None;
        }
        Some(argv)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::settings::Settings;

    fn parse(text: &str) -> crate::settings::Loaded {
        Settings::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn a_command_translator_with_its_defaults() {
        let loaded = parse(
            "[translator]\ncommand = [\"/usr/bin/argos-translate\", \"--from\", \"id\", \"--to\", \"en\"]\n",
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let t = loaded.settings.translator.unwrap();
        assert_eq!(
            t.kind,
            TranslatorKind::Command(
                ["/usr/bin/argos-translate", "--from", "id", "--to", "en"]
                    .map(String::from)
                    .to_vec()
            )
        );
        assert_eq!(t.name, "argos-translate");
        assert_eq!(t.timeout, DEFAULT_TIMEOUT);
        assert!(!t.kind.is_network());
    }

    #[test]
    fn a_server_translator_with_key_timeout_and_name() {
        let loaded = parse(
            "[translator]\nurl = \"http://127.0.0.1:5000/translate\"\napi_key_env = \"LT_KEY\"\ntimeout_s = 5\n",
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let t = loaded.settings.translator.unwrap();
        assert_eq!(
            t.kind,
            TranslatorKind::Server {
                url: "http://127.0.0.1:5000/translate".into(),
                api_key_env: Some("LT_KEY".into())
            }
        );
        assert_eq!(t.name, "LibreTranslate at 127.0.0.1:5000");
        assert_eq!(t.timeout, Duration::from_secs(5));
        assert!(t.kind.is_network());
        let named =
            parse("[translator]\nurl = \"https://lt.example/translate\"\nname = \"my LT\"\n");
        assert_eq!(named.settings.translator.unwrap().name, "my LT");
    }

    #[test]
    fn each_mistake_is_named_with_its_position() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "[translator]\ncommand = \"trans -b\"\n",
                "config.toml:2:11:",
                "must be a list",
            ),
            (
                "[translator]\ncommand = []\n",
                "config.toml:2:11:",
                "command is empty",
            ),
            (
                "[translator]\ncommand = [\"x\", 1]\n",
                "config.toml:2:17:",
                "must be a string",
            ),
            (
                "[translator]\nurl = \"ftp://x/translate\"\n",
                "config.toml:2:7:",
                "http",
            ),
            (
                "[translator]\ncommand = [\"x\"]\nurl = \"http://a/translate\"\n",
                "config.toml:3:7:",
                "both command and url",
            ),
            (
                "[translator]\ntimeout_s = 1\n",
                "config.toml:1:1:",
                "needs command",
            ),
            ("[translator]\n", "config.toml:1:1:", "needs command"),
            ("translator = 3\n", "config.toml:1:14:", "must be a table"),
        ];
        for (text, at, what) in cases {
            let loaded = parse(text);
            assert_eq!(loaded.settings.translator, None, "{text}");
            let message = loaded
                .problems
                .last()
                .map(ToString::to_string)
                .unwrap_or_default();
            assert!(
                message.starts_with(at) && message.contains(what),
                "{text}: {message}"
            );
        }
    }

    #[test]
    fn a_bad_timeout_or_unknown_key_costs_only_that_setting() {
        let loaded = parse("[translator]\ncommand = [\"x\"]\ntimeout_s = 0\nlang = \"id\"\n");
        let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert!(messages[0].starts_with("config.toml:3:13:"), "{messages:?}");
        assert!(messages[1].starts_with("config.toml:4:1:") && messages[1].contains("lang"));
        let t = loaded.settings.translator.unwrap();
        assert_eq!(t.timeout, DEFAULT_TIMEOUT);
    }
}
