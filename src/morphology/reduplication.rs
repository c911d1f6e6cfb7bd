//! Reduplicated and hyphenated words: negara-negara, berlari-lari, sayur-mayur, pe-pohon,
//! and hyphenated loans after a prefix (men-generate).

use super::lexicon::Source;
use super::suffix_split::suffix_splits;
use super::{Analyser, Analysis, bare, loan_prefix};

impl Analyser {
    /// Reduplication: negara-negara, berlari-lari, sebaik-baiknya, kemerah-merahan,
    /// tolong-menolong; and hyphenated loans after a prefix (men-generate).
    pub(super) fn hyphenated(&self, word: &str, found: &mut Vec<Analysis>) {
        // Affixes around a lexicalised reduplication (dibolak-balik, memorak-porandakan), and
        // the word itself when it is listed; a listing only in hunspell, which lists many plain
        // plurals (anak-anak), must not beat the reduplication analysis.
        let before = found.len();
        self.collect(word, found);
        for analysis in &mut found[before..] {
            if analysis.source == Source::Hunspell
                && (!analysis.is_affixed() || analysis.root.contains('-'))
            {
                analysis.cost += 1.0;
            }
        }
        let Some((left, right)) = word.split_once('-') else {
            return;
        };
        if right.contains('-') || left.is_empty() || right.is_empty() {
            return;
        }
        if let Some(prefix) = loan_prefix(left) {
            let mut analyses = Vec::new();
            self.collect(right, &mut analyses);
            let mut loan = analyses
                .into_iter()
                .min_by(|a, b| a.cost.total_cmp(&b.cost))
                .unwrap_or_else(|| bare(right, Source::Form, 0.0));
            loan.prefixes.insert(0, prefix);
            loan.cost += 1.0;
            found.push(loan);
            return;
        }
        let mut lefts = Vec::new();
        let mut rights = Vec::new();
        self.collect(left, &mut lefts);
        self.collect(right, &mut rights);
        self.reduplication_by_form(left, right, &lefts, found);
        for l in &lefts {
            for r in rights.iter().filter(|r| r.root == l.root) {
                // Prefixes come from the left half, suffixes and clitics from the right.
                found.push(Analysis {
                    root: l.root.clone(),
                    prefixes: if l.prefixes.is_empty() {
                        r.prefixes.clone()
                    } else {
                        l.prefixes.clone()
                    },
                    suffix: r.suffix.or(l.suffix),
                    clitics: r.clitics.clone(),
                    restored: l.restored.or(r.restored),
                    reduplicated: true,
                    compound: false,
                    source: l.source.min(r.source),
                    cost: l.cost + r.cost + 0.5,
                });
            }
        }
    }

    /// Reduplications whose root the lexicon may not know but whose shape gives it away:
    /// X-X (kabupaten-kabupaten), prefix + X - X (bertubi-tubi, menembak-nembak), and the
    /// sound-changing kind whose first half is a known root (sayur-mayur, gerak-gerik).
    fn reduplication_by_form(
        &self,
        left: &str,
        right: &str,
        lefts: &[Analysis],
        found: &mut Vec<Analysis>,
    ) {
        let best_left = lefts.iter().min_by(|a, b| a.cost.total_cmp(&b.cost));
        for split in suffix_splits(right) {
            let Some(head) = left.strip_suffix(split.stem) else {
                continue;
            };
            if !head.is_empty()
                && loan_prefix(head).is_none()
                && !matches!(head, "se" | "ke" | "pe" | "per")
            {
                continue;
            }
            let mut analysis = match best_left {
                Some(l) => l.clone(),
                None => bare(
                    split.stem,
                    self.lexicon.root_source(split.stem).unwrap_or(Source::Form),
                    0.0,
                ),
            };
            analysis.reduplicated = true;
            analysis.suffix = split.suffix.or(analysis.suffix);
            analysis.clitics = split.possessive.into_iter().chain(split.particle).collect();
            analysis.cost += 0.6 + split.suffix.map_or(0.0, |_| 1.0);
            found.push(analysis);
        }
        if let Some(source) = self.lexicon.root_source(left)
            && left != right
            && left.len() >= 3
            && right.len() >= 3
            // The sound-changing kind keeps the start (gerak-gerik) or the end (sayur-mayur).
            && (left[left.len() - 2..] == right[right.len() - 2..] || left[..3] == right[..3])
        {
            found.push(Analysis {
                reduplicated: true,
                ..bare(left, source, 1.0)
            });
        }
    }
}

/// The root of a dwipurwa form (pe-pohon, te-tikus, le-laki): consonant + e + the same
/// consonant again.
pub(super) fn partial_reduplication(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    (b.len() >= 5
        && b[1] == b'e'
        && b[0] == b[2]
        && !matches!(b[0], b'a' | b'e' | b'i' | b'o' | b'u'))
    .then(|| &stem[2..])
}
