//! Articles on disk: an optional TOML header between `+++` lines, then paragraphs, plus an
//! optional English translation beside the file, aligned paragraph by paragraph.
//!
//! Loading tolerates what real files carry (a UTF-8 byte-order mark, CRLF line ends, hard-wrapped
//! lines) and sanitizes every string, because article text is untrusted and is later printed to
//! a terminal. Depends on nothing terminal-related.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::text::{LineCol, sanitize};

/// The header fields of an article; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Headline shown in the status line and the library.
    pub title: Option<String>,
    /// Publication the text comes from ("Bloomberg Technoz").
    pub source: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Publication date as written (ISO 8601 recommended).
    pub date: Option<String>,
    /// Language code of the text ("id" for Indonesian articles, "en" for translations).
    pub language: Option<String>,
}

/// A loaded article: header plus sanitized paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Header fields.
    pub meta: Meta,
    /// Paragraphs, each re-flowed onto one line and sanitized.
    pub paragraphs: Vec<String>,
    /// The paragraph-aligned translation, when a `<stem>.en.md` file sits beside the article.
    pub translation: Option<Translation>,
    /// Where the article was read from, if it came from a file.
    pub path: Option<PathBuf>,
    /// Problems that did not stop loading (an unreadable or misaligned translation).
    pub warnings: Vec<String>,
}

/// A translation of an article, paragraph by paragraph, with where each paragraph came from
/// (see [`crate::translation`] for the file format).
pub use crate::translation::Translation;

/// Why an article could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be read (missing, unreadable, a folder).
    #[error("{path}: cannot read the article: {reason}")]
    Io {
        /// The article's path.
        path: PathBuf,
        /// The operating system's reason (part of the message, so deliberately not a `source`
        /// that error reporters would print a second time).
        reason: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{path}:{at}: the article is not UTF-8 text; convert it (for example with iconv) and try again"
    )]
    NotUtf8 {
        /// The article's path.
        path: PathBuf,
        /// Where the first invalid byte is.
        at: LineCol,
    },
    /// The `+++` header is not valid TOML or has an unknown field.
    #[error("{path}:{at}: bad article header: {message}")]
    Header {
        /// The article's path.
        path: PathBuf,
        /// Where the problem is.
        at: LineCol,
        /// What is wrong.
        message: String,
    },
}

impl Article {
    /// Reads an article file and, when present, its translation `<stem>.en.md` (or `.en.txt`).
    pub fn load(path: &Path) -> Result<Article, ArticleError> {
        let mut article = Article::parse(&read_text(path)?, path)?;
        if let Some(translation_path) = translation_path(path) {
            // A broken translation costs the translation pane, not the article.
            match read_text(&translation_path)
                .and_then(|text| Translation::parse(&text, &translation_path))
            {
                Ok(translated) => article.set_translation(translated, &translation_path),
                Err(err) => article
                    .warnings
                    .push(format!("translation not shown: {err}")),
            }
        }
        article.path = Some(path.to_path_buf());
        Ok(article)
    }

    /// Attaches a parsed translation, warning when its paragraphs do not line up.
    pub fn set_translation(&mut self, translated: Translation, origin: &Path) {
        let (ours, theirs) = (self.paragraphs.len(), translated.paragraphs.len());
        if ours != theirs {
            self.warnings.push(format!(
                "{}: the translation has {theirs} paragraphs for the article's {ours}; \
                 paragraphs may be shown beside the wrong text",
                origin.display()
            ));
        }
        self.translation = Some(translated);
    }

    /// Parses article text; `origin` only names the source in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Article, ArticleError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (meta, body) = split_header::<Meta>(text, origin)?;
        let meta = Meta {
            title: meta.title.map(|t| sanitize(t.trim()).into_owned()),
            source: meta.source.map(|t| sanitize(t.trim()).into_owned()),
            url: meta.url.map(|t| sanitize(t.trim()).into_owned()),
            date: meta.date.map(|t| sanitize(t.trim()).into_owned()),
            language: meta.language.map(|t| sanitize(t.trim()).into_owned()),
        };
        Ok(Article {
            meta,
            paragraphs: split_paragraphs(body),
            translation: None,
            path: None,
            warnings: Vec::new(),
        })
    }

    /// The headline, or the file name when the header has none.
    pub fn title(&self) -> String {
        if let Some(title) = &self.meta.title {
            return title.clone();
        }
        self.path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| sanitize(&s.to_string_lossy()).into_owned())
            .unwrap_or_else(|| "Untitled article".to_owned())
    }
}

/// Reads a text file kabar treats like an article (an article or its translation).
pub(crate) fn read_text(path: &Path) -> Result<String, ArticleError> {
    let bytes = std::fs::read(path).map_err(|reason| ArticleError::Io {
        path: path.to_path_buf(),
        reason,
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        ArticleError::NotUtf8 {
            path: path.to_path_buf(),
            at: LineCol::of(&prefix, valid),
        }
    })
}

/// `x.md` → `x.en.md` (or `x.en.txt`) when that file exists.
fn translation_path(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    let dir = path.parent().unwrap_or(Path::new("."));
    ["md", "txt"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.en.{ext}")))
        .find(|candidate| candidate.is_file() && candidate != path)
}

/// Separates the `+++` TOML header from the body. Shared with translation files, whose header
/// has fields of its own.
pub(crate) fn split_header<'a, M: serde::de::DeserializeOwned + Default>(
    text: &'a str,
    origin: &Path,
) -> Result<(M, &'a str), ArticleError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Ok((M::default(), text));
    }
    let header_start = (first_line_end + 1).min(text.len());
    let mut offset = header_start;
    for line in text[header_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let header = &text[header_start..offset];
            let meta = toml::from_str::<M>(header).map_err(|err| {
                let local = err.span().map_or(0, |s| s.start);
                ArticleError::Header {
                    path: origin.to_path_buf(),
                    at: LineCol::of(text, header_start + local),
                    message: err.message().trim().to_owned(),
                }
            })?;
            return Ok((meta, &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(ArticleError::Header {
        path: origin.to_path_buf(),
        at: LineCol::of(text, 0),
        message: "the header opened with +++ is never closed; add a line with +++ after it".into(),
    })
}

/// Paragraphs are separated by blank lines and their lines joined with spaces (hard-wrapped text
/// re-flows). A body without any blank line is taken as one paragraph per line, the shape most
/// scraped news has.
pub(crate) fn split_paragraphs(body: &str) -> Vec<String> {
    let lines: Vec<&str> = body.lines().map(|l| l.trim_end_matches('\r')).collect();
    let has_blank_separator = lines
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .any(|l| l.trim().is_empty());
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in &lines {
        let line = line.trim();
        if line.is_empty() || !has_blank_separator {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            if line.is_empty() {
                continue;
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .into_iter()
        .map(|p| {
            sanitize(&p)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Article {
        Article::parse(text, Path::new("t.md")).unwrap()
    }

    #[test]
    fn header_and_blank_line_paragraphs_with_reflow() {
        let a = parse(
            "\u{feff}+++\r\ntitle = \"Judul\"\r\nsource = \"X\"\r\n+++\r\n\r\nSatu baris\r\ndua.\r\n\r\nTiga.\r\n",
        );
        assert_eq!(a.meta.title.as_deref(), Some("Judul"));
        assert_eq!(a.meta.source.as_deref(), Some("X"));
        assert_eq!(a.paragraphs, ["Satu baris dua.", "Tiga."]);
    }

    #[test]
    fn plain_text_without_blank_lines_is_one_paragraph_per_line() {
        let a = parse("Baris satu.\nBaris dua.\n");
        assert_eq!(a.paragraphs, ["Baris satu.", "Baris dua."]);
        assert_eq!(a.meta, Meta::default());
    }

    #[test]
    fn escape_sequences_never_survive_loading() {
        let a = parse("+++\ntitle = \"a\\u001b[2Jb\"\n+++\nx\u{1b}]0;pwned\u{7}y\n");
        assert!(!a.meta.title.unwrap().contains('\u{1b}'));
        assert!(
            a.paragraphs
                .iter()
                .all(|p| !p.chars().any(char::is_control))
        );
    }

    #[test]
    fn bad_header_names_line_and_column() {
        let err = Article::parse(
            "+++\ntitle = \"ok\"\nauthor = 3\n+++\nteks",
            Path::new("a.md"),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("a.md:3:1: bad article header"), "{msg}");
        let err = Article::parse("+++\ntitle = \"x\"\n", Path::new("a.md")).unwrap_err();
        assert!(err.to_string().contains("never closed"));
    }

    #[test]
    fn missing_file_and_invalid_utf8_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.md");
        assert!(
            Article::load(&missing)
                .unwrap_err()
                .to_string()
                .contains("nope.md: cannot read")
        );
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, b"baris satu\nab\xffcd").unwrap();
        assert!(
            Article::load(&bad)
                .unwrap_err()
                .to_string()
                .contains("bad.txt:2:3: the article is not UTF-8")
        );
    }

    #[test]
    fn a_broken_or_misaligned_translation_is_a_warning_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "Satu.\n\nDua.\n").unwrap();
        std::fs::write(dir.path().join("a.en.md"), "+++\nauthor = 1\n+++\nOne.\n").unwrap();
        let a = Article::load(&dir.path().join("a.md")).unwrap();
        assert_eq!(a.translation, None);
        assert!(
            a.warnings[0].contains("translation not shown")
                && a.warnings[0].contains("a.en.md:2:1"),
            "{:?}",
            a.warnings
        );
        std::fs::write(dir.path().join("a.en.md"), "One.\n\nTwo.\n\nThree.\n").unwrap();
        let a = Article::load(&dir.path().join("a.md")).unwrap();
        assert!(
            a.warnings[0].contains("3 paragraphs for the article's 2"),
            "{:?}",
            a.warnings
        );
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics_and_never_keeps_control_characters(text in "\\PC{0,200}|(\\+\\+\\+\n)?[a-z =\"\n\r\t\u{1b}\u{feff}]{0,200}") {
            if let Ok(article) = Article::parse(&text, Path::new("p.md")) {
                for paragraph in &article.paragraphs {
                    proptest::prop_assert!(!paragraph.chars().any(char::is_control));
                    proptest::prop_assert!(!paragraph.is_empty());
                }
            }
        }
    }

    #[test]
    fn translation_beside_the_article_is_loaded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "Satu.\n\nDua.\n").unwrap();
        std::fs::write(
            dir.path().join("a.en.md"),
            "+++\ntitle = \"T\"\n+++\nOne.\n\nTwo.\n",
        )
        .unwrap();
        let a = Article::load(&dir.path().join("a.md")).unwrap();
        let t = a.translation.clone().unwrap();
        assert_eq!(t.text(0), Some("One."));
        assert_eq!(t.text(1), Some("Two."));
        assert_eq!(t.title.as_deref(), Some("T"));
        assert_eq!(a.title(), "a");
    }
}
