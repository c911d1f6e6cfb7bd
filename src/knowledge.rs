//! What the learner knows of one document's words: every word-like token belongs to a unit —
//! the glossary term that covers it, or its own folded spelling — and each unit has a standing
//! (unknown, unrated, a status, or not counted). Built once per document in one pass; a status
//! change updates one unit and the running totals in O(1), so no keystroke costs O(article).
//!
//! Counting rules, the same in the reader, the statistics view and `kabar vocab`:
//! - running words are the word tokens of the text (a two-word term counts twice);
//! - known means status 5 or well known; learning means 1–4 or a glossary term without a
//!   status; unknown means neither in the glossary nor given a status;
//! - a word the learner has not rated stands where its family does: the status of its root
//!   ([`crate::family`]), except that an ignored root passes nothing on;
//! - ignored words, numbers, acronyms and proper names (a word always capitalised, at least once
//!   inside a sentence, and not in the root lists) are not counted, unless the learner gave the
//!   name or acronym a status.
//!
//! Knows nothing of the terminal.

use rustc_hash::FxHashMap;

use crate::article::Article;
use crate::document::Document;
use crate::family::{self, Tally};
use crate::glossary::{EntryId, Glossary, Status};
use crate::layers::Layers;
use crate::morphology::{Lexicon, Source};
use crate::text::{fold, fold_into};
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
    /// Not rated itself, standing where its word family does: the status of its root
    /// (ditangkap is known because tangkap is). Never ignored: an ignored root passes nothing on.
    Inherited(Status),
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
            Standing::Status(status) | Standing::Inherited(status) => match status {
                Status::Level(5) | Status::WellKnown => Group::Known,
                Status::Level(_) => Group::Learning,
                Status::Ignored => Group::Excluded,
            },
            Standing::Unrated => Group::Learning,
            Standing::Unknown => Group::Unknown,
            Standing::Uncounted => Group::Excluded,
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
    /// Word families (a word whose root was not found is a family of its own).
    pub families: Families,
}

/// How many of a text's word families are known: every counted form of the family is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Families {
    /// Families whose every counted form is known.
    pub known: u32,
    /// Families with at least one counted form.
    pub counted: u32,
}

impl Families {
    /// The share of counted families that are known, in percent (rounded down; 100 when
    /// nothing counts).
    pub fn known_percent(&self) -> u32 {
        if self.counted == 0 {
            return 100;
        }
        (u64::from(self.known) * 100 / u64::from(self.counted)) as u32
    }

    fn add(&mut self, group: Group) {
        self.counted += u32::from(group != Group::Excluded);
        self.known += u32::from(group == Group::Known);
    }

    fn remove(&mut self, group: Group) {
        self.counted -= u32::from(group != Group::Excluded);
        self.known -= u32::from(group == Group::Known);
    }
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
    /// A word outside the glossary, under its key in the learner's progress
    /// ([`crate::word_status::key`]): folded, or as written when the document uses it as a
    /// name (ANTARA, Kim, Tempo).
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
    /// The learner's own status for it (its standing may come from its family instead).
    pub own: Option<Status>,
    /// For a name written with a capital (Kim, Tempo, Presiden): the status of the lower-case
    /// word it spells, which stands until the name has a status of its own. A name in
    /// capitals (ANTARA) never takes the word's.
    pub spelled: Option<Status>,
    /// Its word family in this document, if the analyser found its root.
    family: Option<u32>,
}

/// One word family of the document: its root, the root's status and its forms here.
#[derive(Clone, Debug, Default)]
struct FamilyUnits {
    root: String,
    /// The root's glossary term, whose status is the root's when there is one.
    root_entry: Option<EntryId>,
    status: Option<Status>,
    units: Vec<u32>,
    tally: Tally,
}

/// The learner's standing on every word of one document.
#[derive(Clone, Debug, Default)]
pub struct Knowledge {
    unit_of_token: Vec<u32>,
    units: Vec<Unit>,
    words: FxHashMap<String, u32>,
    entries: FxHashMap<EntryId, u32>,
    families: Vec<FamilyUnits>,
    family_of_root: FxHashMap<String, u32>,
    family_of_entry: FxHashMap<EntryId, u32>,
    /// Name units by the folded word they spell (Kim → kim), to follow that word's status.
    name_of_word: FxHashMap<String, u32>,
    totals: Totals,
}

/// How a word outside the glossary is used across a document: whether every occurrence is
/// capitalised, and its first spelling with a capital inside a sentence (Kim, Tempo).
#[derive(Clone, Debug)]
struct Capitals {
    always: bool,
    inside: Option<String>,
}

impl Capitals {
    /// The key a name is kept under, when the document uses the word as one: always
    /// capitalised and met at least once inside a sentence.
    fn name(&self) -> Option<&str> {
        self.inside.as_deref().filter(|_| self.always)
    }
}

/// A glossary term's status: the learner's, else its glossary file's starting one.
fn entry_status(glossary: &Glossary, words: &WordStatuses, entry: EntryId) -> Option<Status> {
    words.of_entry(glossary.entry(entry))
}

impl Knowledge {
    /// Classifies every token of `doc` (annotated against `glossary`) with the statuses in
    /// `glossary` and `words`; `lexicon` tells names from words. Words analysed to one root
    /// form a family, and an unrated form stands where its root does
    /// ([`Standing::Inherited`]).
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
        let capitals = capitals(doc);
        let mut folded = String::new();
        for (t, token) in tokens.iter().enumerate() {
            if let Some((_, m)) = doc.match_at(t) {
                if matches!(token.kind, TokenKind::Punct) {
                    continue;
                }
                let unit = *knowledge.entries.entry(m.entry).or_insert_with(|| {
                    knowledge.units.push(Unit {
                        key: UnitKey::Entry(m.entry),
                        standing: Standing::Unrated,
                        running: 0,
                        first: t as u32,
                        is_name: false,
                        own: entry_status(glossary, words, m.entry),
                        spelled: None,
                        family: None,
                    });
                    knowledge.units.len() as u32 - 1
                });
                knowledge.units[unit as usize].running += 1;
                knowledge.unit_of_token[t] = unit;
                if m.len() == 1 {
                    knowledge.join_family(unit, doc, t, glossary);
                }
                continue;
            }
            if !matches!(token.kind, TokenKind::Word | TokenKind::Acronym) {
                continue;
            }
            let text = doc.token_text(t);
            fold_into(text, &mut folded);
            // A name is its own unit, apart from the word it spells: in capitals (ANTARA) as
            // written; capitalised all through the document (Kim) under its first spelling
            // inside a sentence, sentence starts included.
            let name = match token.kind {
                TokenKind::Acronym => Some(crate::word_status::key(text)),
                _ => capitals
                    .get(folded.as_str())
                    .and_then(Capitals::name)
                    .map(crate::word_status::key),
            };
            let key = name.as_deref().unwrap_or(folded.as_str());
            let unit = match knowledge.words.get(key) {
                Some(&unit) => unit,
                None => {
                    let is_name = token.kind == TokenKind::Acronym
                        || (name.is_some()
                            && lexicon
                                .root_source(&folded)
                                .is_none_or(|source| source > Source::Base));
                    // Only a name with a capital follows the word it spells.
                    let spelled = (token.kind == TokenKind::Word && name.is_some())
                        .then(|| words.get(&folded));
                    knowledge.units.push(Unit {
                        key: UnitKey::Word(key.to_owned()),
                        standing: Standing::Unknown,
                        running: 0,
                        first: t as u32,
                        is_name,
                        own: words.get(key),
                        spelled: spelled.flatten(),
                        family: None,
                    });
                    let unit = knowledge.units.len() as u32 - 1;
                    knowledge.words.insert(key.to_owned(), unit);
                    if spelled.is_some() {
                        knowledge.name_of_word.insert(folded.clone(), unit);
                    }
                    unit
                }
            };
            knowledge.units[unit as usize].running += 1;
            knowledge.unit_of_token[t] = unit;
            // A name has no word family: Kediri is a city, not ke- + diri.
            if name.is_none() {
                knowledge.join_family(unit, doc, t, glossary);
            }
        }
        for family in &mut knowledge.families {
            family.status = match family.root_entry {
                Some(entry) => entry_status(glossary, words, entry),
                None => words.get(&family.root),
            };
        }
        for u in 0..knowledge.units.len() {
            let standing = knowledge.shown(&knowledge.units[u]);
            knowledge.units[u].standing = standing;
            knowledge.count(u as u32, 1);
        }
        knowledge
    }

    /// Puts `unit` (at token `t`) into the family of its root, if it has none yet and the
    /// analyser read the token.
    fn join_family(&mut self, unit: u32, doc: &Document, t: usize, glossary: &Glossary) {
        if self.units[unit as usize].family.is_some() {
            return;
        }
        let Some(analysis) = doc.analysis(t) else {
            return;
        };
        let root = fold(&analysis.root);
        let family = match self.family_of_root.get(&root) {
            Some(&family) => family,
            None => {
                let root_entry = glossary.lookup_folded(&root);
                let family = self.families.len() as u32;
                if let Some(entry) = root_entry {
                    self.family_of_entry.insert(entry, family);
                }
                self.family_of_root.insert(root.clone(), family);
                self.families.push(FamilyUnits {
                    root,
                    root_entry,
                    ..FamilyUnits::default()
                });
                family
            }
        };
        self.families[family as usize].units.push(unit);
        self.units[unit as usize].family = Some(family);
    }

    /// The standing `unit` shows: its own status, else its family's, else none.
    fn shown(&self, unit: &Unit) -> Standing {
        if let Some(status) = unit.own.or(unit.spelled) {
            return Standing::Status(status);
        }
        let family = unit
            .family
            .and_then(|f| family::inherited(self.families[f as usize].status));
        match (family, &unit.key) {
            (Some(status), _) => Standing::Inherited(status),
            (None, UnitKey::Entry(_)) => Standing::Unrated,
            (None, UnitKey::Word(_)) if unit.is_name => Standing::Uncounted,
            (None, UnitKey::Word(_)) => Standing::Unknown,
        }
    }

    /// Adds (`sign` 1) or takes out (-1) `unit`'s standing from the totals, words and families.
    fn count(&mut self, unit: u32, sign: i8) {
        let unit = &self.units[unit as usize];
        let group = unit.standing.group();
        let (running, family) = (unit.running, unit.family);
        let (before, after) = match family {
            Some(f) => {
                let tally = &mut self.families[f as usize].tally;
                let before = tally.group();
                if sign > 0 {
                    tally.add(group);
                } else {
                    tally.remove(group);
                }
                (before, tally.group())
            }
            // A word without a family is a family of its own.
            None if sign > 0 => (Group::Excluded, group),
            None => (group, Group::Excluded),
        };
        if sign > 0 {
            self.totals.add(group, running);
        } else {
            self.totals.remove(group, running);
        }
        self.totals.families.remove(before);
        self.totals.families.add(after);
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

    /// The family of the word at token `t`: its root, the root's status (the family's
    /// standing) and the family's words and terms in this document, in order of appearance.
    pub fn family_at(&self, t: usize) -> Option<(&str, Option<Status>, Vec<&Unit>)> {
        let family = &self.families[self.unit_at(t)?.family? as usize];
        let units = family
            .units
            .iter()
            .map(|&u| &self.units[u as usize])
            .collect();
        Some((family.root.as_str(), family.status, units))
    }

    /// Records a word's new status (under its key, see [`crate::word_status::key`]; `None`
    /// forgets it); a name spelling the word follows it while it has no status of its own, and
    /// when the word is a family's root, its forms stand anew.
    pub fn set_word(&mut self, folded: &str, status: Option<Status>) {
        if let Some(&unit) = self.words.get(folded) {
            self.units[unit as usize].own = status;
            self.restand(unit);
        }
        if let Some(&unit) = self.name_of_word.get(folded) {
            self.units[unit as usize].spelled = status;
            self.restand(unit);
        }
        if let Some(&family) = self.family_of_root.get(folded)
            && self.families[family as usize].root_entry.is_none()
        {
            self.set_family(family, status);
        }
    }

    /// Records a glossary term's new status; when the term is a family's root, its forms
    /// stand anew.
    pub fn set_entry(&mut self, entry: EntryId, status: Option<Status>) {
        if let Some(&unit) = self.entries.get(&entry) {
            self.units[unit as usize].own = status;
            self.restand(unit);
        }
        if let Some(&family) = self.family_of_entry.get(&entry) {
            self.set_family(family, status);
        }
    }

    fn set_family(&mut self, family: u32, status: Option<Status>) {
        self.families[family as usize].status = status;
        for i in 0..self.families[family as usize].units.len() {
            let unit = self.families[family as usize].units[i];
            self.restand(unit);
        }
    }

    fn restand(&mut self, unit: u32) {
        let standing = self.shown(&self.units[unit as usize]);
        if standing == self.units[unit as usize].standing {
            return;
        }
        self.count(unit, -1);
        self.units[unit as usize].standing = standing;
        self.count(unit, 1);
    }
}

/// How each word outside the glossary is capitalised across `doc`, by folded spelling.
fn capitals(doc: &Document) -> FxHashMap<String, Capitals> {
    let mut capitals: FxHashMap<String, Capitals> = FxHashMap::default();
    let mut folded = String::new();
    for (t, token) in doc.tokens().iter().enumerate() {
        if token.kind != TokenKind::Word || doc.match_at(t).is_some() {
            continue;
        }
        let text = doc.token_text(t);
        let capital = text.chars().next().is_some_and(char::is_uppercase);
        fold_into(text, &mut folded);
        let seen = match capitals.get_mut(folded.as_str()) {
            Some(seen) => seen,
            None => capitals.entry(folded.clone()).or_insert(Capitals {
                always: true,
                inside: None,
            }),
        };
        seen.always &= capital;
        if capital && !token.sentence_start && seen.inside.is_none() {
            seen.inside = Some(text.to_owned());
        }
    }
    capitals
}

/// The totals of a text not yet opened (a library article, a feed item): annotated with
/// `layers` and measured against the learner's statuses by the same rules as the reader.
pub fn measure(article: Article, layers: &Layers, words: &WordStatuses) -> Totals {
    let doc = Document::new(article, layers);
    Knowledge::new(&doc, layers.glossary(), words, layers.analyser().lexicon()).totals()
}

#[cfg(test)]
mod tests;
