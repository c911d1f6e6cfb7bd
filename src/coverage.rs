//! How much of a text kabar explains: for every word token, the meaning the reader shows (a
//! glossary term, a dictionary phrase, the word's own entry, or its root's by word formation)
//! and the layer it came from; summed, the share of running words that get a meaning and by
//! which layer, and the words that get none — so whoever adds entries knows which to add.
//!
//! Counted as the reader counts (see [`crate::knowledge`]): running words are word tokens;
//! names, numbers and acronyms are left out. The learner's statuses play no part here, so
//! the figure is the same on every machine. Knows nothing of the terminal.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::document::Document;
use crate::knowledge::{Group, Knowledge};
use crate::layers::{Answer, Explanation, Layer, Layers, Via};
use crate::text::fold;
use crate::word_status::WordStatuses;

/// What gives a token its meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The glossary term covering it (an index into the document's primary matches).
    Term(usize),
    /// The dictionary phrase covering it (an index into the document's phrases).
    Phrase(usize),
    /// Its own explanation.
    Word(Explanation),
}

/// One word token's meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenMeaning {
    /// The token.
    pub token: usize,
    /// Whether it counts as a running word (not a name, number or acronym).
    pub counted: bool,
    /// What explains it, if anything.
    pub source: Option<Source>,
}

impl TokenMeaning {
    /// The layer credited with the meaning.
    pub fn layer(&self, doc: &Document) -> Option<Layer> {
        Some(match self.source? {
            Source::Term(_) => Layer::Glossary,
            Source::Phrase(index) => doc.phrases().get(index)?.layer,
            Source::Word(explanation) => explanation.layer(),
        })
    }

    /// The entry behind the meaning.
    pub fn answer(&self, doc: &Document) -> Option<Answer> {
        Some(match self.source? {
            Source::Term(index) => Answer::Term(doc.annotation().primary.get(index)?.entry),
            Source::Phrase(index) => {
                let phrase = doc.phrases().get(index)?;
                Answer::Entry {
                    layer: phrase.layer,
                    value: phrase.value,
                }
            }
            Source::Word(explanation) => explanation.answer,
        })
    }

    /// How the token reaches its entry: `term`, `phrase`, `word`, `enclitic` or `root`.
    pub fn via(&self) -> Option<&'static str> {
        Some(match self.source? {
            Source::Term(_) => "term",
            Source::Phrase(_) => "phrase",
            Source::Word(Explanation { via: Via::Word, .. }) => "word",
            Source::Word(Explanation {
                via: Via::Enclitic(_),
                ..
            }) => "enclitic",
            Source::Word(Explanation { via: Via::Root, .. }) => "root",
        })
    }
}

/// Every word token of `doc` with its meaning, in order. `knowledge` must be built over
/// `doc` (with no statuses, for figures that do not depend on the learner).
pub fn token_meanings(doc: &Document, knowledge: &Knowledge) -> Vec<TokenMeaning> {
    (0..doc.tokens().len())
        .filter(|&t| doc.tokens()[t].kind.is_wordlike())
        .map(|t| {
            let source = if let Some((index, _)) = doc.match_at(t) {
                Some(Source::Term(index))
            } else if let Some((index, _)) = doc.phrase_at(t) {
                Some(Source::Phrase(index))
            } else {
                doc.explanation(t).map(Source::Word)
            };
            let counted = knowledge
                .standing(t)
                .is_some_and(|standing| standing.group() != Group::Excluded);
            TokenMeaning {
                token: t,
                counted,
                source,
            }
        })
        .collect()
}

/// The knowledge of `doc` with no statuses: the counting rules alone.
pub fn neutral_knowledge(doc: &Document, layers: &Layers) -> Knowledge {
    Knowledge::new(
        doc,
        layers.glossary(),
        &WordStatuses::in_memory(),
        layers.analyser().lexicon(),
    )
}

/// Totals over one or more texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Running words counted.
    pub running: u32,
    /// Of those, the ones with a meaning.
    pub explained: u32,
    /// Explained running words by the name of the layer that explained them.
    pub by_layer: BTreeMap<String, u32>,
    /// Running words without a meaning, folded, with how often each occurs.
    #[serde(skip)]
    pub missing: FxHashMap<String, u32>,
}

impl Coverage {
    /// Adds the running words of `doc`.
    pub fn add(&mut self, doc: &Document, layers: &Layers, meanings: &[TokenMeaning]) {
        for meaning in meanings.iter().filter(|m| m.counted) {
            self.running += 1;
            match meaning.layer(doc) {
                Some(layer) => {
                    self.explained += 1;
                    *self
                        .by_layer
                        .entry(layers.layer_name(layer).into_owned())
                        .or_default() += 1;
                }
                None => {
                    *self
                        .missing
                        .entry(fold(doc.token_text(meaning.token)))
                        .or_default() += 1
                }
            }
        }
    }

    /// The share explained, 0.0 to 1.0 (1.0 for a text with no running words).
    pub fn share(&self) -> f64 {
        if self.running == 0 {
            1.0
        } else {
            f64::from(self.explained) / f64::from(self.running)
        }
    }

    /// The most frequent words without a meaning, most frequent first, then alphabetical.
    pub fn most_missing(&self, limit: usize) -> Vec<(&str, u32)> {
        let mut missing: Vec<(&str, u32)> =
            self.missing.iter().map(|(w, &n)| (w.as_str(), n)).collect();
        missing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        missing.truncate(limit);
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::glossary::Glossary;
    use std::path::{Path, PathBuf};

    #[test]
    fn every_counted_word_is_credited_to_the_layer_that_explains_it() {
        let mut g = Glossary::default();
        g.add_file(
            PathBuf::from("g.toml"),
            "\"peluru artileri\" = \"artillery shells\"\ntangkap = \"catch\"\n",
        );
        let layers = Layers::new(g, crate::morphology::Lexicon::bundled());
        let doc = Document::new(
            Article::parse(
                "Polisi menangkap Peskov dengan peluru artileri 12 kali di KPK.",
                Path::new("a.md"),
            )
            .unwrap(),
            &layers,
        );
        let knowledge = neutral_knowledge(&doc, &layers);
        let meanings = token_meanings(&doc, &knowledge);
        let mut coverage = Coverage::default();
        coverage.add(&doc, &layers, &meanings);
        let shown: Vec<(&str, bool, Option<&str>)> = meanings
            .iter()
            .map(|m| (doc.token_text(m.token), m.counted, m.via()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Polisi", true, None),
                ("menangkap", true, Some("root")),
                ("Peskov", false, None),
                ("dengan", true, None),
                ("peluru", true, Some("term")),
                ("artileri", true, Some("term")),
                ("12", false, None),
                ("kali", true, None),
                ("di", true, None),
                ("KPK", false, None),
            ]
        );
        assert_eq!(coverage.running, 7);
        assert_eq!(coverage.explained, 3);
        assert_eq!(coverage.by_layer["your glossary"], 2);
        assert_eq!(coverage.by_layer["word formation"], 1);
        assert_eq!(coverage.most_missing(2), [("dengan", 1), ("di", 1)]);
        assert!((coverage.share() - 3.0 / 7.0).abs() < 1e-9);
    }
}
