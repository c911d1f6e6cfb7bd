//! Variable-length records addressed by number, read in place.
//!
//! Layout: `count: u32`, `count + 1` offsets (`u32`, relative to the data), then the data.
//! Record `i` is the bytes between offsets `i` and `i + 1`.

use super::{Damaged, Reader, Section, u32_at};

/// Records over index bytes.
#[derive(Clone, Debug)]
pub struct Records {
    count: usize,
    offsets: Section,
    data: Section,
}

impl Records {
    /// Reads the records' header in `section`.
    pub fn new(section: Section) -> Result<Records, Damaged> {
        let bytes = section.as_bytes();
        let count = Reader(bytes).u32()? as usize;
        let data_start = count
            .checked_add(1)
            .and_then(|n| n.checked_mul(4))
            .and_then(|n| n.checked_add(4))
            .filter(|&start| start <= bytes.len())
            .ok_or(Damaged("records truncated"))?;
        let slice = |range| section.slice(range).ok_or(Damaged("records truncated"));
        Ok(Records {
            count,
            offsets: slice(4..data_start)?,
            data: slice(data_start..bytes.len())?,
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Record `index`, if it exists and the bytes are sound.
    pub fn get(&self, index: usize) -> Option<&[u8]> {
        if index >= self.count {
            return None;
        }
        let offsets = self.offsets.as_bytes();
        let start = u32_at(offsets, index)? as usize;
        let end = u32_at(offsets, index + 1)? as usize;
        self.data.as_bytes().get(start..end)
    }
}

/// Builds records bytes, numbered in the order given.
pub fn build<'a>(
    records: impl IntoIterator<Item = &'a [u8]>,
) -> Result<Vec<u8>, super::table::TooLarge> {
    let records: Vec<&[u8]> = records.into_iter().collect();
    let count = u32::try_from(records.len()).map_err(|_| super::table::TooLarge)?;
    let total: usize = records.iter().map(|r| r.len()).sum();
    u32::try_from(total).map_err(|_| super::table::TooLarge)?;
    let mut out = Vec::with_capacity(4 + (records.len() + 1) * 4 + total);
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for record in &records {
        offset += record.len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for record in records {
        out.extend_from_slice(record);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index_file::Bytes;
    use proptest::prelude::*;

    #[test]
    fn records_come_back_by_number() {
        let bytes = build([b"".as_slice(), b"abc", b"de"]).unwrap();
        let r = Records::new(Section::whole(Bytes::Owned(bytes))).unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r.get(0), Some(&b""[..]));
        assert_eq!(r.get(1), Some(&b"abc"[..]));
        assert_eq!(r.get(2), Some(&b"de"[..]));
        assert_eq!(r.get(3), None);
    }

    proptest! {
        #[test]
        fn random_records_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
            index in 0usize..100,
        ) {
            if let Ok(r) = Records::new(Section::whole(Bytes::Owned(bytes))) {
                let _ = r.get(index);
                let _ = r.get(usize::MAX);
            }
        }
    }
}
