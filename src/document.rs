//! A document is an article prepared for reading: tokenized, matched against the glossary and
//! indexed so that every cursor movement the reader offers is a lookup or a binary search,
//! never a scan of the article.
//!
//! Built once per article and glossary (linear in the article's length); read-only afterwards.
//! Depends on nothing terminal-related.

use std::ops::Range;

use memchr::memmem;
use rustc_hash::FxHashMap;

use crate::article::Article;
use crate::glossary::EntryId;
use crate::layers::{Explanation, Form, Layers, PhraseMatch, Via};
use crate::matcher::{Annotation, TermMatch};
use crate::morphology::Analysis;
use crate::text::{fold, fold_into};
use crate::token::{Token, TokenKind, tokenize};

/// Marks a token that no primary match covers (or that has no analysis).
const NO_MATCH: u32 = u32::MAX;

/// Names (capitalised inside a sentence) are not analysed — Nam is not nge- + tam — and take
/// only meanings written with capitals.
fn is_name(token: &Token, paragraph: &str) -> bool {
    !token.sentence_start
        && token
            .text(paragraph)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// A word outside the glossary whose root is in it (dikeluarkan → keluar).
#[derive(Clone, Debug, PartialEq)]
pub struct Derived<'a> {
    /// How the word is built.
    pub analysis: &'a Analysis,
    /// The root's glossary entry.
    pub root_entry: EntryId,
}

/// One glossary term found in the document, for the vocabulary list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// The entry.
    pub entry: EntryId,
    /// How many times it is highlighted in the document.
    pub count: u32,
}

/// An article tokenized, annotated and indexed for navigation.
#[derive(Clone, Debug)]
pub struct Document {
    article: Article,
    tokens: Vec<Token>,
    /// `paragraph_starts[p]` is the first token of paragraph `p`; one extra item marks the end.
    paragraph_starts: Vec<u32>,
    annotation: Annotation,
    /// Per token: index of the primary match covering it, or [`NO_MATCH`].
    match_of_token: Vec<u32>,
    /// Words no term covers, in order, names, acronyms, numbers and addresses left out: the
    /// targets of "next word not in the glossary".
    uncovered_words: Vec<u32>,
    found: Vec<Found>,
    /// Position of each entry in `found`.
    found_index: FxHashMap<EntryId, u32>,
    /// Distinct analyses of the document's words (each word analysed once).
    analyses: Vec<(Analysis, Option<EntryId>)>,
    /// Per token: index into `analyses`, or [`NO_MATCH`].
    analysis_of_token: Vec<u32>,
    /// Multi-word dictionary entries found where no glossary term is, in order.
    phrases: Vec<PhraseMatch>,
    /// Per token: index of the phrase covering it, or [`NO_MATCH`].
    phrase_of_token: Vec<u32>,
    /// Distinct explanations of the document's words outside terms and phrases.
    explanations: Vec<Explanation>,
    /// Per token: index into `explanations`, or [`NO_MATCH`].
    explanation_of_token: Vec<u32>,
    search: SearchIndex,
}

impl Document {
    /// Tokenizes and annotates `article` with `layers`, whose glossary the entry ids in the
    /// result refer to. Each distinct word is analysed once.
    pub fn new(article: Article, layers: &Layers) -> Document {
        let matcher = layers.matcher();
        let mut tokens = Vec::new();
        let mut paragraph_starts = Vec::with_capacity(article.paragraphs.len() + 1);
        let mut annotation = Annotation::default();
        let mut search = SearchIndex::default();
        let mut clitics = Vec::new();
        let mut first_words = crate::matcher::FirstWords::default();
        let mut folded = String::new();
        let mut folded_tokens: Vec<String> = Vec::new();
        let mut covered: Vec<bool> = Vec::new();
        let mut analyses = Vec::new();
        let mut analysis_of_token = Vec::new();
        let mut analysis_of_word: FxHashMap<String, u32> = FxHashMap::default();
        let mut phrases = Vec::new();
        let mut phrase_cache = FxHashMap::default();
        let mut explanations = Vec::new();
        let mut explanation_of_token = Vec::new();
        let mut explanation_of_word: FxHashMap<(String, bool), u32> = FxHashMap::default();
        let mut learnable: Vec<bool> = Vec::new();
        for paragraph in &article.paragraphs {
            let offset = tokens.len() as u32;
            paragraph_starts.push(offset);
            let paragraph_tokens = tokenize(paragraph);
            clitics.clear();
            folded_tokens.clear();
            for token in &paragraph_tokens {
                fold_into(token.text(paragraph), &mut folded);
                // A word some layer has whole is not stem + enclitic (masalah is not masa +
                // -lah; sebelumnya is "previously", not sebelum + -nya): the glossary's term for
                // the stem must not hide the better entry below it.
                let clitic = crate::enclitic::split(&folded)
                    .map(|(_, clitic)| clitic)
                    .filter(|_| !layers.is_whole_word(&folded));
                clitics.push(clitic);
                search.push(&folded, token.space_before);
                let index = if token.kind == TokenKind::Word && !is_name(token, paragraph) {
                    if let Some(&known) = analysis_of_word.get(folded.as_str()) {
                        known
                    } else {
                        *analysis_of_word.entry(folded.clone()).or_insert_with(|| {
                            match layers.analyser().best(&folded) {
                                Some(analysis) => {
                                    let root_entry = layers.root_entry(&analysis);
                                    analyses.push((analysis, root_entry));
                                    analyses.len() as u32 - 1
                                }
                                None => NO_MATCH,
                            }
                        })
                    }
                } else {
                    NO_MATCH
                };
                analysis_of_token.push(index);
                learnable.push(token.kind == TokenKind::Word && !is_name(token, paragraph));
                folded_tokens.push(folded.clone());
            }
            search.end_paragraph();
            let first_primary = annotation.primary.len();
            let first_other = annotation.others.len();
            let refs: Vec<&str> = folded_tokens.iter().map(String::as_str).collect();
            matcher.annotate_segment(&refs, &clitics, offset, &mut first_words, &mut annotation);
            // A name in capitals takes only a term written with capitals: ANTARA the news
            // agency is not antara "between".
            let glossary = layers.glossary();
            let fits = |m: &TermMatch| {
                m.len() != 1
                    || paragraph_tokens[m.start as usize - offset as usize].kind
                        != TokenKind::Acronym
                    || glossary.entry(m.entry).term.chars().any(char::is_uppercase)
            };
            let primary = annotation.primary.split_off(first_primary);
            annotation.primary.extend(primary.into_iter().filter(&fits));
            let others = annotation.others.split_off(first_other);
            annotation.others.extend(others.into_iter().filter(&fits));
            covered.clear();
            covered.resize(paragraph_tokens.len(), false);
            for hit in &annotation.primary[first_primary..] {
                for t in hit.tokens() {
                    covered[t - offset as usize] = true;
                }
            }
            // Punctuation ends a dictionary phrase: an empty word never continues one.
            let words: Vec<&str> = paragraph_tokens
                .iter()
                .zip(&folded_tokens)
                .map(|(t, w)| if t.kind.is_wordlike() { w.as_str() } else { "" })
                .collect();
            let first_phrase = phrases.len();
            layers.match_phrases(&words, &covered, offset, &mut phrase_cache, &mut phrases);
            for phrase in &phrases[first_phrase..] {
                for t in phrase.tokens() {
                    covered[t - offset as usize] = true;
                }
            }
            // Every other word gets its meaning from the layers, each distinct word once.
            for (i, token) in paragraph_tokens.iter().enumerate() {
                let wordlike = matches!(
                    token.kind,
                    TokenKind::Word | TokenKind::Acronym | TokenKind::Abbreviation
                );
                if covered[i] || !wordlike {
                    explanation_of_token.push(NO_MATCH);
                    continue;
                }
                // An acronym is a name (ANTARA is not "between"); a capitalised word inside a
                // sentence takes a name's entry first, else the word's (Badan Pusat Statistik),
                // but never a root's: Kediri is a city, not ke- + diri "self".
                let acronym = token.kind == TokenKind::Acronym;
                let name = acronym || is_name(token, paragraph);
                let key = (folded_tokens[i].clone(), name);
                let index = match explanation_of_word.get(&key) {
                    Some(&index) => index,
                    None => {
                        let analysis = analyses
                            .get(analysis_of_token[offset as usize + i] as usize)
                            .map(|(analysis, _)| analysis);
                        let explained = if name {
                            layers.explain_word(&key.0, Form::Name, None).or_else(|| {
                                (!acronym)
                                    .then(|| layers.explain_word(&key.0, Form::Plain, analysis))
                                    .flatten()
                                    .filter(|explanation| explanation.via != Via::Root)
                            })
                        } else {
                            layers.explain_word(&key.0, Form::Plain, analysis)
                        };
                        let index = match explained {
                            Some(explanation) => {
                                explanations.push(explanation);
                                explanations.len() as u32 - 1
                            }
                            None => NO_MATCH,
                        };
                        explanation_of_word.insert(key, index);
                        index
                    }
                };
                explanation_of_token.push(index);
            }
            tokens.extend(paragraph_tokens);
        }
        paragraph_starts.push(tokens.len() as u32);

        let mut match_of_token = vec![NO_MATCH; tokens.len()];
        let mut found: Vec<Found> = Vec::new();
        let mut found_index: FxHashMap<EntryId, u32> = FxHashMap::default();
        for (index, hit) in annotation.primary.iter().enumerate() {
            match_of_token[hit.tokens()].fill(index as u32);
            let slot = *found_index.entry(hit.entry).or_insert_with(|| {
                found.push(Found {
                    entry: hit.entry,
                    count: 0,
                });
                found.len() as u32 - 1
            });
            found[slot as usize].count += 1;
        }
        let mut phrase_of_token = vec![NO_MATCH; tokens.len()];
        for (index, phrase) in phrases.iter().enumerate() {
            phrase_of_token[phrase.tokens()].fill(index as u32);
        }
        let uncovered_words = (0..tokens.len() as u32)
            .filter(|&i| match_of_token[i as usize] == NO_MATCH && learnable[i as usize])
            .collect();
        Document {
            article,
            tokens,
            paragraph_starts,
            annotation,
            match_of_token,
            uncovered_words,
            found,
            found_index,
            analyses,
            analysis_of_token,
            phrases,
            phrase_of_token,
            explanations,
            explanation_of_token,
            search,
        }
    }

    /// The multi-word dictionary entry covering token `t`, if one does, with its index in
    /// [`Document::phrases`].
    pub fn phrase_at(&self, t: usize) -> Option<(usize, &PhraseMatch)> {
        let index = *self.phrase_of_token.get(t)?;
        self.phrases
            .get(index as usize)
            .map(|phrase| (index as usize, phrase))
    }

    /// Every multi-word dictionary entry found, in order.
    pub fn phrases(&self) -> &[PhraseMatch] {
        &self.phrases
    }

    /// The meaning the layers give the word at token `t`, when no glossary term or
    /// dictionary phrase covers it and some layer explains it.
    pub fn explanation(&self, t: usize) -> Option<Explanation> {
        let index = *self.explanation_of_token.get(t)?;
        self.explanations.get(index as usize).copied()
    }

    /// How the word at token `t` is built, if the analyser found its root.
    pub fn analysis(&self, t: usize) -> Option<&Analysis> {
        let index = *self.analysis_of_token.get(t)?;
        self.analyses
            .get(index as usize)
            .map(|(analysis, _)| analysis)
    }

    /// Token `t` as a derived form: not covered by a glossary term, affixed, and its root has
    /// an entry.
    pub fn derived(&self, t: usize) -> Option<Derived<'_>> {
        if self.match_at(t).is_some() {
            return None;
        }
        let index = *self.analysis_of_token.get(t)?;
        let (analysis, root_entry) = self.analyses.get(index as usize)?;
        (analysis.is_affixed()).then_some(())?;
        Some(Derived {
            analysis,
            root_entry: (*root_entry)?,
        })
    }

    /// The article the document was built from.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// Replaces the article's translation (a paragraph translated or corrected meanwhile):
    /// the text and its annotation stay as they are.
    pub fn set_translation(&mut self, translation: Option<crate::translation::Translation>) {
        self.article.translation = translation;
    }

    /// All tokens of all paragraphs.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.article.paragraphs.len()
    }

    /// The tokens of paragraph `p`.
    pub fn paragraph_tokens(&self, p: usize) -> Range<usize> {
        self.paragraph_starts[p] as usize..self.paragraph_starts[p + 1] as usize
    }

    /// The paragraph that holds token `t`.
    pub fn paragraph_of(&self, t: usize) -> usize {
        self.paragraph_starts
            .partition_point(|&start| start as usize <= t)
            .saturating_sub(1)
    }

    /// The text of token `t`.
    pub fn token_text(&self, t: usize) -> &str {
        let p = self.paragraph_of(t);
        self.tokens[t].text(&self.article.paragraphs[p])
    }

    /// The text from the start of token `range.start` to the end of token `range.end - 1`
    /// (which must be in one paragraph).
    pub fn span_text(&self, range: Range<usize>) -> &str {
        if range.is_empty() {
            return "";
        }
        let p = self.paragraph_of(range.start);
        let text = &self.article.paragraphs[p];
        &text[self.tokens[range.start].start as usize..self.tokens[range.end - 1].end as usize]
    }

    /// The sentence holding token `t`, from its first word — with the quotation mark or
    /// bracket that opens it — to the token before the next sentence starts (within the
    /// paragraph).
    pub fn sentence_text(&self, t: usize) -> &str {
        let tokens = &self.tokens;
        if t >= tokens.len() {
            return "";
        }
        let range = self.paragraph_tokens(self.paragraph_of(t));
        let start = (range.start..=t)
            .rev()
            .find(|&i| tokens[i].sentence_start)
            .unwrap_or(range.start);
        let end = (t + 1..range.end)
            .find(|&i| tokens[i].sentence_start)
            .unwrap_or(range.end);
        let start = self.with_opening_marks(start, range.start);
        let end = if end < range.end {
            self.with_opening_marks(end, start + 1).max(t + 1)
        } else {
            end
        };
        self.span_text(start..end)
    }

    /// `first` moved back over the marks that open a sentence starting there ("“(" before
    /// its first word, written against it), never before `floor`.
    fn with_opening_marks(&self, first: usize, floor: usize) -> usize {
        let p = match self.tokens.get(first) {
            Some(_) => self.paragraph_of(first),
            None => return first,
        };
        let text = &self.article.paragraphs[p];
        let mut at = first;
        while at > floor {
            let token = &self.tokens[at - 1];
            let opens = matches!(
                token.text(text),
                "\"" | "“" | "‘" | "'" | "(" | "[" | "«" | "„"
            );
            if !opens || self.tokens[at].space_before {
                break;
            }
            at -= 1;
        }
        at
    }

    /// The annotation: highlighted matches and the nested ones.
    pub fn annotation(&self) -> &Annotation {
        &self.annotation
    }

    /// The highlighted match covering token `t`, with its index in [`Annotation::primary`].
    pub fn match_at(&self, t: usize) -> Option<(usize, &TermMatch)> {
        let index = *self.match_of_token.get(t)?;
        (index != NO_MATCH).then(|| (index as usize, &self.annotation.primary[index as usize]))
    }

    /// Other matches that overlap `range`: the terms nested in a highlighted one.
    pub fn matches_within(&self, range: Range<usize>) -> impl Iterator<Item = &TermMatch> {
        let others = &self.annotation.others;
        let first = others.partition_point(|m| (m.start as usize) < range.start);
        others[first..]
            .iter()
            .take_while(move |m| (m.start as usize) < range.end)
    }

    /// The first highlighted match starting after token `t`.
    pub fn next_match(&self, t: usize) -> Option<&TermMatch> {
        let primary = &self.annotation.primary;
        primary.get(primary.partition_point(|m| m.start as usize <= t))
    }

    /// The last highlighted match starting before the match (or token) at `t`.
    pub fn previous_match(&self, t: usize) -> Option<&TermMatch> {
        let from = self.match_at(t).map_or(t, |(_, m)| m.start as usize);
        let primary = &self.annotation.primary;
        let before = primary.partition_point(|m| (m.start as usize) < from);
        before.checked_sub(1).map(|i| &primary[i])
    }

    /// The next word after `t` that no glossary term covers.
    pub fn next_uncovered(&self, t: usize) -> Option<usize> {
        let words = &self.uncovered_words;
        words
            .get(words.partition_point(|&w| w as usize <= t))
            .map(|&w| w as usize)
    }

    /// The last word before `t` that no glossary term covers.
    pub fn previous_uncovered(&self, t: usize) -> Option<usize> {
        let words = &self.uncovered_words;
        let before = words.partition_point(|&w| (w as usize) < t);
        before.checked_sub(1).map(|i| words[i] as usize)
    }

    /// Each distinct term found, in order of first appearance, with its count.
    pub fn found_terms(&self) -> &[Found] {
        &self.found
    }

    /// Where `entry` is in [`Document::found_terms`].
    pub fn found_index(&self, entry: EntryId) -> Option<usize> {
        self.found_index.get(&entry).map(|&i| i as usize)
    }

    /// Finds `query` (case-insensitive, whitespace-insensitive) forward from after token `t`
    /// or backward from before it, wrapping around. Returns the tokens the hit touches.
    pub fn search(&self, query: &str, t: usize, forward: bool) -> Option<Range<usize>> {
        self.search.find(&fold(query), t, forward)
    }
}

/// The document's words, folded and joined into one string, for substring search with memchr.
#[derive(Clone, Debug, Default)]
struct SearchIndex {
    text: String,
    /// Byte offset of each token in `text`.
    offsets: Vec<u32>,
}

impl SearchIndex {
    fn push(&mut self, folded: &str, space_before: bool) {
        if space_before {
            self.text.push(' ');
        }
        self.offsets.push(self.text.len() as u32);
        self.text.push_str(folded);
    }

    fn end_paragraph(&mut self) {
        self.text.push('\n');
    }

    fn token_at(&self, offset: usize) -> usize {
        self.offsets
            .partition_point(|&o| o as usize <= offset)
            .saturating_sub(1)
    }

    fn hit(&self, at: usize, len: usize) -> Range<usize> {
        self.token_at(at)..self.token_at(at + len.max(1) - 1) + 1
    }

    fn find(&self, query: &str, t: usize, forward: bool) -> Option<Range<usize>> {
        if query.is_empty() || self.offsets.is_empty() {
            return None;
        }
        let text = self.text.as_bytes();
        let needle = query.as_bytes();
        let here = self.offsets.get(t).map_or(text.len(), |&o| o as usize);
        // Wrapping searches the whole text, so a single hit is found again from itself.
        let at = if forward {
            // From the next token, so a hit inside the current word is not found again.
            let after = self
                .offsets
                .get(t + 1)
                .map_or(text.len(), |&o| o as usize)
                .max((here + 1).min(text.len()));
            memmem::find(&text[after..], needle)
                .map(|i| i + after)
                .or_else(|| memmem::find(text, needle))
        } else {
            memmem::rfind(&text[..here], needle).or_else(|| memmem::rfind(text, needle))
        }?;
        Some(self.hit(at, needle.len()))
    }
}

#[cfg(test)]
mod tests;
