//! Enclitics: the particles and possessives Indonesian glues to the end of a word
//! (`penangkapannya` = `penangkapan` + `-nya`). The matcher strips one from the last word of a
//! term so "surat perintah penangkapannya" still finds "surat perintah penangkapan".
//!
//! This is the small, safe part of word formation; full root analysis builds on it.

use serde::Serialize;

/// A clitic attached to the end of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Enclitic {
    /// `-nya`: his/her/its/their, or "the" (definite).
    Nya,
    /// `-lah`: emphasis, softens a command.
    Lah,
    /// `-kah`: marks a question.
    Kah,
    /// `-pun`: even, also; with question words "-ever" (apapun = whatever).
    Pun,
    /// `-tah`: literary question marker (apatah). Never stripped by the matcher, since far
    /// more words merely end in "tah" (pemerintah).
    Tah,
    /// `-ku`: my.
    Ku,
    /// `-mu`: your.
    Mu,
}

impl Enclitic {
    /// The enclitics the matcher strips, longest suffix first so `-nya` is tried before `-ku`.
    pub const ALL: [Enclitic; 6] = [
        Enclitic::Nya,
        Enclitic::Lah,
        Enclitic::Kah,
        Enclitic::Pun,
        Enclitic::Ku,
        Enclitic::Mu,
    ];

    /// Particles (`-lah`, `-kah`, `-tah`, `-pun`) come after possessives in a word.
    pub fn is_particle(self) -> bool {
        matches!(
            self,
            Enclitic::Lah | Enclitic::Kah | Enclitic::Tah | Enclitic::Pun
        )
    }

    /// The suffix as written, without the hyphen.
    pub fn suffix(self) -> &'static str {
        match self {
            Enclitic::Nya => "nya",
            Enclitic::Lah => "lah",
            Enclitic::Kah => "kah",
            Enclitic::Pun => "pun",
            Enclitic::Tah => "tah",
            Enclitic::Ku => "ku",
            Enclitic::Mu => "mu",
        }
    }

    /// A one-line gloss for learners.
    pub fn meaning(self) -> &'static str {
        match self {
            Enclitic::Nya => "his/her/its/their, or 'the'",
            Enclitic::Lah => "emphasis",
            Enclitic::Kah => "question marker",
            Enclitic::Pun => "even, also; '-ever' after question words",
            Enclitic::Tah => "literary question marker",
            Enclitic::Ku => "my",
            Enclitic::Mu => "your",
        }
    }
}

/// Whole words that merely end in an enclitic's letters (`masalah` is not `masa` + `-lah`).
/// Checked before stripping.
const LOOKALIKES: &[&str] = &[
    "ampun", "darah", "himpun", "jumlah", "kalah", "kaku", "langkah", "lelah", "masalah", "nikah",
    "olah", "rumpun", "salah", "sebelah", "sekolah", "selaku", "sejumlah", "telah", "temu", "tamu",
];

/// Splits a folded word into stem and enclitic, if it ends in one and the stem keeps at least
/// three letters. Returns candidates only; the caller decides by looking the stem up.
pub fn split(word: &str) -> Option<(&str, Enclitic)> {
    if LOOKALIKES.contains(&word) {
        return None;
    }
    Enclitic::ALL.into_iter().find_map(|clitic| {
        let stem = word.strip_suffix(clitic.suffix())?;
        let stem = stem.strip_suffix('-').unwrap_or(stem);
        (stem.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some((stem, clitic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_one_enclitic_from_the_end() {
        assert_eq!(
            split("penangkapannya"),
            Some(("penangkapan", Enclitic::Nya))
        );
        assert_eq!(split("apapun"), Some(("apa", Enclitic::Pun)));
        assert_eq!(split("bukumu"), Some(("buku", Enclitic::Mu)));
    }

    #[test]
    fn keeps_short_stems_and_lookalikes_whole() {
        assert_eq!(split("hanya"), None);
        assert_eq!(split("masalah"), None);
        assert_eq!(split("sekolah"), None);
        assert_eq!(split("perang"), None);
    }
}
