//! What an analysis says about a word: its root, its affixes, and the learner's one-line
//! explanation of how they combine.

use serde::Serialize;

use super::affix::{self, Prefix, Suffix};
use super::lexicon::Source;
use crate::enclitic::Enclitic;

/// One way a word is built from a root.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// The root ("senjata"; "garis bawah" for a compound).
    pub root: String,
    /// Prefixes, outermost first.
    pub prefixes: Vec<Prefix>,
    /// The derivational suffix, if any.
    pub suffix: Option<Suffix>,
    /// Possessive and particle clitics, innermost first.
    pub clitics: Vec<Enclitic>,
    /// The root's first letter, when the prefix's nasal had replaced it (memukul → p).
    pub restored: Option<char>,
    /// Whether the word is a reduplication (negara-negara, berlari-lari).
    pub reduplicated: bool,
    /// Whether the root is a compound written as one word inside the affixes.
    pub compound: bool,
    /// Where the root was found.
    pub source: Source,
    /// Ranking cost: lower is more likely.
    #[serde(skip)]
    pub cost: f32,
}

impl Analysis {
    /// Whether the word carries any affix at all (as opposed to being a root itself).
    pub fn is_affixed(&self) -> bool {
        !self.prefixes.is_empty()
            || self.suffix.is_some()
            || !self.clitics.is_empty()
            || self.reduplicated
    }

    /// The parts joined for display: "per- + senjata + -an".
    pub fn parts(&self) -> String {
        let mut parts: Vec<String> = self.prefixes.iter().map(|p| p.label().to_owned()).collect();
        parts.push(if self.reduplicated {
            format!("{0}-{0}", self.root)
        } else {
            self.root.clone()
        });
        parts.extend(self.suffix.map(|s| format!("-{}", s.text())));
        parts.extend(self.clitics.iter().map(|c| format!("-{}", c.suffix())));
        parts.join(" + ")
    }

    /// What the word's affixes do together, for learners ("the whole set or matter of").
    pub fn meaning(&self) -> String {
        let mut pieces = Vec::new();
        let outer = self.prefixes.first().copied();
        match affix::combined_meaning(outer, self.suffix) {
            Some(meaning) => pieces.push(meaning.to_owned()),
            None => {
                pieces.extend(self.prefixes.iter().map(|p| p.meaning().to_owned()));
                pieces.extend(self.suffix.map(|s| s.meaning().to_owned()));
            }
        }
        if self.reduplicated {
            pieces.push("reduplicated: plural, variety or repetition".to_owned());
        }
        pieces.extend(self.clitics.iter().map(|c| c.meaning().to_owned()));
        pieces.join("; ")
    }

    /// The learner's one-line explanation: "per- + senjata + -an: the whole set or matter of
    /// (weapon) → weaponry", given the root's and the word's translations when known.
    pub fn gloss(&self, root_meaning: Option<&str>, word_meaning: Option<&str>) -> String {
        let mut line = format!("{}: {}", self.parts(), self.meaning());
        if let Some(root) = root_meaning {
            line.push_str(&format!(" ({root})"));
        }
        if let Some(word) = word_meaning {
            line.push_str(&format!(" → {word}"));
        }
        line
    }

    /// One line per affix with its meaning, for the pane and `--explain`.
    pub fn affix_meanings(&self) -> Vec<(String, &'static str)> {
        let mut lines: Vec<(String, &'static str)> = self
            .prefixes
            .iter()
            .map(|p| (p.label().to_owned(), p.meaning()))
            .collect();
        lines.extend(self.suffix.map(|s| (format!("-{}", s.text()), s.meaning())));
        lines.extend(
            self.clitics
                .iter()
                .map(|c| (format!("-{}", c.suffix()), c.meaning())),
        );
        lines
    }
}
