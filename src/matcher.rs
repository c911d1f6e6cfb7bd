//! The term matcher: finds every glossary term in a token stream, longest match first.
//!
//! Terms are stored as a trie over interned word ids, built once per glossary. Matching walks the
//! trie from each token, so its cost is the number of tokens times the length of the longest
//! term that actually matches there — linear in the article for any glossary size. A term's last
//! word may carry an enclitic (`penangkapannya`), which the matcher strips to find the term.

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::enclitic::{self, Enclitic};
use crate::glossary::{EntryId, Glossary};
use crate::text::fold_into;
use crate::token::tokenize;

/// The key a term is matched and looked up by: its tokens folded (see [`crate::text::fold`])
/// and joined by single spaces, as the matcher reads text ("Korea  Utara" → "korea utara",
/// "dll." → "dll."). Dictionaries store their headwords under this key.
pub fn term_key(term: &str) -> String {
    // Plain words and spaces (most terms) need no tokenizer: a hyphen between letters is
    // part of the word, as the tokenizer reads it.
    let bytes = term.as_bytes();
    let plain = bytes.iter().enumerate().all(|(i, &b)| {
        b.is_ascii_alphabetic()
            || b == b' '
            || (b == b'-'
                && i > 0
                && bytes[i - 1].is_ascii_alphabetic()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
    });
    if plain {
        let mut key = String::with_capacity(term.len());
        fold_into(term, &mut key);
        return key;
    }
    let mut key = String::with_capacity(term.len());
    let mut word = String::new();
    for token in tokenize(term) {
        fold_into(token.text(term), &mut word);
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word);
    }
    key
}

/// Interned id of one word that occurs in some glossary term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct WordId(u32);

/// How one article token can be read by the matcher: as itself, or as a stem plus an enclitic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenKey {
    /// The token's folded text, if any term uses that word.
    pub exact: Option<WordId>,
    /// The token without its enclitic, if any term uses that stem.
    pub clitic: Option<(WordId, Enclitic)>,
}

/// One occurrence of a glossary term in the token stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TermMatch {
    /// The entry that matched.
    pub entry: EntryId,
    /// First token of the match.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
    /// The enclitic stripped from the last token, if one was.
    pub enclitic: Option<Enclitic>,
}

impl TermMatch {
    /// The matched tokens as a range.
    pub fn tokens(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Number of tokens matched.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the match covers no token (never true for a real match).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The result of matching one token stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotation {
    /// The matches a reader sees highlighted: leftmost-longest, never overlapping, in order.
    pub primary: Vec<TermMatch>,
    /// Every other match (terms nested in or overlapping a primary one), ordered by start, so
    /// shorter terms inside "surat perintah penangkapan" stay reachable.
    pub others: Vec<TermMatch>,
}

/// A compiled glossary, ready to match token streams.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    words: FxHashMap<Box<str>, WordId>,
    edges: FxHashMap<(u32, WordId), u32>,
    terminal: Vec<Option<EntryId>>,
    max_depth: usize,
}

impl Matcher {
    /// Compiles every entry of `glossary` into the trie.
    pub fn new(glossary: &Glossary) -> Matcher {
        // Sized up front: rehashing dominates building the trie for large glossaries.
        let words_estimate = glossary.len() * 2;
        let mut matcher = Matcher {
            words: FxHashMap::with_capacity_and_hasher(words_estimate, Default::default()),
            edges: FxHashMap::with_capacity_and_hasher(words_estimate, Default::default()),
            terminal: Vec::with_capacity(words_estimate + 1),
            max_depth: 0,
        };
        matcher.terminal.push(None);
        let mut buffer = String::new();
        for (index, entry) in glossary.entries().iter().enumerate() {
            let mut node = 0u32;
            let mut depth = 0;
            // Keys are folded already; plain words and spaces (most terms) need no tokenizer.
            if entry
                .key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b' ')
            {
                for word in entry.key.split(' ').filter(|w| !w.is_empty()) {
                    node = matcher.step(node, word);
                    depth += 1;
                }
            } else {
                for token in tokenize(&entry.key) {
                    fold_into(token.text(&entry.key), &mut buffer);
                    node = matcher.step(node, &buffer);
                    depth += 1;
                }
            }
            if depth > 0 && matcher.terminal[node as usize].is_none() {
                matcher.terminal[node as usize] = Some(EntryId(index as u32));
                matcher.max_depth = matcher.max_depth.max(depth);
            }
        }
        matcher
    }

    /// The trie node reached from `node` by `word`, created if new.
    fn step(&mut self, node: u32, word: &str) -> u32 {
        let word = self.intern(word);
        let next = self.terminal.len() as u32;
        let node = *self.edges.entry((node, word)).or_insert(next);
        if node == next {
            self.terminal.push(None);
        }
        node
    }

    fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = WordId(self.words.len() as u32);
        self.words.insert(word.into(), id);
        id
    }

    /// How the matcher can read a token whose folded text is `folded`.
    pub fn key(&self, folded: &str) -> TokenKey {
        let exact = self.words.get(folded).copied();
        let clitic = enclitic::split(folded)
            .and_then(|(stem, clitic)| self.words.get(stem).map(|&id| (id, clitic)));
        TokenKey { exact, clitic }
    }

    /// Matches one segment of tokens (a paragraph): terms never cross a segment.
    /// `offset` is added to token positions so segments can share one global numbering.
    pub fn annotate_segment(&self, keys: &[TokenKey], offset: u32, out: &mut Annotation) {
        let mut candidates = Vec::new();
        let mut covered_until = 0usize;
        for start in 0..keys.len() {
            candidates.clear();
            self.matches_at(keys, start, &mut candidates);
            // Longest first; at equal length the exact reading beats the stripped one.
            candidates.sort_by_key(|&(len, _, clitic): &(usize, EntryId, Option<Enclitic>)| {
                (std::cmp::Reverse(len), clitic.is_some())
            });
            for (rank, &(len, entry, enclitic)) in candidates.iter().enumerate() {
                let found = TermMatch {
                    entry,
                    start: offset + start as u32,
                    end: offset + (start + len) as u32,
                    enclitic,
                };
                if rank == 0 && start >= covered_until {
                    covered_until = start + len;
                    out.primary.push(found);
                } else {
                    out.others.push(found);
                }
            }
        }
    }

    /// Pushes `(length, entry, enclitic)` for every term that starts at `start`.
    fn matches_at(
        &self,
        keys: &[TokenKey],
        start: usize,
        found: &mut Vec<(usize, EntryId, Option<Enclitic>)>,
    ) {
        let mut node = 0u32;
        for (depth, key) in keys[start..].iter().take(self.max_depth).enumerate() {
            if let Some((stem, clitic)) = key.clitic
                && let Some(&next) = self.edges.get(&(node, stem))
                && let Some(entry) = self.terminal[next as usize]
            {
                found.push((depth + 1, entry, Some(clitic)));
            }
            let Some(word) = key.exact else { break };
            let Some(&next) = self.edges.get(&(node, word)) else {
                break;
            };
            node = next;
            if let Some(entry) = self.terminal[node as usize] {
                found.push((depth + 1, entry, None));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;
    use std::path::PathBuf;

    fn glossary(toml: &str) -> Glossary {
        let mut g = Glossary::default();
        g.add_file(PathBuf::from("t.toml"), toml);
        assert!(g.problems().is_empty(), "{:?}", g.problems());
        g
    }

    /// Matches `text` as one segment and renders each primary match as "surface=term(+clitic)".
    fn annotate(g: &Glossary, text: &str) -> (Vec<String>, Annotation) {
        let m = Matcher::new(g);
        let tokens = tokenize(text);
        let keys: Vec<_> = tokens.iter().map(|t| m.key(&fold(t.text(text)))).collect();
        let mut out = Annotation::default();
        m.annotate_segment(&keys, 0, &mut out);
        let shown = out
            .primary
            .iter()
            .map(|hit| {
                let first = tokens[hit.start as usize].start as usize;
                let last = tokens[hit.end as usize - 1].end as usize;
                let clitic = hit
                    .enclitic
                    .map(|c| format!("+{}", c.suffix()))
                    .unwrap_or_default();
                format!("{}={}{clitic}", &text[first..last], g.entry(hit.entry).term)
            })
            .collect();
        (shown, out)
    }

    const G: &str = "surat = \"letter\"\nperintah = \"order\"\n\"surat perintah\" = \"warrant\"\n\
        \"surat perintah penangkapan\" = \"arrest warrant\"\npenangkapan = \"arrest\"\n\
        \"peluru artileri\" = \"artillery shells\"\nperang = \"war\"\n\"kejahatan perang\" = \"war crime\"\n\
        \"Pengadilan Pidana Internasional\" = \"International Criminal Court\"\n\
        \"mata-mata\" = \"spy\"\n\"apa pun\" = \"whatever\"\n";

    #[test]
    fn longest_match_first_and_case_insensitive() {
        let g = glossary(G);
        let (shown, _) = annotate(&g, "Peluru Artileri dan surat perintah penangkapan.");
        assert_eq!(
            shown,
            [
                "Peluru Artileri=peluru artileri",
                "surat perintah penangkapan=surat perintah penangkapan"
            ]
        );
    }

    #[test]
    fn the_last_word_may_carry_an_enclitic() {
        let g = glossary(G);
        let (shown, _) = annotate(&g, "sejak surat perintah penangkapannya dikeluarkan");
        assert_eq!(
            shown,
            ["surat perintah penangkapannya=surat perintah penangkapan+nya"]
        );
    }

    #[test]
    fn nested_terms_stay_reachable() {
        let g = glossary(G);
        let (_, out) = annotate(&g, "surat perintah penangkapan");
        let nested: Vec<_> = out
            .others
            .iter()
            .map(|m| g.entry(m.entry).term.as_str())
            .collect();
        assert_eq!(
            nested,
            ["surat perintah", "surat", "perintah", "penangkapan"]
        );
    }

    #[test]
    fn punctuation_breaks_a_term() {
        let g = glossary(G);
        let (shown, _) = annotate(&g, "kejahatan, perang");
        assert_eq!(shown, ["perang=perang"]);
        let (shown, _) = annotate(&g, "satelit mata-mata dan apa pun");
        assert_eq!(shown, ["mata-mata=mata-mata", "apa pun=apa pun"]);
    }

    #[test]
    fn an_empty_glossary_matches_nothing() {
        let (shown, out) = annotate(&Glossary::default(), "apa saja");
        assert!(shown.is_empty() && out.others.is_empty());
    }
}
