//! Reading a glossary folder: every file's text (a file that cannot be read or is not UTF-8
//! is a problem at its place), parsed on every core, merged in file order with duplicates
//! reported, and the binary index used when fresh and written when not.

use std::path::{Path, PathBuf};

use super::{Entry, EntryId, FileId, Glossary, Problem, files, index, parse};
use crate::text::LineCol;

impl Glossary {
    /// Loads every `*.toml` file under `dir` (recursively, in name order). A broken file is
    /// reported in [`Glossary::problems`] and skipped; the others still load. Only a folder that
    /// cannot be listed at all is an error.
    pub fn load_dir(dir: &Path) -> std::io::Result<Glossary> {
        Glossary::load_dir_indexed(dir, None)
    }

    /// [`Glossary::load_dir`], using and refreshing a binary index kept in `index_dir` (a
    /// cache folder) when one is given: unchanged files load without parsing TOML again.
    pub fn load_dir_indexed(dir: &Path, index_dir: Option<&Path>) -> std::io::Result<Glossary> {
        let paths = files::collect(dir)?;
        let index = index_dir.map(|d| index::path_for(d, dir));
        // Unchanged files: the index opens without reading any of them.
        if let Some(path) = &index
            && let Some(glossary) = index::open(path, &paths)
        {
            return Ok(glossary);
        }
        let mut unreadable = Vec::new();
        let mut texts = Vec::with_capacity(paths.len());
        let mut sources = Vec::with_capacity(paths.len());
        for path in paths {
            // Taken before reading: a change while reading makes the index stale, not wrong.
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            match read_text(&path) {
                Ok(text) => {
                    sources.push(crate::dictionaries::installed::Fingerprint::of_text(
                        &path,
                        modified,
                        text.as_bytes(),
                    ));
                    texts.push((path, text));
                }
                Err(problem) => unreadable.push(problem),
            }
        }
        let unread: Vec<PathBuf> = unreadable.iter().map(|p| p.path.clone()).collect();
        let all_read = unreadable.is_empty();
        let mut glossary = Glossary {
            problems: unreadable,
            ..Glossary::default()
        };
        // Files parse independently, so large glossaries use every core; merging stays in
        // file order, so ids, duplicates and problems come out the same as a serial load.
        let parsed = parse_in_parallel(&texts);
        for ((path, text), parsed) in texts.iter().zip(parsed) {
            glossary.merge(path.clone(), text, parsed);
        }
        // Files that could not be read are still glossary files (after the others, so entry
        // ids stay valid): `check` counts them and names their problem.
        glossary.files.extend(unread);
        // The index is only for a folder whose files all read; a cache that cannot be
        // written only costs speed next time.
        if let Some(path) = index.filter(|_| all_read) {
            let _ = index::write(&path, &glossary, sources);
        }
        Ok(glossary)
    }

    /// Parses one file's text and merges its entries; `path` names the file in problems.
    pub fn add_file(&mut self, path: PathBuf, text: &str) {
        let parsed = parse::parse_file(text, &path, FileId(self.files.len() as u32));
        self.merge(path, text, parsed);
    }

    fn merge(&mut self, path: PathBuf, text: &str, parsed: parse::ParsedFile) {
        self.problems.extend(parsed.problems);
        for entry in parsed.entries {
            self.insert(entry, text, &path);
        }
        self.files.push(path);
    }

    fn insert(&mut self, entry: Entry, text: &str, path: &Path) {
        if let Some(existing) = self.lookup_folded(&entry.key) {
            let first = self.entry(existing);
            let message = format!(
                "\"{}\" is already defined at {}:{}; keep one of the two entries",
                entry.term,
                self.files
                    .get(first.file.0 as usize)
                    .map_or(path, |p| p.as_path())
                    .display(),
                first.at
            );
            self.problems
                .push(Problem::new(path, entry.at, message).with_source_line(text));
            return;
        }
        let (entries, index) = self.parsed_mut();
        let id = EntryId(entries.len() as u32);
        index.insert(entry.key.clone(), id);
        entries.push(entry);
    }
}

/// Parses `files` on up to as many threads as there are cores; results in input order.
fn parse_in_parallel(files: &[(PathBuf, String)]) -> Vec<parse::ParsedFile> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 {
        return files
            .iter()
            .enumerate()
            .map(|(i, (path, text))| parse::parse_file(text, path, FileId(i as u32)))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, parse::ParsedFile)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((path, text)) = files.get(i) else {
                            break;
                        };
                        done.push((i, parse::parse_file(text, path, FileId(i as u32))));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut results = results.into_iter().peekable();
    // A file whose worker died is parsed again here rather than silently dropped.
    (0..files.len())
        .map(|i| match results.next_if(|(done, _)| *done == i) {
            Some((_, parsed)) => parsed,
            None => parse::parse_file(&files[i].1, &files[i].0, FileId(i as u32)),
        })
        .collect()
}

/// A glossary file's text; a file that cannot be read, or is not UTF-8, is a problem naming
/// where (for bad bytes, the line and column of the first one).
fn read_text(path: &Path) -> Result<String, Problem> {
    let bytes = std::fs::read(path).map_err(|err| {
        Problem::new(
            path,
            LineCol { line: 1, col: 1 },
            format!("cannot read this glossary file: {err}"),
        )
    })?;
    String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let valid = err.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let at = LineCol::of(&before, valid);
        let byte = bytes[valid];
        Problem::new(
            path,
            at,
            format!(
                "not UTF-8 text (byte 0x{byte:02X} here); save the file as UTF-8, its entries are not loaded until then"
            ),
        )
        .with_source_line(&String::from_utf8_lossy(bytes))
    })
}
