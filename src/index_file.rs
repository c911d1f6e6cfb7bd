//! kabar's own index files: a small header naming typed sections, read in place — from a
//! memory map, a `static` compiled into the binary, or bytes in memory — and never trusted.
//!
//! Opening an index reads its header only; a lookup touches the few pages it needs, so a
//! 100,000-entry dictionary opens in microseconds however large it is. Every read is
//! bounds-checked: damaged or hostile bytes give [`Damaged`] (or a failed lookup), never a panic
//! and never an out-of-range read. (This is why kabar does not use the `fst` crate here: a
//! corrupt FST can panic unless it is verified whole first, which reads every page.)
//!
//! Index files live in kabar's cache folder and are replaced by renaming a finished file over
//! the old one, never changed in place, so a mapping always sees one complete file.
//!
//! Depends on nothing terminal-related.

pub mod records;
pub mod table;

use std::io::Write;
use std::ops::{Deref, Range};
use std::path::Path;
use std::sync::Arc;

pub use records::Records;
pub use table::{Probe, SortedTable};

const MAGIC: &[u8; 8] = b"KABARIX\0";
/// The layout of the container itself (header and section list).
const CONTAINER_FORMAT: u32 = 1;
/// Bytes of a section descriptor: tag, offset, length.
const SECTION_BYTES: usize = 4 + 8 + 8;

/// Why index bytes cannot be used. An index that is damaged is rebuilt, never trusted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("damaged index: {0}")]
pub struct Damaged(pub &'static str);

/// Bytes an index is read from.
#[derive(Debug)]
pub enum Bytes {
    /// Compiled into the binary.
    Static(&'static [u8]),
    /// Built in memory.
    Owned(Vec<u8>),
    /// A memory-mapped file in kabar's cache.
    Mapped(memmap2::Mmap),
}

impl Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Static(bytes) => bytes,
            Bytes::Owned(bytes) => bytes,
            Bytes::Mapped(map) => map,
        }
    }
}

/// A part of shared index bytes: cheap to clone, always in range.
#[derive(Clone, Debug)]
pub struct Section {
    bytes: Arc<Bytes>,
    range: Range<usize>,
}

impl Section {
    /// A section covering all of `bytes`.
    pub fn whole(bytes: Bytes) -> Section {
        let range = 0..bytes.len();
        Section {
            bytes: Arc::new(bytes),
            range,
        }
    }

    /// The section's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // The range was checked against these very bytes when the section was made.
        self.bytes.get(self.range.clone()).unwrap_or_default()
    }

    /// The part `range` of this section (relative to its start), if it lies inside it.
    pub fn slice(&self, range: Range<usize>) -> Option<Section> {
        let start = self.range.start.checked_add(range.start)?;
        let end = self.range.start.checked_add(range.end)?;
        (start <= end && end <= self.range.end).then(|| Section {
            bytes: Arc::clone(&self.bytes),
            range: start..end,
        })
    }
}

/// An opened index file: its kind, the version of what it stores, and its sections.
#[derive(Clone, Debug)]
pub struct IndexFile {
    kind: [u8; 4],
    version: u32,
    whole: Section,
    sections: Vec<([u8; 4], Range<usize>)>,
}

impl IndexFile {
    /// Maps the file at `path` and reads its header. `Ok(None)` when there is no such file.
    pub fn open(path: &Path) -> std::io::Result<Option<Result<IndexFile, Damaged>>> {
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        if file.metadata()?.len() == 0 {
            return Ok(Some(Err(Damaged("empty file"))));
        }
        // SAFETY: index files are only ever replaced by renaming a complete file over them
        // (see `write_atomically`), never truncated or written in place, so the mapped pages
        // stay valid and unchanged for as long as the map lives.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        Ok(Some(IndexFile::parse(Bytes::Mapped(map))))
    }

    /// Reads the header of index `bytes`.
    pub fn parse(bytes: Bytes) -> Result<IndexFile, Damaged> {
        let whole = Section::whole(bytes);
        let data = whole.as_bytes();
        let mut reader = Reader(data);
        if reader.take(8)? != MAGIC {
            return Err(Damaged("not a kabar index"));
        }
        if reader.u32()? != CONTAINER_FORMAT {
            return Err(Damaged("made by another version of kabar"));
        }
        let kind: [u8; 4] = reader.take(4)?.try_into().map_err(|_| Damaged("kind"))?;
        let version = reader.u32()?;
        let count = reader.u32()? as usize;
        if count > 64 {
            return Err(Damaged("too many sections"));
        }
        let mut sections = Vec::with_capacity(count);
        for _ in 0..count {
            let tag: [u8; 4] = reader.take(4)?.try_into().map_err(|_| Damaged("tag"))?;
            let offset = usize::try_from(reader.u64()?).map_err(|_| Damaged("offset"))?;
            let len = usize::try_from(reader.u64()?).map_err(|_| Damaged("length"))?;
            let end = offset
                .checked_add(len)
                .filter(|&end| end <= data.len())
                .ok_or(Damaged("a section runs past the end of the file"))?;
            sections.push((tag, offset..end));
        }
        let header_len = data.len() - reader.0.len();
        let stored = reader.u64()?;
        if stored != xxhash_rust::xxh3::xxh3_64(&data[..header_len]) {
            return Err(Damaged("header checksum"));
        }
        Ok(IndexFile {
            kind,
            version,
            whole,
            sections,
        })
    }

    /// What the index holds (`b"GLOS"`, `b"DICT"`, …).
    pub fn kind(&self) -> [u8; 4] {
        self.kind
    }

    /// The version of what the index holds, as its writer set it.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The section tagged `tag`.
    pub fn section(&self, tag: &[u8; 4]) -> Result<Section, Damaged> {
        let (_, range) = self
            .sections
            .iter()
            .find(|(t, _)| t == tag)
            .ok_or(Damaged("a section is missing"))?;
        self.whole
            .slice(range.clone())
            .ok_or(Damaged("section out of range"))
    }

    /// The sorted table in section `tag`.
    pub fn table(&self, tag: &[u8; 4]) -> Result<SortedTable, Damaged> {
        SortedTable::new(self.section(tag)?)
    }

    /// The records in section `tag`.
    pub fn records(&self, tag: &[u8; 4]) -> Result<Records, Damaged> {
        Records::new(self.section(tag)?)
    }

    /// The serde value stored in section `tag` (small metadata, decoded whole).
    pub fn value<T: serde::de::DeserializeOwned>(&self, tag: &[u8; 4]) -> Result<T, Damaged> {
        postcard::from_bytes(self.section(tag)?.as_bytes()).map_err(|_| Damaged("metadata"))
    }
}

/// Builds an index file from sections.
#[derive(Debug)]
pub struct IndexWriter {
    kind: [u8; 4],
    version: u32,
    sections: Vec<([u8; 4], Vec<u8>)>,
}

impl IndexWriter {
    /// An index of `kind` whose stored data has `version`.
    pub fn new(kind: [u8; 4], version: u32) -> IndexWriter {
        IndexWriter {
            kind,
            version,
            sections: Vec::new(),
        }
    }

    /// Adds a section of raw bytes (a table or records built with their modules).
    pub fn section(&mut self, tag: [u8; 4], bytes: Vec<u8>) -> &mut IndexWriter {
        self.sections.push((tag, bytes));
        self
    }

    /// Adds a section holding `value`, serialised.
    pub fn value<T: serde::Serialize>(&mut self, tag: [u8; 4], value: &T) -> &mut IndexWriter {
        let bytes = postcard::to_allocvec(value).unwrap_or_default();
        self.section(tag, bytes)
    }

    /// The whole file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let header_len = 8 + 4 + 4 + 4 + 4 + self.sections.len() * SECTION_BYTES;
        let total: usize = self.sections.iter().map(|(_, b)| b.len()).sum();
        let mut out = Vec::with_capacity(header_len + 8 + total);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&CONTAINER_FORMAT.to_le_bytes());
        out.extend_from_slice(&self.kind);
        out.extend_from_slice(&self.version.to_le_bytes());
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        let mut offset = (header_len + 8) as u64;
        for (tag, bytes) in &self.sections {
            out.extend_from_slice(tag);
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            offset += bytes.len() as u64;
        }
        let checksum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        for (_, bytes) in &self.sections {
            out.extend_from_slice(bytes);
        }
        out
    }

    /// Writes the file to `path` atomically: a synced temporary file in the same folder,
    /// renamed over the old one, so readers see the old index or the new one, never a part.
    pub fn write_atomically(&self, path: &Path) -> std::io::Result<()> {
        write_atomically(path, &self.to_bytes())
    }
}

/// Writes `bytes` to `path` through a synced temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Little-endian reads that fail instead of panicking.
pub(crate) struct Reader<'a>(pub(crate) &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], Damaged> {
        if self.0.len() < n {
            return Err(Damaged("truncated"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Damaged> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, Damaged> {
        let bytes = self.take(8)?;
        let mut array = [0u8; 8];
        array.copy_from_slice(bytes);
        Ok(u64::from_le_bytes(array))
    }
}

/// The `u32` at item `index` of a little-endian `u32` array, if it is in range.
pub(crate) fn u32_at(array: &[u8], index: usize) -> Option<u32> {
    let start = index.checked_mul(4)?;
    let bytes = array.get(start..start.checked_add(4)?)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        let table = table::build(vec![(b"dan".to_vec(), 1), (b"di".to_vec(), 2)]).unwrap();
        let records = records::build([b"one".as_slice(), b"two"]).unwrap();
        let mut writer = IndexWriter::new(*b"TEST", 7);
        writer
            .section(*b"KEYS", table)
            .section(*b"RECS", records)
            .value(*b"META", &("name".to_owned(), 42u32));
        writer.to_bytes()
    }

    #[test]
    fn sections_round_trip() {
        let index = IndexFile::parse(Bytes::Owned(sample())).unwrap();
        assert_eq!(index.kind(), *b"TEST");
        assert_eq!(index.version(), 7);
        assert_eq!(index.table(b"KEYS").unwrap().get(b"di"), Some(2));
        assert_eq!(index.records(b"RECS").unwrap().get(1), Some(&b"two"[..]));
        let meta: (String, u32) = index.value(b"META").unwrap();
        assert_eq!(meta, ("name".to_owned(), 42));
        assert!(index.table(b"NONE").is_err());
    }

    #[test]
    fn a_file_is_mapped_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.idx");
        assert!(IndexFile::open(&path).unwrap().is_none());
        write_atomically(&path, &sample()).unwrap();
        let index = IndexFile::open(&path).unwrap().unwrap().unwrap();
        assert_eq!(index.table(b"KEYS").unwrap().get(b"dan"), Some(1));
        std::fs::write(&path, b"").unwrap();
        assert!(IndexFile::open(&path).unwrap().unwrap().is_err());
    }

    #[test]
    fn a_changed_header_or_truncation_is_damage() {
        let bytes = sample();
        let mut flipped = bytes.clone();
        flipped[14] ^= 1;
        assert!(IndexFile::parse(Bytes::Owned(flipped)).is_err());
        for cut in [0, 7, 20, 40, bytes.len() - 1] {
            assert!(
                IndexFile::parse(Bytes::Owned(bytes[..cut].to_vec())).is_err(),
                "cut at {cut}"
            );
        }
    }

    proptest! {
        /// Random bytes, and valid files with random bytes overwritten, never panic: they are
        /// refused, or every lookup answers something or nothing.
        #[test]
        fn random_bytes_never_panic(
            noise in proptest::collection::vec(any::<u8>(), 0..400),
            at in any::<usize>(),
            garbage in proptest::collection::vec(any::<u8>(), 1..40),
        ) {
            let _ = IndexFile::parse(Bytes::Owned(noise));
            let mut bytes = sample();
            let start = at % bytes.len();
            for (i, b) in garbage.iter().enumerate() {
                if let Some(slot) = bytes.get_mut(start + i) {
                    *slot = *b;
                }
            }
            if let Ok(index) = IndexFile::parse(Bytes::Owned(bytes)) {
                if let Ok(table) = index.table(b"KEYS") {
                    for key in [&b"dan"[..], b"di", b"", b"zzz"] {
                        let _ = table.get(key);
                        let _ = table.probe(key);
                    }
                    let _ = table.iter().count();
                }
                if let Ok(records) = index.records(b"RECS") {
                    for i in 0..4 {
                        let _ = records.get(i);
                    }
                }
                let _ = index.value::<(String, u32)>(b"META");
            }
        }
    }
}
