//! The term matcher: finds every glossary term in a token stream, longest match first.
//!
//! Terms are keys of a sorted table ([`crate::index_file::SortedTable`]: in memory for a
//! glossary just parsed, read in place from the glossary's index otherwise). Matching walks
//! from each token word by word: one search tells whether the words so far are a term and
//! whether a longer term continues them, and the first word's search is remembered per
//! distinct word, so the cost is linear in the article for any glossary size and nothing is
//! built per glossary. A term's last word may carry an enclitic (`penangkapannya`), which the
//! matcher strips to find the term.

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::enclitic::Enclitic;
use crate::glossary::{EntryId, Glossary};
use crate::index_file::{Bytes, Probe, Section, SortedTable};
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

/// What one search said about a word as the first word of a term, remembered per distinct
/// word of a document so each is searched once.
pub type FirstWords = FxHashMap<String, Probe>;

/// A compiled glossary, ready to match token streams: its terms' keys in a sorted table.
#[derive(Clone, Debug)]
pub struct Matcher {
    terms: SortedTable,
}

impl Default for Matcher {
    fn default() -> Matcher {
        Matcher {
            terms: SortedTable::empty(),
        }
    }
}

impl Matcher {
    /// The matcher for `glossary`'s terms.
    pub fn new(glossary: &Glossary) -> Matcher {
        Matcher {
            terms: glossary.term_table(),
        }
    }

    /// The table of term keys ([`term_key`]) to entries that a matcher walks. Of two entries
    /// with the same key the earlier wins.
    pub fn table<'a>(entries: impl Iterator<Item = (EntryId, &'a str)>) -> SortedTable {
        let pairs = entries
            .map(|(id, key)| (term_key(key).into_bytes(), id.0))
            .filter(|(key, _)| !key.is_empty())
            .collect();
        let bytes = crate::index_file::table::build(pairs).unwrap_or_default();
        SortedTable::new(Section::whole(Bytes::Owned(bytes)))
            .unwrap_or_else(|_| SortedTable::empty())
    }

    /// Matches one segment of tokens (a paragraph): terms never cross a segment. `words` are
    /// the tokens' folded texts; `clitics[i]` is the enclitic token `i` may be read with (its
    /// text without it being the stem), when it may. `offset` is added to token positions so
    /// segments share one numbering; `first_words` remembers searches across segments.
    pub fn annotate_segment(
        &self,
        words: &[&str],
        clitics: &[Option<Enclitic>],
        offset: u32,
        first_words: &mut FirstWords,
        out: &mut Annotation,
    ) {
        if self.terms.is_empty() {
            return;
        }
        let mut candidates = Vec::new();
        let mut covered_until = 0usize;
        let mut key = String::new();
        for start in 0..words.len() {
            candidates.clear();
            self.matches_at(
                words,
                clitics,
                start,
                first_words,
                &mut key,
                &mut candidates,
            );
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
        words: &[&str],
        clitics: &[Option<Enclitic>],
        start: usize,
        first_words: &mut FirstWords,
        key: &mut String,
        found: &mut Vec<(usize, EntryId, Option<Enclitic>)>,
    ) {
        key.clear();
        for (depth, &word) in words[start..].iter().enumerate() {
            if word.is_empty() {
                break;
            }
            let prefix = key.len();
            if depth > 0 {
                key.push(' ');
            }
            // The word without its enclitic ends a term here (surat perintah penangkapan-nya).
            if let Some(clitic) = clitics.get(start + depth).copied().flatten()
                && let Some(stem) = word.strip_suffix(clitic.suffix())
                && !stem.is_empty()
            {
                key.push_str(stem);
                if let Some(entry) = self.terms.get(key.as_bytes()) {
                    found.push((depth + 1, EntryId(entry), Some(clitic)));
                }
                key.truncate(prefix + usize::from(depth > 0));
            }
            key.push_str(word);
            let probe = if depth == 0 {
                match first_words.get(word) {
                    Some(&probe) => probe,
                    None => {
                        let probe = self.terms.probe(key.as_bytes());
                        first_words.insert(word.to_owned(), probe);
                        probe
                    }
                }
            } else {
                self.terms.probe(key.as_bytes())
            };
            if let Some(entry) = probe.value {
                found.push((depth + 1, EntryId(entry), None));
            }
            if !probe.continues {
                break;
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
        let folded: Vec<String> = tokens.iter().map(|t| fold(t.text(text))).collect();
        let words: Vec<&str> = folded.iter().map(String::as_str).collect();
        let clitics: Vec<_> = words
            .iter()
            .map(|w| crate::enclitic::split(w).map(|(_, c)| c))
            .collect();
        let mut out = Annotation::default();
        m.annotate_segment(&words, &clitics, 0, &mut FirstWords::default(), &mut out);
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
