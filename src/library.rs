//! Where kabar finds its content when the command line does not say: the bundled sample
//! article and the glossary folder. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use crate::article::{Article, ArticleError, Translation};

/// The bundled sample article, relative to the project folder.
pub const BUNDLED_ARTICLE: &str = "articles/putin-kim-bertemu.md";

/// The glossary folder used when it exists in the working directory.
pub const LOCAL_GLOSSARY: &str = "glossary";

const BUNDLED_TEXT: &str = include_str!("../articles/putin-kim-bertemu.md");
const BUNDLED_TRANSLATION: &str = include_str!("../articles/putin-kim-bertemu.en.md");

/// Loads the bundled article: from `articles/` when run in the project folder (so edits show),
/// otherwise from the copy compiled into the binary.
pub fn bundled_article() -> Result<Article, ArticleError> {
    let on_disk = Path::new(BUNDLED_ARTICLE);
    if on_disk.is_file() {
        return Article::load(on_disk);
    }
    let mut article = Article::parse(BUNDLED_TEXT, on_disk)?;
    let translation = Article::parse(BUNDLED_TRANSLATION, on_disk)?;
    article.translation = Some(Translation {
        title: translation.meta.title,
        paragraphs: translation.paragraphs,
    });
    article.path = Some(on_disk.to_path_buf());
    Ok(article)
}

/// The user's data folder for kabar (`~/.local/share/kabar` on Linux), if a home is known.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kabar").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The glossary folder to use without `--glossary`: `./glossary` when present, else the one in
/// the user's data folder. `None` when neither exists.
pub fn default_glossary_dir() -> Option<PathBuf> {
    let local = PathBuf::from(LOCAL_GLOSSARY);
    if local.is_dir() {
        return Some(local);
    }
    data_dir()
        .map(|d| d.join("glossary"))
        .filter(|d| d.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_article_parses_with_its_aligned_translation() {
        let article = Article::parse(BUNDLED_TEXT, Path::new(BUNDLED_ARTICLE)).unwrap();
        let translation = Article::parse(BUNDLED_TRANSLATION, Path::new("t")).unwrap();
        assert_eq!(article.paragraphs.len(), translation.paragraphs.len());
        assert!(article.meta.title.is_some() && article.meta.source.is_some());
    }
}
