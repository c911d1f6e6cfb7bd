//! Indonesian word formation: finds the root of a word and how it is built
//! (persenjataan = per- + senjata + -an).
//!
//! Unlike stemmers that strip affixes in a fixed order and take the first dictionary hit
//! (Nazief–Adriani, Sastrawi), the analyser enumerates every segmentation the affix rules allow
//! — particles, possessives, suffixes, stacked prefixes with nasal assimilation undone,
//! reduplication and compounds — checks each candidate root against the lexicon, rejects affix
//! pairs Indonesian does not form, and ranks the rest by a cost: fewer and more regular affixes,
//! better-attested roots. That is what keeps memasuki from becoming pasuk and kerusakan rusa.
//!
//! Depends on nothing terminal-related.

pub mod affix;
pub mod lexicon;

use serde::Serialize;

pub use affix::{Prefix, Suffix};
pub use lexicon::{Lexicon, Source};

use crate::enclitic::Enclitic;

/// Longest word the analyser looks at; longer input has no analysis.
const MAX_WORD_BYTES: usize = 48;

/// One way a word is built from a root.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// The root ("senjata"; "garis bawah" for a compound).
    pub root: String,
    /// Prefixes, outermost first.
    pub prefixes: Vec<Prefix>,
    /// The derivational suffix, if any.
    pub suffix: Option<Suffix>,
    /// Possessive and particle clitics, innermost first.
    pub clitics: Vec<Enclitic>,
    /// The root's first letter, when the prefix's nasal had replaced it (memukul → p).
    pub restored: Option<char>,
    /// Whether the word is a reduplication (negara-negara, berlari-lari).
    pub reduplicated: bool,
    /// Whether the root is a compound written as one word inside the affixes.
    pub compound: bool,
    /// Where the root was found.
    pub source: Source,
    /// Ranking cost: lower is more likely.
    #[serde(skip)]
    pub cost: f32,
}

impl Analysis {
    /// Whether the word carries any affix at all (as opposed to being a root itself).
    pub fn is_affixed(&self) -> bool {
        !self.prefixes.is_empty()
            || self.suffix.is_some()
            || !self.clitics.is_empty()
            || self.reduplicated
    }

    /// The parts joined for display: "per- + senjata + -an".
    pub fn parts(&self) -> String {
        let mut parts: Vec<String> = self.prefixes.iter().map(|p| p.label().to_owned()).collect();
        parts.push(if self.reduplicated {
            format!("{0}-{0}", self.root)
        } else {
            self.root.clone()
        });
        parts.extend(self.suffix.map(|s| format!("-{}", s.text())));
        parts.extend(self.clitics.iter().map(|c| format!("-{}", c.suffix())));
        parts.join(" + ")
    }

    /// What the word's affixes do together, for learners ("the whole set or matter of").
    pub fn meaning(&self) -> String {
        let mut pieces = Vec::new();
        let outer = self.prefixes.first().copied();
        match affix::combined_meaning(outer, self.suffix) {
            Some(meaning) => pieces.push(meaning.to_owned()),
            None => {
                pieces.extend(self.prefixes.iter().map(|p| p.meaning().to_owned()));
                pieces.extend(self.suffix.map(|s| s.meaning().to_owned()));
            }
        }
        if self.reduplicated {
            pieces.push("reduplicated: plural, variety or repetition".to_owned());
        }
        pieces.extend(self.clitics.iter().map(|c| c.meaning().to_owned()));
        pieces.join("; ")
    }

    /// The learner's one-line explanation: "per- + senjata + -an: the whole set or matter of
    /// (weapon) → weaponry", given the root's and the word's translations when known.
    pub fn gloss(&self, root_meaning: Option<&str>, word_meaning: Option<&str>) -> String {
        let mut line = format!("{}: {}", self.parts(), self.meaning());
        if let Some(root) = root_meaning {
            line.push_str(&format!(" ({root})"));
        }
        if let Some(word) = word_meaning {
            line.push_str(&format!(" → {word}"));
        }
        line
    }

    /// One line per affix with its meaning, for the pane and `--explain`.
    pub fn affix_meanings(&self) -> Vec<(String, &'static str)> {
        let mut lines: Vec<(String, &'static str)> = self
            .prefixes
            .iter()
            .map(|p| (p.label().to_owned(), p.meaning()))
            .collect();
        lines.extend(self.suffix.map(|s| (format!("-{}", s.text()), s.meaning())));
        lines.extend(
            self.clitics
                .iter()
                .map(|c| (format!("-{}", c.suffix()), c.meaning())),
        );
        lines
    }
}

/// Finds roots with a lexicon.
#[derive(Clone, Debug, Default)]
pub struct Analyser {
    lexicon: Lexicon,
}

/// The affixes found so far while searching, kept `Copy` so the search allocates only for
/// the analyses it accepts.
#[derive(Clone, Copy, Debug, Default)]
struct Parts {
    /// Prefixes, outermost first; `depth` of them are set.
    prefixes: [Option<Prefix>; 3],
    depth: u8,
    suffix: Option<Suffix>,
    possessive: Option<Enclitic>,
    particle: Option<Enclitic>,
    restored: Option<char>,
    reduplicated: bool,
    cost: f32,
}

impl Parts {
    fn push(&mut self, prefix: Prefix) {
        self.prefixes[self.depth as usize] = Some(prefix);
        self.depth += 1;
    }

    fn outermost(&self) -> Option<Prefix> {
        self.prefixes[0]
    }

    fn innermost(&self) -> Option<Prefix> {
        self.depth
            .checked_sub(1)
            .and_then(|i| self.prefixes[i as usize])
    }

    fn is_affixed(&self) -> bool {
        self.depth > 0
            || self.suffix.is_some()
            || self.possessive.is_some()
            || self.particle.is_some()
            || self.reduplicated
    }

    fn analysis(&self, root: &str, source: Source, compound: bool, cost: f32) -> Analysis {
        Analysis {
            root: root.to_owned(),
            prefixes: self.prefixes.iter().flatten().copied().collect(),
            suffix: self.suffix,
            clitics: self.possessive.into_iter().chain(self.particle).collect(),
            restored: self.restored,
            reduplicated: self.reduplicated,
            compound,
            source,
            cost,
        }
    }
}

/// Where the search puts the analyses it accepts: all of them, or only the cheapest, which
/// spares `best` building an `Analysis` for every candidate.
trait Sink {
    fn offer(&mut self, parts: &Parts, root: &str, source: Source, compound: bool, cost: f32);
}

impl Sink for Vec<Analysis> {
    fn offer(&mut self, parts: &Parts, root: &str, source: Source, compound: bool, cost: f32) {
        self.push(parts.analysis(root, source, compound, cost));
    }
}

/// Keeps the cheapest offer; the root goes into a reused buffer.
#[derive(Default)]
struct Cheapest {
    best: Option<(Parts, Source, bool, f32)>,
    root: String,
}

impl Sink for Cheapest {
    fn offer(&mut self, parts: &Parts, root: &str, source: Source, compound: bool, cost: f32) {
        if self.best.is_none_or(|(_, _, _, best)| cost < best) {
            self.best = Some((*parts, source, compound, cost));
            self.root.clear();
            self.root.push_str(root);
        }
    }
}

impl Cheapest {
    fn into_analysis(self) -> Option<Analysis> {
        let (parts, source, compound, cost) = self.best?;
        Some(parts.analysis(&self.root, source, compound, cost))
    }
}

/// A word split into its stem and the suffixes peeled off its end.
#[derive(Clone, Copy)]
struct SuffixSplit<'a> {
    stem: &'a str,
    suffix: Option<Suffix>,
    possessive: Option<Enclitic>,
    particle: Option<Enclitic>,
}

const PARTICLES: [Enclitic; 4] = [Enclitic::Lah, Enclitic::Kah, Enclitic::Tah, Enclitic::Pun];
const POSSESSIVES: [Enclitic; 3] = [Enclitic::Nya, Enclitic::Ku, Enclitic::Mu];

impl Analyser {
    /// An analyser over `lexicon`.
    pub fn new(lexicon: Lexicon) -> Analyser {
        Analyser { lexicon }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every analysis of `word` whose root is in the lexicon, best first. Empty when there is
    /// none (names, numbers, foreign words, nonsense).
    pub fn analyse(&self, word: &str) -> Vec<Analysis> {
        let Some(word) = normalise(word) else {
            return Vec::new();
        };
        let mut found = self.candidates(&word);
        found.sort_by(|a, b| a.cost.total_cmp(&b.cost));
        let mut seen = std::collections::HashSet::new();
        found.retain(|a| {
            seen.insert((
                a.root.clone(),
                a.prefixes.clone(),
                a.suffix,
                a.clitics.clone(),
            ))
        });
        found
    }

    /// The best analysis, if any: [`Analyser::analyse`]'s first, found without ranking the rest.
    pub fn best(&self, word: &str) -> Option<Analysis> {
        let word = normalise(word)?;
        // A root from a trusted list cannot be beaten (every affix costs more), unless the
        // glossary states another root for it.
        if let Some(source) = self.lexicon.root_source(&word)
            && source_cost(source) == 0.0
            && self.lexicon.stated_root(&word).is_none()
        {
            return Some(bare(&word, source, 0.0));
        }
        if word.contains('-') || self.lexicon.stated_root(&word).is_some() {
            return self
                .candidates(&word)
                .into_iter()
                .min_by(|a, b| a.cost.total_cmp(&b.cost));
        }
        let mut cheapest = Cheapest::default();
        self.collect(&word, &mut cheapest);
        cheapest.into_analysis()
    }

    /// Every candidate analysis of a normalised word, unranked.
    fn candidates(&self, word: &str) -> Vec<Analysis> {
        let mut found = Vec::new();
        if word.contains('-') {
            self.hyphenated(word, &mut found);
        } else {
            self.collect(word, &mut found);
        }
        if let Some(stated) = self.lexicon.stated_root(word) {
            // The glossary says which root this headword has: trust it over the ranking.
            let cheapest = found
                .iter_mut()
                .filter(|a| a.root == stated)
                .min_by(|a, b| a.cost.total_cmp(&b.cost));
            match cheapest {
                Some(analysis) => analysis.cost -= 10.0,
                None => found.push(bare(stated, Source::GlossaryRoot, -10.0)),
            }
        }
        found
    }

    /// The root of `word`, if one is found.
    pub fn root(&self, word: &str) -> Option<String> {
        self.best(word).map(|a| a.root)
    }

    fn collect<S: Sink>(&self, word: &str, found: &mut S) {
        if let Some(source) = self.lexicon.root_source(word) {
            found.offer(&Parts::default(), word, source, false, source_cost(source));
        }
        for split in suffix_splits(word) {
            let clitic_cost =
                split.possessive.map_or(0.0, |_| 0.8) + split.particle.map_or(0.0, |_| 0.9);
            let suffix_cost = match split.suffix {
                None => 0.0,
                Some(Suffix::Wan | Suffix::Wati) => 1.2,
                Some(s) if s.is_lexical() => 1.4,
                Some(_) => 1.0,
            };
            let template = Parts {
                suffix: split.suffix,
                possessive: split.possessive,
                particle: split.particle,
                cost: clitic_cost + suffix_cost,
                ..Parts::default()
            };
            if template.is_affixed() {
                // A suffix without a prefix: makanan, bacaan. -i and -kan alone are
                // imperatives, rare in news (perbankan is not perban + -kan).
                let penalty = match split.suffix {
                    Some(Suffix::I) => 0.5,
                    Some(Suffix::Kan) => 0.9,
                    _ => 0.0,
                };
                self.try_root(split.stem, &template, penalty, found);
            }
            if let Some(rest) = partial_reduplication(split.stem) {
                // Dwipurwa: the first consonant repeated with e (pepohonan, tetikus, sesepuh).
                let redup = Parts {
                    reduplicated: true,
                    ..template
                };
                // me-m, pe-p, se-s, te-t, ke-k also start prefixed words (memakan, sesuai):
                // there the prefix reading should win.
                let prefix_shaped =
                    matches!(split.stem.as_bytes()[0], b'm' | b'p' | b's' | b't' | b'k');
                self.try_root(rest, &redup, if prefix_shaped { 2.2 } else { 1.2 }, found);
            }
            self.strip_prefixes(split.stem, &template, found);
        }
    }

    /// Tries each prefix reading of `stem`, then the rest as a root, then further prefixes.
    fn strip_prefixes<S: Sink>(&self, stem: &str, so_far: &Parts, found: &mut S) {
        if so_far.depth == 3 {
            return;
        }
        let mut readings = affix::Readings::default();
        affix::prefix_readings(stem, &mut readings);
        // The rest of the word with the restored letter in front, without allocating.
        let mut buffer = [0u8; MAX_WORD_BYTES + 1];
        for reading in readings.iter() {
            if let Some(inner) = so_far.innermost()
                && !affix::may_stack(inner, reading.prefix)
            {
                continue;
            }
            let outermost = so_far.outermost().unwrap_or(reading.prefix);
            if so_far
                .suffix
                .is_some_and(|s| affix::is_impossible_pair(outermost, s))
                || (reading.prefix == Prefix::KeTidak && so_far.suffix != Some(Suffix::An))
            {
                continue;
            }
            let tail = &stem[reading.len..];
            let rest = match reading.restored {
                Some(letter) if tail.len() < MAX_WORD_BYTES => {
                    buffer[0] = letter as u8;
                    buffer[1..=tail.len()].copy_from_slice(tail.as_bytes());
                    // Only ASCII letters reach here (see `normalise`).
                    std::str::from_utf8(&buffer[..=tail.len()]).unwrap_or(tail)
                }
                _ => tail,
            };
            let stacked = if so_far.depth == 0 { 0.0 } else { 0.3 };
            // A confix is one unit (ke-…-an, per-…-an): slightly cheaper than its two parts.
            let confix = if so_far.depth == 0
                && affix::combined_meaning(Some(reading.prefix), so_far.suffix).is_some()
                && so_far.suffix == Some(Suffix::An)
            {
                -0.2
            } else {
                0.0
            };
            let colloquial = if reading.prefix == Prefix::Nge {
                0.5
            } else {
                0.0
            };
            let mut next = *so_far;
            next.push(reading.prefix);
            next.restored = reading.restored;
            // Bare per-…-kan / per-…-i are imperatives (perhatikan, perbaiki): possible, rare.
            let imperative = if so_far.depth == 0
                && reading.prefix == Prefix::Per
                && matches!(so_far.suffix, Some(Suffix::Kan | Suffix::I))
            {
                0.5
            } else {
                0.0
            };
            next.cost += 1.0 + reading.penalty + stacked + colloquial + confix + imperative;
            self.try_root(rest, &next, 0.0, found);
            self.strip_prefixes(rest, &next, found);
        }
    }

    /// Records `candidate` as the root if the lexicon knows it, directly, as a compound, or
    /// (after -wan) with the h that -wan swallows (sejarawan ← sejarah).
    fn try_root<S: Sink>(&self, candidate: &str, template: &Parts, penalty: f32, found: &mut S) {
        // Two-letter "roots" inside affixed words are almost always accidents (be-r-as).
        if candidate.len() < 3 {
            return;
        }
        let cost_of = |root: &str, source: Source, extra: f32| {
            let mut cost =
                template.cost + penalty + extra + source_cost(source) - root.len() as f32 * 0.001;
            // A prefixed root that itself ends in -an with no suffix split off, reached by
            // restoring a swallowed initial, is usually the suffix read as part of the root
            // (pengawasan as peN- + kawasan).
            if template.restored.is_some()
                && template.suffix.is_none()
                && root.len() > 4
                && root.ends_with("an")
            {
                cost += 0.8;
            }
            cost
        };
        let colloquial = template.prefixes.contains(&Some(Prefix::Nge));
        if let Some(source) = self.lexicon.root_source(candidate)
            && !(colloquial && source_cost(source) > 0.0)
        {
            found.offer(
                template,
                candidate,
                source,
                false,
                cost_of(candidate, source, 0.0),
            );
        } else if matches!(template.suffix, Some(Suffix::Wan | Suffix::Wati)) {
            let with_h = format!("{candidate}h");
            if let Some(source) = self.lexicon.root_source(&with_h) {
                found.offer(
                    template,
                    &with_h,
                    source,
                    false,
                    cost_of(&with_h, source, 0.2),
                );
            }
        }
        if !template.is_affixed() {
            return;
        }
        if let Some(compound) = self.lexicon.compound(candidate) {
            let source = self.lexicon.compound_source(candidate);
            found.offer(
                template,
                compound,
                source,
                true,
                cost_of(compound, source, 1.0),
            );
        } else if candidate.len() >= 6
            && template.suffix.is_some_and(|s| !s.is_lexical())
            && self
                .lexicon
                .root_source(candidate)
                .is_none_or(|s| s == Source::Hunspell)
        {
            // Compounds written as one word come wrapped in a suffix (menggarisbawahi,
            // keputusasaan); without one, splitting invents roots (berbondong → bon + dong).
            for split in 3..=candidate.len() - 3 {
                let (left, right) = candidate.split_at(split);
                if matches!(
                    left,
                    "per" | "ber" | "ter" | "pen" | "pem" | "men" | "mem" | "ke" | "se" | "di"
                ) {
                    continue;
                }
                let trusted = |w: &str| {
                    self.lexicon
                        .root_source(w)
                        .filter(|s| *s != Source::Hunspell)
                };
                if let Some(a) = trusted(left)
                    && let Some(b) = trusted(right)
                {
                    let joined = format!("{left} {right}");
                    let source = a.max(b);
                    found.offer(
                        template,
                        &joined,
                        source,
                        true,
                        cost_of(&joined, source, 1.5),
                    );
                }
            }
        }
    }

    /// Reduplication: negara-negara, berlari-lari, sebaik-baiknya, kemerah-merahan,
    /// tolong-menolong; and hyphenated loans after a prefix (men-generate).
    fn hyphenated(&self, word: &str, found: &mut Vec<Analysis>) {
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
}

impl Analyser {
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
fn partial_reduplication(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    (b.len() >= 5
        && b[1] == b'e'
        && b[0] == b[2]
        && !matches!(b[0], b'a' | b'e' | b'i' | b'o' | b'u'))
    .then(|| &stem[2..])
}

/// Lowercase ASCII letters and single inner hyphens, 2 to [`MAX_WORD_BYTES`] long; anything
/// else (digits, emoji, other scripts) has no analysis.
fn normalise(word: &str) -> Option<std::borrow::Cow<'_, str>> {
    let word = word.trim();
    let word = if word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    };
    let valid = (2..=MAX_WORD_BYTES).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && !word.starts_with('-')
        && !word.ends_with('-')
        && !word.contains("--");
    valid.then_some(word)
}

fn bare(root: &str, source: Source, cost: f32) -> Analysis {
    Analysis {
        root: root.to_owned(),
        prefixes: Vec::new(),
        suffix: None,
        clitics: Vec::new(),
        restored: None,
        reduplicated: false,
        compound: false,
        source,
        cost: cost + source_cost(source),
    }
}

fn source_cost(source: Source) -> f32 {
    match source {
        Source::GlossaryRoot | Source::User | Source::Bundled | Source::Base => 0.0,
        Source::Glossary => 1.5,
        Source::Hunspell => 2.5,
        Source::Form => 3.0,
    }
}

fn loan_prefix(left: &str) -> Option<Prefix> {
    Some(match left {
        "me" | "mem" | "men" | "meng" | "meny" | "menge" => Prefix::MeN,
        "pe" | "pem" | "pen" | "peng" | "peny" | "penge" => Prefix::PeN,
        "di" => Prefix::Di,
        "ber" => Prefix::Ber,
        "ter" => Prefix::Ter,
        "nge" => Prefix::Nge,
        _ => return None,
    })
}

fn peel<'a>(text: &'a str, ending: &str) -> Option<&'a str> {
    text.strip_suffix(ending).filter(|rest| rest.len() >= 2)
}

/// Every way to peel particle, possessive and derivational suffix off the end of `word`,
/// leaving a stem of at least two letters.
fn suffix_splits(word: &str) -> Vec<SuffixSplit<'_>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn analyser(roots: &str) -> Analyser {
        let mut lexicon = Lexicon::default();
        lexicon.add_list(roots, Source::Bundled);
        Analyser::new(lexicon)
    }

    const ROOTS: &str = "suplai\nsenjata\nkeluar\nkirim\nbijak\npasti\nkuat\nmasuk\nbank\nban\nrusak\nrusa\n\
        nikah\nrupa\nkarang\nnilai\nnila\npukul\ntulis\nbom\nnganga\nnegara\nlari\nbaik\nmerah\nbalik\n\
        bolak-balik\npohon\nhari\ntangkap\nperintah\ntemu\nkata\ngaris\nbawah\ntanda\ntangan\nmata\nramai\ntolong\n\
        tahu\nwarta\nsejarah\nobrol\nputus\nasa\nmundur\nkira\nambil\nhanya\nmasalah\nperang\nsedia\n\
        ajar\nkerja\npunya\nlaku\nhasil\nlanjut\ndaya\n";

    fn root(a: &Analyser, word: &str) -> String {
        a.root(word).unwrap_or_else(|| format!("<none for {word}>"))
    }

    #[test]
    fn the_issue_examples() {
        let a = analyser(ROOTS);
        for (word, expected) in [
            ("menyuplai", "suplai"),
            ("persenjataan", "senjata"),
            ("dikeluarkan", "keluar"),
            ("pengiriman", "kirim"),
            ("kebijakannya", "bijak"),
            ("ketidakpastian", "pasti"),
            ("memperkuat", "kuat"),
            ("memasuki", "masuk"),
            ("perbankan", "bank"),
            ("kerusakan", "rusak"),
            ("menikah", "nikah"),
            ("berupa", "rupa"),
            ("bernilai", "nilai"),
            ("memukul", "pukul"),
            ("menulis", "tulis"),
            ("mengirim", "kirim"),
            ("mengebom", "bom"),
            ("menganga", "nganga"),
            ("negara-negara", "negara"),
            ("berlari-lari", "lari"),
            ("sebaik-baiknya", "baik"),
            ("kemerah-merahan", "merah"),
            ("bolak-balik", "bolak-balik"),
            ("men-generate", "generate"),
            ("menggarisbawahi", "garis bawah"),
            ("ditandatangani", "tanda tangan"),
            ("keputusasaan", "putus asa"),
            ("semata-mata", "mata"),
            ("dibolak-balik", "bolak-balik"),
            ("pepohonan", "pohon"),
            ("seharian", "hari"),
            ("beramai-ramai", "ramai"),
            ("tolong-menolong", "tolong"),
            ("wartawan", "warta"),
            ("sejarawan", "sejarah"),
            ("ngobrol", "obrol"),
            ("kemunduran", "mundur"),
            ("diperkirakan", "kira"),
            ("pertemuan", "temu"),
            ("mengetahui", "tahu"),
            ("pelajar", "ajar"),
            ("bekerja", "kerja"),
            ("mempunyai", "punya"),
            ("keberhasilan", "hasil"),
            ("berkelanjutan", "lanjut"),
            ("pemberdayaan", "daya"),
        ] {
            assert_eq!(root(&a, word), expected, "{word}");
        }
    }

    #[test]
    fn review_regressions() {
        let mut lexicon = Lexicon::default();
        lexicon.add_list(
            "milik\nkuasa\nmakan\nhati\nbersih\nsih\nusia\nrasa\nasa\nkeras\nras\nper\nterap\nrap\n",
            Source::Bundled,
        );
        let mut glossary = crate::glossary::Glossary::default();
        glossary.add_file(
            "g.toml".into(),
            "Rusia = \"Russia\"\nmemiliki = { translation = \"own\", root = \"milik\" }\n",
        );
        lexicon.add_glossary(&glossary);
        let a = Analyser::new(lexicon);
        for (word, parts) in [
            ("memiliki", "meN- + milik + -i"),
            ("kekuasaan", "ke- + kuasa + -an"),
            ("memakan", "meN- + makan"),
            ("perhatikan", "per- + hati + -kan"),
            ("bersihkan", "bersih + -kan"),
            ("terapkan", "terap + -kan"),
            ("berusia", "ber- + usia"),
            ("merasa", "meN- + rasa"),
            ("mengeras", "meN- + keras"),
        ] {
            assert_eq!(
                a.best(word).map(|b| b.parts()).as_deref(),
                Some(parts),
                "{word}"
            );
        }
    }

    #[test]
    fn roots_that_look_affixed_stay_whole() {
        let a = analyser(ROOTS);
        for word in ["hanya", "masalah", "perang", "punya", "bank"] {
            assert_eq!(root(&a, word), word);
        }
    }

    #[test]
    fn breakdown_for_learners() {
        let a = analyser(ROOTS);
        let p = a.best("persenjataan").unwrap();
        assert_eq!(p.parts(), "per- + senjata + -an");
        assert_eq!(p.meaning(), "the whole set or matter of");
        let d = a.best("dikeluarkan").unwrap();
        assert_eq!(d.parts(), "di- + keluar + -kan");
        assert!(d.meaning().starts_with("passive, causative"));
        assert_eq!(
            p.gloss(Some("weapon"), Some("weaponry")),
            "per- + senjata + -an: the whole set or matter of (weapon) → weaponry"
        );
        let k = a.best("kebijakannya").unwrap();
        assert_eq!(k.parts(), "ke- + bijak + -an + -nya");
        assert_eq!(a.best("memukul").unwrap().restored, Some('p'));
    }

    #[test]
    fn a_glossary_root_beats_the_ranking_and_derived_headwords_still_reach_it() {
        let mut lexicon = Lexicon::default();
        lexicon.add_list(ROOTS, Source::Bundled);
        let mut glossary = crate::glossary::Glossary::default();
        glossary.add_file(
            "g.toml".into(),
            "pemerintah = { translation = \"government\", root = \"perintah\" }\nkarang = \"compose\"\n",
        );
        lexicon.add_glossary(&glossary);
        let a = Analyser::new(lexicon);
        assert_eq!(root(&a, "pemerintah"), "perintah");
        assert_eq!(root(&a, "pemerintahan"), "perintah");
    }

    #[test]
    fn bad_input_has_no_analysis() {
        let a = analyser(ROOTS);
        for word in [
            "",
            "1950",
            "🙂",
            "кремль",
            "a",
            "-",
            "x--y",
            &"a".repeat(10_000),
            "Rp4",
            "menulis2",
        ] {
            assert!(a.analyse(word).is_empty(), "{word:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_roots_come_from_the_word_or_lexicon(word in "\\PC{0,30}|[a-z-]{0,30}") {
            let a = analyser(ROOTS);
            for analysis in a.analyse(&word) {
                prop_assert!(!analysis.root.is_empty());
            }
        }
    }
}
