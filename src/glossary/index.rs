//! A binary index of a glossary folder, so a 100,000-term glossary loads without parsing its
//! TOML again. Keyed by a hash of every file's path and content (and kabar's version): any
//! change to any file, a new or removed file, or another kabar makes the key differ and the
//! index is rebuilt. A file that does not decode is ignored, never trusted. Written atomically.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Entry, Glossary, Problem};

const MAGIC: &[u8; 8] = b"KABARIDX";
/// Bumped whenever the stored layout or what loading produces changes.
const FORMAT: u32 = 1;

#[derive(Deserialize)]
struct Stored {
    entries: Vec<Entry>,
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
}

/// [`Stored`] borrowed, so writing the index does not copy a large glossary.
#[derive(Serialize)]
struct StoredRef<'a> {
    entries: &'a [Entry],
    files: &'a [PathBuf],
    problems: &'a [Problem],
}

/// The key of a set of files: their paths and contents, in order.
pub(super) fn key(files: &[(PathBuf, String)]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    FORMAT.hash(&mut hasher);
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for (path, text) in files {
        path.hash(&mut hasher);
        text.hash(&mut hasher);
    }
    hasher.finish()
}

/// Where the index of glossary folder `dir` lives inside `index_dir`.
pub(super) fn path_for(index_dir: &Path, dir: &Path) -> PathBuf {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .hash(&mut hasher);
    index_dir.join(format!("glossary-{:016x}.idx", hasher.finish()))
}

/// The glossary stored at `path` if it was built from files with this `key`.
pub(super) fn read(path: &Path, key: u64) -> Option<Glossary> {
    let bytes = std::fs::read(path).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    let (stored_key, payload) = rest.split_first_chunk::<8>()?;
    if u32::from_le_bytes(*format) != FORMAT || u64::from_le_bytes(*stored_key) != key {
        return None;
    }
    let stored: Stored = postcard::from_bytes(payload).ok()?;
    let mut glossary = Glossary {
        files: stored.files,
        problems: stored.problems,
        ..Glossary::default()
    };
    glossary.index.reserve(stored.entries.len());
    for (i, entry) in stored.entries.iter().enumerate() {
        glossary
            .index
            .insert(entry.key.clone(), super::EntryId(i as u32));
    }
    glossary.entries = stored.entries;
    Some(glossary)
}

/// Stores `glossary` at `path` under `key`: written to a temporary file in the same folder,
/// synced, then renamed, so a crash leaves the old index or the new one.
pub(super) fn write(path: &Path, key: u64, glossary: &Glossary) -> std::io::Result<()> {
    let stored = StoredRef {
        entries: &glossary.entries,
        files: &glossary.files,
        problems: &glossary.problems,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
        file.write_all(MAGIC)?;
        file.write_all(&FORMAT.to_le_bytes())?;
        file.write_all(&key.to_le_bytes())?;
        // Streamed: no second copy of a large glossary in memory.
        let mut file = postcard::to_io(&stored, file).map_err(std::io::Error::other)?;
        file.flush()?;
        file.get_ref().sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
