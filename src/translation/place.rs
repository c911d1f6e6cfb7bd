//! Where an article's translation file lives, and saving machine translations and corrections
//! into it without ever losing a paragraph.
//!
//! Beside an article in kabar's data folder (`NAME.md` → `NAME.en.md`), where `kabar import`
//! and the feed screen put articles. Elsewhere — the bundled sample, an article in a project
//! or a read-only folder — kabar does not write beside the article: its translation goes to
//! `translations/NAME-HASH.en.md` in the data folder, keyed by a hash of the article's full
//! path. A translation file that already sits beside an article outside the data folder is
//! someone's own work: it is read, never written.
//!
//! Every save reads the file as it is, applies the new paragraphs to it (a corrected or
//! hand-written paragraph is never replaced by a machine one), and replaces it atomically
//! under kabar's writer lock, refusing if another program changed it meanwhile. A file that no
//! longer parses is never overwritten. Depends on nothing terminal-related.

use std::path::{Path, PathBuf};

use crate::article::ArticleError;
use crate::atomic_file::{ReplaceError, Writer};
use crate::translation::{Paragraph, Translation};

/// The folder inside the data folder for translations kabar may not write beside their article.
pub const TRANSLATIONS_DIR: &str = "translations";

/// An article's translation file, and whether kabar may write it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file (it may not exist yet).
    pub path: PathBuf,
    /// Whether kabar saves machine translations and corrections into it.
    pub writable: bool,
}

/// Why a translation was not saved; the file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file sits beside an article kabar does not write beside.
    #[error(
        "{}: kabar does not change a translation beside an article outside its data folder",
        .0.display()
    )]
    NotOurs(PathBuf),
    /// The file on disk does not parse: it is left for the learner to fix.
    #[error("{0}; nothing was written (fix the file or delete it)")]
    Broken(ArticleError),
    /// Writing failed (read-only, changed meanwhile, busy, disk).
    #[error(transparent)]
    Write(#[from] ReplaceError),
}

impl Place {
    /// Where the translation of the article at `article` lives, given kabar's data folder.
    /// `None` when there is no file beside it and no data folder to keep one in.
    pub fn of(article: &Path, data_dir: Option<&Path>) -> Option<Place> {
        let full = full_path(article);
        let stem = full.file_stem()?.to_string_lossy().into_owned();
        let dir = full.parent().unwrap_or(Path::new("."));
        let existing = ["md", "txt"]
            .iter()
            .map(|ext| dir.join(format!("{stem}.en.{ext}")))
            .find(|candidate| candidate.is_file() && *candidate != full);
        let ours = data_dir.is_some_and(|data| {
            let articles = crate::import::store::articles_dir(data);
            let articles = std::fs::canonicalize(&articles).unwrap_or(articles);
            full.starts_with(&articles)
        });
        if ours {
            return Some(Place {
                path: existing.unwrap_or_else(|| dir.join(format!("{stem}.en.md"))),
                writable: true,
            });
        }
        if let Some(path) = existing {
            return Some(Place {
                path,
                writable: false,
            });
        }
        let hash = xxhash_rust::xxh3::xxh3_64(full.to_string_lossy().as_bytes());
        let name: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .take(60)
            .collect();
        Some(Place {
            path: data_dir?
                .join(TRANSLATIONS_DIR)
                .join(format!("{name}-{hash:016x}.en.md")),
            writable: true,
        })
    }

    /// The translation in the file, `None` when there is no file yet.
    pub fn load(&self) -> Result<Option<Translation>, ArticleError> {
        if !self.path.is_file() {
            return Ok(None);
        }
        let text = crate::article::read_text(&self.path)?;
        Translation::parse(&text, &self.path).map(Some)
    }

    /// Applies `changes` (paragraph index, new paragraph) to the file as it is now and saves
    /// it, with a paragraph for each of the article's `paragraphs` (`(untranslated)` where
    /// there is none). `article` is named, as a full path, in a new file's header. Returns the translation
    /// now on disk — the learner's own edits to the file included.
    pub fn save(
        &self,
        paragraphs: usize,
        article: Option<&Path>,
        changes: Vec<(usize, Paragraph)>,
    ) -> Result<Translation, SaveError> {
        if !self.writable {
            return Err(SaveError::NotOurs(self.path.clone()));
        }
        let writer = Writer::open(&self.path)?;
        let before = writer.read().map_err(|reason| ReplaceError::Io {
            path: self.path.clone(),
            reason,
        })?;
        let mut translation = if before.is_empty() {
            Translation {
                // The full path, so that the header names the article whatever folder kabar
                // was started in.
                article: article.map(|a| full_path(a).display().to_string()),
                ..Translation::default()
            }
        } else {
            Translation::parse(&before, &self.path).map_err(SaveError::Broken)?
        };
        let mut changed = false;
        for (index, paragraph) in changes {
            changed |= translation.set(index, paragraph);
        }
        if translation.paragraphs.len() < paragraphs {
            translation.paragraphs.resize(paragraphs, None);
            changed = true;
        }
        if changed {
            writer.replace(Some(&before), &translation.render())?;
        }
        Ok(translation)
    }
}

/// `path` made absolute against the working folder, for an article that cannot be resolved.
/// The path with links resolved, or made absolute when it does not exist (yet).
fn full_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

fn absolute(path: &Path) -> PathBuf {
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translation::Origin;

    fn machine(text: &str) -> Paragraph {
        Paragraph {
            text: text.into(),
            origin: Origin::Machine("EN-STUB".into()),
        }
    }

    #[test]
    fn beside_an_article_in_the_data_folder_else_keyed_in_it() {
        let data = tempfile::tempdir().unwrap();
        let articles = crate::import::store::articles_dir(data.path());
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(articles.join("berita.md"), "Satu.\n").unwrap();
        let place = Place::of(&articles.join("berita.md"), Some(data.path())).unwrap();
        assert!(place.writable);
        assert_eq!(
            place.path,
            std::fs::canonicalize(&articles)
                .unwrap()
                .join("berita.en.md")
        );

        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("sample.md"), "Satu.\n").unwrap();
        let keyed = Place::of(&elsewhere.path().join("sample.md"), Some(data.path())).unwrap();
        assert!(keyed.writable);
        assert!(keyed.path.starts_with(data.path().join(TRANSLATIONS_DIR)));
        let name = keyed
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("sample-") && name.ends_with(".en.md"),
            "{name}"
        );
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join("sample.md"), "Satu.\n").unwrap();
        let second = Place::of(&other.path().join("sample.md"), Some(data.path())).unwrap();
        assert_ne!(second.path, keyed.path, "keyed by the article's path");
        assert_eq!(Place::of(&elsewhere.path().join("sample.md"), None), None);

        std::fs::write(elsewhere.path().join("sample.en.md"), "One.\n").unwrap();
        let own = Place::of(&elsewhere.path().join("sample.md"), Some(data.path())).unwrap();
        assert!(!own.writable);
        assert!(matches!(
            own.save(1, None, vec![(0, machine("x"))]),
            Err(SaveError::NotOurs(_))
        ));
        assert_eq!(
            std::fs::read_to_string(&own.path).unwrap(),
            "One.\n",
            "untouched"
        );
    }

    #[test]
    fn saving_keeps_corrections_and_the_learners_own_edits() {
        let dir = tempfile::tempdir().unwrap();
        let place = Place {
            path: dir.path().join("a.en.md"),
            writable: true,
        };
        let saved = place
            .save(
                3,
                Some(Path::new("/x/a.md")),
                vec![(1, machine("EN-STUB Dua."))],
            )
            .unwrap();
        assert_eq!(saved.paragraphs.len(), 3);
        let relative = tempfile::tempdir().unwrap();
        let beside = Place {
            path: relative.path().join("r.en.md"),
            writable: true,
        };
        beside
            .save(1, Some(Path::new("articles/r.md")), vec![(0, machine("x"))])
            .unwrap();
        let header = std::fs::read_to_string(&beside.path).unwrap();
        let named = std::env::current_dir().unwrap().join("articles/r.md");
        assert!(
            header.contains(&format!("article = \"{}\"", named.display())),
            "a relative path is written in full: {header}"
        );
        let text = std::fs::read_to_string(&place.path).unwrap();
        assert!(
            text.contains("machine = { \"EN-STUB\" = \"2\" }")
                && text.contains("article = \"/x/a.md\""),
            "{text}"
        );
        place
            .save(
                3,
                None,
                vec![(
                    1,
                    Paragraph {
                        text: "Two, as I would say it.".into(),
                        origin: Origin::Corrected,
                    },
                )],
            )
            .unwrap();
        // The learner writes paragraph 1 by hand in an editor meanwhile.
        let edited = std::fs::read_to_string(&place.path).unwrap().replacen(
            "(untranslated)",
            "One, by hand.",
            1,
        );
        std::fs::write(&place.path, edited).unwrap();
        let again = place
            .save(
                3,
                None,
                vec![
                    (0, machine("EN-STUB Satu.")),
                    (1, machine("EN-STUB Dua.")),
                    (2, machine("EN-STUB Tiga.")),
                ],
            )
            .unwrap();
        assert_eq!(again.text(0), Some("One, by hand."));
        assert_eq!(again.text(1), Some("Two, as I would say it."));
        assert_eq!(again.paragraph(1).unwrap().origin, Origin::Corrected);
        assert_eq!(again.text(2), Some("EN-STUB Tiga."));
        assert_eq!(place.load().unwrap().unwrap(), again);
    }

    #[test]
    fn a_broken_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let place = Place {
            path: dir.path().join("a.en.md"),
            writable: true,
        };
        std::fs::write(&place.path, "+++\nmachine = 3\n+++\nOne.\n").unwrap();
        let err = place.save(1, None, vec![(0, machine("x"))]).unwrap_err();
        assert!(
            err.to_string().contains("a.en.md:2:")
                && err.to_string().contains("nothing was written"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&place.path).unwrap(),
            "+++\nmachine = 3\n+++\nOne.\n"
        );
    }
}
