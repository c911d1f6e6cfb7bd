//! Spaced-repetition review of the glossary's learning terms (status 1–4), scheduled with FSRS.
//!
//! - [`card`]: what a card shows, built from a glossary entry.
//! - [`state`]: each card's schedule, kept in `review.toml` beside (never inside) the glossary.
//!
//! Here: the grades, and the queue and counts the review screen shows. Every function takes
//! the time as `now`, so tests fix the clock. Reviewing never writes a glossary file and never
//! changes a term's reading status: the learner moves a term from 1 to 5, not the scheduler.
//! Knows nothing of the terminal.

pub mod card;
pub mod state;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use card::{Card, Sentence, cards};
pub use state::{ReviewError, ReviewState, Schedule};

/// The review state's file name in the data folder.
pub const STATE_FILE: &str = "review.toml";

/// Where the review state lives by default: `review.toml` in the user's data folder
/// (`~/.local/share/kabar/review.toml` on Linux).
pub fn default_state_path() -> Option<PathBuf> {
    crate::library::data_dir().map(|dir| dir.join(STATE_FILE))
}

/// How well the learner recalled a card: FSRS's four ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grade {
    /// Forgotten: show again soon.
    Again,
    /// Recalled with effort.
    Hard,
    /// Recalled.
    Good,
    /// Recalled at once.
    Easy,
}

impl Grade {
    /// All grades, in key order 1–4.
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// The grade's name as shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    pub(crate) fn rating(self) -> rs_fsrs::Rating {
        match self {
            Grade::Again => rs_fsrs::Rating::Again,
            Grade::Hard => rs_fsrs::Rating::Hard,
            Grade::Good => rs_fsrs::Rating::Good,
            Grade::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

/// How many cards there are to review: the figures on the review screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Reviewed before and due now.
    pub due: usize,
    /// Never reviewed.
    pub new: usize,
    /// Every card (status 1–4).
    pub total: usize,
}

/// Counts `cards` against their schedules at `now`.
pub fn counts(cards: &[Card], state: &ReviewState, now: DateTime<Utc>) -> Counts {
    let mut counts = Counts {
        total: cards.len(),
        ..Counts::default()
    };
    for card in cards {
        match state.schedule(&card.key) {
            None => counts.new += 1,
            Some(schedule) if schedule.due <= now => counts.due += 1,
            Some(_) => {}
        }
    }
    counts
}

/// The order to show cards in at `now` (indices into `cards`): due cards, most overdue first,
/// then new cards in glossary order. Cards not yet due are left out.
pub fn queue(cards: &[Card], state: &ReviewState, now: DateTime<Utc>) -> Vec<usize> {
    let mut due: Vec<(DateTime<Utc>, usize)> = Vec::new();
    let mut new = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        match state.schedule(&card.key) {
            None => new.push(i),
            Some(schedule) if schedule.due <= now => due.push((schedule.due, i)),
            Some(_) => {}
        }
    }
    due.sort();
    due.into_iter().map(|(_, i)| i).chain(new).collect()
}

/// When the next card after `now` falls due, if any card is scheduled later.
pub fn next_due(cards: &[Card], state: &ReviewState, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    cards
        .iter()
        .filter_map(|card| state.schedule(&card.key))
        .map(|schedule| schedule.due)
        .filter(|due| *due > now)
        .min()
}

/// "45 min", "3 h", "2 d": how far off `later` is, rounded up to the unit shown.
pub fn wait_text(now: DateTime<Utc>, later: DateTime<Utc>) -> String {
    let minutes = (later - now)
        .num_seconds()
        .max(0)
        .unsigned_abs()
        .div_ceil(60);
    match minutes {
        0..60 => format!("{} min", minutes.max(1)),
        60..2880 => format!("{} h", minutes.div_ceil(60)),
        _ => format!("{} d", minutes.div_ceil(60 * 24)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 1, hour, 0, 0).unwrap()
    }

    fn three_cards() -> Vec<Card> {
        let mut g = Glossary::default();
        g.add_file(
            "a.toml".into(),
            "a = { translation = \"x\", status = 1 }\n\
             b = { translation = \"x\", status = 2 }\n\
             c = { translation = \"x\", status = 3 }\n",
        );
        cards(&g, &crate::word_status::WordStatuses::in_memory(), None)
    }

    #[test]
    fn due_cards_come_first_then_new_ones_and_later_ones_wait() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = ReviewState::load(&dir.path().join(STATE_FILE)).unwrap();
        let cards = three_cards();
        assert_eq!(queue(&cards, &state, at(8)), [0, 1, 2]);
        assert_eq!(
            counts(&cards, &state, at(8)),
            Counts {
                due: 0,
                new: 3,
                total: 3
            }
        );
        state.record("c", Grade::Again, at(8)).unwrap();
        state.record("b", Grade::Easy, at(8)).unwrap();
        // Again brings c back within minutes; Easy puts b off for days.
        assert_eq!(queue(&cards, &state, at(8)), [0]);
        assert_eq!(queue(&cards, &state, at(9)), [2, 0]);
        assert_eq!(
            counts(&cards, &state, at(9)),
            Counts {
                due: 1,
                new: 1,
                total: 3
            }
        );
        let next = next_due(&cards, &state, at(9)).unwrap();
        assert!(next > at(9) + chrono::Duration::days(1), "{next}");
    }

    #[test]
    fn waits_read_in_the_largest_sensible_unit() {
        let now = at(0);
        assert_eq!(wait_text(now, now + chrono::Duration::seconds(20)), "1 min");
        assert_eq!(
            wait_text(now, now + chrono::Duration::minutes(45)),
            "45 min"
        );
        assert_eq!(wait_text(now, now + chrono::Duration::minutes(170)), "3 h");
        assert_eq!(wait_text(now, now + chrono::Duration::days(5)), "5 d");
    }
}
