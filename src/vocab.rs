//! Finding what to learn next: the unknown words of one or more articles grouped by root and
//! ranked by frequency, and phrase candidates — word sequences that recur but are not in the
//! glossary, the way "peluru artileri" recurs in war reporting.
//!
//! Both are computed on demand (opening the list, or `kabar vocab`), in one pass over the
//! documents. Knows nothing of the terminal.

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::document::Document;
use crate::glossary::Glossary;
use crate::knowledge::{Knowledge, Standing, UnitKey};
use crate::text::fold;
use crate::token::TokenKind;

/// Where something occurs: which of the given documents, and which tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Index into the documents given.
    pub document: usize,
    /// The tokens.
    pub tokens: Range<usize>,
}

/// Unknown words sharing a root ("tangkap": penangkapan ×3, ditangkap ×1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordGroup {
    /// The root, or the word itself when no root was found.
    pub root: String,
    /// Occurrences of all forms together.
    pub count: u32,
    /// The forms seen, most frequent first, with their counts.
    pub forms: Vec<(String, u32)>,
    /// The sentence of the first occurrence.
    pub example: String,
    /// The first occurrence.
    pub first: Place,
}

/// A recurring word sequence that is not a glossary term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Phrase {
    /// The words as first written (sentence-initial capitals lowered).
    pub text: String,
    /// How often it occurs.
    pub count: u32,
    /// The sentence of the first occurrence.
    pub example: String,
    /// The first occurrence.
    pub first: Place,
}

/// The unknown words of `documents` (each with its knowledge), grouped by root and ordered by
/// frequency, then by first appearance.
pub fn unknown_words(documents: &[(&Document, &Knowledge)]) -> Vec<WordGroup> {
    let mut groups: Vec<WordGroup> = Vec::new();
    let mut group_of_root: FxHashMap<String, usize> = FxHashMap::default();
    for (d, (doc, knowledge)) in documents.iter().enumerate() {
        for t in 0..doc.tokens().len() {
            let Some(unit) = knowledge.unit_at(t) else {
                continue;
            };
            let UnitKey::Word(word) = &unit.key else {
                continue;
            };
            if unit.standing != Standing::Unknown {
                continue;
            }
            let root = doc
                .analysis(t)
                .filter(|analysis| analysis.is_affixed())
                .map_or_else(|| word.clone(), |analysis| fold(&analysis.root));
            let index = *group_of_root.entry(root.clone()).or_insert_with(|| {
                groups.push(WordGroup {
                    root,
                    count: 0,
                    forms: Vec::new(),
                    example: doc.sentence_text(t).to_owned(),
                    first: Place {
                        document: d,
                        tokens: t..t + 1,
                    },
                });
                groups.len() - 1
            });
            let group = &mut groups[index];
            group.count += 1;
            match group.forms.iter_mut().find(|(form, _)| form == word) {
                Some((_, count)) => *count += 1,
                None => group.forms.push((word.clone(), 1)),
            }
        }
    }
    for group in &mut groups {
        group.forms.sort_by_key(|form| std::cmp::Reverse(form.1));
    }
    // Stable: equal counts keep the order of first appearance.
    groups.sort_by_key(|group| std::cmp::Reverse(group.count));
    groups
}

/// Words that rarely start or end a useful phrase: a sequence beginning or ending with one is
/// not offered ("dan Rusia", "akan bertemu").
const EDGE_WORDS: &[&str] = &[
    "ada", "adalah", "agar", "akan", "atas", "atau", "bagi", "bahwa", "belum", "bisa", "dalam",
    "dan", "dari", "dengan", "di", "dia", "ia", "ini", "itu", "juga", "kami", "karena", "ke",
    "kepada", "kita", "masih", "mereka", "namun", "oleh", "pada", "para", "saat", "sangat",
    "sebagai", "sejak", "serta", "setelah", "sudah", "telah", "tetapi", "tidak", "untuk", "yang",
];

/// Words that join two things rather than form a term with them: never inside a phrase.
const BREAK_WORDS: &[&str] = &["dan", "atau", "serta", "tetapi", "namun", "yang"];

/// Sequences of two to four words, inside one sentence and without punctuation between them,
/// that occur at least twice in `documents` and are not glossary terms. A sequence always seen
/// inside a longer candidate is left out in favour of it. Most frequent first; longer first on
/// ties.
pub fn phrase_candidates(documents: &[&Document], glossary: &Glossary) -> Vec<Phrase> {
    struct Seen {
        count: u32,
        first: Place,
    }
    let mut seen: FxHashMap<String, Seen> = FxHashMap::default();
    let mut order: Vec<String> = Vec::new();
    for (d, doc) in documents.iter().enumerate() {
        let tokens = doc.tokens();
        let folded: Vec<String> = (0..tokens.len()).map(|t| fold(doc.token_text(t))).collect();
        for start in 0..tokens.len() {
            if tokens[start].kind != TokenKind::Word || EDGE_WORDS.contains(&folded[start].as_str())
            {
                continue;
            }
            let mut key = folded[start].clone();
            for end in start + 1..(start + 4).min(tokens.len()) {
                let token = tokens[end];
                if token.kind != TokenKind::Word
                    || !token.space_before
                    || token.sentence_start
                    || doc.paragraph_of(end) != doc.paragraph_of(start)
                    || BREAK_WORDS.contains(&folded[end].as_str())
                {
                    break;
                }
                key.push(' ');
                key.push_str(&folded[end]);
                if EDGE_WORDS.contains(&folded[end].as_str()) {
                    continue;
                }
                // Already one highlighted term: nothing new to add. Cutting through a term
                // ("memberikan waktu" | "waktu pasti") would break it: not offered either.
                if doc
                    .match_at(start)
                    .is_some_and(|(_, m)| m.tokens().contains(&end))
                    || (start..=end).any(|t| {
                        doc.match_at(t).is_some_and(|(_, m)| {
                            (m.start as usize) < start || m.end as usize > end + 1
                        })
                    })
                {
                    continue;
                }
                let entry = seen.entry(key.clone()).or_insert_with(|| {
                    order.push(key.clone());
                    Seen {
                        count: 0,
                        first: Place {
                            document: d,
                            tokens: start..end + 1,
                        },
                    }
                });
                entry.count += 1;
            }
        }
    }
    let recurring: Vec<&String> = order
        .iter()
        .filter(|key| seen[*key].count >= 2 && glossary.lookup_folded(key).is_none())
        .collect();
    let mut phrases = Vec::new();
    for key in &recurring {
        let count = seen[*key].count;
        // "artileri kaliber" is left out when "peluru artileri kaliber" occurs as often.
        let subsumed = recurring.iter().any(|longer| {
            longer.len() > key.len()
                && seen[*longer].count == count
                && format!(" {longer} ").contains(&format!(" {key} "))
        });
        // Names ("Kim Jong Un") are not counted as words to learn, nor offered as phrases.
        let first = &seen[*key].first;
        let doc = documents[first.document];
        let all_capitals = first
            .tokens
            .clone()
            .all(|t| doc.token_text(t).starts_with(char::is_uppercase));
        if subsumed || all_capitals {
            continue;
        }
        let first = seen[*key].first.clone();
        let doc = documents[first.document];
        let mut text = doc.span_text(first.tokens.clone()).to_owned();
        // "Kedua pemimpin" at a sentence start is "kedua pemimpin".
        if doc.tokens()[first.tokens.start].sentence_start {
            text = crate::text::lower_first(&text);
        }
        phrases.push(Phrase {
            text,
            count,
            example: doc.sentence_text(first.tokens.start).to_owned(),
            first,
        });
    }
    phrases.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.first.tokens.len().cmp(&a.first.tokens.len()))
    });
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::layers::Layers;
    use crate::morphology::Lexicon;
    use crate::word_status::WordStatuses;
    use std::path::{Path, PathBuf};

    fn docs(texts: &[&str], glossary: &str) -> (Vec<Document>, Vec<Knowledge>, Glossary) {
        let mut g = Glossary::default();
        g.add_file(PathBuf::from("g.toml"), glossary);
        let layers = Layers::new(g.clone(), Lexicon::bundled());
        let mut words = WordStatuses::in_memory();
        words.apply(&[("dan".into(), Some(crate::glossary::Status::WellKnown))]);
        let docs: Vec<Document> = texts
            .iter()
            .map(|text| Document::new(Article::parse(text, Path::new("a.md")).unwrap(), &layers))
            .collect();
        let knowledge = docs
            .iter()
            .map(|doc| Knowledge::new(doc, &g, &words, layers.analyser().lexicon()))
            .collect();
        (docs, knowledge, g)
    }

    #[test]
    fn unknown_words_are_grouped_by_root_and_ranked_by_frequency() {
        let (docs, knowledge, _) = docs(
            &[
                "Polisi menangkap pencuri. Penangkapan itu cepat dan polisi senang.",
                "Pencuri ditangkap lagi, kata Putin.",
            ],
            "itu = \"that\"\n",
        );
        let pairs: Vec<_> = docs.iter().zip(&knowledge).collect();
        let groups = unknown_words(&pairs);
        let summary: Vec<(&str, u32)> = groups.iter().map(|g| (g.root.as_str(), g.count)).collect();
        assert_eq!(
            &summary[..3],
            [("tangkap", 3), ("polisi", 2), ("curi", 2)],
            "{summary:?}"
        );
        let tangkap = &groups[0];
        assert_eq!(tangkap.forms[0], ("menangkap".to_owned(), 1));
        assert_eq!(tangkap.forms.len(), 3);
        assert_eq!(tangkap.example, "Polisi menangkap pencuri.");
        assert_eq!(
            tangkap.first,
            Place {
                document: 0,
                tokens: 1..2
            }
        );
        assert!(
            !summary
                .iter()
                .any(|(root, _)| *root == "putin" || *root == "dan" || *root == "itu"),
            "names, known words and glossary terms are not listed: {summary:?}"
        );
    }

    #[test]
    fn recurring_sequences_not_in_the_glossary_are_phrase_candidates() {
        let (docs, _, g) = docs(
            &[
                "Rusia butuh peluru artileri kaliber besar. Juru bicara Kremlin diam.",
                "Peluru artileri kaliber besar dikirim. Juru bicara Kremlin bicara, dan juru bicara itu pergi.",
            ],
            "\"juru bicara\" = \"spokesperson\"\n",
        );
        let refs: Vec<&Document> = docs.iter().collect();
        let phrases = phrase_candidates(&refs, &g);
        let texts: Vec<(&str, u32)> = phrases.iter().map(|p| (p.text.as_str(), p.count)).collect();
        assert_eq!(
            texts,
            [
                ("peluru artileri kaliber besar", 2),
                ("juru bicara Kremlin", 2)
            ],
            "shorter parts seen as often are left out; glossary terms and 'dan …' are not offered"
        );
        assert_eq!(
            phrases[0].first,
            Place {
                document: 0,
                tokens: 2..6
            }
        );
        assert_eq!(
            phrases[0].example,
            "Rusia butuh peluru artileri kaliber besar."
        );
    }
}
