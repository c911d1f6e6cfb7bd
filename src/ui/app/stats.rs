//! The statistics overlay (`S`): what the learner knows of the open article, and the glossary's
//! terms by status. A snapshot taken when the overlay opens, so drawing it costs nothing.

use crate::glossary::{Glossary, Status};
use crate::knowledge::{Knowledge, Totals};
use crate::word_status::WordStatuses;

/// Counts by status: levels 1–5, well known, ignored, none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByStatus {
    /// Levels 1 to 5.
    pub levels: [u32; 5],
    /// Well known.
    pub well_known: u32,
    /// Ignored.
    pub ignored: u32,
    /// Without a status.
    pub none: u32,
}

impl ByStatus {
    fn add(&mut self, status: Option<Status>) {
        match status {
            Some(Status::Level(n)) => self.levels[usize::from(n.clamp(1, 5)) - 1] += 1,
            Some(Status::WellKnown) => self.well_known += 1,
            Some(Status::Ignored) => self.ignored += 1,
            None => self.none += 1,
        }
    }
}

/// The figures the overlay shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// The article's words by group.
    pub article: Totals,
    /// The glossary's terms by status.
    pub glossary: ByStatus,
    /// The words in `words.toml` by status.
    pub words: ByStatus,
}

impl Stats {
    /// Takes the snapshot.
    pub fn new(knowledge: &Knowledge, glossary: &Glossary, words: &WordStatuses) -> Stats {
        let mut by_entry = ByStatus::default();
        for entry in glossary.entries() {
            by_entry.add(words.of_entry(entry));
        }
        let mut by_word = ByStatus::default();
        // Glossary terms' statuses are in the same file; they count with the glossary.
        for (_, status) in words
            .iter()
            .filter(|(word, _)| glossary.lookup_folded(word).is_none())
        {
            by_word.add(Some(status));
        }
        Stats {
            article: knowledge.totals(),
            glossary: by_entry,
            words: by_word,
        }
    }
}
