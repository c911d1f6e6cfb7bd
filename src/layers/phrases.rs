//! Multi-word dictionary entries found in the text ("antara lain", "rumah sakit"): matched like
//! glossary terms — longest first, an enclitic allowed on the last word — but only where no
//! glossary term already is, and earlier layers win at equal length.
//!
//! Each start position costs one search per dictionary for its first word, remembered per
//! distinct word, and the walk continues only while some entry is longer, so the work is linear
//! in the text.

use rustc_hash::FxHashMap;

use super::Layer;
use crate::dictionaries::Dictionary;
use crate::enclitic::{self, Enclitic};

/// One multi-word dictionary entry found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The dictionary it is from.
    pub layer: Layer,
    /// Its record there (see [`Dictionary::found`]).
    pub value: u32,
    /// First token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
    /// The enclitic on the last word, if one was stripped.
    pub enclitic: Option<Enclitic>,
}

impl PhraseMatch {
    /// The tokens it covers.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Longest phrase of any dictionary, in words, worth walking to.
const MAX_WORDS: usize = 8;

pub(super) fn match_segment(
    layers: &[(Layer, &Dictionary)],
    folded: &[&str],
    covered: &[bool],
    offset: u32,
    cache: &mut FxHashMap<String, u32>,
    out: &mut Vec<PhraseMatch>,
) {
    if layers.is_empty() {
        return;
    }
    let mut start = 0;
    let mut key = String::new();
    while start < folded.len() {
        if covered.get(start).copied().unwrap_or(true) || folded[start].is_empty() {
            start += 1;
            continue;
        }
        // Which layers have a phrase starting with this word, remembered per word.
        let first = folded[start];
        let continuing = match cache.get(first) {
            Some(&mask) => mask,
            None => {
                let mask = layers
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, d))| d.probe(first).continues)
                    .fold(0u32, |mask, (i, _)| mask | (1 << (i % 32)));
                cache.insert(first.to_owned(), mask);
                mask
            }
        };
        let mut best: Option<PhraseMatch> = None;
        for (i, &(layer, dictionary)) in layers.iter().enumerate() {
            if continuing & (1 << (i % 32)) == 0 {
                continue;
            }
            key.clear();
            key.push_str(first);
            let last = folded.len().min(start + MAX_WORDS);
            for (end, &word) in folded.iter().enumerate().take(last).skip(start + 1) {
                if covered.get(end).copied().unwrap_or(true) || word.is_empty() {
                    break;
                }
                let prefix_len = key.len();
                // The last word may carry an enclitic: try its stem first, so the exact
                // reading of the same length below wins.
                if let Some((stem, clitic)) = enclitic::split(word) {
                    key.push(' ');
                    key.push_str(stem);
                    if let Some(value) = dictionary.probe(&key).value {
                        offer(
                            &mut best,
                            layer,
                            value,
                            start,
                            end + 1,
                            Some(clitic),
                            offset,
                        );
                    }
                    key.truncate(prefix_len);
                }
                key.push(' ');
                key.push_str(word);
                let probe = dictionary.probe(&key);
                if let Some(value) = probe.value {
                    offer(&mut best, layer, value, start, end + 1, None, offset);
                }
                if !probe.continues {
                    break;
                }
            }
        }
        match best {
            Some(found) => {
                out.push(found);
                start = found.end as usize - offset as usize;
            }
            None => start += 1,
        }
    }
}

/// Keeps the longer match; at equal length the exact reading, then the earlier layer.
fn offer(
    best: &mut Option<PhraseMatch>,
    layer: Layer,
    value: u32,
    start: usize,
    end: usize,
    enclitic: Option<Enclitic>,
    offset: u32,
) {
    let candidate = PhraseMatch {
        layer,
        value,
        start: offset + start as u32,
        end: offset + end as u32,
        enclitic,
    };
    let better = match best {
        None => true,
        Some(current) => {
            candidate.end > current.end
                || (candidate.end == current.end
                    && current.enclitic.is_some()
                    && candidate.enclitic.is_none()
                    && candidate.layer == current.layer)
        }
    };
    if better {
        *best = Some(candidate);
    }
}
