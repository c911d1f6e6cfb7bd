//! The one lookup path. A word or phrase gets its meaning from layers, first answer wins: the
//! learner's glossary (their own, editable terms), then the installed dictionaries in the
//! order the settings give, then kabar's base dictionary, then word formation — the word's
//! root looked up through the same layers, with what its affixes do. The reader's pane,
//! `kabar lookup`, `annotate`, `vocab`, the add form, review cards and the Anki export all ask
//! here, so they never disagree.
//!
//! Built once per glossary (the matcher and the analyser's lexicon are compiled from it) and
//! rebuilt as a whole when it changes. Dictionaries are opened indexes: building a `Layers`
//! reads none of their entries. Depends on nothing terminal-related.

mod phrases;

use std::borrow::Cow;

use rustc_hash::FxHashMap;

pub use phrases::PhraseMatch;

use crate::base_dictionary;
use crate::dictionaries::{Definition, Dictionary};
use crate::enclitic::{self, Enclitic};
use crate::glossary::{Entry, EntryId, Glossary};
use crate::matcher::Matcher;
use crate::morphology::{Analyser, Analysis, Lexicon, Source};
use crate::text::fold;

/// A layer of meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// The learner's glossary.
    Glossary,
    /// Installed dictionary number `n`, in the learner's order.
    Dictionary(u16),
    /// kabar's base dictionary.
    Base,
    /// The root's meaning with the affixes' (the root itself answered by another layer).
    WordFormation,
}

/// Which entry answered, cheap to keep per word of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Answer {
    /// A glossary entry.
    Term(EntryId),
    /// A dictionary entry: the layer (an installed dictionary or the base) and its record.
    Entry {
        /// [`Layer::Dictionary`] or [`Layer::Base`].
        layer: Layer,
        /// The value its index stores (see [`Dictionary::found`]).
        value: u32,
    },
}

impl Answer {
    /// The layer the entry is in.
    pub fn layer(self) -> Layer {
        match self {
            Answer::Term(_) => Layer::Glossary,
            Answer::Entry { layer, .. } => layer,
        }
    }
}

/// How a word reached its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// The word itself is the entry.
    Word,
    /// The word without its enclitic is (penerbangannya → penerbangan + -nya).
    Enclitic(Enclitic),
    /// The word's root is, by word formation (ditangkap → tangkap).
    Root,
}

/// A word's meaning: which entry, and how the word got there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Explanation {
    /// The entry.
    pub answer: Answer,
    /// The path from the word to it.
    pub via: Via,
}

impl Explanation {
    /// The layer credited with the meaning: word formation when the root answered.
    pub fn layer(&self) -> Layer {
        match self.via {
            Via::Root => Layer::WordFormation,
            _ => self.answer.layer(),
        }
    }
}

/// Whether a token reads as a plain word or as a name (capitalised inside a sentence, or an
/// acronym): a name only takes entries written with capitals, so ANTARA is never "between".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// An ordinary word.
    Plain,
    /// A name or acronym.
    Name,
}

/// An entry resolved for showing or exporting.
#[derive(Clone, Debug, PartialEq)]
pub struct Meaning<'a> {
    /// The layer it is from.
    pub layer: Layer,
    /// The headword as its layer writes it.
    pub headword: String,
    /// Part of speech.
    pub pos: Option<String>,
    /// Senses, most relevant first.
    pub senses: Vec<String>,
    /// The root its layer states.
    pub root: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// A dictionary's full text, when it says more than the senses.
    pub text: Option<String>,
    /// The glossary entry, when the layer is the glossary.
    pub entry: Option<&'a Entry>,
    /// Whether the key was another form of the headword (a dictionary's inflection list).
    pub via_form: bool,
}

impl Meaning<'_> {
    /// The senses joined for one line.
    pub fn sense_line(&self) -> String {
        self.senses.join("; ")
    }
}

/// An installed dictionary in the lookup path.
#[derive(Clone, Debug)]
struct Installed {
    dictionary: Dictionary,
    phrases: bool,
}

/// The dictionaries below the glossary, for [`Layers::build`].
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// Installed dictionaries in the learner's order, each with whether its multi-word
    /// entries are matched in the text.
    pub installed: Vec<(Dictionary, bool)>,
    /// kabar's base dictionary, unless the settings turn it off.
    pub base: Option<Dictionary>,
    /// Whether word formation explains what no layer has.
    pub word_formation: bool,
}

/// Every layer of meaning, with the glossary's matcher and the analyser.
#[derive(Clone, Debug, Default)]
pub struct Layers {
    glossary: Glossary,
    matcher: Matcher,
    analyser: Analyser,
    installed: Vec<Installed>,
    base: Option<Dictionary>,
    word_formation: bool,
}

impl Layers {
    /// The glossary alone (with word formation), over `lexicon`: what tests and tools that
    /// need no dictionaries use.
    pub fn new(glossary: Glossary, lexicon: Lexicon) -> Layers {
        Layers::build(
            glossary,
            lexicon,
            Dictionaries {
                word_formation: true,
                ..Dictionaries::default()
            },
        )
    }

    /// `glossary` with the bundled root list, for tests and tools that need no system files.
    pub fn with_bundled_roots(glossary: Glossary) -> Layers {
        Layers::new(glossary, Lexicon::bundled())
    }

    /// Every layer: `glossary`, then `dictionaries`. The lexicon gets the glossary's headwords
    /// and roots and the base dictionary's.
    pub fn build(glossary: Glossary, mut lexicon: Lexicon, dictionaries: Dictionaries) -> Layers {
        if let Some(base) = &dictionaries.base {
            lexicon.add_dictionary(base.lexicon().clone());
        }
        // The trie and the lexicon are independent: build them side by side.
        let matcher = std::thread::scope(|scope| {
            let matcher = scope.spawn(|| Matcher::new(&glossary));
            lexicon.add_glossary(&glossary);
            matcher
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        Layers {
            matcher,
            analyser: Analyser::new(lexicon),
            glossary,
            installed: dictionaries
                .installed
                .into_iter()
                .map(|(dictionary, phrases)| Installed {
                    dictionary,
                    phrases,
                })
                .collect(),
            base: dictionaries.base,
            word_formation: dictionaries.word_formation,
        }
    }

    /// The glossary.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The term matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The root analyser.
    pub fn analyser(&self) -> &Analyser {
        &self.analyser
    }

    /// Updates entry `id` with the fields of `draft` (its term is unchanged, so the matcher
    /// and the lexicon stay valid).
    pub fn update_entry(&mut self, id: EntryId, draft: &crate::glossary::edit::EntryDraft) {
        self.glossary.update_entry(id, draft);
    }

    /// The glossary entry for an analysis's root, if the glossary has one.
    pub fn root_entry(&self, analysis: &Analysis) -> Option<EntryId> {
        self.glossary.lookup_folded(&fold(&analysis.root))
    }

    /// The dictionary of a layer.
    pub fn dictionary(&self, layer: Layer) -> Option<&Dictionary> {
        match layer {
            Layer::Dictionary(n) => self.installed.get(usize::from(n)).map(|i| &i.dictionary),
            Layer::Base => self.base.as_ref(),
            _ => None,
        }
    }

    /// The installed dictionaries in the lookup path, in order.
    pub fn installed(&self) -> impl Iterator<Item = &Dictionary> {
        self.installed.iter().map(|i| &i.dictionary)
    }

    /// What the pane and the command line call a layer: "your glossary", an installed
    /// dictionary's name, "kabar base dictionary", "word formation".
    pub fn layer_name(&self, layer: Layer) -> Cow<'_, str> {
        match layer {
            Layer::Glossary => Cow::Borrowed("your glossary"),
            Layer::Dictionary(_) => self
                .dictionary(layer)
                .map_or(Cow::Borrowed("a dictionary"), |d| Cow::Borrowed(d.name())),
            Layer::Base => Cow::Borrowed(base_dictionary::LABEL),
            Layer::WordFormation => Cow::Borrowed("word formation"),
        }
    }

    /// The dictionaries below the glossary, in lookup order.
    fn dictionary_layers(&self) -> impl Iterator<Item = (Layer, &Dictionary)> {
        self.installed
            .iter()
            .enumerate()
            .map(|(n, i)| (Layer::Dictionary(n as u16), &i.dictionary))
            .chain(self.base.iter().map(|b| (Layer::Base, b)))
    }

    /// The first dictionary entry under `key`, in layer order. A name takes only entries
    /// whose headword is written with capitals; a plain word prefers the first entry written
    /// in lower case and takes a name's only when no layer has one (Jepang at the start of a
    /// sentence).
    fn dictionary_answer(&self, key: &str, form: Form) -> Option<Answer> {
        let answer = |layer, value| Answer::Entry { layer, value };
        match form {
            Form::Name => self.dictionary_layers().find_map(|(layer, dictionary)| {
                let value = dictionary.name_value(key).or_else(|| {
                    dictionary
                        .probe(key)
                        .value
                        .filter(|&v| Dictionary::is_name(v))
                })?;
                Some(answer(layer, value))
            }),
            Form::Plain => {
                let mut name = None;
                for (layer, dictionary) in self.dictionary_layers() {
                    match dictionary.probe(key).value {
                        Some(value) if !Dictionary::is_name(value) => {
                            return Some(answer(layer, value));
                        }
                        Some(value) => {
                            name.get_or_insert(answer(layer, value));
                        }
                        None => {}
                    }
                }
                name
            }
        }
    }

    /// Whether some layer has `key` itself, so it is not read as stem + enclitic (masalah is
    /// not masa + -lah; sebelumnya "previously" is not sebelum + -nya).
    pub fn is_whole_word(&self, key: &str) -> bool {
        self.analyser
            .lexicon()
            .root_source(key)
            .is_some_and(|source| source <= Source::Base)
            || self
                .dictionary_layers()
                .any(|(_, d)| d.probe(key).value.is_some())
    }

    /// Explains the folded word `word`: its own entry in some layer, else its entry without
    /// an enclitic, else — with word formation — its root's. `analysis` is the word's best
    /// analysis when the caller has it (it is found here otherwise).
    pub fn explain_word(
        &self,
        word: &str,
        form: Form,
        analysis: Option<&Analysis>,
    ) -> Option<Explanation> {
        if word.is_empty() {
            return None;
        }
        let explained = |answer, via| Some(Explanation { answer, via });
        if form == Form::Plain
            && let Some(id) = self.glossary.lookup_folded(word)
        {
            return explained(Answer::Term(id), Via::Word);
        }
        if let Some(answer) = self.dictionary_answer(word, form) {
            return explained(answer, Via::Word);
        }
        if form == Form::Name {
            return None;
        }
        if let Some((stem, clitic)) = enclitic::split(word)
            && !self.is_whole_word(word)
        {
            if let Some(id) = self.glossary.lookup_folded(stem) {
                return explained(Answer::Term(id), Via::Enclitic(clitic));
            }
            if let Some(answer) = self.dictionary_answer(stem, Form::Plain) {
                return explained(answer, Via::Enclitic(clitic));
            }
        }
        if !self.word_formation {
            return None;
        }
        let owned;
        let best = match analysis {
            Some(analysis) => analysis,
            None => {
                owned = self.analyser.best(word)?;
                &owned
            }
        };
        if !best.is_affixed() {
            return None;
        }
        if let Some(answer) = self.root_answer(&best.root) {
            return explained(answer, Via::Root);
        }
        None
    }

    /// The best analysis of `word` whose root some layer explains, if it is nearly as likely
    /// as the best analysis (a far-fetched reading — berusia as ber- + Rusia — is worse than
    /// none), with that answer.
    pub fn explained_analysis(&self, word: &str) -> Option<(Analysis, Answer)> {
        let analyses = self.analyser.analyse(word);
        let best_cost = analyses.first().map_or(0.0, |a| a.cost);
        analyses
            .into_iter()
            .take_while(|analysis| analysis.cost <= best_cost + 1.0)
            .filter(Analysis::is_affixed)
            .find_map(|analysis| {
                let answer = self.root_answer(&analysis.root)?;
                Some((analysis, answer))
            })
    }

    /// The entry for a root: the glossary's, else the first dictionary's.
    pub fn root_answer(&self, root: &str) -> Option<Answer> {
        let key = fold(root);
        if let Some(id) = self.glossary.lookup_folded(&key) {
            return Some(Answer::Term(id));
        }
        self.dictionary_answer(&key, Form::Plain)
    }

    /// Explains a word or phrase as typed (`kabar lookup`): a term or dictionary headword of
    /// several words, else the word as [`Layers::explain_word`] does, trying the other
    /// analyses when the best one's root has no entry.
    pub fn explain(&self, text: &str) -> Option<(Explanation, Option<Analysis>)> {
        let key = crate::matcher::term_key(text);
        if key.contains(' ') {
            if let Some(id) = self.glossary.lookup_folded(&fold(text)) {
                return Some((
                    Explanation {
                        answer: Answer::Term(id),
                        via: Via::Word,
                    },
                    None,
                ));
            }
            return self.dictionary_answer(&key, Form::Plain).map(|answer| {
                (
                    Explanation {
                        answer,
                        via: Via::Word,
                    },
                    None,
                )
            });
        }
        let analysis = self.analyser.best(&key);
        if let Some(explanation) = self.explain_word(&key, Form::Plain, analysis.as_ref()) {
            return Some((
                explanation,
                analysis.filter(|_| explanation.via == Via::Root),
            ));
        }
        if !self.word_formation {
            return None;
        }
        let (analysis, answer) = self.explained_analysis(&key)?;
        Some((
            Explanation {
                answer,
                via: Via::Root,
            },
            Some(analysis),
        ))
    }

    /// The entry behind an answer, resolved for showing.
    pub fn meaning(&self, answer: Answer) -> Option<Meaning<'_>> {
        match answer {
            Answer::Term(id) => {
                let entry = self.glossary.entry(id);
                Some(Meaning {
                    layer: Layer::Glossary,
                    headword: entry.term.clone(),
                    pos: entry.pos.clone(),
                    senses: entry.translations.clone(),
                    root: entry.root.clone(),
                    note: entry.note.clone(),
                    text: None,
                    entry: Some(entry),
                    via_form: false,
                })
            }
            Answer::Entry { layer, value } => {
                let found = self.dictionary(layer)?.found(value)?;
                let Definition {
                    headword,
                    pos,
                    senses,
                    root,
                    note,
                    text,
                } = found.definition;
                Some(Meaning {
                    layer,
                    headword,
                    pos,
                    senses,
                    root,
                    note,
                    text,
                    entry: None,
                    via_form: found.via_form,
                })
            }
        }
    }

    /// The meaning of a root for a derived word: the first sense, for one-line glosses.
    pub fn root_gloss(&self, root: &str) -> Option<String> {
        let meaning = self.meaning(self.root_answer(root)?)?;
        meaning.senses.first().cloned()
    }

    /// Matches multi-word dictionary entries in one segment (a paragraph) of folded tokens,
    /// longest first, never over a token `covered` marks (the glossary's own terms win).
    /// `offset` is added to token positions.
    pub fn match_phrases(
        &self,
        folded: &[&str],
        covered: &[bool],
        offset: u32,
        cache: &mut FxHashMap<String, u32>,
        out: &mut Vec<PhraseMatch>,
    ) {
        let layers: Vec<(Layer, &Dictionary)> = self
            .installed
            .iter()
            .enumerate()
            .filter(|(_, i)| i.phrases && i.dictionary.has_phrases())
            .map(|(n, i)| (Layer::Dictionary(n as u16), &i.dictionary))
            .chain(
                self.base
                    .iter()
                    .filter(|b| b.has_phrases())
                    .map(|b| (Layer::Base, b)),
            )
            .collect();
        phrases::match_segment(&layers, folded, covered, offset, cache, out);
    }
}

#[cfg(test)]
mod tests;
