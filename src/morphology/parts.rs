//! The analyser's search state: the affixes found so far, and where accepted analyses go.

use super::Analysis;
use super::affix::Prefix;
use super::affix::Suffix;
use super::lexicon::Source;
use crate::enclitic::Enclitic;

/// The affixes found so far while searching, kept `Copy` so the search allocates only for
/// the analyses it accepts.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Parts {
    /// Prefixes, outermost first; `depth` of them are set.
    pub(super) prefixes: [Option<Prefix>; 3],
    pub(super) depth: u8,
    pub(super) suffix: Option<Suffix>,
    pub(super) possessive: Option<Enclitic>,
    pub(super) particle: Option<Enclitic>,
    pub(super) restored: Option<char>,
    pub(super) reduplicated: bool,
    pub(super) cost: f32,
}

impl Parts {
    pub(super) fn push(&mut self, prefix: Prefix) {
        self.prefixes[self.depth as usize] = Some(prefix);
        self.depth += 1;
    }

    pub(super) fn outermost(&self) -> Option<Prefix> {
        self.prefixes[0]
    }

    pub(super) fn innermost(&self) -> Option<Prefix> {
        self.depth
            .checked_sub(1)
            .and_then(|i| self.prefixes[i as usize])
    }

    pub(super) fn is_affixed(&self) -> bool {
        self.depth > 0
            || self.suffix.is_some()
            || self.possessive.is_some()
            || self.particle.is_some()
            || self.reduplicated
    }

    pub(super) fn analysis(
        &self,
        root: &str,
        source: Source,
        compound: bool,
        cost: f32,
    ) -> Analysis {
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
pub(super) trait Sink {
    fn offer(&mut self, parts: &Parts, root: &str, source: Source, compound: bool, cost: f32);
}

impl Sink for Vec<Analysis> {
    fn offer(&mut self, parts: &Parts, root: &str, source: Source, compound: bool, cost: f32) {
        self.push(parts.analysis(root, source, compound, cost));
    }
}

/// Keeps the cheapest offer; the root goes into a reused buffer.
#[derive(Default)]
pub(super) struct Cheapest {
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
    pub(super) fn into_analysis(self) -> Option<Analysis> {
        let (parts, source, compound, cost) = self.best?;
        Some(parts.analysis(&self.root, source, compound, cost))
    }
}
