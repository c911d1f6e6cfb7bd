//! The affixes of Indonesian word formation, what each means for a learner, and how prefixes
//! change shape in front of a root (nasal assimilation: meN- + pukul → memukul).

use serde::Serialize;

/// A derivational prefix (or the frozen `ketidak-`), by its underlying form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Prefix {
    /// `di-`: passive.
    Di,
    /// `ke-`: ordinal/collective, or half of the `ke-…-an` confix.
    Ke,
    /// `se-`: one, the same, as.
    Se,
    /// `ku-`: passive with "I" as the doer.
    Ku,
    /// `kau-`: passive with "you" as the doer.
    Kau,
    /// `meN-`: active verb; the N assimilates (me-, mem-, men-, meng-, meny-, menge-).
    MeN,
    /// `peN-`: doer or instrument; the N assimilates like meN-.
    PeN,
    /// `ber-` (be-, bel-): has, does, is in a state.
    Ber,
    /// `ter-` (te-): accidental, completed, or superlative.
    Ter,
    /// `per-` (pe-, pel-): causative "make more"; half of `per-…-an`.
    Per,
    /// `ketidak-…-an`: the lack of (un-…-ness).
    KeTidak,
    /// Colloquial nasal prefix (nge-, ng-, ny-): Jakarta-style active verb.
    Nge,
}

impl Prefix {
    /// How the prefix is written in a breakdown.
    pub fn label(self) -> &'static str {
        match self {
            Prefix::Di => "di-",
            Prefix::Ke => "ke-",
            Prefix::Se => "se-",
            Prefix::Ku => "ku-",
            Prefix::Kau => "kau-",
            Prefix::MeN => "meN-",
            Prefix::PeN => "peN-",
            Prefix::Ber => "ber-",
            Prefix::Ter => "ter-",
            Prefix::Per => "per-",
            Prefix::KeTidak => "ketidak-",
            Prefix::Nge => "nge-",
        }
    }

    /// A one-line meaning for learners.
    pub fn meaning(self) -> &'static str {
        match self {
            Prefix::Di => "passive: is/was …ed",
            Prefix::Ke => "ordinal or group (kedua = second, both)",
            Prefix::Se => "one, the same, as (sebuah = one, a)",
            Prefix::Ku => "passive with 'I' as the doer",
            Prefix::Kau => "passive with 'you' as the doer",
            Prefix::MeN => "active verb: to do",
            Prefix::PeN => "one who does it, or a tool for it",
            Prefix::Ber => "to have, to do, to be in a state",
            Prefix::Ter => "accidental or completed action; or 'most'",
            Prefix::Per => "make more, make into",
            Prefix::KeTidak => "the lack of",
            Prefix::Nge => "colloquial active verb",
        }
    }
}

/// A derivational suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Suffix {
    /// `-kan`: causative or benefactive ("make …", "for someone").
    Kan,
    /// `-i`: locative or repetitive ("do to/at").
    I,
    /// `-an`: result, thing, place, or collective.
    An,
    /// `-wan`: a man who works with it (wartawan = journalist).
    Wan,
    /// `-wati`: a woman who works with it.
    Wati,
    /// `-man`: a person with it (seniman = artist).
    Man,
    /// `-wi`: of, relating to (duniawi = worldly).
    Wi,
    /// `-iah`: of, relating to (alamiah = natural).
    Iah,
    /// `-nda`: honorific (ayahanda = father, respectfully).
    Nda,
}

impl Suffix {
    /// The suffix as written, without the hyphen.
    pub fn text(self) -> &'static str {
        match self {
            Suffix::Kan => "kan",
            Suffix::I => "i",
            Suffix::An => "an",
            Suffix::Wan => "wan",
            Suffix::Wati => "wati",
            Suffix::Man => "man",
            Suffix::Wi => "wi",
            Suffix::Iah => "iah",
            Suffix::Nda => "nda",
        }
    }

    /// A one-line meaning for learners.
    pub fn meaning(self) -> &'static str {
        match self {
            Suffix::Kan => "causative: make, cause to, do for",
            Suffix::I => "do to or at (locative), or repeatedly",
            Suffix::An => "result, thing or place of the action",
            Suffix::Wan => "a person (man) working with it",
            Suffix::Wati => "a person (woman) working with it",
            Suffix::Man => "a person with or of it",
            Suffix::Wi => "of or relating to (adjective)",
            Suffix::Iah => "of or relating to (adjective)",
            Suffix::Nda => "honorific: respectfully",
        }
    }

    /// All suffixes, longest first.
    pub const ALL: [Suffix; 9] = [
        Suffix::Wati,
        Suffix::Wan,
        Suffix::Kan,
        Suffix::An,
        Suffix::I,
        Suffix::Man,
        Suffix::Iah,
        Suffix::Wi,
        Suffix::Nda,
    ];

    /// Suffixes that make nouns or adjectives of people and qualities; rare, and never inside
    /// a verb's prefixes.
    pub fn is_lexical(self) -> bool {
        matches!(
            self,
            Suffix::Wan | Suffix::Wati | Suffix::Man | Suffix::Wi | Suffix::Iah | Suffix::Nda
        )
    }
}

/// What a prefix plus suffix pair means together, for the pairs that form a unit (confixes and
/// the common verb patterns). `None` when the parts simply add up.
pub fn combined_meaning(prefix: Option<Prefix>, suffix: Option<Suffix>) -> Option<&'static str> {
    Some(match (prefix?, suffix) {
        (Prefix::PeN, Some(Suffix::An)) => "the act or process of",
        (Prefix::Per, Some(Suffix::An)) => "the whole set or matter of",
        (Prefix::Ke, Some(Suffix::An)) => "the state or quality of; or affected by",
        (Prefix::KeTidak, Some(Suffix::An)) => "the lack of (un-…-ness)",
        (Prefix::Ber, Some(Suffix::An)) => "doing it together or in numbers",
        (Prefix::Di, Some(Suffix::Kan)) => "passive, causative: be made to / be …ed",
        (Prefix::Di, Some(Suffix::I)) => "passive, locative or repeated: be …ed (at, on)",
        (Prefix::MeN, Some(Suffix::Kan)) => "active, causative: make, cause to",
        (Prefix::MeN, Some(Suffix::I)) => "active, locative: do to or at",
        (Prefix::Ber, Some(Suffix::Kan)) => "to have as its basis (berdasarkan = based on)",
        (Prefix::Ter, Some(Suffix::Kan)) => "can be …ed, or accidentally …ed",
        (Prefix::MeN, None) | (Prefix::Nge, None) => "active verb: to do",
        (Prefix::Di, None) => "passive: is/was …ed",
        (Prefix::Ber, None) => "to have, to do, to be in a state",
        (Prefix::Ter, None) => "accidental or completed action; or 'most'",
        (Prefix::PeN, None) => "one who does it, or a tool for it",
        (Prefix::Se, None) => "one, the same, as",
        _ => return None,
    })
}

/// Outermost prefix and derivational suffix pairs that Indonesian does not form; analyses that
/// need them are rejected (this is what keeps kerusakan from reading as ke- + rusa + -kan).
pub fn is_impossible_pair(outer: Prefix, suffix: Suffix) -> bool {
    use Prefix as P;
    use Suffix as S;
    matches!(
        (outer, suffix),
        (P::Ber, S::I)
            | (P::Di, S::An)
            | (P::Ke, S::I)
            | (P::Ke, S::Kan)
            | (P::MeN, S::An)
            | (P::Ter, S::An)
            | (P::Se, S::I)
            | (P::Se, S::Kan)
            | (P::Ku | P::Kau, S::An)
            | (P::PeN, S::I)
            | (P::PeN, S::Kan)
    ) || (suffix.is_lexical() && outer != P::Ke)
        || (outer == P::KeTidak && suffix != S::An)
}

/// Whether `inner` may follow `outer` in a stack of prefixes (memper-, diper-, keber-,
/// berke-, pember-, mengetahui = meN- + ke- + tahu + -i).
pub fn may_stack(outer: Prefix, inner: Prefix) -> bool {
    use Prefix as P;
    match outer {
        P::MeN | P::Di | P::Ter | P::Ku | P::Kau | P::Nge => {
            matches!(inner, P::Per | P::Ke | P::Ber)
        }
        P::Ke => matches!(inner, P::Ber | P::Ter | P::Se | P::PeN | P::Per),
        P::Ber => matches!(inner, P::Ke | P::Se | P::Per | P::PeN),
        P::PeN => matches!(inner, P::Ber | P::Per | P::Ke),
        P::Se => matches!(inner, P::Ke),
        P::KeTidak => matches!(inner, P::Se | P::Ber | P::Ter | P::Per),
        P::Per => false,
    }
}

/// One way a word can start with a prefix: the prefix, how many bytes it takes, and the
/// root's first letter when the nasal swallowed it (memukul: mem- + (p)ukul).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrefixReading {
    /// The prefix.
    pub prefix: Prefix,
    /// Length in bytes of the prefix as written in the word.
    pub len: usize,
    /// The letter restored at the start of the root, if the nasal replaced it.
    pub restored: Option<char>,
    /// Extra cost for irregular or rare readings.
    pub penalty: f32,
}

/// The prefix readings of one word, kept on the stack: the analyser asks for them at every
/// level of every segmentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Readings {
    items: [Option<PrefixReading>; 16],
    len: usize,
}

impl Readings {
    fn push(&mut self, reading: PrefixReading) {
        // No word starts with more than a dozen prefix shapes; extra ones are dropped.
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = Some(reading);
            self.len += 1;
        }
    }

    /// The readings found.
    pub fn iter(&self) -> impl Iterator<Item = PrefixReading> + '_ {
        self.items[..self.len].iter().flatten().copied()
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Every prefix reading of `word` (ASCII, lowercase). The rest of the word after `len` bytes,
/// with `restored` put back in front, is the candidate stem.
pub fn prefix_readings(word: &str, out: &mut Readings) {
    let w = word.as_bytes();
    let at = |i: usize| w.get(i).copied().unwrap_or(0);
    let mut push = |prefix, len, restored, penalty| {
        if len + 2 <= w.len() {
            out.push(PrefixReading {
                prefix,
                len,
                restored,
                penalty,
            });
        }
    };
    let plain = |out: &mut dyn FnMut(Prefix, usize, Option<char>, f32), p: &str, prefix| {
        if word.starts_with(p) {
            out(prefix, p.len(), None, 0.0);
        }
    };
    plain(&mut push, "di", Prefix::Di);
    plain(&mut push, "ku", Prefix::Ku);
    plain(&mut push, "kau", Prefix::Kau);
    plain(&mut push, "se", Prefix::Se);
    if word.starts_with("ketidak") {
        push(Prefix::KeTidak, 7, None, 0.0);
    } else if word.starts_with("ke") {
        push(Prefix::Ke, 2, None, 0.0);
    }
    for (nasal, prefix) in [("me", Prefix::MeN), ("pe", Prefix::PeN)] {
        if !word.starts_with(nasal) {
            continue;
        }
        let (c2, c3, c4) = (at(2), at(3), at(4));
        // me- before l r w y m n (and so ny-, ng-): melihat, merasa, meminta, menyanyi, menganga.
        if matches!(c2, b'l' | b'r' | b'w' | b'y' | b'm' | b'n') {
            push(prefix, 2, None, 0.0);
        }
        match (c2, c3) {
            (b'n', b'y') if is_vowel(c4) => push(prefix, 4, Some('s'), 0.0),
            (b'n', b'g') => {
                if c4 == b'e' && w.len() <= 8 {
                    push(prefix, 5, None, 0.35); // menge- before one-syllable roots: mengebom
                }
                if is_vowel(c4) {
                    push(prefix, 4, None, 0.0); // mengambil
                    push(prefix, 4, Some('k'), 0.3); // mengirim
                } else if matches!(c4, b'g' | b'h' | b'k') {
                    push(prefix, 4, None, 0.0); // menggunakan, menghadiri, mengkaji
                }
            }
            (b'm', _) if matches!(c3, b'b' | b'f' | b'v') => push(prefix, 3, None, 0.0),
            (b'm', _) if is_vowel(c3) => push(prefix, 3, Some('p'), 0.3), // memukul
            (b'm', b'p') => push(prefix, 3, None, 0.5),                   // memperkuat, mempunyai
            (b'm', b'r' | b'l') => push(prefix, 3, Some('p'), 0.3),       // pemrakarsa ← prakarsa
            (b'n', _) if matches!(c3, b'c' | b'd' | b'j' | b'z') => push(prefix, 3, None, 0.0),
            (b'n', b's') if c4 == b'y' => push(prefix, 3, None, 0.0), // mensyukuri
            (b'n', _) if is_vowel(c3) => push(prefix, 3, Some('t'), 0.3), // menulis
            (b'n', b't' | b's') => push(prefix, 3, None, 0.5), // mentransfer, mensosialisasikan
            _ => {}
        }
        // pe- before other consonants: petani, pekerja, pedagang (the peN- of ber-/per- verbs).
        if prefix == Prefix::PeN
            && !matches!(c2, b'l' | b'r' | b'w' | b'y' | b'm' | b'n')
            && !is_vowel(c2)
        {
            push(Prefix::PeN, 2, None, 0.2);
        }
    }
    for (full, short, prefix) in [
        ("ber", "be", Prefix::Ber),
        ("ter", "te", Prefix::Ter),
        ("per", "pe", Prefix::Per),
    ] {
        if word.starts_with(full) {
            push(prefix, 3, None, 0.0);
            // ber- + rupa → berupa: the r of the prefix merges with the root's. When both
            // readings have roots (berubah: ubah / rubah), the vowel-initial one is the more
            // common, so this reading costs a little more.
            if at(3) != b'r' && is_vowel(at(3)) {
                push(prefix, 2, None, 0.1);
            }
        } else if word.starts_with(short) && at(3) == b'e' && at(4) == b'r' {
            // be- before a first syllable in -er: bekerja, beternak, tepercaya.
            push(prefix, 2, None, 0.1);
        }
        if word.starts_with(short)
            && word[short.len()..].starts_with("lajar")
            && prefix != Prefix::Ter
        {
            push(prefix, 3, None, 0.0); // belajar, pelajar
        }
    }
    // Colloquial nasal prefixes: ngebut, ngobrol, nyapu.
    if word.starts_with("nge") && w.len() <= 7 {
        push(Prefix::Nge, 3, None, 0.5);
    } else if word.starts_with("ng") && is_vowel(at(2)) {
        push(Prefix::Nge, 2, None, 0.5);
        push(Prefix::Nge, 2, Some('k'), 0.7);
    } else if word.starts_with("ny") && is_vowel(at(2)) {
        push(Prefix::Nge, 2, Some('s'), 0.7);
    } else if word.starts_with('n') && is_vowel(at(1)) {
        push(Prefix::Nge, 1, Some('t'), 0.7); // nonton ← tonton
    } else if word.starts_with('m') && is_vowel(at(1)) {
        push(Prefix::Nge, 1, Some('p'), 0.7); // mukul ← pukul
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(word: &str) -> Vec<String> {
        let mut out = Readings::default();
        prefix_readings(word, &mut out);
        out.iter()
            .map(|r| {
                format!(
                    "{}{}{}",
                    r.prefix.label(),
                    r.restored.map(String::from).unwrap_or_default(),
                    &word[r.len..]
                )
            })
            .collect()
    }

    #[test]
    fn nasal_assimilation_restores_the_dropped_initial() {
        assert!(readings("memukul").contains(&"meN-pukul".to_owned()));
        assert!(readings("menulis").contains(&"meN-tulis".to_owned()));
        assert!(readings("mengirim").contains(&"meN-kirim".to_owned()));
        assert!(readings("menyuplai").contains(&"meN-suplai".to_owned()));
        assert!(readings("mengebom").contains(&"meN-bom".to_owned()));
        assert!(readings("menganga").contains(&"meN-nganga".to_owned()));
        assert!(readings("memasuki").contains(&"meN-masuki".to_owned()));
        assert!(readings("penangkapan").contains(&"peN-tangkapan".to_owned()));
    }

    #[test]
    fn ber_ter_per_allomorphs() {
        assert!(
            readings("berupa").contains(&"ber-rupa".to_owned())
                || readings("berupa").contains(&"ber-upa".to_owned())
        );
        assert!(readings("bekerja").contains(&"ber-kerja".to_owned()));
        assert!(readings("belajar").contains(&"ber-ajar".to_owned()));
        assert!(readings("pelajar").contains(&"per-ajar".to_owned()));
        assert!(
            readings("terasa").contains(&"ter-rasa".to_owned())
                || readings("terasa").contains(&"ter-asa".to_owned())
        );
    }

    #[test]
    fn impossible_pairs_and_stacks() {
        assert!(is_impossible_pair(Prefix::Ke, Suffix::Kan));
        assert!(
            !is_impossible_pair(Prefix::Per, Suffix::Kan),
            "perhatikan: imperative of memperhatikan"
        );
        assert!(!is_impossible_pair(Prefix::Ke, Suffix::An));
        assert!(may_stack(Prefix::MeN, Prefix::Per));
        assert!(!may_stack(Prefix::Per, Prefix::MeN));
    }
}
