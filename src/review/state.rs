//! The review state file: one FSRS schedule per term, keyed by the folded term, in a TOML file
//! of its own (`review.toml` in the data folder) so reviewing never rewrites a glossary file.
//!
//! It is saved after every grade with [`atomic_file::replace`], which also refuses to write
//! over a file that changed since kabar read it; so a crash loses at most the card being graded,
//! and a file kabar cannot read is reported, never reset or overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::Grade;
use crate::atomic_file::{self, ReplaceError};
use crate::text::LineCol;

/// The format version written; a newer one is refused rather than misread.
const VERSION: u32 = 1;

/// What the file says about itself for someone who opens it.
const HEADER: &str = "\
# kabar review state: when each glossary term is next due, scheduled with FSRS.
# One [cards.\"term\"] table per term (the term folded to lower case). Deleting a table
# starts that card afresh; the glossary files are never changed by reviewing.
";

/// Why the review state could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The file exists but cannot be read.
    #[error("{}: cannot read the review state: {reason}; check the file's permissions", path.display())]
    Read {
        /// The state file.
        path: PathBuf,
        /// What the operating system said.
        reason: std::io::Error,
    },
    /// The file is not a review state kabar understands.
    #[error(
        "{}:{at}: {message}; fix that line, or move the file aside to start every card afresh \
         (kabar does not overwrite it)",
        path.display()
    )]
    Invalid {
        /// The state file.
        path: PathBuf,
        /// Where the problem is.
        at: LineCol,
        /// What is wrong there.
        message: String,
    },
    /// The new state could not be written; the file keeps its previous content.
    #[error("review not saved: {0}; leave the review and start it again to read the file afresh")]
    Write(#[from] ReplaceError),
}

/// A card's FSRS memory state and due time, as stored in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// When the card is next due.
    pub due: DateTime<Utc>,
    /// When it was last graded.
    pub last_review: DateTime<Utc>,
    /// Where the card is in FSRS's cycle.
    pub phase: Phase,
    /// FSRS stability: days until recall probability falls to 90%.
    pub stability: f64,
    /// FSRS difficulty, 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// Days between the last two reviews.
    pub elapsed_days: i64,
    /// Days the last grade scheduled.
    pub scheduled_days: i64,
    /// Times graded.
    pub reps: i32,
    /// Times forgotten after being learned.
    pub lapses: i32,
}

/// FSRS's card states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Being learned: short steps.
    Learning,
    /// Learned: growing intervals.
    Review,
    /// Forgotten after being learned: short steps again.
    Relearning,
}

impl Schedule {
    /// The schedule after grading a card that had `before` (`None`: never reviewed) at `now`.
    pub fn next(before: Option<&Schedule>, grade: Grade, now: DateTime<Utc>) -> Schedule {
        let card = before.map_or_else(
            || rs_fsrs::Card {
                due: now,
                last_review: now,
                ..rs_fsrs::Card::default()
            },
            Schedule::to_fsrs,
        );
        // Default parameters, fuzz off: the same grades at the same times give the same dates.
        let next = rs_fsrs::FSRS::default()
            .next(card, now, grade.rating())
            .card;
        Schedule::from_fsrs(&next)
    }

    fn to_fsrs(&self) -> rs_fsrs::Card {
        rs_fsrs::Card {
            due: self.due,
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: self.elapsed_days,
            scheduled_days: self.scheduled_days,
            reps: self.reps,
            lapses: self.lapses,
            state: match self.phase {
                Phase::Learning => rs_fsrs::State::Learning,
                Phase::Review => rs_fsrs::State::Review,
                Phase::Relearning => rs_fsrs::State::Relearning,
            },
            last_review: self.last_review,
        }
    }

    fn from_fsrs(card: &rs_fsrs::Card) -> Schedule {
        // Whole seconds: the file stays readable, and no schedule needs more.
        Schedule {
            due: card.due.trunc_subsecs(0),
            last_review: card.last_review.trunc_subsecs(0),
            phase: match card.state {
                // A graded card is never new again; FSRS only reports New before a grade.
                rs_fsrs::State::New | rs_fsrs::State::Learning => Phase::Learning,
                rs_fsrs::State::Review => Phase::Review,
                rs_fsrs::State::Relearning => Phase::Relearning,
            },
            stability: card.stability,
            difficulty: card.difficulty,
            elapsed_days: card.elapsed_days,
            scheduled_days: card.scheduled_days,
            reps: card.reps,
            lapses: card.lapses,
        }
    }
}

/// The file's layout.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    cards: BTreeMap<String, Schedule>,
}

/// Every card's schedule, and the file it is kept in.
#[derive(Debug)]
pub struct ReviewState {
    path: PathBuf,
    /// The file's text as last read or written: a save refuses if the file no longer holds it.
    on_disk: String,
    cards: BTreeMap<String, Schedule>,
}

impl ReviewState {
    /// Reads the state from `path`; a missing file is an empty state (nothing reviewed yet).
    pub fn load(path: &Path) -> Result<ReviewState, ReviewError> {
        let text = crate::atomic_file::read_or_empty(path).map_err(|reason| ReviewError::Read {
            path: path.to_path_buf(),
            reason,
        })?;
        let invalid = |offset: usize, message: String| ReviewError::Invalid {
            path: path.to_path_buf(),
            at: LineCol::of(&text, offset),
            message,
        };
        let cards = if text.trim().is_empty() {
            BTreeMap::new()
        } else {
            let file: File = toml::from_str(&text).map_err(|err| {
                let offset = err.span().map_or(0, |span| span.start);
                invalid(offset, err.message().trim().to_owned())
            })?;
            if file.version != VERSION {
                let offset = text.find("version").unwrap_or(0);
                return Err(invalid(
                    offset,
                    format!(
                        "review state version {} is not one this kabar reads (it reads {VERSION})",
                        file.version
                    ),
                ));
            }
            file.cards
        };
        Ok(ReviewState {
            path: path.to_path_buf(),
            on_disk: text,
            cards,
        })
    }

    /// The file the state is saved to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schedule of the term with folded key `key`; `None` if it was never reviewed.
    pub fn schedule(&self, key: &str) -> Option<&Schedule> {
        self.cards.get(key)
    }

    /// Grades the card `key` at `now` and saves the file at once. When saving fails, nothing
    /// changes, in memory or on disk.
    pub fn record(
        &mut self,
        key: &str,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> Result<&Schedule, ReviewError> {
        let next = Schedule::next(self.cards.get(key), grade, now);
        let previous = self.cards.insert(key.to_owned(), next);
        if let Err(err) = self.save() {
            match previous {
                Some(previous) => self.cards.insert(key.to_owned(), previous),
                None => self.cards.remove(key),
            };
            return Err(err);
        }
        Ok(&self.cards[key])
    }

    fn save(&mut self) -> Result<(), ReviewError> {
        let file = File {
            version: VERSION,
            cards: self.cards.clone(),
        };
        let body = toml::to_string(&file).map_err(|err| ReplaceError::Io {
            path: self.path.clone(),
            reason: std::io::Error::other(err),
        })?;
        let text = format!("{HEADER}\n{body}");
        // Another kabar reviewing at the same time waits; its save, if it came first, is
        // found by the check against what was read and refused rather than overwritten.
        atomic_file::Writer::open(&self.path)?.replace(Some(&self.on_disk), &text)?;
        self.on_disk = text;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn noon() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn good_waits_longer_than_again_and_intervals_grow() {
        let now = noon();
        let again = Schedule::next(None, Grade::Again, now);
        let good = Schedule::next(None, Grade::Good, now);
        assert!(good.due > again.due, "{good:?} vs {again:?}");
        // Successive Goods, each graded when due, space out further every time.
        let mut schedule = good;
        let mut last_interval = chrono::Duration::zero();
        for _ in 0..5 {
            let graded_at = schedule.due;
            schedule = Schedule::next(Some(&schedule), Grade::Good, graded_at);
            let interval = schedule.due - graded_at;
            assert!(interval > last_interval, "{interval} after {last_interval}");
            last_interval = interval;
        }
        assert!(
            last_interval > chrono::Duration::days(30),
            "{last_interval}"
        );
        // Forgetting a learned card counts a lapse and brings it back within the day.
        let forgotten = Schedule::next(Some(&schedule), Grade::Again, schedule.due);
        assert_eq!(forgotten.lapses, 1);
        assert_eq!(forgotten.phase, Phase::Relearning);
        assert!(forgotten.due - schedule.due < chrono::Duration::days(1));
    }

    #[test]
    fn the_state_round_trips_through_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let mut state = ReviewState::load(&path).unwrap();
        assert!(!path.exists(), "loading never creates the file");
        state.record("korea utara", Grade::Good, noon()).unwrap();
        state.record("perang", Grade::Again, noon()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# kabar review state"), "{text}");
        assert!(text.contains("[cards.\"korea utara\"]"), "{text}");
        let reloaded = ReviewState::load(&path).unwrap();
        assert_eq!(reloaded.cards, state.cards);
        assert_eq!(reloaded.on_disk, text);
    }

    #[test]
    fn a_corrupt_file_is_an_error_with_its_position_and_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let corrupt = "version = 1\n\n[cards.perang]\ndue = \"yesterday\"\n";
        std::fs::write(&path, corrupt).unwrap();
        let err = ReviewState::load(&path).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}:4:7: ", path.display())),
            "{err}"
        );
        assert!(err.contains("move the file aside"), "{err}");
        std::fs::write(&path, "version = 9\n").unwrap();
        let err = ReviewState::load(&path).unwrap_err().to_string();
        assert!(err.contains(":1:1: review state version 9"), "{err}");
        std::fs::write(&path, "[[broken\n").unwrap();
        assert!(ReviewState::load(&path).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[broken\n");
    }

    #[test]
    fn a_file_changed_behind_kabars_back_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.toml");
        let mut state = ReviewState::load(&path).unwrap();
        state.record("a", Grade::Good, noon()).unwrap();
        std::fs::write(&path, "someone else's edit").unwrap();
        let err = state.record("b", Grade::Good, noon()).unwrap_err();
        assert!(matches!(err, ReviewError::Write(_)), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "someone else's edit"
        );
        assert!(
            state.schedule("b").is_none(),
            "a failed save changes nothing"
        );
    }
}
