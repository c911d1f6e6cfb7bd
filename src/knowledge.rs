//! What the learner knows of one document's words: every word-like token belongs to a unit —
//! the glossary term that covers it, or its own folded spelling — and each unit has a standing
//! (unknown, unrated, a status, or not counted). Built once per document in one pass; a status
//! change updates one unit and the running totals in O(1), so no keystroke costs O(article).
//!
//! Counting rules, the same in the reader, the statistics view and `kabar vocab`:
//! - running words are the word tokens of the text (a two-word term counts twice);
//! - known means status 5 or well known; learning means 1–4 or a glossary term without a
//!   status; unknown means neither in the glossary nor given a status;
//! - ignored words, numbers, acronyms and proper names (a word always capitalised, at least once
//!   inside a sentence, and not in the root lists) are not counted, unless the learner gave the
//!   name or acronym a status.
//!
//! Knows nothing of the terminal.

use rustc_hash::FxHashMap;

use crate::article::Article;
use crate::document::Document;
use crate::glossary::{EntryId, Glossary, Status};
use crate::layers::Layers;
use crate::morphology::{Lexicon, Source};
use crate::text::fold_into;
use crate::token::TokenKind;
use crate::word_status::WordStatuses;

/// Marks a token that belongs to no unit (punctuation, numbers).
const NO_UNIT: u32 = u32::MAX;

/// Where a word stands for the learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Not in the glossary and never given a status: a word to learn.
    Unknown,
    /// A glossary term the learner has not rated yet.
    Unrated,
    /// The learner's status (from `words.toml`, else the glossary entry's starting status).
    Status(Status),
    /// A name or acronym nobody rated: not counted.
    Uncounted,
}

/// The three groups the share of known words is made of, plus what is left out of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// Status 5 or well known.
    Known,
    /// Status 1–4, or a glossary term without a status.
    Learning,
    /// Neither in the glossary nor rated.
    Unknown,
    /// Ignored words, names and acronyms: not counted.
    Excluded,
}

impl Standing {
    /// The group the standing counts in.
    pub fn group(self) -> Group {
        match self {
            Standing::Status(Status::Level(5) | Status::WellKnown) => Group::Known,
            Standing::Status(Status::Level(_)) | Standing::Unrated => Group::Learning,
            Standing::Unknown => Group::Unknown,
            Standing::Status(Status::Ignored) | Standing::Uncounted => Group::Excluded,
        }
    }
}

/// Counts for one group: running words (tokens) and distinct units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Word tokens in the text.
    pub running: u32,
    /// Distinct words and terms.
    pub distinct: u32,
}

/// Counts per group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Known words.
    pub known: Count,
    /// Words being learned.
    pub learning: Count,
    /// Unknown words.
    pub unknown: Count,
    /// Not counted: ignored words, names, acronyms.
    pub excluded: Count,
}

impl Totals {
    /// Running words that count (known + learning + unknown).
    pub fn counted(&self) -> u32 {
        self.known.running + self.learning.running + self.unknown.running
    }

    /// Distinct words and terms that count.
    pub fn counted_distinct(&self) -> u32 {
        self.known.distinct + self.learning.distinct + self.unknown.distinct
    }

    /// The share of counted running words that are known, in percent (rounded down; 100 for a
    /// text with nothing to count).
    pub fn known_percent(&self) -> u32 {
        let counted = u64::from(self.counted());
        if counted == 0 {
            return 100;
        }
        (u64::from(self.known.running) * 100 / counted) as u32
    }

    fn slot(&mut self, group: Group) -> &mut Count {
        match group {
            Group::Known => &mut self.known,
            Group::Learning => &mut self.learning,
            Group::Unknown => &mut self.unknown,
            Group::Excluded => &mut self.excluded,
        }
    }

    fn add(&mut self, group: Group, running: u32) {
        let slot = self.slot(group);
        slot.running += running;
        slot.distinct += 1;
    }

    fn remove(&mut self, group: Group, running: u32) {
        let slot = self.slot(group);
        slot.running -= running;
        slot.distinct -= 1;
    }
}

/// What a unit is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum UnitKey {
    /// A glossary term.
    Entry(EntryId),
    /// A word outside the glossary, folded.
    Word(String),
}

/// A distinct word or term of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// What it is.
    pub key: UnitKey,
    /// Its standing now.
    pub standing: Standing,
    /// Word tokens it covers in the text.
    pub running: u32,
    /// Its first token.
    pub first: u32,
    /// For words: whether it looks like a proper name (counts only when rated).
    pub is_name: bool,
}

/// The learner's standing on every word of one document.
#[derive(Clone, Debug, Default)]
pub struct Knowledge {
    unit_of_token: Vec<u32>,
    units: Vec<Unit>,
    words: FxHashMap<String, u32>,
    entries: FxHashMap<EntryId, u32>,
    totals: Totals,
}

impl Knowledge {
    /// Classifies every token of `doc` (annotated against `glossary`) with the statuses in
    /// `glossary` and `words`; `lexicon` tells names from words.
    pub fn new(
        doc: &Document,
        glossary: &Glossary,
        words: &WordStatuses,
        lexicon: &Lexicon,
    ) -> Knowledge {
        let tokens = doc.tokens();
        let mut knowledge = Knowledge {
            unit_of_token: vec![NO_UNIT; tokens.len()],
            ..Knowledge::default()
        };
        // Per folded word: (always capitalised, seen capitalised inside a sentence).
        let mut capitals: FxHashMap<String, (bool, bool)> = FxHashMap::default();
        let mut folded = String::new();
        for (t, token) in tokens.iter().enumerate() {
            if let Some((_, m)) = doc.match_at(t) {
                if matches!(token.kind, TokenKind::Punct) {
                    continue;
                }
                let unit = *knowledge.entries.entry(m.entry).or_insert_with(|| {
                    let entry = glossary.entry(m.entry);
                    let standing = words
                        .of_entry(entry)
                        .map_or(Standing::Unrated, Standing::Status);
                    knowledge.units.push(Unit {
                        key: UnitKey::Entry(m.entry),
                        standing,
                        running: 0,
                        first: t as u32,
                        is_name: false,
                    });
                    knowledge.units.len() as u32 - 1
                });
                knowledge.units[unit as usize].running += 1;
                knowledge.unit_of_token[t] = unit;
                continue;
            }
            if !matches!(token.kind, TokenKind::Word | TokenKind::Acronym) {
                continue;
            }
            let text = doc.token_text(t);
            fold_into(text, &mut folded);
            if token.kind == TokenKind::Word {
                let capital = text.chars().next().is_some_and(char::is_uppercase);
                let seen = capitals.entry(folded.clone()).or_insert((true, false));
                seen.0 &= capital;
                seen.1 |= capital && !token.sentence_start;
            }
            let unit = match knowledge.words.get(folded.as_str()) {
                Some(&unit) => unit,
                None => {
                    knowledge.units.push(Unit {
                        key: UnitKey::Word(folded.clone()),
                        standing: Standing::Unknown,
                        running: 0,
                        first: t as u32,
                        is_name: token.kind == TokenKind::Acronym,
                    });
                    let unit = knowledge.units.len() as u32 - 1;
                    knowledge.words.insert(folded.clone(), unit);
                    unit
                }
            };
            knowledge.units[unit as usize].running += 1;
            knowledge.unit_of_token[t] = unit;
        }
        for unit in &mut knowledge.units {
            let UnitKey::Word(word) = &unit.key else {
                continue;
            };
            if let Some(&(always, inside)) = capitals.get(word) {
                unit.is_name = always
                    && inside
                    && lexicon
                        .root_source(word)
                        .is_none_or(|source| source > Source::Base);
            }
            unit.standing = match words.get(word) {
                Some(status) => Standing::Status(status),
                None if unit.is_name => Standing::Uncounted,
                None => Standing::Unknown,
            };
        }
        for unit in &knowledge.units {
            knowledge.totals.add(unit.standing.group(), unit.running);
        }
        knowledge
    }

    /// The totals for the whole document.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// The unit token `t` belongs to, if any.
    pub fn unit_at(&self, t: usize) -> Option<&Unit> {
        let unit = *self.unit_of_token.get(t)?;
        self.units.get(unit as usize)
    }

    /// The standing of token `t` (`None` for punctuation and numbers).
    pub fn standing(&self, t: usize) -> Option<Standing> {
        self.unit_at(t).map(|unit| unit.standing)
    }

    /// Every distinct word and term, in order of first appearance.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Records a word's new status (folded spelling; `None` forgets it).
    pub fn set_word(&mut self, folded: &str, status: Option<Status>) {
        if let Some(&unit) = self.words.get(folded) {
            let is_name = self.units[unit as usize].is_name;
            self.restand(
                unit,
                match status {
                    Some(status) => Standing::Status(status),
                    None if is_name => Standing::Uncounted,
                    None => Standing::Unknown,
                },
            );
        }
    }

    /// Records a glossary term's new status.
    pub fn set_entry(&mut self, entry: EntryId, status: Option<Status>) {
        if let Some(&unit) = self.entries.get(&entry) {
            self.restand(unit, status.map_or(Standing::Unrated, Standing::Status));
        }
    }

    fn restand(&mut self, unit: u32, standing: Standing) {
        let unit = &mut self.units[unit as usize];
        self.totals.remove(unit.standing.group(), unit.running);
        unit.standing = standing;
        self.totals.add(standing.group(), unit.running);
    }
}

/// The totals of a text not yet opened (a library article, a feed item): annotated with
/// `layers` and measured against the learner's statuses by the same rules as the reader.
pub fn measure(article: Article, layers: &Layers, words: &WordStatuses) -> Totals {
    let doc = Document::new(article, layers);
    Knowledge::new(&doc, layers.glossary(), words, layers.analyser().lexicon()).totals()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::layers::Layers;
    use std::path::{Path, PathBuf};

    fn knowledge(text: &str, glossary: &str, words: &[(&str, Status)]) -> (Document, Knowledge) {
        let mut g = Glossary::default();
        g.add_file(PathBuf::from("g.toml"), glossary);
        let mut lexicon = Lexicon::default();
        lexicon.add_list("presiden\nbeli\nkata\n", Source::Bundled);
        let layers = Layers::new(g, lexicon);
        let doc = Document::new(Article::parse(text, Path::new("a.md")).unwrap(), &layers);
        let mut statuses = WordStatuses::in_memory();
        let changes: Vec<_> = words
            .iter()
            .map(|(w, s)| ((*w).to_owned(), Some(*s)))
            .collect();
        statuses.apply(&changes);
        let k = Knowledge::new(
            &doc,
            layers.glossary(),
            &statuses,
            layers.analyser().lexicon(),
        );
        (doc, k)
    }

    const TEXT: &str = "Putin membeli peluru artileri. Kata Presiden Putin, peluru artileri \
                        dibeli 3.000 unit dari KPK dan Rusia.";
    const GLOSSARY: &str = "\"peluru artileri\" = \"artillery shells\"\nrusia = { translation = \"Russia\", status = \"W\" }\n";

    #[test]
    fn counts_running_and_distinct_words_by_group() {
        let (_, k) = knowledge(
            TEXT,
            GLOSSARY,
            &[("dan", Status::WellKnown), ("dari", Status::Level(5))],
        );
        let t = k.totals();
        // Known: dan, dari (words.toml), Rusia (glossary W).
        assert_eq!(
            t.known,
            Count {
                running: 3,
                distinct: 3
            }
        );
        // Learning: "peluru artileri" twice, unrated: four running words, one term.
        assert_eq!(
            t.learning,
            Count {
                running: 4,
                distinct: 1
            }
        );
        // Unknown: membeli, kata, presiden, dibeli, unit.
        assert_eq!(
            t.unknown,
            Count {
                running: 5,
                distinct: 5
            }
        );
        // Not counted: Putin (a name, twice), KPK (an acronym); the number is no unit at all.
        assert_eq!(
            t.excluded,
            Count {
                running: 3,
                distinct: 2
            }
        );
        assert_eq!(t.known_percent(), 25);
    }

    #[test]
    fn a_status_change_moves_one_unit_between_groups() {
        let (doc, mut k) = knowledge(TEXT, GLOSSARY, &[]);
        let before = k.totals();
        k.set_word("membeli", Some(Status::WellKnown));
        assert_eq!(k.totals().known.running, before.known.running + 1);
        assert_eq!(k.totals().unknown.running, before.unknown.running - 1);
        k.set_word("putin", Some(Status::Level(1)));
        assert_eq!(k.standing(0), Some(Standing::Status(Status::Level(1))));
        k.set_word("putin", None);
        assert_eq!(k.standing(0), Some(Standing::Uncounted), "still a name");
        let term = doc.match_at(2).unwrap().1.entry;
        k.set_entry(term, Some(Status::Level(5)));
        assert_eq!(k.totals().known.running, before.known.running + 1 + 4);
        k.set_word("not in the text", Some(Status::WellKnown));
        assert_eq!(k.totals().counted(), before.counted());
    }

    #[test]
    fn a_capitalised_word_at_a_sentence_start_only_is_not_a_name() {
        let (doc, k) = knowledge("Kata dia. Putin datang. Dia bilang Putin.", "", &[]);
        let standing = |word: &str| {
            let t = (0..doc.tokens().len())
                .find(|&t| doc.token_text(t) == word)
                .unwrap();
            k.standing(t).unwrap()
        };
        assert_eq!(standing("Kata"), Standing::Unknown);
        assert_eq!(standing("Dia"), Standing::Unknown, "dia is lower case too");
        assert_eq!(standing("Putin"), Standing::Uncounted);
    }
}
