//! StarDict dictionaries: `NAME.ifo` (what the dictionary is), `NAME.idx` (headwords with the
//! offset and size of their data, optionally gzipped as `.idx.gz`), `NAME.dict` or its dictzip
//! form `NAME.dict.dz` (the data), and optionally `NAME.syn` (other forms pointing at
//! headwords). Read whole once, when the dictionary is indexed; every offset, size and count
//! is checked, and a file that does not add up is an error naming the file and the byte.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::definition::{self, Definition};
use super::{DictionaryError, Position, SourceDictionary};

/// Largest `.dict` (after decompression) or `.idx` kabar reads: far above any real
/// dictionary, far below what would exhaust memory (a gzip bomb).
const MAX_FILE_BYTES: u64 = 1 << 30;

/// The files of one StarDict dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Files {
    /// The `.ifo` file.
    pub ifo: PathBuf,
    /// The `.idx` or `.idx.gz` file.
    pub idx: PathBuf,
    /// The `.dict` or `.dict.dz` file.
    pub dict: PathBuf,
    /// The `.syn` file, when there is one.
    pub syn: Option<PathBuf>,
}

impl Files {
    /// The files of the dictionary whose `.ifo` is `ifo`.
    pub fn of(ifo: &Path) -> Result<Files, DictionaryError> {
        let stem = ifo.with_extension("");
        let with = |ext: &str| {
            let mut name = stem.clone().into_os_string();
            name.push(ext);
            PathBuf::from(name)
        };
        let first = |names: &[&str]| names.iter().map(|n| with(n)).find(|p| p.is_file());
        let missing = |what: &str| DictionaryError::Malformed {
            path: ifo.to_path_buf(),
            at: Position::Whole,
            message: format!(
                "the {what} file is missing; a StarDict dictionary needs {0}.ifo, {0}.idx and {0}.dict or {0}.dict.dz side by side",
                stem.file_name().unwrap_or_default().to_string_lossy()
            ),
        };
        Ok(Files {
            ifo: ifo.to_path_buf(),
            idx: first(&[".idx", ".idx.gz"]).ok_or_else(|| missing(".idx"))?,
            dict: first(&[".dict", ".dict.dz"]).ok_or_else(|| missing(".dict"))?,
            syn: first(&[".syn"]),
        })
    }

    /// Every file, for fingerprinting.
    pub fn all(&self) -> Vec<PathBuf> {
        let mut files = vec![self.ifo.clone(), self.idx.clone(), self.dict.clone()];
        files.extend(self.syn.clone());
        files
    }
}

/// What the `.ifo` file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Info {
    bookname: String,
    wordcount: usize,
    synwordcount: Option<usize>,
    offset_bits: u32,
    sametypesequence: Option<String>,
}

/// Reads the whole dictionary.
pub fn read(files: &Files) -> Result<SourceDictionary, DictionaryError> {
    let info = read_info(&files.ifo)?;
    let idx = read_file(&files.idx)?;
    let dict = read_file(&files.dict)?;
    let mut entries = Vec::with_capacity(info.wordcount.min(1 << 20));
    let mut at = 0usize;
    let offset_bytes = (info.offset_bits / 8) as usize;
    let malformed = |path: &Path, offset: usize, message: String| DictionaryError::Malformed {
        path: path.to_path_buf(),
        at: Position::Byte(offset as u64),
        message,
    };
    while at < idx.len() {
        let start = at;
        let Some(nul) = idx[at..].iter().position(|&b| b == 0) else {
            return Err(malformed(
                &files.idx,
                start,
                "a headword is not ended by a NUL byte (the file is cut off or not an .idx)".into(),
            ));
        };
        let word = std::str::from_utf8(&idx[at..at + nul])
            .map_err(|_| malformed(&files.idx, start, "a headword is not UTF-8 text".into()))?
            .to_owned();
        at += nul + 1;
        let need = offset_bytes + 4;
        let Some(numbers) = idx.get(at..at + need) else {
            return Err(malformed(
                &files.idx,
                start,
                format!("the entry for {word:?} is cut off"),
            ));
        };
        at += need;
        let offset = if offset_bytes == 8 {
            u64::from_be_bytes(numbers[..8].try_into().unwrap_or_default())
        } else {
            u64::from(u32::from_be_bytes(
                numbers[..4].try_into().unwrap_or_default(),
            ))
        };
        let size = u32::from_be_bytes(numbers[offset_bytes..].try_into().unwrap_or_default());
        let data = usize::try_from(offset)
            .ok()
            .and_then(|offset| dict.get(offset..offset.checked_add(size as usize)?))
            .ok_or_else(|| {
                malformed(
                    &files.idx,
                    start,
                    format!(
                        "the entry for {word:?} points at bytes {offset}..{} of {}, which has only {} bytes",
                        offset + u64::from(size),
                        files.dict.display(),
                        dict.len()
                    ),
                )
            })?;
        entries.push(definition_of(&word, data, info.sametypesequence.as_deref()));
    }
    if entries.len() != info.wordcount {
        return Err(DictionaryError::Malformed {
            path: files.idx.clone(),
            at: Position::Whole,
            message: format!(
                "holds {} headwords but {} says wordcount={}",
                entries.len(),
                files.ifo.display(),
                info.wordcount
            ),
        });
    }
    let forms = match &files.syn {
        Some(path) => read_syn(path, entries.len(), info.synwordcount)?,
        None => Vec::new(),
    };
    Ok(SourceDictionary {
        label: info.bookname,
        entries,
        forms,
    })
}

fn read_info(path: &Path) -> Result<Info, DictionaryError> {
    let bytes = read_file(path)?;
    let text = String::from_utf8(bytes).map_err(|err| DictionaryError::Malformed {
        path: path.to_path_buf(),
        at: Position::Byte(err.utf8_error().valid_up_to() as u64),
        message: "not UTF-8 text".into(),
    })?;
    let at_line = |line: usize, message: String| DictionaryError::Malformed {
        path: path.to_path_buf(),
        at: Position::Line(line),
        message,
    };
    let mut lines = text.lines();
    if lines
        .next()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        != Some("StarDict's dict ifo file")
    {
        return Err(at_line(
            1,
            "the first line must be \"StarDict's dict ifo file\"".into(),
        ));
    }
    let mut info = Info {
        offset_bits: 32,
        ..Info::default()
    };
    let mut wordcount = None;
    for (index, line) in text.lines().enumerate().skip(1) {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let number = |value: &str| {
            value
                .trim()
                .parse::<usize>()
                .map_err(|_| at_line(index + 1, format!("{key}={value}: expected a whole number")))
        };
        match key.trim() {
            "bookname" => info.bookname = definition::clean_inline(value),
            "wordcount" => wordcount = Some(number(value)?),
            "synwordcount" => info.synwordcount = Some(number(value)?),
            "idxoffsetbits" => {
                info.offset_bits = match value.trim() {
                    "32" => 32,
                    "64" => 64,
                    other => {
                        return Err(at_line(
                            index + 1,
                            format!("idxoffsetbits={other}: must be 32 or 64"),
                        ));
                    }
                }
            }
            "sametypesequence" => info.sametypesequence = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    info.wordcount = wordcount.ok_or_else(|| DictionaryError::Malformed {
        path: path.to_path_buf(),
        at: Position::Whole,
        message: "has no wordcount= line".into(),
    })?;
    if info.bookname.is_empty() {
        info.bookname = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
    }
    Ok(info)
}

/// `.syn`: a NUL-terminated form, then the number (big-endian `u32`) of its headword.
fn read_syn(
    path: &Path,
    headwords: usize,
    expected: Option<usize>,
) -> Result<Vec<(String, u32)>, DictionaryError> {
    let bytes = read_file(path)?;
    let mut forms = Vec::with_capacity(expected.unwrap_or(0).min(1 << 21));
    let mut at = 0;
    let malformed = |offset: usize, message: String| DictionaryError::Malformed {
        path: path.to_path_buf(),
        at: Position::Byte(offset as u64),
        message,
    };
    while at < bytes.len() {
        let start = at;
        let nul = bytes[at..]
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| malformed(start, "a form is not ended by a NUL byte".into()))?;
        let form = std::str::from_utf8(&bytes[at..at + nul])
            .map_err(|_| malformed(start, "a form is not UTF-8 text".into()))?
            .to_owned();
        at += nul + 1;
        let number = bytes
            .get(at..at + 4)
            .ok_or_else(|| malformed(start, format!("the form {form:?} is cut off")))?;
        at += 4;
        let index = u32::from_be_bytes(number.try_into().unwrap_or_default());
        if index as usize >= headwords {
            return Err(malformed(
                start,
                format!(
                    "the form {form:?} points at headword {index}, but there are only {headwords}"
                ),
            ));
        }
        forms.push((form, index));
    }
    if let Some(expected) = expected
        && expected != forms.len()
    {
        return Err(DictionaryError::Malformed {
            path: path.to_path_buf(),
            at: Position::Whole,
            message: format!(
                "holds {} forms but the .ifo says synwordcount={expected}",
                forms.len()
            ),
        });
    }
    Ok(forms)
}

/// One headword's data: typed fields, plain or HTML or markup; binary fields are skipped.
fn definition_of(word: &str, data: &[u8], sametypesequence: Option<&str>) -> Definition {
    let mut texts: Vec<(char, String)> = Vec::new();
    match sametypesequence {
        Some(types) => {
            let types: Vec<char> = types.chars().collect();
            let mut rest = data;
            for (i, &kind) in types.iter().enumerate() {
                let last = i + 1 == types.len();
                let (field, after) = split_field(rest, kind, last);
                push_text(&mut texts, kind, field);
                rest = after;
            }
        }
        None => {
            let mut rest = data;
            while let Some((&kind, after)) = rest.split_first() {
                let (field, after) = split_field(after, kind as char, false);
                push_text(&mut texts, kind as char, field);
                rest = after;
            }
        }
    }
    let html = texts
        .iter()
        .any(|(kind, _)| matches!(kind, 'h' | 'g' | 'x'));
    let joined: Vec<String> = texts.into_iter().map(|(_, text)| text).collect();
    definition::from_dictionary_text(word, &joined.join(if html { "<br>" } else { "\n" }), html)
}

/// The field of type `kind` at the start of `data` and what follows it. Lower-case types are
/// NUL-terminated text, upper-case ones carry a big-endian `u32` size; the last field of a
/// `sametypesequence` entry runs to the end.
fn split_field(data: &[u8], kind: char, last: bool) -> (&[u8], &[u8]) {
    if last {
        return (data, &[]);
    }
    if kind.is_ascii_lowercase() {
        match data.iter().position(|&b| b == 0) {
            Some(nul) => (&data[..nul], &data[nul + 1..]),
            None => (data, &[]),
        }
    } else {
        let Some(size) = data.get(..4) else {
            return (&[], &[]);
        };
        let size = u32::from_be_bytes(size.try_into().unwrap_or_default()) as usize;
        let body = &data[4..];
        let size = size.min(body.len());
        (&body[..size], &body[size..])
    }
}

fn push_text(texts: &mut Vec<(char, String)>, kind: char, field: &[u8]) {
    // m plain, l locale text, g Pango markup, t phonetics, x XDXF, y yinbiao, k KingSoft,
    // w MediaWiki, h HTML, n WordNet; the rest (sounds, pictures, resources) are not text.
    if matches!(
        kind,
        'm' | 'l' | 'g' | 't' | 'x' | 'y' | 'k' | 'w' | 'h' | 'n'
    ) {
        let text = String::from_utf8_lossy(field).into_owned();
        let text = if kind == 't' {
            format!("/{text}/")
        } else {
            text
        };
        texts.push((kind, text));
    }
}

/// A file's bytes; `.gz`/`.dz` files are decompressed (dictzip is gzip), within
/// [`MAX_FILE_BYTES`].
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, DictionaryError> {
    let io = |source| DictionaryError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let compressed = path
        .extension()
        .is_some_and(|ext| ext == "dz" || ext == "gz");
    let mut bytes = Vec::new();
    let limit = MAX_FILE_BYTES + 1;
    let read = if compressed {
        flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file))
            .take(limit)
            .read_to_end(&mut bytes)
    } else {
        file.take(limit).read_to_end(&mut bytes)
    };
    read.map_err(|err| match err.kind() {
        std::io::ErrorKind::InvalidInput
        | std::io::ErrorKind::InvalidData
        | std::io::ErrorKind::UnexpectedEof
            if compressed =>
        {
            DictionaryError::Malformed {
                path: path.to_path_buf(),
                at: Position::Whole,
                message: format!("not a valid gzip/dictzip file: {err}"),
            }
        }
        _ => io(err),
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(DictionaryError::Malformed {
            path: path.to_path_buf(),
            at: Position::Whole,
            message: "larger than 1 GB (after decompression); not read".into(),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) use crate::dictionaries::test_files::write_stardict as write;

    #[test]
    fn reads_headwords_definitions_and_forms_from_dictzip() {
        let dir = tempfile::tempdir().unwrap();
        let ifo = write(
            dir.path(),
            "kamus",
            &[
                ("bandara", "<i>noun</i><br><ol><li>airport</li></ol>"),
                ("makan", "<ol><li>eat</li></ol>"),
            ],
            &[("makanan", 1)],
            true,
        );
        let files = Files::of(&ifo).unwrap();
        assert!(files.dict.to_string_lossy().ends_with(".dict.dz"));
        let source = read(&files).unwrap();
        assert_eq!(source.label, "kamus test");
        assert_eq!(source.entries[0].senses, ["airport"]);
        assert_eq!(source.entries[0].pos.as_deref(), Some("noun"));
        assert_eq!(source.forms, [("makanan".to_owned(), 1)]);
    }

    #[test]
    fn broken_files_are_errors_naming_the_file_and_byte() {
        let dir = tempfile::tempdir().unwrap();
        let ifo = write(
            dir.path(),
            "k",
            &[("a", "x"), ("b", "y")],
            &[("c", 1)],
            false,
        );
        let files = Files::of(&ifo).unwrap();
        // An offset past the end of .dict.
        let mut idx = std::fs::read(&files.idx).unwrap();
        let last = idx.len() - 8;
        idx[last..last + 4].copy_from_slice(&1000u32.to_be_bytes());
        std::fs::write(&files.idx, &idx).unwrap();
        let err = read(&files).unwrap_err().to_string();
        assert!(
            err.contains("k.idx: byte 10:")
                && err.contains("\"b\"")
                && err.contains("only 2 bytes"),
            "{err}"
        );
        // Cut off in the middle of an entry.
        std::fs::write(&files.idx, &idx[..idx.len() - 3]).unwrap();
        let err = read(&files).unwrap_err().to_string();
        assert!(err.contains("cut off"), "{err}");
        // A form pointing nowhere.
        write(dir.path(), "k", &[("a", "x")], &[("c", 7)], false);
        let err = read(&Files::of(&ifo).unwrap()).unwrap_err().to_string();
        assert!(
            err.contains("k.syn: byte 0:") && err.contains("headword 7"),
            "{err}"
        );
        // A wrong .ifo.
        std::fs::write(&ifo, "not stardict\n").unwrap();
        let err = read(&Files::of(&ifo).unwrap()).unwrap_err().to_string();
        assert!(err.contains("k.ifo:1:"), "{err}");
        std::fs::write(&ifo, "StarDict's dict ifo file\nwordcount=many\n").unwrap();
        let err = read(&Files::of(&ifo).unwrap()).unwrap_err().to_string();
        assert!(
            err.contains("k.ifo:2:") && err.contains("whole number"),
            "{err}"
        );
        // Not gzip at all.
        std::fs::remove_file(dir.path().join("k.dict")).unwrap();
        std::fs::write(dir.path().join("k.dict.dz"), b"garbage").unwrap();
        write_ifo_only(&ifo, 1);
        let err = read(&Files::of(&ifo).unwrap()).unwrap_err().to_string();
        assert!(err.contains("k.dict.dz") && err.contains("gzip"), "{err}");
        std::fs::remove_file(dir.path().join("k.idx")).unwrap();
        let err = Files::of(&ifo).unwrap_err().to_string();
        assert!(err.contains(".idx file is missing"), "{err}");
    }

    fn write_ifo_only(ifo: &Path, words: usize) {
        std::fs::write(
            ifo,
            format!("StarDict's dict ifo file\nwordcount={words}\nsametypesequence=h\n"),
        )
        .unwrap();
    }

    #[test]
    fn typed_fields_without_a_sametypesequence_are_read_and_binary_ones_skipped() {
        let mut data = Vec::new();
        data.push(b't');
        data.extend_from_slice(b"ma-kan\0");
        data.push(b'W');
        data.extend_from_slice(&3u32.to_be_bytes());
        data.extend_from_slice(b"\x00\x01\x02");
        data.push(b'm');
        data.extend_from_slice(b"1. eat\n2. consume\0");
        let d = definition_of("makan", &data, None);
        assert_eq!(d.senses, ["eat", "consume"]);
        assert!(d.text.unwrap().contains("/ma-kan/"));
    }

    proptest! {
        /// Random .idx, .dict and .syn bytes are read or refused, never a panic.
        #[test]
        fn random_files_never_panic(
            idx in proptest::collection::vec(any::<u8>(), 0..200),
            dict in proptest::collection::vec(any::<u8>(), 0..200),
            syn in proptest::collection::vec(any::<u8>(), 0..60),
            words in 0usize..5,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let ifo = dir.path().join("r.ifo");
            std::fs::write(&ifo, format!("StarDict's dict ifo file\nwordcount={words}\n")).unwrap();
            std::fs::write(dir.path().join("r.idx"), idx).unwrap();
            std::fs::write(dir.path().join("r.dict"), dict).unwrap();
            std::fs::write(dir.path().join("r.syn"), syn).unwrap();
            if let Ok(source) = read(&Files::of(&ifo).unwrap()) {
                for d in &source.entries {
                    prop_assert!(d.senses.iter().all(|s| !s.chars().any(char::is_control)));
                }
            }
        }
    }
}
