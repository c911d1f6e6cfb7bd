//! Peeling particles, possessives and derivational suffixes off the end of a word.

use super::affix::Suffix;
use crate::enclitic::Enclitic;

/// A word split into its stem and the suffixes peeled off its end.
#[derive(Clone, Copy)]
pub(super) struct SuffixSplit<'a> {
    pub(super) stem: &'a str,
    pub(super) suffix: Option<Suffix>,
    pub(super) possessive: Option<Enclitic>,
    pub(super) particle: Option<Enclitic>,
}

const PARTICLES: [Enclitic; 4] = [Enclitic::Lah, Enclitic::Kah, Enclitic::Tah, Enclitic::Pun];
const POSSESSIVES: [Enclitic; 3] = [Enclitic::Nya, Enclitic::Ku, Enclitic::Mu];

fn peel<'a>(text: &'a str, ending: &str) -> Option<&'a str> {
    text.strip_suffix(ending).filter(|rest| rest.len() >= 2)
}

/// Every way to peel particle, possessive and derivational suffix off the end of `word`,
/// leaving a stem of at least two letters.
pub(super) fn suffix_splits(word: &str) -> Vec<SuffixSplit<'_>> {
    let mut splits = Vec::with_capacity(8);
    let particles = std::iter::once(None).chain(PARTICLES.iter().copied().map(Some));
    for particle in particles {
        let Some(after_particle) = (match particle {
            None => Some(word),
            Some(p) => peel(word, p.suffix()),
        }) else {
            continue;
        };
        for possessive in std::iter::once(None).chain(POSSESSIVES.iter().copied().map(Some)) {
            let Some(after_possessive) = (match possessive {
                None => Some(after_particle),
                Some(p) => peel(after_particle, p.suffix()),
            }) else {
                continue;
            };
            for suffix in std::iter::once(None).chain(Suffix::ALL.iter().copied().map(Some)) {
                let Some(stem) = (match suffix {
                    None => Some(after_possessive),
                    Some(s) => peel(after_possessive, s.text()),
                }) else {
                    continue;
                };
                splits.push(SuffixSplit {
                    stem,
                    suffix,
                    possessive,
                    particle,
                });
            }
        }
    }
    splits
}
