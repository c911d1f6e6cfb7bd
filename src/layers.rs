//! Everything needed to annotate text, built once per glossary: the glossary itself, the term
//! matcher compiled from it, and the root analyser over a lexicon that includes it. Rebuilt as a
//! whole when the glossary changes, so the three never disagree.

use crate::glossary::{EntryId, Glossary};
use crate::matcher::Matcher;
use crate::morphology::{Analyser, Analysis, Lexicon};
use crate::text::fold;

/// A glossary with its matcher and analyser.
#[derive(Clone, Debug, Default)]
pub struct Layers {
    glossary: Glossary,
    matcher: Matcher,
    analyser: Analyser,
}

impl Layers {
    /// Compiles `glossary`; `lexicon` gets the glossary's headwords and roots added.
    pub fn new(glossary: Glossary, mut lexicon: Lexicon) -> Layers {
        // The trie and the lexicon are independent: build them side by side.
        let matcher = std::thread::scope(|scope| {
            let matcher = scope.spawn(|| Matcher::new(&glossary));
            lexicon.add_glossary(&glossary);
            matcher
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        Layers {
            matcher,
            analyser: Analyser::new(lexicon),
            glossary,
        }
    }

    /// `glossary` with the bundled root list, for tests and tools that need no system files.
    pub fn with_bundled_roots(glossary: Glossary) -> Layers {
        Layers::new(glossary, Lexicon::bundled())
    }

    /// The glossary.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The term matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The root analyser.
    pub fn analyser(&self) -> &Analyser {
        &self.analyser
    }

    /// Updates entry `id` with the fields of `draft` (its term is unchanged, so the matcher
    /// and the lexicon stay valid).
    pub fn update_entry(&mut self, id: EntryId, draft: &crate::glossary::edit::EntryDraft) {
        self.glossary.update_entry(id, draft);
    }

    /// The glossary entry for an analysis's root, if the glossary has one.
    pub fn root_entry(&self, analysis: &Analysis) -> Option<EntryId> {
        self.glossary.lookup_folded(&fold(&analysis.root))
    }
}
