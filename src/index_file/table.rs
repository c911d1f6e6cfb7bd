//! A sorted table of byte-string keys, each with a `u32` value, searched in place.
//!
//! Layout: `count: u32`, `count + 1` key offsets (`u32`, relative to the key bytes), `count`
//! values (`u32`), then the keys' bytes in ascending order. A lookup is a binary search that
//! touches about log₂(count) keys. Keys never hold bytes below `0x20`, so every key that extends
//! `k` with a space sorts right after `k` itself: one search tells both whether `k` is a key and
//! whether a longer phrase starts with it ([`SortedTable::probe`]) — what the term matcher needs
//! to walk multi-word entries word by word.

use std::cmp::Ordering;

use super::{Damaged, Reader, Section, u32_at};

/// A sorted table over index bytes.
#[derive(Clone, Debug)]
pub struct SortedTable {
    count: usize,
    offsets: Section,
    values: Section,
    keys: Section,
    /// Where the keys starting with each byte begin (257 positions), found on first use in a
    /// large table: a lookup then searches only among keys with its first byte.
    buckets: std::sync::Arc<std::sync::OnceLock<Option<Box<[u32]>>>>,
}

/// Tables smaller than this are searched whole.
const BUCKETED: usize = 2048;

/// What one search found about a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Probe {
    /// The key's value, when the key is in the table.
    pub value: Option<u32>,
    /// Whether some key continues this one with a space and more (a longer phrase).
    pub continues: bool,
}

impl SortedTable {
    /// Reads the table header in `section`; the rest is read on lookup.
    pub fn new(section: Section) -> Result<SortedTable, Damaged> {
        let bytes = section.as_bytes();
        let count = Reader(bytes).u32()? as usize;
        let offsets_len = count
            .checked_add(1)
            .and_then(|n| n.checked_mul(4))
            .ok_or(Damaged("table size"))?;
        let values_start = 4 + offsets_len;
        let keys_start = count
            .checked_mul(4)
            .and_then(|values| values_start.checked_add(values))
            .ok_or(Damaged("table size"))?;
        if keys_start > bytes.len() {
            return Err(Damaged("table truncated"));
        }
        let slice = |range| section.slice(range).ok_or(Damaged("table truncated"));
        Ok(SortedTable {
            count,
            offsets: slice(4..values_start)?,
            values: slice(values_start..keys_start)?,
            keys: slice(keys_start..bytes.len())?,
            buckets: Default::default(),
        })
    }

    /// An empty table.
    pub fn empty() -> SortedTable {
        let bytes = build(Vec::new()).unwrap_or_default();
        SortedTable::new(Section::whole(super::Bytes::Owned(bytes)))
            .unwrap_or_else(|_| unreachable!("an empty table is well formed"))
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the table has no keys.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Key number `index`, if the table is sound there.
    pub fn key(&self, index: usize) -> Option<&[u8]> {
        let offsets = self.offsets.as_bytes();
        let start = u32_at(offsets, index)? as usize;
        let end = u32_at(offsets, index + 1)? as usize;
        self.keys.as_bytes().get(start..end)
    }

    /// Value number `index`.
    pub fn value(&self, index: usize) -> Option<u32> {
        u32_at(self.values.as_bytes(), index)
    }

    /// The first position whose key is not less than `key`; `None` if the table is damaged
    /// on the way there.
    fn lower_bound(&self, key: &[u8]) -> Option<usize> {
        let (low, high) = match (self.buckets(), key.first()) {
            (Some(buckets), Some(&first)) => (
                buckets[usize::from(first)] as usize,
                buckets[usize::from(first) + 1] as usize,
            ),
            _ => (0, self.count),
        };
        self.lower_bound_in(key, low, high)
    }

    fn lower_bound_in(&self, key: &[u8], mut low: usize, mut high: usize) -> Option<usize> {
        while low < high {
            let middle = low + (high - low) / 2;
            match self.key(middle)?.cmp(key) {
                Ordering::Less => low = middle + 1,
                _ => high = middle,
            }
        }
        Some(low)
    }

    /// The first-byte buckets of a large table (none for a small or damaged one).
    fn buckets(&self) -> Option<&[u32]> {
        if self.count < BUCKETED {
            return None;
        }
        self.buckets
            .get_or_init(|| {
                let mut buckets = Vec::with_capacity(257);
                for byte in 0..=255u8 {
                    buckets.push(self.lower_bound_in(&[byte], 0, self.count)? as u32);
                }
                buckets.push(self.count as u32);
                // Damage could make the positions go backwards: then search whole.
                buckets
                    .windows(2)
                    .all(|w| w[0] <= w[1])
                    .then(|| buckets.into_boxed_slice())
            })
            .as_deref()
    }

    /// The value of `key`.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let at = self.lower_bound(key)?;
        (self.key(at)? == key).then(|| self.value(at))?
    }

    /// Whether `key` is in the table, and whether a longer key continues it after a space.
    pub fn probe(&self, key: &[u8]) -> Probe {
        let Some(at) = self.lower_bound(key) else {
            return Probe::default();
        };
        let mut probe = Probe::default();
        let mut next = at;
        if self.key(at) == Some(key) {
            probe.value = self.value(at);
            next += 1;
        }
        probe.continues = self
            .key(next)
            .is_some_and(|k| k.len() > key.len() && k.starts_with(key) && k[key.len()] == b' ');
        probe
    }

    /// Every key with its value, in order (stops early if the table is damaged).
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], u32)> + '_ {
        (0..self.count).map_while(|i| Some((self.key(i)?, self.value(i)?)))
    }
}

/// Why a table could not be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the index would be larger than 4 GB")]
pub struct TooLarge;

/// Builds table bytes from `(key, value)` pairs in any order. Of equal keys the first given
/// wins; keys holding bytes below `0x20` (control characters) are left out, as no lookup
/// could ask for them.
pub fn build(mut pairs: Vec<(Vec<u8>, u32)>) -> Result<Vec<u8>, TooLarge> {
    pairs.retain(|(key, _)| key.iter().all(|&b| b >= 0x20));
    // Stable, so of equal keys the first given stays first and wins the dedup.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.dedup_by(|later, earlier| later.0 == earlier.0);
    let key_bytes: usize = pairs.iter().map(|(k, _)| k.len()).sum();
    let count = u32::try_from(pairs.len()).map_err(|_| TooLarge)?;
    u32::try_from(key_bytes).map_err(|_| TooLarge)?;
    let mut out = Vec::with_capacity(4 + (pairs.len() * 2 + 1) * 4 + key_bytes);
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for (key, _) in &pairs {
        offset += key.len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for (_, value) in &pairs {
        out.extend_from_slice(&value.to_le_bytes());
    }
    for (key, _) in &pairs {
        out.extend_from_slice(key);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index_file::Bytes;
    use proptest::prelude::*;

    fn table(keys: &[&str]) -> SortedTable {
        let pairs = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_bytes().to_vec(), i as u32))
            .collect();
        SortedTable::new(Section::whole(Bytes::Owned(build(pairs).unwrap()))).unwrap()
    }

    #[test]
    fn finds_keys_and_tells_when_a_phrase_continues() {
        let t = table(&[
            "surat perintah",
            "surat",
            "perang",
            "surat-surat",
            "surat perintah x",
        ]);
        assert_eq!(t.len(), 5);
        assert_eq!(t.get(b"surat"), Some(1));
        assert_eq!(t.get(b"sura"), None);
        assert_eq!(
            t.probe(b"surat"),
            Probe {
                value: Some(1),
                continues: true
            }
        );
        assert_eq!(
            t.probe(b"surat perintah"),
            Probe {
                value: Some(0),
                continues: true
            }
        );
        assert_eq!(
            t.probe(b"perang"),
            Probe {
                value: Some(2),
                continues: false
            }
        );
        assert_eq!(
            t.probe(b"sur"),
            Probe {
                value: None,
                continues: false
            },
            "a key's prefix that is not followed by a space is no phrase"
        );
        assert_eq!(
            t.probe(b"surat perintah x y"),
            Probe::default(),
            "past the end"
        );
        let keys: Vec<_> = t.iter().map(|(k, _)| k.to_vec()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn the_first_of_equal_keys_wins_and_control_bytes_are_left_out() {
        let pairs = vec![
            (b"a".to_vec(), 1),
            (b"b\x1b".to_vec(), 2),
            (b"a".to_vec(), 3),
        ];
        let t = SortedTable::new(Section::whole(Bytes::Owned(build(pairs).unwrap()))).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t.get(b"a"), Some(1));
        assert!(SortedTable::empty().is_empty());
        assert_eq!(SortedTable::empty().get(b"a"), None);
    }

    proptest! {
        /// Whatever keys are stored, every one is found with its value and a probe's
        /// `continues` agrees with a scan of all keys.
        #[test]
        fn lookups_agree_with_a_scan(keys in proptest::collection::btree_set("[a-c ]{1,6}", 0..40)) {
            let keys: Vec<String> = keys.into_iter().collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let t = table(&refs);
            for (i, key) in keys.iter().enumerate() {
                prop_assert_eq!(t.get(key.as_bytes()), Some(i as u32));
                let continues = keys.iter().any(|k| k.starts_with(&format!("{key} ")));
                prop_assert_eq!(t.probe(key.as_bytes()).continues, continues);
            }
        }

        /// Arbitrary bytes as a table never panic.
        #[test]
        fn random_table_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
            key in proptest::collection::vec(any::<u8>(), 0..8),
        ) {
            if let Ok(t) = SortedTable::new(Section::whole(Bytes::Owned(bytes))) {
                let _ = t.get(&key);
                let _ = t.probe(&key);
                let _ = t.iter().count();
                let _ = t.key(usize::MAX);
                let _ = t.value(usize::MAX);
            }
        }
    }

    /// The key a number spells: up to five letters a–h, then perhaps a space and a second word,
    /// so that keys share first bytes and some continue into phrases.
    fn spelled(n: u32) -> String {
        let letters = |mut n: u32, len: u32| {
            (0..len)
                .map(|_| {
                    let c = char::from(b'a' + (n % 8) as u8);
                    n /= 8;
                    c
                })
                .collect::<String>()
        };
        let first = letters(n, 1 + n % 5);
        match (n >> 12) % 3 {
            0 => first,
            k => format!("{first} {}", letters(n >> 14, k)),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// A table large enough for first-byte buckets finds exactly what a scan finds.
        #[test]
        fn bucketed_lookups_agree_with_a_scan(
            numbers in proptest::collection::vec(any::<u32>(), 2300..2500),
            probe in "[a-i ]{0,6}",
        ) {
            let keys: Vec<String> = numbers
                .into_iter()
                .map(spelled)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            prop_assume!(keys.len() >= 2048);
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let t = table(&refs);
            prop_assert!(t.buckets().is_some());
            for (i, key) in keys.iter().enumerate().step_by(97) {
                prop_assert_eq!(t.get(key.as_bytes()), Some(i as u32));
            }
            let expected = keys.iter().position(|k| *k == probe).map(|i| i as u32);
            prop_assert_eq!(t.get(probe.as_bytes()), expected);
            let continues = keys.iter().any(|k| k.starts_with(&format!("{probe} ")));
            prop_assert_eq!(t.probe(probe.as_bytes()).continues, continues);
        }
    }
}
