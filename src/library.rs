//! Where kabar finds its content when the command line does not say: the bundled sample
//! article and the glossary folder. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use crate::article::{Article, ArticleError};
use crate::glossary::Glossary;
use crate::positions::{Positions, PositionsError};
use crate::word_status::{WordStatusError, WordStatuses};

/// The bundled sample article, relative to the project folder.
pub const BUNDLED_ARTICLE: &str = "articles/putin-kim-bertemu.md";

/// The articles folder listed in the library when it exists in the working directory.
pub const LOCAL_ARTICLES: &str = "articles";

/// The glossary folder used when it exists in the working directory.
pub const LOCAL_GLOSSARY: &str = "glossary";

/// The bundled glossary, compiled in so the reader works outside the project folder too.
const BUNDLED_GLOSSARY: &[(&str, &str)] = &[
    (
        "glossary/ekonomi.toml",
        include_str!("../glossary/ekonomi.toml"),
    ),
    (
        "glossary/geografi.toml",
        include_str!("../glossary/geografi.toml"),
    ),
    (
        "glossary/hukum.toml",
        include_str!("../glossary/hukum.toml"),
    ),
    (
        "glossary/militer.toml",
        include_str!("../glossary/militer.toml"),
    ),
    (
        "glossary/politik.toml",
        include_str!("../glossary/politik.toml"),
    ),
    ("glossary/umum.toml", include_str!("../glossary/umum.toml")),
];

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
    let translation = crate::translation::Translation::parse(BUNDLED_TRANSLATION, on_disk)?;
    article.set_translation(translation, on_disk);
    article.path = Some(on_disk.to_path_buf());
    Ok(article)
}

/// The user's data folder for kabar (`~/.local/share/kabar` on Linux), if a home is known.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kabar").map(|dirs| dirs.data_dir().to_path_buf())
}

/// The learner's word statuses (`~/.local/share/kabar/words.toml` on Linux): read from there
/// and saved there. Without a home folder they are kept in memory only.
pub fn word_statuses() -> Result<WordStatuses, WordStatusError> {
    match word_statuses_path() {
        Some(path) => WordStatuses::load(&path),
        None => Ok(WordStatuses::in_memory()),
    }
}

/// Where the learner's word statuses are kept, if a home is known.
pub fn word_statuses_path() -> Option<PathBuf> {
    data_dir().map(|dir| dir.join(crate::word_status::FILE_NAME))
}

/// The learner's reading positions (`~/.local/share/kabar/positions.toml` on Linux).
pub fn positions() -> Result<Positions, PositionsError> {
    match data_dir() {
        Some(dir) => Positions::load(&dir.join(crate::positions::FILE_NAME)),
        None => Ok(Positions::in_memory()),
    }
}

/// The translations of single sentences the reader saved (for review cards and exports);
/// none when there is no data folder or the file cannot be read.
pub fn sentence_translations() -> crate::translation::sentences::Sentences {
    data_dir()
        .and_then(|dir| {
            crate::translation::sentences::Sentences::load(&crate::translation::sentences::path_in(
                &dir,
            ))
            .ok()
        })
        .unwrap_or_default()
}

/// The folders the library lists: `./articles` when present, and the data folder's
/// `articles`, where imported articles go.
pub fn article_folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let local = PathBuf::from(LOCAL_ARTICLES);
    if local.is_dir() {
        folders.push(local);
    }
    if let Some(dir) = data_dir() {
        folders.push(crate::import::store::articles_dir(&dir));
    }
    folders
}

/// Where kabar keeps its glossary indexes (`~/.cache/kabar` on Linux): rebuildable data that
/// does not belong in the user's glossary folder or its git history.
pub fn index_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kabar").map(|dirs| dirs.cache_dir().to_path_buf())
}

/// The settings file (`~/.config/kabar/config.toml` on Linux), if a home is known.
pub fn settings_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kabar")
        .map(|dirs| dirs.config_dir().join(crate::settings::FILE_NAME))
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

/// The glossary compiled into the binary (the project's `glossary/` folder at build time).
pub fn bundled_glossary() -> Glossary {
    let mut glossary = Glossary::default();
    for (name, text) in BUNDLED_GLOSSARY {
        glossary.add_file(PathBuf::from(name), text);
    }
    glossary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_glossary_file_is_compiled_in() {
        let mut on_disk: Vec<String> =
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary"))
                .unwrap()
                .map(|e| format!("glossary/{}", e.unwrap().file_name().to_string_lossy()))
                .filter(|name| name.ends_with(".toml"))
                .collect();
        on_disk.sort();
        let bundled: Vec<&str> = BUNDLED_GLOSSARY.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            bundled, on_disk,
            "add new glossary files to BUNDLED_GLOSSARY"
        );
        let glossary = bundled_glossary();
        assert!(glossary.problems().is_empty(), "{:?}", glossary.problems());
        assert!(glossary.len() >= 150);
    }

    #[test]
    fn the_compiled_in_article_parses_with_its_aligned_translation() {
        let article = Article::parse(BUNDLED_TEXT, Path::new(BUNDLED_ARTICLE)).unwrap();
        let translation =
            crate::translation::Translation::parse(BUNDLED_TRANSLATION, Path::new("t")).unwrap();
        assert_eq!(article.paragraphs.len(), translation.paragraphs.len());
        assert!(translation.paragraphs.iter().all(|p| {
            p.as_ref()
                .is_some_and(|p| p.origin == crate::translation::Origin::Own)
        }));
        assert!(article.meta.title.is_some() && article.meta.source.is_some());
    }
}
