//! The learner's library: every article kabar can find (the project's `articles/` folder and the
//! data folder's, where imports go), each with its header, its length in counted words, the
//! share of those the learner knows and how far they have read. Translation files
//! (`NAME.en.md`) belong to their article and are not listed. A file that cannot be read is
//! listed with its error instead of hiding or stopping the others. Knows nothing of the
//! terminal.

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::layers::Layers;
use crate::positions::Positions;
use crate::word_status::WordStatuses;

/// One article of the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The file.
    pub path: PathBuf,
    /// Its title (the file name when the header has none).
    pub title: String,
    /// The publication.
    pub source: String,
    /// The date as written in the header.
    pub date: String,
    /// Counted running words (see [`crate::knowledge`]).
    pub words: u32,
    /// Share of them known, in percent.
    pub known: u32,
    /// How far the learner has read, in percent (0 when never opened).
    pub read: u32,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

/// The article files in `dirs` (not recursive): `.md` and `.txt`, without translations, sorted
/// by path. Missing folders are skipped.
pub fn article_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| is_article(path))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// `.md` or `.txt`, not hidden, and not a translation (`NAME.en.md`, `NAME.en.txt`).
fn is_article(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.is_file()
        && !name.starts_with('.')
        && (name.ends_with(".md") || name.ends_with(".txt"))
        && !name.ends_with(".en.md")
        && !name.ends_with(".en.txt")
}

/// Reads every article of `files` and measures it against the learner's knowledge.
pub fn scan(
    files: &[PathBuf],
    layers: &Layers,
    words: &WordStatuses,
    positions: &Positions,
) -> Vec<Item> {
    files
        .iter()
        .map(|path| item(path, layers, words, positions))
        .collect()
}

/// One article's row.
pub fn item(path: &Path, layers: &Layers, words: &WordStatuses, positions: &Positions) -> Item {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let read = positions.get(path).map_or(0, |p| p.percent());
    match Article::load(path) {
        Ok(article) => {
            let title = article.title();
            let source = article.meta.source.clone().unwrap_or_default();
            let date = article.meta.date.clone().unwrap_or_default();
            let totals = crate::knowledge::measure(article, layers, words);
            Item {
                path: path.to_path_buf(),
                title,
                source,
                date,
                words: totals.counted(),
                known: totals.known_percent(),
                read,
                error: None,
            }
        }
        Err(err) => Item {
            path: path.to_path_buf(),
            title: file_name,
            source: String::new(),
            date: String::new(),
            words: 0,
            known: 0,
            read,
            error: Some(err.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, Status};
    use crate::positions::Position;

    #[test]
    fn lists_articles_with_their_figures_and_skips_translations() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "b.md",
            "+++\ntitle = \"Perang\"\nsource = \"Tempo\"\ndate = \"2024-01-02\"\n+++\n\nPerang lagi dan lagi.\n",
        );
        write("b.en.md", "War again and again.\n");
        write("a.txt", "Satu dua.\n");
        write("bad.md", "+++\ntitle = \n+++\n");
        write("notes.json", "{}");
        let files = article_files(&[dir.path().to_path_buf(), dir.path().join("missing")]);
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.md", "bad.md"]);

        let mut glossary = Glossary::default();
        glossary.add_file(PathBuf::from("g.toml"), "perang = \"war\"\n");
        let layers = Layers::new(glossary, crate::morphology::Lexicon::default());
        let mut words = WordStatuses::in_memory();
        words.apply(&[("lagi".into(), Some(Status::WellKnown))]);
        let mut positions = Positions::in_memory();
        positions
            .set(
                &files[1],
                Position {
                    token: 1,
                    tokens: 4,
                },
            )
            .unwrap();
        let items = scan(&files, &layers, &words, &positions);
        let b = &items[1];
        assert_eq!(
            (b.title.as_str(), b.source.as_str(), b.date.as_str()),
            ("Perang", "Tempo", "2024-01-02")
        );
        // perang (unrated), lagi ×2 (known), dan (unknown): 2 of 4 known.
        assert_eq!((b.words, b.known, b.read), (4, 50, 50));
        assert!(items[2].error.as_deref().unwrap().contains("bad.md"));
        assert_eq!(items[0].title, "a");
    }
}
