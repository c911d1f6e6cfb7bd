//! An article's English translation, paragraph by paragraph, and where each paragraph came
//! from: written by hand, by a machine translator (which one), or by a machine and then
//! corrected by the learner. Its file format is the article format with three header fields
//! more:
//!
//! ```text
//! +++
//! title = "Putin and Kim Jong Un Scheduled to Meet"     # optional
//! language = "en"
//! article = "/home/me/.local/share/kabar/articles/putin.md"  # optional: what it translates
//! machine = { "argos-translate" = "1-3, 5" }            # machine translations, by translator
//! corrected = "4"                                       # machine paragraphs the learner fixed
//! +++
//!
//! First paragraph in English.
//!
//! (untranslated)
//! ```
//!
//! Paragraph `n` of the body translates paragraph `n` of the article; a paragraph that is only
//! [`UNTRANSLATED`] has no translation yet. Paragraphs named in neither `machine` nor
//! `corrected` were written by hand, like the bundled article's: kabar never replaces those nor
//! corrected ones. Numbers count from 1; ranges are `a-b`, separated by commas.
//!
//! Reading is tolerant (numbers beyond the last paragraph are ignored, a paragraph both machine
//! and corrected counts as corrected); a header that is not TOML or a range that is not one is
//! an error naming `file:line:col`. Submodules: [`place`] (where the file lives and saving it
//! atomically), [`translator`] (running the learner's translator), [`sentences`] (translations
//! of single sentences), [`worker`] (translating in the background). Depends on nothing
//! terminal-related.

pub mod place;
pub mod sentences;
pub mod translator;
pub mod worker;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::article::{ArticleError, split_header, split_paragraphs};
use crate::text::{LineCol, sanitize};

/// The body text of a paragraph that has no translation yet.
pub const UNTRANSLATED: &str = "(untranslated)";

/// Where one paragraph's translation came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written by a person (a translation file without provenance, like the bundled one).
    Own,
    /// Written by this machine translator (its name).
    Machine(String),
    /// A machine translation the learner corrected.
    Corrected,
}

impl Origin {
    /// Whether kabar may replace this paragraph with a new machine translation.
    pub fn is_replaceable(&self) -> bool {
        matches!(self, Origin::Machine(_))
    }
}

/// One translated paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The English, on one line, sanitized.
    pub text: String,
    /// Who wrote it.
    pub origin: Origin,
}

/// A translation of an article; `paragraphs[i]` translates the article's paragraph `i`, `None`
/// where there is none yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    /// The translated headline.
    pub title: Option<String>,
    /// The article this translates, as the header names it (for people reading the file).
    pub article: Option<String>,
    /// Translated paragraphs in article order.
    pub paragraphs: Vec<Option<Paragraph>>,
}

/// The header of a translation file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    title: Option<String>,
    // Article headers' fields, accepted so any translation written as an article still reads.
    #[allow(dead_code)]
    source: Option<String>,
    #[allow(dead_code)]
    url: Option<String>,
    #[allow(dead_code)]
    date: Option<String>,
    #[allow(dead_code)]
    language: Option<String>,
    article: Option<String>,
    #[serde(default)]
    machine: BTreeMap<String, toml::Spanned<String>>,
    corrected: Option<toml::Spanned<String>>,
}

impl Translation {
    /// Parses a translation file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Translation, ArticleError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (header, body) = split_header::<Header>(text, origin)?;
        // Spans inside the header count from its first line, which follows the `+++` line.
        let header_start = text.find('\n').map_or(0, |n| n + 1);
        let ranges = |value: &toml::Spanned<String>| {
            parse_ranges(value.get_ref()).map_err(|(offset, message)| ArticleError::Header {
                path: origin.to_path_buf(),
                // +1 for the opening quote of the string.
                at: LineCol::of(text, header_start + value.span().start + 1 + offset),
                message,
            })
        };
        let mut paragraphs: Vec<Option<Paragraph>> = split_paragraphs(body)
            .into_iter()
            .map(|text| {
                (text != UNTRANSLATED).then_some(Paragraph {
                    text,
                    origin: Origin::Own,
                })
            })
            .collect();
        for (translator, numbers) in &header.machine {
            let name = sanitize(translator.trim()).into_owned();
            for n in ranges(numbers)? {
                if let Some(Some(p)) = paragraphs.get_mut(n - 1) {
                    p.origin = Origin::Machine(name.clone());
                }
            }
        }
        if let Some(numbers) = &header.corrected {
            for n in ranges(numbers)? {
                if let Some(Some(p)) = paragraphs.get_mut(n - 1) {
                    p.origin = Origin::Corrected;
                }
            }
        }
        Ok(Translation {
            title: header.title.map(|t| sanitize(t.trim()).into_owned()),
            article: header.article.map(|t| sanitize(t.trim()).into_owned()),
            paragraphs,
        })
    }

    /// The file's text: the header (naming the machine and corrected paragraphs), then one
    /// paragraph per article paragraph. [`Translation::parse`] reads it back unchanged.
    pub fn render(&self) -> String {
        let mut header = toml::Table::new();
        if let Some(title) = &self.title {
            header.insert("title".into(), title.clone().into());
        }
        header.insert("language".into(), "en".into());
        if let Some(article) = &self.article {
            header.insert("article".into(), article.clone().into());
        }
        let mut machine: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut corrected = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            match p.as_ref().map(|p| &p.origin) {
                Some(Origin::Machine(by)) => machine.entry(by).or_default().push(i + 1),
                Some(Origin::Corrected) => corrected.push(i + 1),
                _ => {}
            }
        }
        // One line each, as the format promises: inline table and strings.
        let mut text = String::from("+++\n");
        for (key, value) in &header {
            text.push_str(&format!("{key} = {value}\n"));
        }
        if !machine.is_empty() {
            let entries: Vec<String> = machine
                .iter()
                .map(|(by, numbers)| {
                    format!(
                        "{} = {}",
                        toml::Value::from(*by),
                        toml::Value::from(render_ranges(numbers))
                    )
                })
                .collect();
            text.push_str(&format!("machine = {{ {} }}\n", entries.join(", ")));
        }
        if !corrected.is_empty() {
            text.push_str(&format!(
                "corrected = {}\n",
                toml::Value::from(render_ranges(&corrected))
            ));
        }
        text.push_str("+++\n");
        for p in &self.paragraphs {
            text.push('\n');
            match p {
                Some(p) => text.push_str(&one_paragraph(&p.text)),
                None => text.push_str(UNTRANSLATED),
            }
            text.push('\n');
        }
        text
    }

    /// The English of paragraph `index`, if it has one.
    pub fn text(&self, index: usize) -> Option<&str> {
        self.paragraph(index).map(|p| p.text.as_str())
    }

    /// Paragraph `index`, if it has a translation.
    pub fn paragraph(&self, index: usize) -> Option<&Paragraph> {
        self.paragraphs.get(index).and_then(Option::as_ref)
    }

    /// Sets paragraph `index` unless it holds a translation kabar must keep (written by hand,
    /// or corrected) and `paragraph` is a machine translation. Text that is empty once on one
    /// line leaves the paragraph untranslated (an empty paragraph would shift the rest).
    /// Returns whether it changed.
    pub fn set(&mut self, index: usize, paragraph: Paragraph) -> bool {
        if self.paragraphs.len() <= index {
            self.paragraphs.resize(index + 1, None);
        }
        let slot = &mut self.paragraphs[index];
        let keep = matches!(paragraph.origin, Origin::Machine(_))
            && slot.as_ref().is_some_and(|p| !p.origin.is_replaceable());
        if keep {
            return false;
        }
        let text = one_paragraph(&paragraph.text);
        let new = (!text.is_empty()).then_some(Paragraph {
            text,
            origin: paragraph.origin,
        });
        if *slot == new {
            return false;
        }
        *slot = new;
        true
    }

    /// How many paragraphs have a translation.
    pub fn translated(&self) -> usize {
        self.paragraphs.iter().flatten().count()
    }
}

/// Text as one paragraph of the file: sanitized, on one line, blank lines cannot split it.
pub fn one_paragraph(text: &str) -> String {
    let text = sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text == UNTRANSLATED {
        // A translator answering with the placeholder would read back as "no translation".
        format!("[{text}]")
    } else {
        text
    }
}

/// "1-3, 5" → [1, 2, 3, 5]; an error is (byte offset in the string, message).
fn parse_ranges(text: &str) -> Result<Vec<usize>, (usize, String)> {
    /// More than any article has; a larger range is a typo, not a request for work.
    const MAX: usize = 1_000_000;
    let mut numbers = Vec::new();
    let mut offset = 0;
    for part in text.split(',') {
        let start = offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let bad = || {
            (
                start,
                format!(
                    "{:?} is not a paragraph number or range; write numbers from 1 such as \"1-3, 5\"",
                    sanitize(part)
                ),
            )
        };
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX).contains(n))
        };
        let (from, to) = match part.split_once('-') {
            Some((a, b)) => (number(a).ok_or_else(bad)?, number(b).ok_or_else(bad)?),
            None => {
                let n = number(part).ok_or_else(bad)?;
                (n, n)
            }
        };
        if from > to {
            return Err(bad());
        }
        numbers.extend(from..=to);
    }
    Ok(numbers)
}

/// [1, 2, 3, 5] → "1-3, 5" (numbers ascending).
fn render_ranges(numbers: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        let mut end = start;
        while i + 1 < numbers.len() && numbers[i + 1] == end + 1 {
            i += 1;
            end = numbers[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Translation {
        Translation::parse(text, Path::new("a.en.md")).unwrap()
    }

    #[test]
    fn a_plain_translation_is_all_written_by_hand() {
        let t = parse("+++\ntitle = \"T\"\nlanguage = \"en\"\n+++\n\nOne.\n\nTwo.\n");
        assert_eq!(t.title.as_deref(), Some("T"));
        assert_eq!(t.paragraphs.len(), 2);
        assert!(
            t.paragraphs
                .iter()
                .flatten()
                .all(|p| p.origin == Origin::Own)
        );
        assert_eq!(t.text(1), Some("Two."));
    }

    #[test]
    fn the_header_names_machine_and_corrected_paragraphs() {
        let t = parse(
            "+++\nlanguage = \"en\"\nmachine = { \"argos\" = \"1-2\", trans = \"4, 9\" }\ncorrected = \"2\"\n+++\n\nOne.\n\nTwo.\n\n(untranslated)\n\nFour.\n\nFive.\n",
        );
        let origins: Vec<Option<Origin>> = t
            .paragraphs
            .iter()
            .map(|p| p.as_ref().map(|p| p.origin.clone()))
            .collect();
        assert_eq!(
            origins,
            [
                Some(Origin::Machine("argos".into())),
                Some(Origin::Corrected),
                None,
                Some(Origin::Machine("trans".into())),
                Some(Origin::Own),
            ]
        );
        assert_eq!(t.translated(), 4);
    }

    #[test]
    fn a_bad_range_or_header_names_its_line_and_column() {
        let err = Translation::parse(
            "+++\nlanguage = \"en\"\nmachine = { x = \"1, 2-a\" }\n+++\nOne.\n",
            Path::new("a.en.md"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("a.en.md:3:21:"), "{err}");
        assert!(err.contains("\"2-a\" is not a paragraph number"), "{err}");
        let err = Translation::parse("+++\ncorrected = \"3-1\"\n+++\n", Path::new("a.en.md"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.en.md:2:14:"), "{err}");
        let err = Translation::parse("+++\nmachne = {}\n+++\n", Path::new("a.en.md"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a.en.md:2:1:") && err.contains("machne"),
            "{err}"
        );
    }

    #[test]
    fn rendering_writes_one_header_line_per_field_and_placeholders() {
        let mut t = Translation {
            title: None,
            article: Some("/a/b.md".into()),
            paragraphs: vec![None],
        };
        assert!(t.set(
            2,
            Paragraph {
                text: "Three\n\n+++ x\u{1b}[2J".into(),
                origin: Origin::Machine("LibreTranslate at 127.0.0.1:5000".into())
            }
        ));
        t.set(
            3,
            Paragraph {
                text: "Four.".into(),
                origin: Origin::Corrected,
            },
        );
        let text = t.render();
        assert_eq!(
            text,
            "+++\narticle = \"/a/b.md\"\nlanguage = \"en\"\nmachine = { \"LibreTranslate at 127.0.0.1:5000\" = \"3\" }\ncorrected = \"4\"\n+++\n\n(untranslated)\n\n(untranslated)\n\nThree +++ x␛[2J\n\nFour.\n"
        );
        assert_eq!(parse(&text), t);
    }

    #[test]
    fn machine_translations_never_replace_own_or_corrected_ones() {
        let mut t = parse("+++\ncorrected = \"2\"\n+++\nOne.\n\nTwo.\n");
        let machine = |text: &str| Paragraph {
            text: text.into(),
            origin: Origin::Machine("m".into()),
        };
        assert!(!t.set(0, machine("uno")));
        assert!(!t.set(1, machine("dos")));
        assert_eq!((t.text(0), t.text(1)), (Some("One."), Some("Two.")));
        assert!(t.set(
            1,
            Paragraph {
                text: "Two, fixed.".into(),
                origin: Origin::Corrected
            }
        ));
        assert!(t.set(4, machine("Five")));
        assert!(
            t.set(4, machine("Five again")),
            "a machine one may be redone"
        );
        assert_eq!(t.paragraphs.len(), 5);
    }

    #[test]
    fn ranges_read_and_write() {
        assert_eq!(parse_ranges(" 1-3, 5 ,7-7,").unwrap(), [1, 2, 3, 5, 7]);
        assert_eq!(render_ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert!(parse_ranges("0").is_err() && parse_ranges("1-2000000").is_err());
        assert_eq!(parse_ranges("1, x").unwrap_err().0, 3);
    }

    fn origin() -> impl proptest::strategy::Strategy<Value = Origin> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Origin::Own),
            Just(Origin::Corrected),
            "[a-zA-Z][a-zA-Z0-9 .:-]{0,20}".prop_map(|n| Origin::Machine(n.trim().to_owned())),
        ]
    }

    proptest::proptest! {
        #[test]
        fn what_is_rendered_reads_back_the_same(
            title in proptest::option::of("[^\u{0}-\u{1f}\u{7f}-\u{9f}]{1,30}"),
            paragraphs in proptest::collection::vec(
                proptest::option::of(("\\PC{1,60}", origin())), 0..12),
        ) {
            let mut t = Translation { title: None, article: None, paragraphs: Vec::new() };
            // The title as the reader holds it: sanitized, then trimmed (sanitizing can leave
            // whitespace at an end, as a byte-order mark before a no-break space does).
            t.title = title.map(|t| sanitize(&t).trim().to_owned()).filter(|t| !t.is_empty());
            for (i, p) in paragraphs.into_iter().enumerate() {
                match p {
                    Some((text, origin)) => { t.set(i, Paragraph { text, origin }); }
                    None => t.paragraphs.resize(i + 1, None),
                }
            }
            let text = t.render();
            let back = Translation::parse(&text, Path::new("p.en.md")).unwrap();
            proptest::prop_assert_eq!(&back, &t);
            proptest::prop_assert_eq!(back.render(), text);
        }

        #[test]
        fn parsing_anything_never_panics(text in "(\\+\\+\\+\n)?[a-z0-9 =\"{},\n-]{0,120}(\\+\\+\\+\n)?\\PC{0,80}") {
            let _ = Translation::parse(&text, Path::new("p.en.md"));
        }
    }
}
