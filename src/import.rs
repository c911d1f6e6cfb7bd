//! Importing news into the library: a `.txt`, `.md` or `.html` file or a web page becomes an
//! [`Article`] — text normalised ([`normalize`]), re-flowed ([`reflow`]), cleaned of page
//! clutter ([`clutter`]), main text of web pages found by a Readability extractor ([`html`]) —
//! and is saved once into the user's library ([`store`]). Knows nothing of the terminal.

pub mod clutter;
pub mod html;
pub mod nesting;
pub mod normalize;
pub mod reflow;
pub mod store;

use std::path::{Path, PathBuf};

use crate::article::{Article, ArticleError, Meta};
use crate::fetch::{Expect, FetchError, Fetcher};
use crate::import::clutter::Dateline;

/// Why an import failed. Nothing has been written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: cannot read: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        reason: std::io::Error,
    },
    /// A file kind kabar does not import.
    #[error("{}: kabar imports .txt, .md and .html files; save the page as one of those", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The file's own `+++` header is broken.
    #[error(transparent)]
    Header(#[from] ArticleError),
    /// No article text was left after extraction and cleaning.
    #[error("{origin}: no article text found; nothing was imported")]
    Empty {
        /// The file or URL.
        origin: String,
    },
    /// The page nests its elements too deeply to extract in reasonable time.
    #[error(
        "{origin}: the page nests its elements {how}; kabar refuses such pages (no article needs it), nothing was imported"
    )]
    TooDeep {
        /// The file or URL.
        origin: String,
        /// How deep, in words.
        how: &'static str,
    },
    /// The file is larger than kabar imports.
    #[error("{}: larger than {} MB; kabar does not import files that big", path.display(), MAX_FILE_BYTES / 1_000_000)]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// Fetching failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// Saving into the library failed.
    #[error("{}: cannot save the article: {reason}", path.display())]
    Save {
        /// The file that was to be written.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The largest file `import` reads (a book-length article is about 1 MB).
pub const MAX_FILE_BYTES: u64 = 20_000_000;

/// Reads and extracts a `.txt`, `.md`, `.html` or `.htm` file. Warnings (invalid UTF-8) are in
/// the article's `warnings`.
pub fn from_file(path: &Path) -> Result<Article, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("txt") => Kind::Text,
        Some("md" | "markdown") => Kind::Markdown,
        Some("html" | "htm" | "xhtml") => Kind::Html,
        _ => {
            return Err(ImportError::Unsupported {
                path: path.to_path_buf(),
            });
        }
    };
    let io = |reason| ImportError::Io {
        path: path.to_path_buf(),
        reason,
    };
    if std::fs::metadata(path).map_err(io)?.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let origin = path.display().to_string();
    let (text, warning) = match kind {
        Kind::Html => normalize::decode_page(&bytes, None, &origin),
        Kind::Text | Kind::Markdown => normalize::decode(&bytes, &origin),
    };
    let mut article = match kind {
        Kind::Html => html::extract(&text, None, &origin)?,
        Kind::Text | Kind::Markdown => from_text(&text, path, kind == Kind::Markdown)?,
    };
    if article.meta.title.is_none() {
        article.meta.title = path
            .file_stem()
            .map(|s| normalize::normalize(&s.to_string_lossy().replace(['-', '_'], " ")));
    }
    article.warnings.extend(warning);
    Ok(article)
}

/// Fetches a web page and extracts its article.
pub fn from_url(url: &str, fetcher: &Fetcher) -> Result<Article, ImportError> {
    let fetched = fetcher.get(url, Expect::Html)?;
    let (text, warning) = normalize::decode_page(&fetched.body, fetched.charset.as_deref(), url);
    let mut article = html::extract(&text, Some(&fetched.final_url), url)?;
    if article.meta.url.is_none() {
        article.meta.url = Some(url.to_owned());
    }
    article.warnings.extend(warning);
    Ok(article)
}

/// Imports the web page at `url` into the library folder `dir`. A URL already in the library
/// is not fetched again: its file is returned. Warnings go with the result.
pub fn url_into_library(
    url: &str,
    dir: &Path,
    fetcher: &Fetcher,
) -> Result<(store::Saved, Vec<String>), ImportError> {
    crate::fetch::check_url(url)?;
    if let Some(existing) = store::find_url(dir, url) {
        return Ok((store::Saved::Existing(existing), Vec::new()));
    }
    let article = from_url(url, fetcher)?;
    Ok((store::save(&article, dir)?, article.warnings))
}

/// Feed content with at least this many words is taken as the whole article.
const FULL_CONTENT_WORDS: usize = 80;

/// The article behind a feed item: the feed's own full text when it carries one, else the
/// linked page, fetched and extracted. When the page cannot be had (the site is down, refuses,
/// or nothing could be extracted) the feed's own text — its `content:encoded` lead or its
/// description — is taken instead, with a warning saying so and why.
pub fn item_article(item: &crate::feed::Item, fetcher: &Fetcher) -> Result<Article, ImportError> {
    let words: usize = item
        .content
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    let origin = item.link.clone().unwrap_or_else(|| item.title.clone());
    let meta = Meta {
        title: Some(item.title.clone()).filter(|t| !t.is_empty()),
        source: item.feed.clone(),
        url: item.link.clone(),
        date: item.date.clone(),
        language: Some("id".to_owned()),
    };
    if words < FULL_CONTENT_WORDS
        && let Some(link) = &item.link
    {
        let err = match from_url(link, fetcher) {
            Ok(mut article) => {
                if article.meta.title.is_none() && !item.title.is_empty() {
                    article.meta.title = Some(item.title.clone());
                }
                article.meta.source = article.meta.source.or_else(|| item.feed.clone());
                article.meta.date = article.meta.date.or_else(|| item.date.clone());
                return Ok(article);
            }
            Err(err) => err,
        };
        let own = if words > 0 {
            item.content.clone()
        } else {
            vec![item.summary.clone()]
        };
        return match finish(meta, own, &origin, 1) {
            Ok(mut article) => {
                article.warnings.push(format!(
                    "Only the feed's own text: the page could not be read ({})",
                    err.reason(link)
                ));
                Ok(article)
            }
            Err(_) => Err(err),
        };
    }
    finish(meta, item.content.clone(), &origin, 1)
}

impl ImportError {
    /// The message without the file or address it names at its start, when it does: for a
    /// line that has no room for a long address before the reason.
    pub fn reason(&self, origin: &str) -> String {
        let message = self.to_string();
        match message
            .strip_prefix(origin)
            .and_then(|rest| rest.strip_prefix(": "))
        {
            Some(reason) => reason.to_owned(),
            None => message,
        }
    }
}

/// Imports a feed item into the library folder `dir`; an item whose link is already there is
/// neither fetched nor written again.
pub fn item_into_library(
    item: &crate::feed::Item,
    dir: &Path,
    fetcher: &Fetcher,
) -> Result<(store::Saved, Vec<String>), ImportError> {
    if let Some(existing) = item.link.as_deref().and_then(|l| store::find_url(dir, l)) {
        return Ok((store::Saved::Existing(existing), Vec::new()));
    }
    let article = item_article(item, fetcher)?;
    Ok((store::save(&article, dir)?, article.warnings))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
}

/// Extracts an article from plain text or Markdown, keeping its `+++` header when it has one.
/// `origin` names the file in errors.
pub fn from_text(text: &str, origin: &Path, markdown: bool) -> Result<Article, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut meta, body) = split_header(text, origin)?;
    let body = normalize::normalize(&normalize::decode_entities(body));
    let mut paragraphs = reflow::paragraphs(&body);
    let mut heading_title = None;
    if markdown {
        for (i, paragraph) in paragraphs.iter_mut().enumerate() {
            let stripped = paragraph.trim_start_matches('#');
            if stripped.len() < paragraph.len() && stripped.starts_with(' ') {
                *paragraph = stripped.trim().to_owned();
                if i == 0 {
                    heading_title = Some(paragraph.clone());
                }
            }
        }
    }
    if meta.title.is_none() {
        // A short first line without a full stop, followed by text, is the headline.
        let first_is_title = heading_title.is_some()
            || paragraphs.first().is_some_and(|p| {
                paragraphs.len() > 1 && p.chars().count() <= 150 && !p.ends_with(['.', ':', ','])
            });
        if first_is_title {
            meta.title = Some(paragraphs.remove(0));
        }
    }
    finish(meta, paragraphs, &origin.display().to_string(), 1)
}

/// Cleans the paragraphs, folds the dateline into the metadata and refuses an empty result.
/// Fewer than `min_words` words is no article.
pub(crate) fn finish(
    mut meta: Meta,
    paragraphs: Vec<String>,
    origin: &str,
    min_words: usize,
) -> Result<Article, ImportError> {
    let (paragraphs, dateline) = clutter::clean(paragraphs);
    if let Some(Dateline {
        source: Some(source),
        ..
    }) = dateline
        && meta.source.is_none()
    {
        meta.source = Some(source);
    }
    let title = meta.title.clone().unwrap_or_default();
    let paragraphs: Vec<String> = paragraphs.into_iter().filter(|p| *p != title).collect();
    let words = paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words < min_words.max(1) {
        return Err(ImportError::Empty {
            origin: origin.to_owned(),
        });
    }
    meta.language.get_or_insert_with(|| "id".to_owned());
    for field in [
        &mut meta.title,
        &mut meta.source,
        &mut meta.url,
        &mut meta.date,
    ] {
        if let Some(value) = field {
            *value = normalize::normalize(value)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
        if field.as_deref() == Some("") {
            *field = None;
        }
    }
    Ok(Article {
        meta,
        paragraphs,
        ..Article::default()
    })
}

/// The `+++` header read with [`Article::parse`] (so its errors carry the same `line:col`) and
/// the body after it.
fn split_header<'a>(text: &'a str, origin: &Path) -> Result<(Meta, &'a str), ImportError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Ok((Meta::default(), text));
    }
    let mut offset = first_end + 1;
    for line in text.get(offset..).unwrap_or("").split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "+++" {
            let header = Article::parse(&text[..offset], origin)?;
            return Ok((header.meta, &text[offset..]));
        }
    }
    // Unclosed: let the article parser say so, with its position.
    Article::parse(text, origin)?;
    Ok((Meta::default(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_header_keeps_it_and_reflows() {
        let a = from_text(
            "+++\ntitle = \"Judul\"\nsource = \"X\"\n+++\nJAKARTA, KOMPAS.com - Satu\ndua.\n\nTiga &amp;amp; empat.\n",
            Path::new("a.md"),
            true,
        )
        .unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Judul"));
        assert_eq!(a.meta.source.as_deref(), Some("X"));
        assert_eq!(a.meta.language.as_deref(), Some("id"));
        assert_eq!(a.paragraphs, ["Satu dua.", "Tiga &amp; empat."]);
    }

    #[test]
    fn headline_from_first_line_and_source_from_dateline() {
        let a = from_text(
            "# Harga Beras Naik\n\nJakarta (ANTARA) - Harga beras naik.\n\n(ant)\n",
            Path::new("a.md"),
            true,
        )
        .unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Harga Beras Naik"));
        assert_eq!(a.meta.source.as_deref(), Some("ANTARA"));
        assert_eq!(a.paragraphs, ["Harga beras naik."]);
    }

    #[test]
    fn empty_and_broken_inputs_are_errors() {
        let err = from_text("\n\n  \n", Path::new("e.txt"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "e.txt: no article text found; nothing was imported"
        );
        let err = from_text("+++\nauthor = 1\n+++\nteks\n", Path::new("h.md"), true).unwrap_err();
        assert!(
            err.to_string().starts_with("h.md:2:1: bad article header"),
            "{err}"
        );
        let err = from_file(Path::new("x.pdf")).unwrap_err();
        assert!(
            err.to_string().contains("imports .txt, .md and .html"),
            "{err}"
        );
    }
}
