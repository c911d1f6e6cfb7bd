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

/// The unknown words of `documents` (each with its knowledge), one group per word family
/// (see [`crate::family`]; forms known by family are not unknown), ordered by frequency, then
/// by first appearance.
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
            // The word's family, as the reader counts it: one row per family.
            let root = knowledge
                .family_at(t)
                .map_or_else(|| word.clone(), |(root, _, _)| root.to_owned());
            let index = *group_of_root.entry(root.clone()).or_insert_with(|| {
                groups.push(WordGroup {
                    root,
                    count: 0,
                    forms: Vec::new(),
                    example: example(doc, t..t + 1),
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

/// The most tokens (words and punctuation) an example shows on each side of what it
/// illustrates: the sentence, unless the sentence is longer than that (a text without full
/// stops is one endless "sentence").
pub const EXAMPLE_CONTEXT_WORDS: usize = 12;

/// The sentence around tokens `range` as an example, cut to [`EXAMPLE_CONTEXT_WORDS`] tokens
/// on each side (with "…" where it was cut). Looks at no more tokens than that, so examples
/// cost the same in a 100-word article and in a 150,000-word paragraph.
pub fn example(doc: &Document, range: Range<usize>) -> String {
    let tokens = doc.tokens();
    if range.start >= tokens.len() {
        return String::new();
    }
    let paragraph = doc.paragraph_tokens(doc.paragraph_of(range.start));
    let limit = EXAMPLE_CONTEXT_WORDS;
    let mut start = range.start;
    while start > paragraph.start && !tokens[start].sentence_start && range.start - start < limit {
        start -= 1;
    }
    let mut end = range.end.min(paragraph.end);
    while end < paragraph.end && !tokens[end].sentence_start && end - range.end < limit {
        end += 1;
    }
    let cut_before = start > paragraph.start && !tokens[start].sentence_start;
    let cut_after = end < paragraph.end && !tokens[end].sentence_start;
    let text = doc.span_text(start..end).trim();
    match (cut_before, cut_after) {
        (false, false) => text.to_owned(),
        (true, false) => format!("…{text}"),
        (false, true) => format!("{text}…"),
        (true, true) => format!("…{text}…"),
    }
}

/// Sequences of two to four words, inside one sentence and without punctuation between them,
/// that occur at least twice in `documents` and are not glossary terms. A sequence always seen
/// inside a longer candidate is left out in favour of it. Most frequent first; longer first on
/// ties.
///
/// Linear in the text: words are interned once, each token starts at most three sequences,
/// each counted with one hash lookup on its word ids (no string per sequence); "seen inside a
/// longer one" is found from the longer side (each sequence names its at most five shorter
/// parts), never by comparing sequences pairwise.
pub fn phrase_candidates(documents: &[&Document], glossary: &Glossary) -> Vec<Phrase> {
    /// Up to four word ids; unused places are `NONE`.
    type Key = [u32; 4];
    const NONE: u32 = u32::MAX;
    struct Seen {
        key: Key,
        count: u32,
        document: u32,
        start: u32,
    }
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut spelled: Vec<String> = Vec::new();
    let mut index: FxHashMap<Key, u32> = FxHashMap::default();
    let mut seen: Vec<Seen> = Vec::new();
    let mut folded = String::new();
    for (d, doc) in documents.iter().enumerate() {
        let tokens = doc.tokens();
        // Each token's word id, and whether it may start/end (edge) or sit inside (break) one.
        let mut words: Vec<(u32, bool, bool)> = Vec::with_capacity(tokens.len());
        for t in 0..tokens.len() {
            crate::text::fold_into(doc.token_text(t), &mut folded);
            let id = match ids.get(folded.as_str()) {
                Some(&id) => id,
                None => {
                    let id = spelled.len() as u32;
                    ids.insert(folded.clone(), id);
                    spelled.push(folded.clone());
                    id
                }
            };
            let edge = EDGE_WORDS.contains(&folded.as_str());
            let breaks = BREAK_WORDS.contains(&folded.as_str());
            words.push((id, edge, breaks));
        }
        for start in 0..tokens.len() {
            if tokens[start].kind != TokenKind::Word || words[start].1 {
                continue;
            }
            let mut key: Key = [words[start].0, NONE, NONE, NONE];
            for end in start + 1..(start + 4).min(tokens.len()) {
                let token = tokens[end];
                if token.kind != TokenKind::Word
                    || !token.space_before
                    || token.sentence_start
                    || doc.paragraph_of(end) != doc.paragraph_of(start)
                    || words[end].2
                {
                    break;
                }
                key[end - start] = words[end].0;
                if words[end].1 {
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
                let at = *index.entry(key).or_insert_with(|| {
                    seen.push(Seen {
                        key,
                        count: 0,
                        document: d as u32,
                        start: start as u32,
                    });
                    seen.len() as u32 - 1
                });
                seen[at as usize].count += 1;
            }
        }
    }
    let len = |key: &Key| key.iter().take_while(|&&id| id != NONE).count();
    let text = |key: &Key| {
        key[..len(key)]
            .iter()
            .map(|&id| spelled[id as usize].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Recurring and not a glossary term (the only place a sequence is spelled out).
    let recurring: Vec<bool> = seen
        .iter()
        .map(|s| s.count >= 2 && glossary.lookup_folded(&text(&s.key)).is_none())
        .collect();
    // "artileri kaliber" is left out when "peluru artileri kaliber" occurs as often: each
    // recurring sequence marks its shorter parts (two words or more) that it equals in count.
    let mut subsumed = vec![false; seen.len()];
    for (longer, _) in seen.iter().zip(&recurring).filter(|(_, r)| **r) {
        let words = len(&longer.key);
        for part_len in 2..words {
            for from in 0..=words - part_len {
                let mut part: Key = [NONE; 4];
                part[..part_len].copy_from_slice(&longer.key[from..from + part_len]);
                if let Some(&at) = index.get(&part)
                    && seen[at as usize].count == longer.count
                {
                    subsumed[at as usize] = true;
                }
            }
        }
    }
    let mut phrases = Vec::new();
    for (at, candidate) in seen.iter().enumerate() {
        if !recurring[at] || subsumed[at] {
            continue;
        }
        let doc = documents[candidate.document as usize];
        let start = candidate.start as usize;
        let tokens = start..start + len(&candidate.key);
        // Names ("Kim Jong Un") are not counted as words to learn, nor offered as phrases.
        let all_capitals = tokens
            .clone()
            .all(|t| doc.token_text(t).starts_with(char::is_uppercase));
        if all_capitals {
            continue;
        }
        let mut text = doc.span_text(tokens.clone()).to_owned();
        // "Kedua pemimpin" at a sentence start is "kedua pemimpin".
        if doc.tokens()[start].sentence_start {
            text = crate::text::lower_first(&text);
        }
        phrases.push(Phrase {
            text,
            count: candidate.count,
            example: example(doc, tokens.clone()),
            first: Place {
                document: candidate.document as usize,
                tokens,
            },
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
    fn examples_are_the_sentence_cut_to_a_few_words_around_the_occurrence() {
        let long: Vec<String> = (0..200).map(|i| format!("kata{i}")).collect();
        let text = format!("Pendek sekali. Mulai {} selesai.", long.join(" "));
        let (docs, _, _) = docs(&[&text], "");
        let doc = &docs[0];
        assert_eq!(example(doc, 0..1), "Pendek sekali.");
        let middle = 4 + 100;
        let cut = example(doc, middle..middle + 1);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains(doc.token_text(middle)), "{cut}");
        assert!(
            cut.split_whitespace().count() <= 2 * EXAMPLE_CONTEXT_WORDS + 1,
            "{cut}"
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
