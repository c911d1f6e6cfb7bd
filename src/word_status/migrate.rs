//! Moving the learner's progress out of glossary files (`kabar progress migrate`): older kabar
//! versions wrote a rated term's `status`, and the sentence it was met in as `examples`, into
//! its glossary entry. A [`plan`] lists each such entry with its file and line; [`apply`] keeps
//! the statuses and sentences in the progress file — a status the learner has set there since
//! stays — and only then takes both fields out of the glossary files through the
//! comment-preserving editor ([`crate::glossary::edit::remove_fields`]), one atomic write per
//! file. Stopped halfway, it has lost nothing: the progress file already holds what a glossary
//! file still holds, and running it again finishes the job.
//!
//! Examples of an entry without a status are the glossary author's, not the learner's: they
//! stay. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use super::{Example, WordStatusError, WordStatuses};
use crate::glossary::edit::{EditError, remove_fields};
use crate::glossary::{Glossary, Status};
use crate::text::LineCol;

/// The fields that are the learner's, not the glossary's.
const FIELDS: [&str; 2] = ["status", "examples"];

/// One glossary entry that carries a status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// The glossary file.
    pub file: PathBuf,
    /// Where the entry is in it.
    pub at: LineCol,
    /// The term as written.
    pub term: String,
    /// The folded term: its key in the progress file.
    pub key: String,
    /// The status written in the glossary file.
    pub status: Status,
    /// The entry's example sentences, which move with the status.
    pub examples: Vec<String>,
    /// The learner's own status in the progress file, which stays.
    pub yours: Option<Status>,
}

/// What [`apply`] did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Statuses now in the progress file that were only in glossary files.
    pub statuses: usize,
    /// Sentences kept in the progress file.
    pub examples: usize,
    /// Each glossary file written, with how many entries lost their status there.
    pub files: Vec<(PathBuf, usize)>,
    /// Glossary files that could not be written, and why (their statuses are in the
    /// progress file all the same).
    pub failed: Vec<(PathBuf, EditError)>,
}

/// Every entry of `glossary` with a status, in glossary order, and what `progress` already
/// holds for it.
pub fn plan(glossary: &Glossary, progress: &WordStatuses) -> Vec<Move> {
    glossary
        .entries()
        .filter_map(|entry| {
            Some(Move {
                file: glossary.file_of(entry).to_path_buf(),
                at: entry.at,
                term: entry.term.clone(),
                key: entry.key.clone(),
                status: entry.status?,
                examples: entry.examples.clone(),
                yours: progress.get(&entry.key),
            })
        })
        .collect()
}

/// Keeps the statuses and sentences of `moves` in the progress file at `progress`, then takes
/// them out of their glossary files (inside the glossary folder `dir`). Only a progress file
/// that cannot be written stops it before any glossary file is touched.
pub fn apply(dir: &Path, moves: &[Move], progress: &Path) -> Result<Outcome, WordStatusError> {
    let statuses: Vec<(String, Status)> = moves.iter().map(|m| (m.key.clone(), m.status)).collect();
    let examples: Vec<Example> = moves
        .iter()
        .flat_map(|m| m.examples.iter().map(|e| (m.key.clone(), e.clone())))
        .collect();
    let adopted = super::adopt(progress, &statuses, &examples)?;
    let mut outcome = Outcome {
        statuses: adopted.len(),
        examples: examples.len(),
        ..Outcome::default()
    };
    let mut files: Vec<(&Path, Vec<String>)> = Vec::new();
    for m in moves {
        match files.iter_mut().find(|(file, _)| *file == m.file) {
            Some((_, keys)) => keys.push(m.key.clone()),
            None => files.push((&m.file, vec![m.key.clone()])),
        }
    }
    for (file, keys) in files {
        match remove_fields(dir, file, &keys, &FIELDS) {
            Ok((_, count)) => outcome.files.push((file.to_path_buf(), count)),
            Err(err) => outcome.failed.push((file.to_path_buf(), err)),
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UMUM: &str = "# Shared.\nkepala = { translation = \"head\", status = 2, examples = [\"Kepala desa. (Uji)\"] }  # mine\nperang = \"war\"\n\n[lagi]\ntranslation = \"again\"\n# rated\nstatus = \"W\"\nexamples = [\"Lagi.\"]\n";
    const HUKUM: &str =
        "[vonis]\ntranslation = \"verdict\"\nexamples = [\"Written by the author.\"]\n";

    #[test]
    fn statuses_move_to_the_progress_file_and_the_glossary_keeps_its_comments() {
        let dir = tempfile::tempdir().unwrap();
        let glossary_dir = dir.path().join("glossary");
        std::fs::create_dir(&glossary_dir).unwrap();
        std::fs::write(glossary_dir.join("umum.toml"), UMUM).unwrap();
        std::fs::write(glossary_dir.join("hukum.toml"), HUKUM).unwrap();
        let words = dir.path().join("words.toml");
        // The learner rated lagi since: theirs stays.
        std::fs::write(&words, "# progress\nlagi = 3\n").unwrap();
        let glossary = Glossary::load_dir(&glossary_dir).unwrap();
        let progress = WordStatuses::load(&words).unwrap();
        let moves = plan(&glossary, &progress);
        let summary: Vec<_> = moves
            .iter()
            .map(|m| (m.term.as_str(), m.at.line, m.status, m.yours))
            .collect();
        assert_eq!(
            summary,
            [
                ("kepala", 2, Status::Level(2), None),
                ("lagi", 5, Status::WellKnown, Some(Status::Level(3)))
            ],
            "the author's examples of vonis are not the learner's"
        );

        let outcome = apply(&glossary_dir, &moves, &words).unwrap();
        assert_eq!((outcome.statuses, outcome.examples), (1, 2));
        assert!(outcome.failed.is_empty());
        assert_eq!(
            std::fs::read_to_string(glossary_dir.join("umum.toml")).unwrap(),
            "# Shared.\nkepala = \"head\"  # mine\nperang = \"war\"\n\n[lagi]\ntranslation = \"again\"\n# rated\n"
        );
        assert_eq!(
            std::fs::read_to_string(glossary_dir.join("hukum.toml")).unwrap(),
            HUKUM
        );
        let progress = WordStatuses::load(&words).unwrap();
        assert_eq!(progress.get("kepala"), Some(Status::Level(2)));
        assert_eq!(progress.get("lagi"), Some(Status::Level(3)));
        assert_eq!(progress.examples("kepala"), ["Kepala desa. (Uji)"]);
        assert_eq!(progress.examples("lagi"), ["Lagi."]);
        assert!(
            std::fs::read_to_string(&words)
                .unwrap()
                .starts_with("# progress\nlagi = { status = 3, examples = [\"Lagi.\"] }\n")
        );

        // Nothing is left to move.
        let glossary = Glossary::load_dir(&glossary_dir).unwrap();
        assert!(plan(&glossary, &progress).is_empty());
    }
}
