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
mod analysis;
pub mod lexicon;
mod parts;
mod reduplication;
mod suffix_split;

pub use affix::{Prefix, Suffix};
pub use analysis::Analysis;
pub use lexicon::{Lexicon, Source};

use parts::{Cheapest, Parts, Sink};
use reduplication::partial_reduplication;
use suffix_split::suffix_splits;

/// Longest word the analyser looks at; longer input has no analysis.
const MAX_WORD_BYTES: usize = 48;

/// Finds roots with a lexicon.
#[derive(Clone, Debug, Default)]
pub struct Analyser {
    lexicon: Lexicon,
}

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
