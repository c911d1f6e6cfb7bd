//! What a review card shows, built from a glossary entry: the term inside the sentence it was
//! saved from, and on the back its translations, note and root. The Anki export builds its
//! notes from the same cards, so both agree on which sentence and which span is the term.
//!
//! Plain data; knows nothing of scheduling or the terminal.

use std::ops::Range;

use crate::enclitic;
use crate::glossary::{Entry, Glossary, Status};
use crate::layers::{Layers, Via};
use crate::morphology::Analyser;
use crate::text::fold;
use crate::token::{self, TokenKind};
use crate::word_status::WordStatuses;

/// One card: a glossary term with everything its two sides show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// The folded term ([`fold`]): the key of its review state and of its Anki guid.
    pub key: String,
    /// The term as the glossary writes it.
    pub term: String,
    /// The sentence the term was saved from, when one of its examples contains it.
    pub sentence: Option<Sentence>,
    /// Where the sentence came from ("title, source"), as the reader saved it.
    pub source: Option<String>,
    /// The sentence's English, when a translation of it is known ([`translate_sentences`]).
    pub sentence_translation: Option<String>,
    /// English translations, most relevant first.
    pub translations: Vec<String>,
    /// The learner's note.
    pub note: Option<String>,
    /// The root: the entry's own, else the analyser's for a derived single word.
    pub root: Option<String>,
    /// The entry's tags.
    pub tags: Vec<String>,
    /// The term's learning status (never changed by reviewing).
    pub status: Option<Status>,
}

impl Card {
    /// The card for `entry` with the learner's status and sentences from `progress`;
    /// `analyser` supplies a root when the entry gives none.
    pub fn from_entry(entry: &Entry, progress: &WordStatuses, analyser: Option<&Analyser>) -> Card {
        let examples = progress.examples_of_entry(entry);
        let found = examples.iter().find_map(|example| {
            let (text, source) = split_source(example);
            let term_at = find_term(text, &entry.term)?;
            Some((
                Sentence {
                    text: text.to_owned(),
                    term_at,
                },
                source,
            ))
        });
        let (sentence, source) = match found {
            Some((sentence, source)) => (Some(sentence), source.map(str::to_owned)),
            None => (None, None),
        };
        Card {
            key: entry.key.clone(),
            term: entry.term.clone(),
            sentence,
            source,
            sentence_translation: None,
            translations: entry.translations.clone(),
            note: entry.note.clone(),
            root: entry
                .root
                .clone()
                .or_else(|| analyser.and_then(|a| derived_root(a, &entry.term))),
            tags: entry.tags.clone(),
            status: progress.of_entry(entry),
        }
    }

    /// The card for `word`, a word the learner rated that has no glossary entry, with the
    /// meaning the layers give it: a dictionary's entry, or by word formation its root's (the
    /// note then says how the word is built). `None` when no layer explains it.
    pub fn from_word(word: &str, status: Status, layers: &Layers) -> Option<Card> {
        let (explanation, analysis) = layers.explain(word)?;
        let meaning = layers.meaning(explanation.answer)?;
        let layer = layers.layer_name(explanation.answer.layer()).into_owned();
        let (translations, root, note) = match explanation.via {
            Via::Root => {
                let analysis = analysis?;
                let note = analysis.gloss(meaning.senses.first().map(String::as_str), None);
                (meaning.senses.clone(), Some(analysis.root), Some(note))
            }
            _ => (
                meaning.senses.clone(),
                meaning
                    .root
                    .clone()
                    .or_else(|| derived_root(layers.analyser(), word)),
                meaning.note.clone(),
            ),
        };
        Some(Card {
            key: fold(word),
            term: word.to_owned(),
            sentence: None,
            source: None,
            sentence_translation: None,
            translations,
            note,
            root,
            tags: vec![format!("meaning:{}", layer.replace(' ', "-"))],
            status: Some(status),
        })
    }

    /// The translations joined for one line.
    pub fn translation_line(&self) -> String {
        self.translations.join("; ")
    }
}

/// Gives each card with a sentence the sentence's English, when `sentences` knows it (the
/// reader's sentence translations, and paragraphs of one sentence).
pub fn translate_sentences(
    cards: &mut [Card],
    sentences: &crate::translation::sentences::Sentences,
) {
    for card in cards {
        if let Some(sentence) = &card.sentence {
            card.sentence_translation = sentences.get(&sentence.text).map(str::to_owned);
        }
    }
}

/// The cards for the words of `words` (the learner's statuses outside the glossary) whose
/// status `wanted` accepts and that some layer explains, alphabetically. Glossary terms are
/// left out: their cards come from their entries.
pub fn word_cards(
    layers: &Layers,
    words: &WordStatuses,
    wanted: impl Fn(Status) -> bool,
) -> Vec<Card> {
    let mut rated: Vec<(&str, Status)> = words
        .iter()
        .filter(|&(word, status)| wanted(status) && layers.glossary().lookup_folded(word).is_none())
        .collect();
    rated.sort_by(|a, b| a.0.cmp(b.0));
    rated
        .into_iter()
        .filter_map(|(word, status)| Card::from_word(word, status, layers))
        .collect()
}

/// A sentence with the span of the term in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, without the source the reader appends.
    pub text: String,
    /// Byte range of the term in `text` (an enclitic after it stays outside).
    pub term_at: Range<usize>,
}

impl Sentence {
    /// The text before the term, the term as written there, and the text after it.
    pub fn parts(&self) -> (&str, &str, &str) {
        let Range { start, end } = self.term_at;
        (
            &self.text[..start],
            &self.text[start..end],
            &self.text[end..],
        )
    }
}

/// The cards for every term whose status in `progress` (else in its glossary file) is 1–4, in
/// glossary order: 5 is learned, W and I need no review, and a term without a status has not
/// been started.
pub fn cards(
    glossary: &Glossary,
    progress: &WordStatuses,
    analyser: Option<&Analyser>,
) -> Vec<Card> {
    glossary
        .entries()
        .filter(|e| is_in_review(progress.of_entry(e)))
        .map(|e| Card::from_entry(e, progress, analyser))
        .collect()
}

/// Whether a term with this status is reviewed.
pub fn is_in_review(status: Option<Status>) -> bool {
    matches!(status, Some(Status::Level(1..=4)))
}

/// Splits the reader's example format, "sentence (title, source)", into the sentence and its
/// source. A sentence that merely ends in brackets ("… (ICC).") keeps them: the source only
/// follows sentence-final punctuation.
pub fn split_source(example: &str) -> (&str, Option<&str>) {
    let example = example.trim();
    let Some(inner) = example.strip_suffix(')') else {
        return (example, None);
    };
    // The matching opening bracket of the last group.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in inner.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let Some(open) = open else {
        return (example, None);
    };
    let sentence = inner[..open].trim_end();
    let ends_sentence = sentence.ends_with(['.', '!', '?', '"', '\u{201d}', '\u{bb}', '…']);
    let source = inner[open + 1..].trim();
    if ends_sentence && inner[..open].ends_with(' ') && !source.is_empty() {
        (sentence, Some(source))
    } else {
        (example, None)
    }
}

/// Byte range of the first occurrence of `term` in `sentence`, compared word by word after
/// folding, so case, spacing and an enclitic on the last word ("penangkapannya") do not hide it.
pub fn find_term(sentence: &str, term: &str) -> Option<Range<usize>> {
    let words = |text: &str| -> Vec<(Range<usize>, String)> {
        token::tokenize(text)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| (t.start as usize..t.end as usize, fold(t.text(text))))
            .collect()
    };
    let wanted: Vec<String> = words(term).into_iter().map(|(_, w)| w).collect();
    let (last, first) = wanted.split_last()?;
    let found = words(sentence);
    found.windows(wanted.len()).find_map(|window| {
        let (tail, head) = window.split_last()?;
        if head.iter().zip(first).any(|((_, w), want)| w != want) {
            return None;
        }
        let start = window[0].0.start;
        let (range, word) = tail;
        if word == last {
            return Some(start..range.end);
        }
        // "penangkapannya" ends the term "… penangkapan": mark only the term's part.
        let (stem, _) = enclitic::split(word)?;
        let stem = stem.strip_suffix('-').unwrap_or(stem);
        (stem == last).then(|| {
            let surface = &sentence[range.clone()];
            let stem_bytes = surface
                .char_indices()
                .nth(stem.chars().count())
                .map_or(surface.len(), |(i, _)| i);
            start..range.start + stem_bytes
        })
    })
}

/// The root of a single derived word: the analyser's best reading, the one the pane and
/// `kabar stem` show, when it has affixes (kepala is a word of its own, not ke- + pala).
fn derived_root(analyser: &Analyser, term: &str) -> Option<String> {
    if term.contains(char::is_whitespace) {
        return None;
    }
    analyser
        .best(term)
        .filter(|a| a.is_affixed() && fold(&a.root) != fold(term))
        .map(|a| a.root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_split_off_only_after_a_finished_sentence() {
        assert_eq!(
            split_source("Kim dan Putin akan bertemu. (Judul, BBC Indonesia)"),
            ("Kim dan Putin akan bertemu.", Some("Judul, BBC Indonesia"))
        );
        let icc = "oleh Pengadilan Pidana Internasional (International Criminal Court/ICC).";
        assert_eq!(split_source(icc), (icc, None));
        assert_eq!(split_source("kata (kerja) itu"), ("kata (kerja) itu", None));
        assert_eq!(
            split_source("Ini (ICC) benar. (Judul (2023), BBC)"),
            ("Ini (ICC) benar.", Some("Judul (2023), BBC"))
        );
    }

    #[test]
    fn the_term_is_found_ignoring_case_and_with_an_enclitic() {
        let s = "Sejak surat perintah penangkapannya dikeluarkan, Putin diam.";
        let at = find_term(s, "Surat Perintah  Penangkapan").unwrap();
        assert_eq!(&s[at.clone()], "surat perintah penangkapan");
        assert_eq!(&s[at.end..at.end + 3], "nya");
        assert_eq!(find_term("Perang itu.", "perang"), Some(0..6));
        assert_eq!(find_term("peperangan itu", "perang"), None);
        assert_eq!(find_term("Rusia.", "Korea Utara"), None);
        assert_eq!(find_term("x", ""), None);
    }

    #[test]
    fn only_statuses_one_to_four_are_reviewed() {
        let mut g = Glossary::default();
        g.add_file(
            "a.toml".into(),
            "a = { translation = \"x\", status = 1 }\n\
             b = { translation = \"x\", status = 4 }\n\
             c = { translation = \"x\", status = 5 }\n\
             d = { translation = \"x\", status = \"W\" }\n\
             e = { translation = \"x\", status = \"I\" }\n\
             f = \"x\"\n",
        );
        assert!(g.problems().is_empty(), "{:?}", g.problems());
        let keys: Vec<String> = cards(&g, &WordStatuses::in_memory(), None)
            .into_iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(keys, ["a", "b"]);
    }

    #[test]
    fn a_card_takes_the_first_example_containing_the_term() {
        let mut g = Glossary::default();
        g.add_file(
            "a.toml".into(),
            "[dikeluarkan]\ntranslation = \"be issued\"\nstatus = 2\nexamples = [\
             \"Tidak ada di sini.\", \"Surat itu Dikeluarkan kemarin. (Berita, BBC)\"]\n",
        );
        let card = &cards(&g, &WordStatuses::in_memory(), None)[0];
        let sentence = card.sentence.as_ref().unwrap();
        assert_eq!(sentence.parts(), ("Surat itu ", "Dikeluarkan", " kemarin."));
        assert_eq!(card.source.as_deref(), Some("Berita, BBC"));
        assert_eq!(card.root, None, "no analyser, no root");
        // A headword without a `root` field is a word of its own unless an affixed reading
        // beats it, for the card as for `kabar stem` (here di- + keluar + -kan does not).
        let layers = crate::layers::Layers::with_bundled_roots(g.clone());
        let card = &cards(&g, &WordStatuses::in_memory(), Some(layers.analyser()))[0];
        assert_eq!(
            layers.analyser().root("dikeluarkan").as_deref(),
            Some("dikeluarkan")
        );
        assert_eq!(card.root, None);
    }

    /// kepala is a word of its own (`kabar stem kepala` gives kepala): its card names no root,
    /// though ke- + pala ("nutmeg") is a reading the analyser also finds.
    #[test]
    fn a_card_shows_the_root_the_pane_and_kabar_stem_give() {
        let mut g = Glossary::default();
        g.add_file(
            "a.toml".into(),
            "kepala = { translation = \"head\", status = 1 }\n\
             ditangkap = { translation = \"be arrested\", status = 1 }\n",
        );
        let layers = crate::layers::Layers::with_bundled_roots(g.clone());
        let analyser = layers.analyser();
        assert!(
            analyser.analyse("kepala").iter().any(|a| a.root == "pala"),
            "the reading that misled the card is still there"
        );
        assert_eq!(analyser.root("kepala").as_deref(), Some("kepala"));
        let roots: Vec<Option<String>> = cards(&g, &WordStatuses::in_memory(), Some(analyser))
            .into_iter()
            .map(|c| c.root)
            .collect();
        assert_eq!(roots, [None, analyser.root("ditangkap")]);
        assert_eq!(roots[1].as_deref(), Some("tangkap"));
        let word = Card::from_word("kepala", Status::Level(1), &layers);
        assert_eq!(word.and_then(|c| c.root), None);
    }
}
